"""The case-law search page."""

import logging

from django.db.models import F
from django.db.models.functions import Substr
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from accounts.roles import Capability, user_can
from caselaw.models import Judgment, Outcome, Provision
from caselaw.search import engine
from caselaw.search.facets import build_facets, clear_filters_url, vocabulary
from caselaw.search.filters import ORDERING_CHOICES, SearchDocumentFilter
from caselaw.search.highlight import SCAN_LIMIT, snippet
from caselaw.search.models import SearchDocument
from caselaw.search.suggestions import suggest
from common.translation import translated_value

logger = logging.getLogger(__name__)

# Fields of a judgment the result list shows; the source text is never read.
RESULT_FIELDS = (
    "id",
    "case_number",
    "decision_date",
    "outcome",
    "original_language",
    "text_language",
    "court__id",
    "court__name",
    "court__name_sq",
    "court__name_sr",
    "court__name_en",
    "court__level",
    *(f"{name}_{language}" for name in ("title",) for language in ("sq", "sr", "en")),
    "title",
)


def _positive_int(value, default: int) -> int:
    """Return `value` as a positive whole number, or `default` when it is missing or invalid."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


def run_search(request, data: QueryDict):
    """Apply the filters and the query of `data` for `request.user`; shared with the API.

    Returns (filterset, results); invalid filters are left out and reported by the
    filterset's form errors.
    """
    visible = SearchDocument.objects.visible_to(request.user)
    filterset = SearchDocumentFilter(data, queryset=visible, request=request)
    if filterset.is_valid():
        queryset = filterset.qs
    else:
        valid = data.copy()
        for name in filterset.errors:
            valid.pop(name, None)
        queryset = SearchDocumentFilter(valid, queryset=visible, request=request).qs
    results = engine.search(
        queryset,
        q=data.get("q", ""),
        ordering=data.get("ordering") or ("relevance" if data.get("q") else "-date"),
        page=_positive_int(data.get("page"), 1),
        page_size=_positive_int(data.get("page_size"), engine.PAGE_SIZE),
    )
    return filterset, results


def judgments_in_order(ids: list[int]) -> list[Judgment]:
    """Return the judgments of `ids` in that order, in one query.

    Each carries `provision_ids` from its search document, so the provisions come with
    the facet vocabulary (`facets.vocabulary`) instead of a prefetch of their own, and
    `text_head`, the start of the anonymised text that snippets read.
    """
    judgments = (
        Judgment.objects.filter(pk__in=ids)
        .select_related("court")
        .only(*RESULT_FIELDS)
        .annotate(
            provision_ids=F("search_document__provision_ids"),
            # Only the part the snippet reads: PostgreSQL then decompresses no further.
            text_head=Substr("text", 1, SCAN_LIMIT),
        )
    )
    by_id = {judgment.pk: judgment for judgment in judgments}
    return [by_id[pk] for pk in ids if pk in by_id]


def _provision_text(provisions: list[Provision]) -> str:
    article = gettext("Art.")
    parts = []
    for provision in sorted(provisions, key=lambda p: (p.instrument, p.position, p.label_sq)):
        label = translated_value(provision, "label").text
        parts.append(f"{article} {provision.article} {label}" if provision.article else label)
    return "; ".join(parts)


def result_rows(judgments: list[Judgment], results, provisions: dict[str, object]) -> list[dict]:
    """Return what the page shows of each result, computed here rather than in the template.

    The snippet comes from the anonymised text (`text_head`) only, never the source text.
    """
    cache: dict = {}
    outcomes = dict(Outcome.choices)
    rows = []
    for judgment in judgments:
        found = [
            provisions[str(pk)] for pk in judgment.provision_ids or () if str(pk) in provisions
        ]
        rows.append(
            {
                "url": reverse("caselaw:judgment_detail", args=[judgment.pk]),
                "title": translated_value(judgment, "title").text or judgment.case_number_label,
                "court": translated_value(judgment.court, "name").text,
                "case_number": judgment.case_number_label,
                "decision_date": judgment.decision_date,
                "outcome": judgment.outcome,
                "outcome_label": outcomes.get(judgment.outcome, judgment.outcome),
                "snippet": snippet(
                    judgment.text_head,
                    judgment.text_language or judgment.original_language,
                    results.parsed.lexemes,
                    results.parsed.prefixes,
                    cache=cache,
                ),
                "provisions": _provision_text(found),
            }
        )
    return rows


def judgment_search(request):
    """Search the judgments the reader may see: words, filters, facets, pages."""
    filterset, results = run_search(request, request.GET)
    judgments = judgments_in_order(results.ids)
    result_provisions = {pk for judgment in judgments for pk in judgment.provision_ids or ()}
    objects = vocabulary(results.facets, request.GET, {"provision": result_provisions})
    facets, chips = build_facets(request.GET, results.facets, objects)
    suggestions = suggest(results.parsed.words) if results.parsed and results.total < 3 else []
    context = {
        "query": request.GET.get("q", ""),
        "results": results,
        "judgments": result_rows(judgments, results, objects["provision"]),
        "facets": facets,
        "chips": chips,
        "filter_errors": filterset.errors,
        "suggestions": suggestions,
        "ordering_choices": ORDERING_CHOICES,
        "ordering": results.ordering,
        "previous_url": _page_url(request.GET, results.page - 1),
        "next_url": _page_url(request.GET, results.page + 1),
        "clear_url": clear_filters_url(request.GET) if chips else "",
        "year_from": request.GET.get("year_from", ""),
        "year_to": request.GET.get("year_to", ""),
        "can_save": user_can(request.user, Capability.SAVE_SEARCHES),
        "phrase_limit": engine.PHRASE_CANDIDATES,
        "public_page": True,
    }
    return render(request, "caselaw/judgment_search.html", context)


def _page_url(data: QueryDict, page: int) -> str:
    params = data.copy()
    params["page"] = str(page)
    return "?" + params.urlencode()
