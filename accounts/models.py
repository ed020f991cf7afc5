from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.roles import Capability


class Institution(models.Model):
    """A beneficiary institution of the action, or another body users belong to."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        POLICE = "police", _("Police")
        PROSECUTION = "prosecution", _("Prosecution")
        COURT = "court", _("Court")
        ACADEMY = "academy", _("Training academy")
        VICTIM_SERVICES = "victim_services", _("Victim services")
        BAR = "bar", _("Bar association")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        INTERNATIONAL = "international", _("International organisation")
        OTHER = "other", _("Other")

    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("Stable identifier used by imports.")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    """Create users who sign in with their e-mail address instead of a user name."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email):
        # E-mail addresses are stored in lower case; sign-in ignores the case typed.
        return self.get(email__iexact=email)

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in: legal professionals, editors, trainers and project staff."""

    class Profession(models.TextChoices):
        PROSECUTOR = "prosecutor", _("Prosecutor")
        JUDGE = "judge", _("Judge")
        POLICE_OFFICER = "police_officer", _("Police officer")
        LAWYER = "lawyer", _("Lawyer")
        VICTIM_ADVOCATE = "victim_advocate", _("Victim advocate")
        SOCIAL_WORKER = "social_worker", _("Social worker")
        TRAINER = "trainer", _("Trainer")
        PROJECT_STAFF = "project_staff", _("Project staff")
        OTHER = "other", _("Other")

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        NOT_STATED = "not_stated", _("Not stated")

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of the pages and e-mails after sign-in."),
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    profession = models.CharField(
        _("profession"), max_length=30, choices=Profession.choices, default=Profession.OTHER
    )
    sex = models.CharField(
        _("sex"),
        max_length=20,
        choices=Sex.choices,
        default=Sex.NOT_STATED,
        help_text=_("Used only for the disaggregated training figures that donors request."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        permissions = [(capability.value, capability.label) for capability in Capability]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


# The audit trail lives in accounts so that every app can record into it.
from accounts.audit import AuditEvent  # noqa: E402, F401
