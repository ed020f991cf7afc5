"""Monitoring findings (GRETA and other bodies), their recommendations and progress.

A recommendation's history is the list of its progress updates, which are append-only:
once saved, an update keeps its content, and only its review (confirmation) is recorded
later, once. Its status "as of" a date is computed in greta.selectors.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.roles import Capability, user_can
from greta.caselaw_filters import validate_caselaw_filter
from greta.validators import validate_evidence_link


class MonitoringBody(models.TextChoices):
    GRETA = "greta", _("GRETA (Council of Europe)")
    US_TIP = "us_tip", _("US Trafficking in Persons report")
    UN_TREATY_BODY = "un_treaty_body", _("UN treaty body")
    EU_REPORT = "eu_report", _("EU annual report on Kosovo*")
    OTHER = "other", _("Other monitoring body")


class Strength(models.TextChoices):
    """Strength of a recommendation's wording, taken from GRETA's verb."""

    URGES = "urges", _("urges")
    CONSIDERS = "considers", _("considers")
    INVITES = "invites", _("invites")
    UNKNOWN = "unknown", _("unknown")


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTIALLY_IMPLEMENTED = "partially_implemented", _("Partially implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    NO_LONGER_RELEVANT = "no_longer_relevant", _("No longer relevant")


class ConventionArticle(models.Model):
    """An article of the Convention on Action against Trafficking in Human Beings (CETS 197)."""

    number = models.PositiveSmallIntegerField(_("article number"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    chapter = models.CharField(
        _("chapter"), max_length=10, blank=True, help_text=_("Roman numeral, e.g. III.")
    )

    class Meta:
        verbose_name = _("Convention article")
        verbose_name_plural = _("Convention articles")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Theme(models.Model):
    """A theme (prevention, protection, prosecution, partnership) or a finer topic of one."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="topics",
        help_text=_("Empty for a main theme; the main theme for a finer topic."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class Assessment(models.Model):
    """A report of a monitoring body on one country or territory."""

    source_key = models.SlugField(
        _("source key"), max_length=80, unique=True, help_text=_("Stable identifier for imports.")
    )
    body = models.CharField(
        _("monitoring body"),
        max_length=30,
        choices=MonitoringBody.choices,
        default=MonitoringBody.GRETA,
    )
    title = models.CharField(_("title"), max_length=300)
    country = models.CharField(_("country or territory"), max_length=100)
    round = models.CharField(
        _("evaluation round"),
        max_length=200,
        blank=True,
        help_text=_("Round number or description; empty when the report does not state it."),
    )
    reference = models.CharField(
        _("reference"),
        max_length=60,
        blank=True,
        help_text=_("Document symbol, e.g. GRETA(2020)09."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    published_on = models.DateField(
        _("published on"), null=True, blank=True, help_text=_("Empty when not known.")
    )
    document_url = models.URLField(_("document link"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-published_on", "country", "source_key"]

    def __str__(self) -> str:
        return self.title


class RecommendationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every recommendation for readers; none for users without the capability."""
        if user_can(user, Capability.VIEW_RECOMMENDATIONS):
            return self.all()
        return self.none()

    def proposable_by(self, user):
        """Recommendations for which `user` may propose a progress update."""
        if user_can(user, Capability.MANAGE_RECOMMENDATIONS):
            return self.all()
        if not user_can(user, Capability.PROPOSE_PROGRESS) or user.institution_id is None:
            return self.none()
        return self.filter(institutions=user.institution_id)

    def with_list_relations(self):
        return self.select_related("assessment", "theme").prefetch_related(
            "institutions", "articles", "topics"
        )


class Recommendation(models.Model):
    source_key = models.SlugField(
        _("source key"),
        max_length=80,
        unique=True,
        help_text=_("Stable identifier used by imports and sample data."),
    )
    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    number = models.CharField(
        _("number in report"),
        max_length=20,
        blank=True,
        help_text=_("As printed in the report; empty when not known. Never guessed."),
    )
    paragraph = models.PositiveIntegerField(
        _("paragraph"), null=True, blank=True, help_text=_("Paragraph of the report, if known.")
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Order of the recommendation within its source.")
    )
    text = models.TextField(
        _("summary"), help_text=_("Short summary of what is asked, in each language.")
    )
    original_text = models.TextField(
        _("original text"),
        blank=True,
        help_text=_("Official wording, verbatim, in its original language; empty if not loaded."),
    )
    original_language = models.CharField(_("original language"), max_length=10, default="en")
    strength = models.CharField(
        _("strength"),
        max_length=20,
        choices=Strength.choices,
        default=Strength.UNKNOWN,
        help_text=_("The verb GRETA used; unknown for other wording or other bodies."),
    )
    articles = models.ManyToManyField(
        ConventionArticle,
        verbose_name=_("Convention articles"),
        blank=True,
        related_name="recommendations",
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        related_name="recommendations",
        limit_choices_to={"parent__isnull": True},
    )
    topics = models.ManyToManyField(
        Theme,
        verbose_name=_("topics"),
        blank=True,
        related_name="topic_recommendations",
        limit_choices_to={"parent__isnull": False},
    )
    institutions = models.ManyToManyField(
        "accounts.Institution",
        verbose_name=_("responsible institutions"),
        blank=True,
        related_name="greta_recommendations",
    )
    next_update_due = models.DateField(
        _("next update due"),
        null=True,
        blank=True,
        help_text=_("Date by which the responsible institutions should report progress."),
    )
    caselaw_filter = models.JSONField(
        _("case-law filter"),
        default=dict,
        blank=True,
        validators=[validate_caselaw_filter],
        help_text=_(
            "Case-law search filters whose judgments measure this recommendation; empty when "
            "no case-law indicator applies."
        ),
    )
    training_courses = models.ManyToManyField(
        "trainings.Course",
        verbose_name=_("training topics"),
        blank=True,
        related_name="greta_recommendations",
        help_text=_("Courses whose participants, by profession, measure this recommendation."),
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["assessment__country", "-assessment__published_on", "assessment_id", "position"]

    def __str__(self) -> str:
        label = self.number or f"#{self.pk}"
        return f"{self.assessment.reference or self.assessment.country} {label}"

    @property
    def reference_label(self) -> str:
        """Number or paragraph as printed, or an empty string when unknown."""
        if self.number:
            return self.number
        if self.paragraph:
            return f"§ {self.paragraph}"
        return ""


class ProgressUpdateQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(review_state=ProgressUpdate.ReviewState.CONFIRMED)

    def public(self):
        return self.confirmed().filter(visibility=ProgressUpdate.Visibility.PUBLIC)

    def visible_to(self, user):
        """Staff see every update; others the public confirmed ones and their own proposals.

        A focal point also sees what their own institution reported, whatever its review
        state, so they can follow their proposals.
        """
        if user_can(user, Capability.MANAGE_RECOMMENDATIONS):
            return self.all()
        if not user_can(user, Capability.VIEW_RECOMMENDATIONS):
            return self.none()
        condition = Q(
            review_state=ProgressUpdate.ReviewState.CONFIRMED,
            visibility=ProgressUpdate.Visibility.PUBLIC,
        )
        if user_can(user, Capability.PROPOSE_PROGRESS) and user.institution_id:
            condition |= Q(reporting_institution_id=user.institution_id)
        return self.filter(condition)

    def counted_for(self, user):
        """Updates that count towards a status for `user`: confirmed, and public for non-staff."""
        if user_can(user, Capability.MANAGE_RECOMMENDATIONS):
            return self.confirmed()
        return self.public()


class ProgressUpdate(models.Model):
    """A report of the measures taken on a recommendation, as of a date. Never overwritten."""

    class ReviewState(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    class Visibility(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        PUBLIC = "public", _("Public")

    # Fields a review may set once; every other field is frozen after the first save.
    REVIEW_FIELDS = frozenset({"review_state", "reviewed_by", "reviewed_at", "review_note"})

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.PROTECT,
        related_name="updates",
    )
    reporting_date = models.DateField(
        _("reporting date"),
        help_text=_("Date the reported status applies to; may be earlier than the entry date."),
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices)
    measures = models.TextField(_("measures taken"))
    measures_language = models.CharField(
        _("language of the measures"), max_length=10, choices=settings.LANGUAGES, default="sq"
    )
    reporting_institution = models.ForeignKey(
        "accounts.Institution",
        verbose_name=_("reporting institution"),
        on_delete=models.PROTECT,
        related_name="greta_progress_updates",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="greta_progress_updates",
        help_text=_("Empty for sample data loaded without a user."),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.INTERNAL,
        help_text=_("Public updates are shown to every reader once confirmed."),
    )
    review_state = models.CharField(
        _("review"), max_length=20, choices=ReviewState.choices, default=ReviewState.PROPOSED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="greta_reviewed_updates",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    is_sample = models.BooleanField(
        _("invented sample"),
        default=False,
        help_text=_("Set on invented demonstration updates, which pages label as such."),
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-reporting_date", "-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["recommendation", "review_state", "reporting_date"],
                name="greta_update_status_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} {self.reporting_date} {self.status}"

    def save(self, *args, update_fields=None, **kwargs):
        if not self._state.adding and (
            update_fields is None or not set(update_fields) <= self.REVIEW_FIELDS
        ):
            raise ValidationError(
                _("Progress updates cannot be changed; add a new update instead.")
            )
        super().save(*args, update_fields=update_fields, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Progress updates cannot be deleted; add a new update instead."))


class Evidence(models.Model):
    """A link that supports a progress update: a law, a document, a training or a judgment."""

    class Kind(models.TextChoices):
        LAW = "law", _("Law or regulation")
        DOCUMENT = "document", _("Document")
        TRAINING = "training", _("Training on this platform")
        JUDGMENT = "judgment", _("Judgment on this platform")
        OTHER = "other", _("Other")

    update = models.ForeignKey(
        ProgressUpdate, verbose_name=_("progress update"), on_delete=models.PROTECT,
        related_name="evidence",
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(
        _("link"),
        max_length=500,
        help_text=_("Full address, or a path on this platform such as /en/caselaw/..."),
        validators=[validate_evidence_link],
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class ExportLog(models.Model):
    """One exported progress report: who exported what, when. Rows are only added."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT,
        related_name="greta_exports",
    )  # fmt: skip
    file_format = models.CharField(_("format"), max_length=10)
    language = models.CharField(_("language"), max_length=10)
    as_of = models.DateField(_("as of"))
    since = models.DateField(_("changes since"), null=True, blank=True)
    row_count = models.PositiveIntegerField(_("recommendations"), default=0)
    channel = models.CharField(_("channel"), max_length=10, default="page")
    created_at = models.DateTimeField(_("exported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("export log entry")
        verbose_name_plural = _("export log")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.file_format} {self.created_at:%Y-%m-%d}"
