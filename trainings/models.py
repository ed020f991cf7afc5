"""Courses, sessions, participants, registrations and day-by-day attendance."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Institution, User
from accounts.roles import Capability, user_can
from common.storage import private_storage

Sex = User.Sex
Profession = User.Profession


class Course(models.Model):
    """A training course that sessions deliver, with its teaching material."""

    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("Stable identifier used by imports.")
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    topics = models.TextField(
        _("topics"), blank=True, help_text=_("One topic a line, as listed in the curriculum.")
    )
    learning_objectives = models.TextField(
        _("learning objectives"),
        blank=True,
        help_text=_("What participants can do after the course, one objective a line."),
    )
    target_professions = ArrayField(
        models.CharField(max_length=30, choices=Profession.choices),
        verbose_name=_("target professions"),
        default=list,
        blank=True,
    )
    required_attendance_percent = models.PositiveSmallIntegerField(
        _("required attendance (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Share of the session days, in per cent, a participant must attend (present or "
            "late) to receive a certificate of attendance."
        ),
    )
    judgments = models.ManyToManyField(
        "caselaw.Judgment",
        verbose_name=_("teaching judgments"),
        blank=True,
        related_name="training_courses",
        help_text=_(
            "Case-law used as teaching material. Pages list only the judgments the reader may see."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class CourseMaterialQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Materials `user` may download: all for trainers and staff, else those of the
        courses the user is registered for as a participant."""
        if user_can(user, Capability.MANAGE_OWN_TRAININGS):
            return self
        if not user.is_authenticated:
            return self.none()
        courses = Course.objects.filter(sessions__registrations__participant__user=user)
        return self.filter(course__in=courses.values("pk"))


class CourseMaterial(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=250)
    file = models.FileField(_("file"), upload_to="trainings/materials/%Y/", storage=private_storage)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = CourseMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("course material")
        verbose_name_plural = _("course materials")
        ordering = ["course", "title"]

    def __str__(self) -> str:
        return self.title


class Trainer(models.Model):
    """An entry of the register of trainers: a platform user or an external trainer."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trainer_profile",
        help_text=_("Empty for an external trainer without an account."),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    certified_courses = models.ManyToManyField(
        Course,
        verbose_name=_("certified courses"),
        blank=True,
        related_name="certified_trainers",
        help_text=_("Courses this trainer is certified to deliver."),
    )

    class Meta:
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_external(self) -> bool:
        return self.user_id is None


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Sessions `user` may see: all for staff, their own for trainers, else none."""
        if user_can(user, Capability.MANAGE_ALL_TRAININGS):
            return self
        if user_can(user, Capability.MANAGE_OWN_TRAININGS):
            own = self.filter(Q(created_by=user) | Q(trainers__user=user)).values("pk")
            return self.filter(pk__in=own)
        return self.none()


class TrainingSession(models.Model):
    """One delivery of a course, over one or several consecutive days."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for registration")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class Language(models.TextChoices):
        ALBANIAN = "sq", _("Albanian")
        SERBIAN = "sr", _("Serbian")
        ENGLISH = "en", _("English")
        ALBANIAN_SERBIAN = "sq+sr", _("Albanian and Serbian (interpreted)")

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.ALBANIAN
    )
    trainers = models.ManyToManyField(
        Trainer, verbose_name=_("trainers"), blank=True, related_name="sessions"
    )
    organiser = models.ForeignKey(
        Institution,
        verbose_name=_("organising institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_training_sessions",
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats available; empty if unlimited.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="trainings_session_end_not_before_start",
                violation_error_message=_("The end date must not be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.course} ({self.start_date:%d.%m.%Y})"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end date must not be before the start date.")}
            )

    @property
    def days(self) -> list[date]:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + timedelta(days=offset) for offset in range(count)]

    def has_day(self, day: date) -> bool:
        return self.start_date <= day <= self.end_date


class ParticipantQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Participants `user` may see: all for staff; for trainers, those of their sessions."""
        if user_can(user, Capability.MANAGE_ALL_TRAININGS):
            return self
        if user_can(user, Capability.MANAGE_OWN_TRAININGS):
            sessions = TrainingSession.objects.visible_to(user).values("pk")
            own = self.filter(Q(created_by=user) | Q(registrations__session__in=sessions)).values(
                "pk"
            )
            return self.filter(pk__in=own)
        return self.none()


class Participant(models.Model):
    """A person trained: a platform user, or a person without an account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant",
        help_text=_("The platform account of this person, if any."),
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    sex = models.CharField(_("sex"), max_length=20, choices=Sex.choices, default=Sex.NOT_STATED)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_participants",
    )
    profession = models.CharField(
        _("profession"), max_length=30, choices=Profession.choices, default=Profession.OTHER
    )
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("Job title or rank.")
    )
    email = models.EmailField(
        _("e-mail address"),
        blank=True,
        help_text=_("Stored in lower case; two participants cannot share an address."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of the certificate of attendance."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="trainings_participant_unique_email",
                violation_error_message=_("A participant with this e-mail address exists."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(session__in=TrainingSession.objects.visible_to(user).values("pk"))

    def of_user(self, user):
        """Registrations of `user`: by account, or by e-mail where no account is linked yet."""
        if not user.is_authenticated:
            return self.none()
        match = Q(participant__user=user)
        if user.email:
            match |= Q(participant__user__isnull=True, participant__email__iexact=user.email)
        return self.filter(match)

    def attended(self):
        """Registrations with at least one day marked present or late."""
        days = Attendance.objects.filter(
            registration=models.OuterRef("pk"), status__in=Attendance.ATTENDED
        )
        return self.filter(models.Exists(days))


class Registration(models.Model):
    """A participant registered in a session, with optional test scores and evaluation."""

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    is_walk_in = models.BooleanField(
        _("walk-in"), default=False, help_text=_("Added on the day, without prior registration.")
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    pre_test_score = models.DecimalField(
        _("score before"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Knowledge test score before the course, 0 to 100; empty if not taken."),
    )
    post_test_score = models.DecimalField(
        _("score after"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Knowledge test score after the course, 0 to 100; empty if not taken."),
    )
    evaluation_rating = models.PositiveSmallIntegerField(
        _("evaluation rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("The participant's rating of the session, 1 (poor) to 5 (excellent)."),
    )
    evaluation_comment = models.TextField(_("evaluation comment"), blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["session", "participant__last_name", "participant__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"],
                name="trainings_registration_unique",
                violation_error_message=_("This participant is already registered."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.session}"


class AttendanceQuerySet(models.QuerySet):
    def visible_to(self, user):
        sessions = TrainingSession.objects.visible_to(user).values("pk")
        return self.filter(registration__session__in=sessions)

    def attended(self):
        return self.filter(status__in=Attendance.ATTENDED)


class Attendance(models.Model):
    """Attendance of one registered participant on one day of the session.

    Every change is kept in the history table (who, when, previous value).
    """

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    ATTENDED = (Status.PRESENT, Status.LATE)

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    day = models.DateField(_("day"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    is_self_check_in = models.BooleanField(
        _("self check-in"), default=False, help_text=_("Recorded by the participant's QR scan.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    history = HistoricalRecords()
    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance records")
        ordering = ["day", "registration"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day"],
                name="trainings_attendance_one_per_day",
                violation_error_message=_("Attendance for this day is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration.participant} {self.day:%d.%m.%Y}: {self.get_status_display()}"

    def clean(self):
        super().clean()
        session = self.registration.session if self.registration_id else None
        if session and self.day and not session.has_day(self.day):
            raise ValidationError(
                {
                    "day": _("%(day)s is not a day of this session (%(start)s to %(end)s).")
                    % {
                        "day": f"{self.day:%d.%m.%Y}",
                        "start": f"{session.start_date:%d.%m.%Y}",
                        "end": f"{session.end_date:%d.%m.%Y}",
                    }
                }
            )


class ParticipantImport(models.Model):
    """A parsed participant list waiting for the trainer's confirmation.

    `rows` contains one object per data row: the cleaned values, the row number in the file
    and its errors and warnings. Nothing reaches Participant or Registration until the
    import is confirmed, and then all rows are saved in one transaction or none.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="imports",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    filename = models.CharField(_("file name"), max_length=255)
    rows = models.JSONField(_("parsed rows"), default=list)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant import")
        verbose_name_plural = _("participant imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.get("errors"))
