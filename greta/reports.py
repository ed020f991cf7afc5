"""Progress report "as of" a date: the rows, the summary and the four file formats.

Rows are read in chunks of recommendations, with two queries per chunk for the statuses
on the two dates, so the CSV stream keeps memory flat whatever the number of rows. The
other formats (XLSX, PDF, DOCX) are built in memory because their libraries need the whole
document before writing it.
"""

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils import translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from common.exports import (
    DOCX_CONTENT_TYPE,
    PdfDocument,
    csv_response,
    kosovo_footnote,
    xlsx_add_sheet,
    xlsx_workbook,
)
from common.translation import translated_value
from greta.indicators import Indicator, indicators_for_many
from greta.models import ExportLog, Recommendation, Status
from greta.selectors import latest_updates_as_of

logger = logging.getLogger(__name__)

CHUNK_SIZE = 250
FORMATS = ("xlsx", "csv", "pdf", "docx")
REPORT_LANGUAGES = ("sq", "sr", "en")

# Fill colours of the status scale in charts (PDF as RGB, pages through greta.css).
STATUS_COLOURS = {
    Status.NOT_STARTED: (200, 60, 50),
    Status.IN_PROGRESS: (230, 160, 40),
    Status.PARTIALLY_IMPLEMENTED: (90, 150, 210),
    Status.IMPLEMENTED: (40, 140, 80),
    Status.NO_LONGER_RELEVANT: (140, 140, 140),
    "": (215, 215, 215),
}


@dataclass(frozen=True)
class ReportOptions:
    as_of: date
    since: date | None
    language: str


@dataclass
class ReportRow:
    recommendation_id: int
    assessment: str
    reference: str
    theme: str
    topics: str
    text: str
    strength: str
    institutions: str
    status: str
    status_code: str
    status_date: date | None
    measures: str
    previous_status: str
    changed: bool
    due: date | None
    indicator_values: list[Indicator] = field(default_factory=list)

    @property
    def indicators(self) -> str:
        return "; ".join(f"{item.display} {item.label}" for item in self.indicator_values)


@dataclass
class ReportSummary:
    """Counts of recommendations per status, by theme and by institution."""

    by_theme: dict[str, dict[str, int]] = field(default_factory=dict)
    by_institution: dict[str, dict[str, int]] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    changed: int = 0

    def add(self, row: ReportRow) -> None:
        for bucket in (self.by_theme.setdefault(row.theme, {}), self.total):
            bucket[row.status_code] = bucket.get(row.status_code, 0) + 1
        for name in row.institutions.split("; ") if row.institutions else [_("Not assigned")]:
            bucket = self.by_institution.setdefault(name, {})
            bucket[row.status_code] = bucket.get(row.status_code, 0) + 1
        self.changed += int(row.changed)


def status_label(code: str | None) -> str:
    return str(Status(code).label) if code else _("No update yet")


def report_rows(
    recommendations: QuerySet, updates: QuerySet, options: ReportOptions, user=None
) -> Iterator[ReportRow]:
    """Yield one row per recommendation, in the language of the active translation.

    `updates` is the set of updates that count (confirmed, and public for non-staff). With
    `user`, each row also carries its indicators as of the report date, from the data that
    user may see.
    """
    queryset = (
        recommendations.select_related("assessment", "theme")
        .prefetch_related("institutions", "topics")
        .order_by("theme__position", "assessment__country", "assessment_id", "position", "pk")
    )
    chunk: list[Recommendation] = []
    for recommendation in queryset.iterator(chunk_size=CHUNK_SIZE):
        chunk.append(recommendation)
        if len(chunk) == CHUNK_SIZE:
            yield from _chunk_rows(chunk, updates, options, user)
            _release(chunk)
            chunk = []
    if chunk:
        yield from _chunk_rows(chunk, updates, options, user)
        _release(chunk)


def _release(chunk: list[Recommendation]) -> None:
    """Drop the prefetched relations of a finished chunk.

    Each prefetched queryset refers back to its instance (as a hint), so the pair forms a
    reference cycle that only Python's cyclic garbage collector frees, and with its default
    thresholds a streamed CSV otherwise grew by about 2 MB per 250 recommendations before a
    collection ran. Clearing the cache lets reference counting free each chunk at once.
    """
    for recommendation in chunk:
        recommendation._prefetched_objects_cache = {}


def _chunk_rows(chunk, updates, options, user) -> Iterator[ReportRow]:
    ids = [recommendation.pk for recommendation in chunk]
    indicators = indicators_for_many(chunk, user, as_of=options.as_of) if user else {}
    latest = latest_updates_as_of(updates, options.as_of, ids)
    previous = latest_updates_as_of(updates, options.since, ids) if options.since else {}
    language = options.language
    for recommendation in chunk:
        update = latest.get(recommendation.pk)
        before = previous.get(recommendation.pk)
        status_code = update.status if update else ""
        previous_code = before.status if before else ""
        yield ReportRow(
            recommendation_id=recommendation.pk,
            assessment=translated_value(recommendation.assessment, "title", language).text,
            reference=recommendation.reference_label,
            theme=translated_value(recommendation.theme, "name", language).text,
            topics="; ".join(
                translated_value(topic, "name", language).text
                for topic in recommendation.topics.all()
            ),
            text=translated_value(recommendation, "text", language).text,
            strength=str(recommendation.get_strength_display()),
            institutions="; ".join(
                translated_value(institution, "name", language).text
                for institution in recommendation.institutions.all()
            ),
            status=status_label(status_code),
            status_code=status_code,
            status_date=update.reporting_date if update else None,
            measures=update.measures if update else "",
            previous_status=status_label(previous_code) if options.since else "",
            changed=bool(options.since) and previous_code != status_code,
            due=recommendation.next_update_due,
            indicator_values=indicators.get(recommendation.pk, []),
        )


def report_header() -> list[str]:
    return [
        _("ID"),
        _("Assessment"),
        _("Number"),
        _("Theme"),
        _("Topics"),
        _("Recommendation"),
        _("Strength"),
        _("Responsible institutions"),
        _("Status"),
        _("Status reported on"),
        _("Measures taken"),
        _("Status on the earlier date"),
        _("Changed"),
        _("Next update due"),
        _("Indicators"),
    ]


def _row_values(row: ReportRow) -> list:
    return [
        row.recommendation_id,
        row.assessment,
        row.reference,
        row.theme,
        row.topics,
        row.text,
        row.strength,
        row.institutions,
        row.status,
        row.status_date,
        row.measures,
        row.previous_status,
        row.changed,
        row.due,
        row.indicators,
    ]


def report_title(options: ReportOptions) -> str:
    title = _("Progress on recommendations as of %(date)s") % {"date": options.as_of.isoformat()}
    if options.since:
        title += " · " + _("changes since %(date)s") % {"date": options.since.isoformat()}
    return title


def report_filename(options: ReportOptions, extension: str) -> str:
    return get_valid_filename(
        f"greta-progress-{options.as_of.isoformat()}-{options.language}.{extension}"
    )


def export_csv(recommendations, updates, options: ReportOptions, user=None):
    """Return a streamed CSV response; rows are produced while the response is sent."""

    def rows():
        with translation.override(options.language):
            for row in report_rows(recommendations, updates, options, user):
                yield _row_values(row)
            yield []
            yield [kosovo_footnote()]

    with translation.override(options.language):
        header = report_header()
    return csv_response(report_filename(options, "csv"), header, rows())


def build_xlsx(recommendations, updates, options: ReportOptions, user=None) -> bytes:
    """Build the workbook: a summary sheet, one sheet per theme with real cell types, and a
    sheet of indicators (one number per row) when any recommendation has them."""
    with translation.override(options.language):
        rows = list(report_rows(recommendations, updates, options, user))
        summary = ReportSummary()
        by_theme: dict[str, list[ReportRow]] = {}
        for row in rows:
            summary.add(row)
            by_theme.setdefault(row.theme, []).append(row)

        workbook = xlsx_workbook()
        statuses = [*Status.values, ""]
        summary_header = [_("Theme"), *[status_label(code) for code in statuses], _("Total")]
        summary_rows = [
            [theme, *[counts.get(code, 0) for code in statuses], sum(counts.values())]
            for theme, counts in summary.by_theme.items()
        ]
        sheet = xlsx_add_sheet(workbook, _("Summary"), summary_header, summary_rows, first=True)
        sheet.append([])
        sheet.append([report_title(options)])
        sheet.append([_("Changed since the earlier date"), summary.changed])
        sheet.append([kosovo_footnote()])

        header = report_header()
        for theme, theme_rows in by_theme.items():
            xlsx_add_sheet(workbook, theme, header, [_row_values(row) for row in theme_rows])
        indicator_rows = [
            [row.recommendation_id, row.reference, row.text, item.label, item.value]
            for row in rows
            for item in row.indicator_values
        ]
        if indicator_rows:
            indicator_header = [
                _("ID"),
                _("Number"),
                _("Recommendation"),
                _("Indicator"),
                _("Value"),
            ]
            xlsx_add_sheet(workbook, _("Indicators"), indicator_header, indicator_rows)
        for worksheet in workbook.worksheets:
            worksheet.oddFooter.center.text = kosovo_footnote()[:250]
            worksheet.oddFooter.center.size = 7
        for worksheet in workbook.worksheets[1 : len(by_theme) + 1]:
            for cell in worksheet["J"][1:] + worksheet["N"][1:]:
                cell.number_format = "yyyy-mm-dd"

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _draw_bar_chart(pdf, title: str, groups: dict[str, dict[str, int]]) -> None:
    """Draw horizontal stacked bars of status counts with fpdf2 primitives and a legend."""
    if not groups:
        return
    statuses = [*Status.values, ""]
    pdf.set_font("DejaVu", "B", 10)
    pdf.multi_cell(0, 6, title)
    left, label_width, bar_width, bar_height = pdf.l_margin, 60, 110, 5
    largest = max(sum(counts.values()) for counts in groups.values()) or 1
    pdf.set_font("DejaVu", "", 7)
    for label, counts in groups.items():
        if pdf.will_page_break(bar_height + 2):
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_xy(left, y)
        pdf.cell(label_width, bar_height, label[:45])
        x = left + label_width
        for code in statuses:
            count = counts.get(code, 0)
            if not count:
                continue
            width = bar_width * count / largest
            pdf.set_fill_color(*STATUS_COLOURS[code])
            pdf.rect(x, y + 0.5, width, bar_height - 1, style="F")
            x += width
        pdf.set_xy(x + 1, y)
        pdf.cell(15, bar_height, str(sum(counts.values())))
        pdf.set_y(y + bar_height + 1)
    pdf.ln(1)
    x = left
    for code in statuses:
        pdf.set_fill_color(*STATUS_COLOURS[code])
        pdf.rect(x, pdf.get_y() + 1, 3, 3, style="F")
        label = status_label(code)
        pdf.set_xy(x + 4, pdf.get_y())
        pdf.cell(pdf.get_string_width(label) + 2, 5, label)
        x += pdf.get_string_width(label) + 10
    pdf.ln(8)


def _write_pdf_row(document, row: ReportRow, *, with_previous: bool) -> None:
    """Write one recommendation as a block of pre-wrapped lines.

    `PdfDocument.text_block` wraps in linear time; fpdf2's multi_cell took about 6 ms a row
    here, nearly all of it re-measuring each line once per character.
    """
    status = row.status
    if row.status_date:
        status += f" ({row.status_date.isoformat()})"
    if with_previous:
        status += f" · {_('Status on the earlier date')}: {row.previous_status}"
    heading = " · ".join(part for part in (row.reference, status) if part)
    document.text_block(heading, size=8, line_height=4, style="B")
    document.text_block(row.text, size=8, line_height=4)
    if row.institutions:
        document.text_block(
            f"{_('Responsible institutions')}: {row.institutions}", size=7, line_height=3.5
        )
    if row.measures:
        document.text_block(f"{_('Measures taken')}: {row.measures[:800]}", size=7, line_height=3.5)
    if row.indicators:
        document.text_block(f"{_('Indicators')}: {row.indicators}", size=7, line_height=3.5)
    document.pdf.ln(1.5)


def build_pdf(recommendations, updates, options: ReportOptions, user=None) -> bytes:
    with translation.override(options.language):
        rows = list(report_rows(recommendations, updates, options, user))
        summary = ReportSummary()
        for row in rows:
            summary.add(row)
        document = PdfDocument(report_title(options), landscape=True)
        document.paragraph(
            _("%(count)s recommendations; %(changed)s changed status since the earlier date.")
            % {"count": len(rows), "changed": summary.changed}
        )
        _draw_bar_chart(document.pdf, _("Status by theme"), summary.by_theme)
        _draw_bar_chart(document.pdf, _("Status by institution"), summary.by_institution)

        current_theme = None
        for row in rows:
            if row.theme != current_theme:
                document.heading(row.theme)
                current_theme = row.theme
            _write_pdf_row(document, row, with_previous=bool(options.since))
        return document.output()


def build_docx(recommendations, updates, options: ReportOptions, user=None) -> bytes:
    """Build a Word report: summary table, then one table per theme; the footnote in the footer.

    NOTE: charts are given as count tables here; python-docx cannot draw charts.
    """
    from docx import Document
    from docx.shared import Pt

    with translation.override(options.language):
        rows = list(report_rows(recommendations, updates, options))
        summary = ReportSummary()
        for row in rows:
            summary.add(row)

        document = Document()
        document.styles["Normal"].font.size = Pt(9)
        document.add_heading(report_title(options), level=1)
        statuses = [*Status.values, ""]
        table = document.add_table(rows=1, cols=len(statuses) + 2)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            [_("Theme"), *[status_label(code) for code in statuses], _("Total")],
            strict=True,
        ):
            cell.text = text
        for theme, counts in summary.by_theme.items():
            values = [theme, *[str(counts.get(code, 0)) for code in statuses]]
            values.append(str(sum(counts.values())))
            for cell, text in zip(table.add_row().cells, values, strict=True):
                cell.text = text

        by_theme: dict[str, list[ReportRow]] = {}
        for row in rows:
            by_theme.setdefault(row.theme, []).append(row)
        for theme, theme_rows in by_theme.items():
            document.add_heading(theme, level=2)
            table = document.add_table(rows=1, cols=5)
            table.style = "Table Grid"
            labels = [
                _("Number"),
                _("Recommendation"),
                _("Status"),
                _("Status on the earlier date"),
                _("Measures taken"),
            ]
            for cell, text in zip(table.rows[0].cells, labels, strict=True):
                cell.text = text
            for row in theme_rows:
                values = [
                    row.reference or "–",
                    row.text,
                    row.status,
                    row.previous_status,
                    row.measures,
                ]
                for cell, text in zip(table.add_row().cells, values, strict=True):
                    cell.text = text
        document.sections[0].footer.paragraphs[0].text = kosovo_footnote()

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "docx": DOCX_CONTENT_TYPE,
}
BUILDERS = {"xlsx": build_xlsx, "pdf": build_pdf, "docx": build_docx}


def export_log(*, user, options: ReportOptions, file_format: str, channel: str) -> None:
    ExportLog.objects.create(
        user=user,
        file_format=file_format,
        language=options.language,
        as_of=options.as_of,
        since=options.since,
        channel=channel,
    )
    logger.info(
        "Progress report exported by user %s: %s in %s as of %s (%s)",
        user.pk,
        file_format,
        options.language,
        options.as_of,
        channel,
    )


def export_response(*, user, recommendations, updates, options, file_format, channel="page"):
    """Build the report in `file_format`, log the export with the user id and return it."""
    from django.http import HttpResponse

    export_log(user=user, options=options, file_format=file_format, channel=channel)
    if file_format == "csv":
        return export_csv(recommendations, updates, options, user)
    content = BUILDERS[file_format](recommendations, updates, options, user)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = (
        f'attachment; filename="{report_filename(options, file_format)}"'
    )
    return response
