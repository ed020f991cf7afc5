import csv
import gc
import io
import weakref
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.roles import Role
from greta.models import ExportLog, ProgressUpdate, Status
from greta.reports import ReportOptions, build_docx, build_pdf, build_xlsx, export_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_data(make_recommendation, add_update):
    first = make_recommendation(
        text_sq="Të sigurohet kompensimi për viktimat e trafikimit",
        text_sr="Обезбедити накнаду штете жртвама трговине људима",
        next_update_due=date(2025, 1, 15),
    )
    add_update(first, date(2024, 1, 1), Status.NOT_STARTED)
    add_update(first, date(2024, 6, 1), Status.IN_PROGRESS, measures='=HYPERLINK("http://x")')
    second = make_recommendation(text_en="@SUM(A1) summary", number="12")
    add_update(second, date(2024, 2, 1), Status.IMPLEMENTED, measures="-2+3 masat e përfunduara")
    return first, second


def options(language="sq"):
    return ReportOptions(as_of=date(2024, 12, 31), since=date(2024, 3, 1), language=language)


def csv_text(language="sq"):
    response = export_csv(
        type(ProgressUpdate.objects.first().recommendation).objects.all(),
        ProgressUpdate.objects.confirmed(),
        options(language),
    )
    return b"".join(
        chunk if isinstance(chunk, bytes) else chunk.encode()
        for chunk in response.streaming_content
    ).decode("utf-8")


def test_csv_starts_with_bom(report_data):
    assert csv_text().startswith("\ufeff")


def test_csv_neutralises_formulas(report_data):
    rows = list(csv.reader(io.StringIO(csv_text("en").lstrip("\ufeff"))))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://x")' in cells
    assert "'-2+3 masat e përfunduara" in cells
    assert "'@SUM(A1) summary" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_csv_has_footnote_and_status(report_data):
    text = csv_text("sr")
    assert "1244" in text
    assert "Обезбедити накнаду штете" in text


def test_xlsx_cell_types(report_data):
    recommendations = type(report_data[0]).objects.all()
    content = build_xlsx(recommendations, ProgressUpdate.objects.confirmed(), options("en"))
    workbook = load_workbook(io.BytesIO(content))

    assert workbook.sheetnames[0] == "Summary"
    assert len(workbook.sheetnames) == 2  # summary plus the one theme
    sheet = workbook.worksheets[1]
    header = [cell.value for cell in sheet[1]]
    row = {header[index]: cell.value for index, cell in enumerate(sheet[2])}
    assert isinstance(row["ID"], int)
    assert isinstance(row["Status reported on"], date)
    assert isinstance(row["Changed"], bool)
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.freeze_panes == "A2"
    summary = workbook.worksheets[0]
    assert isinstance(summary["B2"].value, int)


def test_xlsx_one_sheet_per_theme_and_footnote(report_data):
    recommendations = type(report_data[0]).objects.all()
    workbook = load_workbook(
        io.BytesIO(build_xlsx(recommendations, ProgressUpdate.objects.confirmed(), options("sq")))
    )
    texts = [cell.value for row in workbook.worksheets[0].iter_rows() for cell in row]
    assert any(isinstance(text, str) and "1244" in text for text in texts)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sq", "Të sigurohet kompensimi për viktimat e trafikimit"),
        ("sr", "Обезбедити накнаду штете жртвама трговине људима"),
    ],
)
def test_pdf_text_extracts(report_data, language, expected):
    recommendations = type(report_data[0]).objects.all()
    content = build_pdf(recommendations, ProgressUpdate.objects.confirmed(), options(language))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    normalised = " ".join(text.split())
    assert expected in normalised
    assert "1244" in normalised


def test_docx_opens_with_footnote(report_data):
    recommendations = type(report_data[0]).objects.all()
    content = build_docx(recommendations, ProgressUpdate.objects.confirmed(), options("sr"))
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Обезбедити накнаду штете жртвама трговине људима" in cells
    assert "1244" in document.sections[0].footer.paragraphs[0].text


@pytest.mark.parametrize("file_format", ["xlsx", "csv", "pdf", "docx"])
def test_export_page_logs_user(client_for, users, report_data, file_format):
    client = client_for(Role.PROJECT_STAFF)
    response = client.get(
        "/en/greta/export/",
        {
            "as_of": "2024-12-31",
            "since": "2024-03-01",
            "language": "sr",
            "file_format": file_format,
        },
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    entry = ExportLog.objects.get()
    assert entry.user_id == users[Role.PROJECT_STAFF].pk
    assert entry.file_format == file_format


def test_export_bad_dates_rejected(client_for, report_data):
    client = client_for(Role.PROJECT_STAFF)
    response = client.get(
        "/en/greta/export/",
        {"as_of": "2024-01-01", "since": "2024-03-01", "language": "en", "file_format": "csv"},
    )
    assert response.status_code == 400
    assert not ExportLog.objects.exists()


def test_export_api_returns_file(client_for, report_data):
    client = client_for(Role.PROJECT_STAFF)
    response = client.get("/api/v1/greta/export/", {"as_of": "2024-12-31", "file_format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert ExportLog.objects.get().channel == "api"


def test_export_api_invalid_date(client_for, report_data):
    response = client_for(Role.PROJECT_STAFF).get("/api/v1/greta/export/", {"as_of": "yesterday"})
    assert response.status_code == 400


def test_report_rows_free_finished_chunks(make_recommendation, monkeypatch):
    from greta import reports
    from greta.models import Recommendation

    monkeypatch.setattr(reports, "CHUNK_SIZE", 5)
    for _index in range(20):
        make_recommendation()
    gc.collect()
    alive = []
    gc.disable()  # so only reference counting frees objects, as between two collections
    try:
        rows = reports.report_rows(
            Recommendation.objects.all(), ProgressUpdate.objects.confirmed(), options("en")
        )
        for index, _row in enumerate(rows):
            if index % 5 == 4:
                alive.append(_count_instances(Recommendation))
    finally:
        gc.enable()
    assert len(alive) == 4
    # The chunk being read is alive, so a count of zero would mean a broken counter.
    assert min(alive) > 0
    # The current chunk and at most the one before it; never all 20 recommendations.
    assert max(alive) <= 10


def test_instance_count_survives_dead_weak_proxy():
    from greta.models import Recommendation

    class Referent:
        pass

    referent = Referent()
    dead_proxy = weakref.proxy(referent)
    del referent
    assert gc.is_tracked(dead_proxy)
    with pytest.raises(ReferenceError):
        isinstance(dead_proxy, Recommendation)
    # Other tests may leave instances alive, so only the absence of ReferenceError counts.
    assert _count_instances(Recommendation) >= 0


def _count_instances(model) -> int:
    """Count the live instances of model among the objects the garbage collector tracks.

    isinstance() reads __class__ through a weakref.proxy, which raises ReferenceError once
    its referent is gone, whereas type() returns the proxy's own type without reading it.
    """
    return sum(issubclass(type(item), model) for item in gc.get_objects())


def test_export_includes_indicators(client_for, report_data):
    from caselaw.models import Court, Judgment

    first, _second = report_data
    court = Court.objects.create(code="test-basic", name="Basic", level="basic")
    Judgment.objects.create(
        case_number="P-1", court=court, decision_date=date(2024, 5, 1),
        decision_type="judgment", instance="first", outcome="conviction",
        original_language="sq", title="P-1", status="published", access_level="public",
    )  # fmt: skip
    first.caselaw_filter = {"court_level": ["basic"]}
    first.save()
    client = client_for(Role.PROJECT_STAFF)
    query = {"as_of": "2024-12-31", "language": "en"}
    response = client.get("/en/greta/export/", {**query, "file_format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content))["Indicators"]
    values = {row[3]: row[4] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["judgments with a conviction"] == 1
    assert isinstance(values["published judgments matching the case-law filter"], int)
    response = client.get("/en/greta/export/", {**query, "file_format": "pdf"})
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "judgments with a conviction" in text
