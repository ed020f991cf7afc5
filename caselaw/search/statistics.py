"""Case-law statistics for prosecutors, on the same filters and words as the search page."""

import logging

from django.db import connection
from django.db.models import Count, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.permissions import CapabilityRequiredMixin
from accounts.roles import Capability
from caselaw.models import Court, ExploitationForm, Judgment, Outcome, Provision
from caselaw.search.filters import SearchDocumentFilter
from caselaw.search.models import SearchDocument
from caselaw.search.query import parse
from common.exports import csv_response, xlsx_add_sheet, xlsx_response, xlsx_workbook
from common.translation import translated_value

logger = logging.getLogger(__name__)

CONVICTIONS = ("conviction", "partial_conviction")
ACQUITTALS = ("acquittal",)
TABLES = ("outcomes", "sentences_provision", "sentences_court", "exploitation", "compensation")


def matching_documents(request):
    """Return the SearchDocument rows the reader may see that match the page's filters and q."""
    documents = SearchDocument.objects.visible_to(request.user)
    filterset = SearchDocumentFilter(request.GET, queryset=documents, request=request)
    documents = filterset.qs if filterset.is_valid() else documents
    parsed = parse(request.GET.get("q"))
    if parsed.tsquery is not None:
        documents = documents.extra(where=["document @@ %s::tsquery"], params=[parsed.tsquery])
    return documents, filterset


def outcome_rows(documents) -> list[list]:
    """Convictions, acquittals and other outcomes per year."""
    counts: dict[int, dict[str, int]] = {}
    for row in documents.values("year", "outcome").annotate(n=Count("pk")).order_by("year"):
        year = counts.setdefault(row["year"], {"convictions": 0, "acquittals": 0, "other": 0})
        if row["outcome"] in CONVICTIONS:
            year["convictions"] += row["n"]
        elif row["outcome"] in ACQUITTALS:
            year["acquittals"] += row["n"]
        else:
            year["other"] += row["n"]
    return [[year, c["convictions"], c["acquittals"], c["other"]] for year, c in counts.items()]


_SENTENCE_SQL = """
SELECT {key}, count(*), min(d.sentence_months),
       percentile_cont(0.25) WITHIN GROUP (ORDER BY d.sentence_months),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY d.sentence_months),
       percentile_cont(0.75) WITHIN GROUP (ORDER BY d.sentence_months),
       max(d.sentence_months), round(avg(d.sentence_months), 1)
FROM caselaw_defendant d JOIN caselaw_judgment j ON j.id = d.judgment_id
WHERE d.sentence_months IS NOT NULL AND d.verdict = 'convicted' AND d.judgment_id IN ({ids})
GROUP BY {key} ORDER BY count(*) DESC
"""


def sentence_rows(documents, by: str) -> list[list]:
    """Sentence distribution in months (count, quartiles, extremes, mean) per provision or court."""
    key = "d.convicted_provision_id" if by == "provision" else "j.court_id"
    ids_sql, ids_params = documents.values("judgment_id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_SENTENCE_SQL.format(key=key, ids=ids_sql), ids_params)
        rows = cursor.fetchall()
    model = Provision if by == "provision" else Court
    field = "label" if by == "provision" else "name"
    labels = {
        obj.pk: translated_value(obj, field).text
        for obj in model.objects.filter(pk__in=[row[0] for row in rows if row[0]])
    }
    return [[labels.get(row[0], _("Unknown")), *row[1:]] for row in rows]


_FORMS_SQL = """
SELECT year, form, count(*)
FROM caselaw_search_searchdocument, unnest(exploitation_form_ids) AS form
WHERE judgment_id IN ({ids}) GROUP BY year, form ORDER BY year
"""


def exploitation_rows(documents) -> tuple[list[str], list[list]]:
    """Judgments per form of exploitation and year: a header of forms, a row per year."""
    ids_sql, ids_params = documents.values("judgment_id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_FORMS_SQL.format(ids=ids_sql), ids_params)
        rows = cursor.fetchall()
    forms = list(ExploitationForm.objects.order_by("position", "label"))
    used = {form for _, form, _ in rows}
    forms = [form for form in forms if form.pk in used]
    table: dict[int, dict[int, int]] = {}
    for year, form, count in rows:
        table.setdefault(year, {})[form] = count
    header = [translated_value(form, "label").text for form in forms]
    return header, [[year, *(table[year].get(f.pk, 0) for f in forms)] for year in table]


def compensation_rows(documents) -> list[list]:
    """Per year: judgments with compensation awarded, and the total awarded in EUR."""
    judgments = Judgment.objects.filter(pk__in=documents.values("judgment_id"))
    rows = (
        judgments.filter(compensation_awarded_eur__gt=0)
        .values("decision_date__year")
        .annotate(n=Count("pk"), total=Sum("compensation_awarded_eur"))
        .order_by("decision_date__year")
    )
    return [[row["decision_date__year"], row["n"], row["total"]] for row in rows]


def bar_chart(rows: list[list], columns: list[int], series: list[str]) -> dict:
    """Return the geometry of an SVG bar chart: one group per row, one bar per column.

    Units are those of the viewBox: each bar is 4 wide, groups are 2 apart, and the
    tallest bar is 100 high.

    NOTE: the year labels overlap on a one-series chart of more than about 20 years,
    because the SVG is stretched to the page width; a label every few years would fix it.
    """
    largest = max((float(row[c] or 0) for row in rows for c in columns), default=0) or 1
    group_width = 4 * len(columns) + 2
    rects = []
    for index, row in enumerate(rows):
        for position, column in enumerate(columns):
            height = round(100 * float(row[column] or 0) / largest, 1)
            rects.append(
                {
                    "x": index * group_width + position * 4,
                    "y": 100 - height,
                    "height": height,
                    "series": position + 1,
                    "title": f"{row[0]}: {series[position]} {row[column]}",
                }
            )
    labels = [
        {"x": index * group_width + 2 * len(columns), "text": row[0]}
        for index, row in enumerate(rows)
    ]
    return {
        "width": max(1, len(rows) * group_width),
        "rects": rects,
        "labels": labels,
        "series": series,
    }


class StatisticsView(CapabilityRequiredMixin, TemplateView):
    required_capability = Capability.VIEW_CASELAW_STATISTICS
    template_name = "caselaw/statistics.html"

    def tables(self, documents) -> dict[str, tuple[str, list[str], list[list]]]:
        forms_header, forms_rows = exploitation_rows(documents)
        distribution = [
            _("Judgments"),
            _("Minimum"),
            _("Lower quartile"),
            _("Median"),
            _("Upper quartile"),
            _("Maximum"),
            _("Mean"),
        ]
        return {
            "outcomes": (
                _("Convictions and acquittals"),
                [_("Year"), _("Convictions"), _("Acquittals"), _("Other outcomes")],
                outcome_rows(documents),
            ),
            "sentences_provision": (
                _("Sentences (months) per provision"),
                [_("Provision"), *distribution],
                sentence_rows(documents, "provision"),
            ),
            "sentences_court": (
                _("Sentences (months) per court"),
                [_("Court"), *distribution],
                sentence_rows(documents, "court"),
            ),
            "exploitation": (
                _("Forms of exploitation over the years"),
                [_("Year"), *forms_header],
                forms_rows,
            ),
            "compensation": (
                _("Compensation awarded"),
                [_("Year"), _("Judgments with compensation"), _("Total awarded (EUR)")],
                compensation_rows(documents),
            ),
        }

    def get(self, request, *args, **kwargs):
        documents, filterset = matching_documents(request)
        export = request.GET.get("export")
        if export:
            return self.export(request, documents, export)
        tables = self.tables(documents)
        context = self.get_context_data(
            tables=tables,
            charts=[
                (
                    bar_chart(
                        tables["outcomes"][2],
                        [1, 2],
                        [str(_("Convictions")), str(_("Acquittals"))],
                    ),
                    _("Convictions and acquittals per year"),
                ),
                (
                    bar_chart(tables["compensation"][2], [2], [str(_("Total awarded (EUR)"))]),
                    _("Compensation awarded per year"),
                ),
            ],
            filter_errors=filterset.errors,
            query_string=request.GET.urlencode(),
            outcome_labels=dict(Outcome.choices),
        )
        return self.render_to_response(context)

    def export(self, request, documents, export: str):
        table, _dot, file_format = export.partition(".")
        if table not in TABLES or file_format not in ("csv", "xlsx"):
            raise Http404("Unknown export.")
        title, header, rows = self.tables(documents)[table]
        logger.info("User %s exported case-law statistics %s", request.user.pk, export)
        if file_format == "csv":
            return csv_response(f"caselaw-{table}.csv", header, rows)
        workbook = xlsx_workbook()
        xlsx_add_sheet(workbook, str(title), header, rows, first=True)
        return xlsx_response(f"caselaw-{table}.xlsx", workbook)
