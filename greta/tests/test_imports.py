import io

import pytest
from openpyxl import Workbook

from accounts.roles import Role
from greta.imports import COLUMNS, import_parse
from greta.models import Recommendation

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)


def csv_file(*rows):
    return ("\ufeff" + "\n".join([HEADER, *rows]) + "\n").encode("utf-8")


def good_row(key="imp-1", **overrides):
    values = dict.fromkeys(COLUMNS, "")
    values.update(
        source_key=key, assessment="test-report", theme="protection", topics="compensation",
        articles="15", strength="urges", text_sq="Kompensimi", text_sr="Накнада",
        text_en="Compensation", next_update_due="2025-03-01",
    )  # fmt: skip
    values.update(overrides)
    return ",".join(values[column] for column in COLUMNS)


@pytest.fixture
def ready(make_recommendation, article, institutions):
    make_recommendation(source_key="existing")


def upload(client, content, name="rows.csv"):
    stream = io.BytesIO(content)
    stream.name = name
    return client.post("/en/greta/import/", {"file": stream})


def test_preview_then_save(client_for, ready):
    client = client_for(Role.PROJECT_STAFF)
    response = upload(client, csv_file(good_row("imp-1"), good_row("imp-2", paragraph="45")))
    assert response.status_code == 200
    assert not Recommendation.objects.filter(source_key="imp-1").exists()
    response = client.post("/en/greta/import/confirm/")
    assert response.status_code == 302
    created = Recommendation.objects.get(source_key="imp-2")
    assert created.paragraph == 45
    assert created.number == ""
    assert list(created.articles.values_list("number", flat=True)) == [15]


def test_row_errors_listed_and_nothing_saved(client_for, ready):
    client = client_for(Role.PROJECT_STAFF)
    content = csv_file(
        good_row("imp-ok"),
        good_row("existing"),
        good_row("imp-bad", theme="nowhere", articles="99", strength="demands", paragraph="x"),
        good_row("imp-ok"),
    )
    response = upload(client, content)
    assert response.status_code == 400
    text = response.content.decode()
    assert "existing already exists" in text
    assert "Unknown main theme nowhere" in text
    assert "Unknown Convention article 99" in text
    assert "Invalid strength demands" in text
    assert "appears twice" in text
    client.post("/en/greta/import/confirm/")
    assert not Recommendation.objects.filter(source_key__startswith="imp-").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
        (b"PK\x03\x04broken zip", "not a valid XLSX workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old xls", "not a valid XLSX workbook"),
        (b"source_key,text_en\nx,y\n", "Missing columns"),
    ],
)
def test_bad_files_rejected(client_for, ready, content, message):
    response = upload(client_for(Role.PROJECT_STAFF), content or b" ")
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "rows.csv", "The submitted file is empty"),
        (b"a" * (6 * 1024 * 1024), "rows.csv", "larger than 5 MB"),
        (b"\xff\xfe\x00not a workbook", "rows.xlsx", "not a valid XLSX workbook"),
        (b"source_key,text_en\nx,y\n", "rows.xlsx", "not a valid XLSX workbook"),
        (b"\xff\xfe\x00bad", "rows.csv", "not UTF-8"),
    ],
)
def test_every_rejected_upload_is_400(client_for, ready, content, name, message):
    response = upload(client_for(Role.PROJECT_STAFF), content, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Recommendation.objects.exclude(source_key="existing").exists()


def test_xlsx_import_reads_dates(ready):
    from datetime import date

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    row = dict.fromkeys(COLUMNS)
    row.update(source_key="x-1", assessment="test-report", theme="protection", text_en="T")
    row["next_update_due"] = date(2025, 5, 1)
    row["paragraph"] = 12
    sheet.append([row[column] for column in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = import_parse(buffer.getvalue())
    assert rows[0].errors == []
    assert rows[0].values["next_update_due"] == "2025-05-01"
    assert rows[0].values["paragraph"] == "12"


def test_reader_cannot_import(client_for, ready):
    assert upload(client_for(Role.CIVIL_SOCIETY_READER), csv_file(good_row())).status_code == 403
