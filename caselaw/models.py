"""The THB judgment record: courts, vocabularies, cases, judgments and their anonymisation.

Victims and defendants are recorded as counts, aggregate facts and pseudonyms only. The
real names behind the pseudonyms (ProtectedPerson) and the unanonymised source text exist
only while a judgment is a draft; `caselaw.services.judgment_publish` deletes them.
Change history (django-simple-history) is registered in apps.py, once modeltranslation
has added the per-language fields.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from caselaw.querysets import JudgmentQuerySet
from common.storage import private_storage
from common.translation import translated_value


class Court(models.Model):
    class Level(models.TextChoices):
        BASIC = "basic", _("Basic court")
        APPEALS = "appeals", _("Court of Appeals")
        SUPREME = "supreme", _("Supreme Court")
        CONSTITUTIONAL = "constitutional", _("Constitutional Court")
        ECTHR = "ecthr", _("European Court of Human Rights")
        FOREIGN = "foreign", _("Foreign court")
        OTHER = "other", _("Other court or tribunal")

    code = models.SlugField(
        _("code"), max_length=80, unique=True, help_text=_("Stable identifier used by imports.")
    )
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        help_text=_("ISO 3166-1 alpha-2 code; XK for Kosovo*. Empty for international courts."),
    )

    class Meta:
        verbose_name = _("court")
        verbose_name_plural = _("courts")
        ordering = ["name"]

    def __str__(self) -> str:
        # The name in the page's language, and Serbian in the page's script.
        return translated_value(self, "name").text or self.name


class Vocabulary(models.Model):
    """A controlled term with a translated label, used as a filter and a facet."""

    code = models.SlugField(
        _("code"), max_length=80, unique=True, help_text=_("Stable identifier used by imports.")
    )
    label = models.CharField(_("label"), max_length=250)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in lists; lower comes first.")
    )

    class Meta:
        abstract = True
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label


class Provision(Vocabulary):
    """An article of a legal instrument that a judgment applies or a defendant is charged under."""

    class Instrument(models.TextChoices):
        CRIMINAL_CODE_KOSOVO = "criminal_code_kosovo", _("Criminal Code of Kosovo")
        KOSOVO_THB_LAW = "kosovo_thb_law", _("Kosovo law on preventing and combating THB")
        UNMIK_REGULATION = "unmik_regulation", _("UNMIK Regulation")
        CETS_197 = "cets_197", _("Council of Europe Convention on Action against THB (CETS 197)")
        ECHR = "echr", _("European Convention on Human Rights")
        OTHER = "other", _("Other instrument")

    instrument = models.CharField(_("instrument"), max_length=30, choices=Instrument.choices)
    instrument_version = models.CharField(
        _("instrument version"),
        max_length=100,
        blank=True,
        help_text=_("Number or year of the version applied, e.g. 06/L-074 or 2003/25."),
    )
    article = models.CharField(
        _("article"),
        max_length=30,
        blank=True,
        help_text=_("Article number as cited, e.g. 4 or 139(1). Empty when not verified."),
    )

    class Meta(Vocabulary.Meta):
        verbose_name = _("legal provision")
        verbose_name_plural = _("legal provisions")
        ordering = ["instrument", "position", "label"]

    def __str__(self) -> str:
        if self.article:
            return f"{self.get_instrument_display()}, {_('Art.')} {self.article}: {self.label}"
        return f"{self.get_instrument_display()}: {self.label}"


class ExploitationForm(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("form of exploitation")
        verbose_name_plural = _("forms of exploitation")


class Means(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("means")
        verbose_name_plural = _("means")


class Keyword(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")


class ProtectiveMeasure(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("protective measure")
        verbose_name_plural = _("protective measures")


class InvestigativeTechnique(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("special investigative technique")
        verbose_name_plural = _("special investigative techniques")


class Outcome(models.TextChoices):
    CONVICTION = "conviction", _("Conviction")
    PARTIAL_CONVICTION = "partial_conviction", _("Partial conviction")
    ACQUITTAL = "acquittal", _("Acquittal")
    DISMISSAL = "dismissal", _("Dismissal")
    RETRIAL_ORDERED = "retrial_ordered", _("Annulled, retrial ordered")
    VIOLATION = "violation", _("Violation found")
    NO_VIOLATION = "no_violation", _("No violation")
    INADMISSIBLE = "inadmissible", _("Inadmissible")
    OTHER = "other", _("Other")


class Case(models.Model):
    """One case across its instances: the decisions at every level share it."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("How the case is known, e.g. Medicus; never the name of a victim."),
    )
    final_outcome = models.CharField(
        _("final outcome"),
        max_length=30,
        choices=Outcome.choices,
        blank=True,
        help_text=_("Outcome after the last instance; empty while proceedings continue."),
    )
    is_final = models.BooleanField(
        _("final"), default=False, help_text=_("Whether no further remedy is pending.")
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Judgment(models.Model):
    """A court decision in a THB case, anonymised before it is published."""

    class DecisionType(models.TextChoices):
        JUDGMENT = "judgment", _("Judgment")
        RULING = "ruling", _("Ruling")
        APPEAL_DECISION = "appeal_decision", _("Decision on appeal")
        DECISION = "decision", _("Decision")
        ORDER = "order", _("Order")

    class Instance(models.TextChoices):
        FIRST = "first", _("First instance")
        APPEAL = "appeal", _("Appeal")
        SUPREME = "supreme", _("Supreme Court")
        CONSTITUTIONAL = "constitutional", _("Constitutional Court")
        INTERNATIONAL = "international", _("International court")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class AccessLevel(models.TextChoices):
        PUBLIC = "public", _("Public")
        PROFESSIONAL = "professional", _("Signed-in professionals")
        RESTRICTED = "restricted", _("Restricted to named roles")

    class Language(models.TextChoices):
        ALBANIAN = "sq", _("Albanian")
        SERBIAN = "sr", _("Serbian")
        ENGLISH = "en", _("English")
        FRENCH = "fr", _("French")
        OTHER = "other", _("Other")

    # Identification
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="judgments",
    )
    case_number = models.CharField(
        _("case number"),
        max_length=120,
        blank=True,
        help_text=_("As published by the court. Empty when the court did not publish it."),
    )
    court = models.ForeignKey(
        Court, verbose_name=_("court"), on_delete=models.PROTECT, related_name="judgments"
    )
    decision_date = models.DateField(_("decision date"))
    decision_type = models.CharField(
        _("decision type"), max_length=20, choices=DecisionType.choices
    )
    instance = models.CharField(_("instance"), max_length=20, choices=Instance.choices)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    original_language = models.CharField(
        _("original language"), max_length=8, choices=Language.choices
    )
    ecli = models.CharField(
        _("ECLI"), max_length=120, blank=True, help_text=_("European Case Law Identifier.")
    )
    appeal_of = models.ForeignKey(
        "self",
        verbose_name=_("decision under review"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_by",
        help_text=_("The lower-instance decision this decision rules on, if any."),
    )

    # Translated description
    title = models.CharField(_("title"), max_length=300)
    headnote = models.TextField(_("headnote"), blank=True)
    summary = models.TextField(_("summary"), blank=True)

    # Text
    text = models.TextField(
        _("anonymised text"),
        blank=True,
        help_text=_("Full text in its original language, with every protected person replaced."),
    )
    text_language = models.CharField(
        _("text language"), max_length=8, choices=Language.choices, blank=True
    )
    source_text = models.TextField(
        _("source text"),
        blank=True,
        help_text=_("Unanonymised text. Kept only while a draft; deleted on publication."),
    )
    source_file = models.FileField(
        _("source document"),
        upload_to="caselaw/sources/%Y/",
        storage=private_storage,
        blank=True,
        help_text=_("Uploaded PDF or DOCX. Deleted from storage on publication."),
    )

    # Vocabularies
    keywords = models.ManyToManyField(Keyword, verbose_name=_("keywords"), blank=True)
    provisions = models.ManyToManyField(
        Provision, verbose_name=_("provisions applied"), blank=True, related_name="judgments"
    )
    exploitation_forms = models.ManyToManyField(
        ExploitationForm, verbose_name=_("forms of exploitation"), blank=True
    )
    means = models.ManyToManyField(Means, verbose_name=_("means"), blank=True)
    protective_measures = models.ManyToManyField(
        ProtectiveMeasure,
        verbose_name=_("protective measures"),
        blank=True,
        help_text=_("Measures protecting victims as witnesses."),
    )
    investigative_techniques = models.ManyToManyField(
        InvestigativeTechnique, verbose_name=_("special investigative techniques"), blank=True
    )

    # Victims, in aggregate only
    victims_total = models.PositiveSmallIntegerField(
        _("victims"), null=True, blank=True, help_text=_("Empty when unknown.")
    )
    victims_female = models.PositiveSmallIntegerField(_("female victims"), null=True, blank=True)
    victims_male = models.PositiveSmallIntegerField(_("male victims"), null=True, blank=True)
    victims_children = models.PositiveSmallIntegerField(
        _("child victims"), null=True, blank=True, help_text=_("Victims under 18 at the time.")
    )
    victims_adults = models.PositiveSmallIntegerField(_("adult victims"), null=True, blank=True)
    victim_nationalities = ArrayField(
        models.CharField(max_length=2),
        verbose_name=_("victim nationalities"),
        blank=True,
        default=list,
        help_text=_("ISO 3166-1 alpha-2 codes, XK for Kosovo*."),
    )
    municipality = models.CharField(
        _("municipality"),
        max_length=100,
        blank=True,
        help_text=_("Where the exploitation took place, if known; otherwise the court's city."),
    )
    transnational = models.BooleanField(
        _("transnational"),
        null=True,
        blank=True,
        help_text=_("Whether victims were moved across a border. Empty when unknown."),
    )

    # Remedies and procedure
    compensation_claimed_eur = models.DecimalField(
        _("compensation claimed (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Total claimed by or for victims; empty when unknown, 0 when none."),
    )
    compensation_awarded_eur = models.DecimalField(
        _("compensation awarded (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Total awarded to victims; empty when unknown, 0 when none."),
    )
    non_punishment_applied = models.BooleanField(
        _("non-punishment principle applied"),
        null=True,
        blank=True,
        help_text=_(
            "Whether victims were not punished for offences they were compelled to commit."
        ),
    )
    proceedings_length_months = models.PositiveSmallIntegerField(
        _("length of proceedings (months)"),
        null=True,
        blank=True,
        help_text=_("From the indictment (or application) to this decision."),
    )

    # Workflow and access
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    access_level = models.CharField(
        _("access level"), max_length=20, choices=AccessLevel.choices, default=AccessLevel.PUBLIC
    )
    restricted_to_roles = ArrayField(
        models.CharField(max_length=40, choices=Role.choices),
        verbose_name=_("restricted to roles"),
        blank=True,
        default=list,
        help_text=_("Roles that may read a restricted judgment; editors always may."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = JudgmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("judgment")
        verbose_name_plural = _("judgments")
        ordering = ["-decision_date", "-pk"]
        indexes = [
            models.Index(fields=["status", "access_level"], name="judgment_status_access"),
            models.Index(fields=["decision_date"], name="judgment_decision_date"),
        ]

    def __str__(self) -> str:
        return f"{self.court} {self.case_number_label} ({self.decision_date:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("caselaw:judgment_detail", args=[self.pk])

    @property
    def case_number_label(self) -> str:
        """The case number, or a translated "not published" when the court gave none."""
        return self.case_number or str(_("not published"))

    def clean(self):
        errors = {}
        if self.access_level == self.AccessLevel.RESTRICTED and not self.restricted_to_roles:
            errors["restricted_to_roles"] = _("Name at least one role for a restricted judgment.")
        if self.appeal_of_id and self.appeal_of_id == self.pk:
            errors["appeal_of"] = _("A decision cannot review itself.")
        counts = [self.victims_female, self.victims_male]
        if self.victims_total is not None and sum(c or 0 for c in counts) > self.victims_total:
            errors["victims_total"] = _("Female and male victims exceed the total.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_draft(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.IN_REVIEW)

    @property
    def has_child_victims(self) -> bool | None:
        if self.victims_children is None:
            return None
        return self.victims_children > 0


class Defendant(models.Model):
    """A defendant by pseudonym, with charge and conviction so requalifications show."""

    class Verdict(models.TextChoices):
        CONVICTED = "convicted", _("Convicted")
        ACQUITTED = "acquitted", _("Acquitted")
        DISMISSED = "dismissed", _("Charges dismissed")
        ANNULLED = "annulled", _("Verdict annulled")
        PENDING = "pending", _("Pending")

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        UNKNOWN = "", _("Unknown")

    judgment = models.ForeignKey(
        Judgment, verbose_name=_("judgment"), on_delete=models.CASCADE, related_name="defendants"
    )
    pseudonym = models.CharField(
        _("pseudonym"), max_length=30, help_text=_("Initials or a code such as D1; never a name.")
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    charged_provision = models.ForeignKey(
        Provision,
        verbose_name=_("provision charged"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    convicted_provision = models.ForeignKey(
        Provision,
        verbose_name=_("provision convicted under"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Differs from the provision charged when the offence was requalified."),
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    sentence_months = models.PositiveSmallIntegerField(
        _("sentence (months)"), null=True, blank=True, help_text=_("Imprisonment imposed.")
    )
    suspended = models.BooleanField(_("suspended"), default=False)
    fine_eur = models.DecimalField(
        _("fine (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    confiscation_ordered = models.BooleanField(_("confiscation of proceeds"), default=False)
    confiscated_eur = models.DecimalField(
        _("confiscated (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("defendant")
        verbose_name_plural = _("defendants")
        ordering = ["judgment", "pseudonym"]
        constraints = [
            models.UniqueConstraint(
                fields=["judgment", "pseudonym"], name="defendant_unique_pseudonym"
            )
        ]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def requalified(self) -> bool:
        return bool(
            self.charged_provision_id
            and self.convicted_provision_id
            and self.charged_provision_id != self.convicted_provision_id
        )


class Citation(models.Model):
    """One judgment citing another: "cites" from the citing side, "cited by" from the other."""

    citing = models.ForeignKey(
        Judgment, verbose_name=_("citing judgment"), on_delete=models.CASCADE, related_name="cites"
    )
    cited = models.ForeignKey(
        Judgment,
        verbose_name=_("cited judgment"),
        on_delete=models.CASCADE,
        related_name="cited_by",
    )
    context = models.CharField(
        _("context"), max_length=300, blank=True, help_text=_("What the citation is for.")
    )

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(fields=["citing", "cited"], name="citation_unique_pair"),
            models.CheckConstraint(
                condition=~models.Q(citing=models.F("cited")), name="citation_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.citing_id} -> {self.cited_id}"


class ProtectedPerson(models.Model):
    """A real person to protect, and their pseudonym. Exists only while the judgment is a draft.

    Deliberately without history: the name must not survive publication anywhere.
    """

    class PersonRole(models.TextChoices):
        VICTIM = "victim", _("Victim")
        WITNESS = "witness", _("Witness")
        DEFENDANT = "defendant", _("Defendant")
        RELATIVE = "relative", _("Relative")
        OTHER = "other", _("Other")

    judgment = models.ForeignKey(
        Judgment,
        verbose_name=_("judgment"),
        on_delete=models.CASCADE,
        related_name="protected_persons",
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("Full name as in the text."))
    pseudonym = models.CharField(_("pseudonym"), max_length=30, help_text=_("E.g. V1 or A.B."))
    role = models.CharField(
        _("role"), max_length=20, choices=PersonRole.choices, default=PersonRole.VICTIM
    )

    class Meta:
        verbose_name = _("protected person")
        verbose_name_plural = _("protected persons")
        ordering = ["judgment", "pk"]

    def __str__(self) -> str:
        return self.pseudonym


class AnonymisationFinding(models.Model):
    """A span of the source text to replace, found by the anonymiser or added by an editor.

    Holds personal data (the span's text), so it is deleted on publication and has no history.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    class Origin(models.TextChoices):
        AUTOMATIC = "automatic", _("Found by the anonymiser")
        MANUAL = "manual", _("Added by an editor")

    judgment = models.ForeignKey(
        Judgment,
        verbose_name=_("judgment"),
        on_delete=models.CASCADE,
        related_name="anonymisation_findings",
    )
    start = models.PositiveIntegerField(_("start"), help_text=_("Offset in the source text."))
    end = models.PositiveIntegerField(_("end"), help_text=_("Offset after the span."))
    text = models.CharField(_("text"), max_length=500)
    kind = models.CharField(_("kind"), max_length=30)
    replacement = models.CharField(_("replacement"), max_length=100)
    person = models.ForeignKey(
        ProtectedPerson,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.AUTOMATIC
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("anonymisation finding")
        verbose_name_plural = _("anonymisation findings")
        ordering = ["judgment", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="finding_span"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}-{self.end}"

    @property
    def kind_label(self) -> str:
        """Translated name of the kind; the stored code for a kind not listed."""
        return str(FINDING_KIND_LABELS.get(self.kind, self.kind))


# Kinds of finding: those of caselaw.anonymisation and of the manual finding form.
FINDING_KIND_LABELS = {
    "person": _("Person"),
    "personal_number": _("Personal number"),
    "phone": _("Phone number"),
    "email": _("E-mail address"),
    "date_of_birth": _("Date of birth"),
    "address": _("Address"),
    "vehicle_plate": _("Vehicle plate"),
    "passport": _("Passport number"),
    "bank_account": _("Bank account"),
    "place": _("Place"),
    "other": _("Other identifier"),
}


# Judgment fields that editors set, shared by the editor form and the API serializer. The
# anonymised text, the workflow status and the source document are set by their own steps.
EDITABLE_RECORD_FIELDS = (
    "case",
    "case_number",
    "court",
    "decision_date",
    "decision_type",
    "instance",
    "outcome",
    "original_language",
    "ecli",
    "appeal_of",
    "title_sq",
    "title_sr",
    "title_en",
    "headnote_sq",
    "headnote_sr",
    "headnote_en",
    "summary_sq",
    "summary_sr",
    "summary_en",
)
EDITABLE_VOCABULARY_FIELDS = (
    "keywords",
    "provisions",
    "exploitation_forms",
    "means",
    "protective_measures",
    "investigative_techniques",
)
EDITABLE_FACT_FIELDS = (
    "victims_total",
    "victims_female",
    "victims_male",
    "victims_children",
    "victims_adults",
    "victim_nationalities",
    "municipality",
    "transnational",
    "compensation_claimed_eur",
    "compensation_awarded_eur",
    "non_punishment_applied",
    "proceedings_length_months",
    "access_level",
    "restricted_to_roles",
)
