"""The search index of judgments, the vocabulary behind "did you mean", and saved searches."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from caselaw.models import Court, Judgment
from caselaw.search.querysets import SearchDocumentQuerySet

# Columns of the GIN index that matches a search: the words first, then the filters.
MATCH_INDEX_FIELDS = [
    "document",
    "court",
    "outcome",
    "language",
    "year",
    "provision_ids",
    "exploitation_form_ids",
    "means_ids",
]


class SearchDocument(models.Model):
    """One row per judgment: its search vectors and the facts the facets count.

    A narrow copy of the judgment, so that a search matching most of the collection reads
    a few megabytes of heap instead of the wide judgment rows (see docs/benchmarks.md).
    Kept in step with the judgment by caselaw.search.signals and `search_reindex`. The
    only search vector of a judgment lives here, so the text is not indexed twice.
    """

    judgment = models.OneToOneField(
        Judgment,
        verbose_name=_("judgment"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    document = SearchVectorField(
        _("document vector"),
        help_text=_(
            "Normalised lexemes of the title (weight A), headnote and summary (B), keywords "
            "and provisions (C) and the anonymised text (D)."
        ),
    )
    head = SearchVectorField(
        _("ranking vector"),
        help_text=_("The same lexemes without the full text, used to rank matches."),
    )
    decision_date = models.DateField(_("decision date"))
    year = models.PositiveSmallIntegerField(_("year"))
    court = models.ForeignKey(
        Court, verbose_name=_("court"), on_delete=models.CASCADE, related_name="+"
    )
    court_level = models.CharField(_("court level"), max_length=20)
    outcome = models.CharField(_("outcome"), max_length=30)
    language = models.CharField(_("language"), max_length=8)
    child_victim = models.BooleanField(_("victim is a child"), null=True)
    transnational = models.BooleanField(_("transnational"), null=True)
    compensation_awarded = models.BooleanField(
        _("compensation awarded"),
        null=True,
        help_text=_("Whether more than 0 EUR was awarded; empty when unknown."),
    )
    non_punishment_applied = models.BooleanField(_("non-punishment applied"), null=True)
    exploitation_form_ids = ArrayField(
        models.IntegerField(), verbose_name=_("forms of exploitation"), default=list
    )
    means_ids = ArrayField(models.IntegerField(), verbose_name=_("means"), default=list)
    provision_ids = ArrayField(
        models.IntegerField(), verbose_name=_("provisions applied"), default=list
    )
    # Copies of the judgment's access fields; SearchDocumentQuerySet.visible_to applies
    # Judgment.objects.visible_to's rule to them (a test keeps the two equal).
    status = models.CharField(_("status"), max_length=20)
    access_level = models.CharField(_("access level"), max_length=20)
    restricted_to_roles = ArrayField(
        models.CharField(max_length=40), verbose_name=_("restricted to roles"), default=list
    )
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [
            # One GIN index matches the words and the selective filters together
            # (btree_gin indexes the scalar columns), so a word with filters visits only
            # the rows that pass them all.
            GinIndex(fields=MATCH_INDEX_FIELDS, name="searchdoc_match_gin"),
            models.Index(fields=["-decision_date"], name="searchdoc_date"),
        ]

    def __str__(self) -> str:
        return str(self.judgment_id)


class SearchTerm(models.Model):
    """A word of the titles, summaries and keywords, or a case number, for "did you mean"."""

    class Kind(models.TextChoices):
        WORD = "word", _("Word")
        CASE_NUMBER = "case_number", _("Case number")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    term = models.CharField(
        _("term"),
        max_length=120,
        help_text=_("Lower case, Latin script, without diacritics: the form queries compare."),
    )
    display = models.CharField(_("display form"), max_length=120)
    document_count = models.PositiveIntegerField(_("judgments"), default=0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(fields=["kind", "term"], name="searchterm_unique_term")
        ]
        indexes = [
            GinIndex(fields=["term"], opclasses=["gin_trgm_ops"], name="searchterm_term_trgm")
        ]

    def __str__(self) -> str:
        return self.display


class SavedSearch(models.Model):
    """A search a user keeps, with an optional e-mail alert on new matching judgments."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    name = models.CharField(_("name"), max_length=200)
    query_string = models.CharField(
        _("query string"),
        max_length=2000,
        blank=True,
        help_text=_("The search page's URL parameters, e.g. q=trafikim&court=3."),
    )
    alert = models.BooleanField(
        _("e-mail alert"),
        default=False,
        help_text=_("Send an e-mail when a newly published judgment matches."),
    )
    last_alert_at = models.DateTimeField(
        _("last alert checked at"),
        null=True,
        blank=True,
        help_text=_("Judgments published after this moment are new to the alert."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name
