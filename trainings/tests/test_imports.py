import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from trainings import services
from trainings.imports import ImportFileError, check_rows, parse_date, read_table
from trainings.models import Participant, ParticipantImport, Registration

pytestmark = pytest.mark.django_db

HEADER = "Emri;Mbiemri;Gjinia;Institucioni;Profesioni;E-mail;Data e regjistrimit"
MILICA = "Milica;Đurić;F;courts;judge;m@example.test;\n"


def csv_upload(text: str, encoding: str = "utf-8", name: str = "list.csv"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_upload(rows, merges=(), name="list.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def check(upload, session):
    return check_rows(read_table(upload), session)


def test_windows_1250_csv_keeps_names(trainer, make_session):
    session = make_session(trainer)
    text = (
        "Ime;Prezime;Pol;Institucija;Profesija;Email\r\n"
        "Nemanja;Šarić;M;police-thb-directorate;policajac;nemanja@example.test\r\n"
        "Jovana;Ćosić;Ž;Courts;sudija;jovana@example.test\r\n"
    )
    rows = check(csv_upload(text, "cp1250"), session)
    assert [row["values"]["last_name"] for row in rows] == ["Šarić", "Ćosić"]
    assert [row["values"]["sex"] for row in rows] == ["male", "female"]
    assert rows[1]["values"]["profession"] == "judge"
    assert all(not row["errors"] for row in rows)


def test_utf8_bom_csv_with_empty_rows_and_dates(trainer, make_session):
    session = make_session(trainer)
    text = (
        "\ufeff" + HEADER + "\n"
        "Arbër;Gashi;M;Drejtoria kundër Trafikimit me Qenie Njerëzore e Policisë së Kosovës;"
        "polic;arber@example.test;03.02.2025\n"
        ";;;;;;\n"
        "\n"
        "Dritëro;Çeku;M;chief-state-prosecutor;prokuror;dritero@example.test;2025-02-04\n"
    )
    rows = check(csv_upload(text), session)
    assert len(rows) == 2
    assert rows[0]["values"]["first_name"] == "Arbër"
    assert rows[1]["values"]["last_name"] == "Çeku"
    assert rows[0]["values"]["registered_on"] == "2025-02-03"
    assert rows[1]["values"]["registered_on"] == "2025-02-04"
    assert rows[1]["line"] == 5
    assert all(not row["errors"] for row in rows)


def test_bad_date_is_row_error(trainer, make_session):
    session = make_session(trainer)
    text = HEADER + "\nArta;Berisha;F;courts;judge;arta@example.test;31.02.2025\n"
    rows = check(csv_upload(text), session)
    assert any("Invalid date" in error for error in rows[0]["errors"])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("03.02.2025", date(2025, 2, 3)),
        ("3.2.2025.", date(2025, 2, 3)),
        ("2025-02-03", date(2025, 2, 3)),
        ("", None),
    ],
)
def test_parse_date_forms(value, expected):
    assert parse_date(value) == expected


def test_merged_header_xlsx(trainer, make_session):
    session = make_session(trainer)
    upload = xlsx_upload(
        [
            ["Lista e pjesëmarrësve", None, None, None, None],
            ["Emri dhe mbiemri", None, "Gjinia", "Institucioni", "E-mail"],
            ["Emri", "Mbiemri", "Gjinia", "Institucioni", "E-mail"],
            ["Ђорђе", "Стојановић", "M", "courts", "djordje@example.test"],
            [None, None, None, None, None],
            ["Blerta", "Kelmendi", "F", "courts", "blerta@example.test"],
        ],
        merges=["A1:E1", "A2:B2", "C2:C3", "D2:D3", "E2:E3"],
    )
    rows = check(upload, session)
    assert [row["values"]["first_name"] for row in rows] == ["Ђорђе", "Blerta"]
    assert rows[0]["values"]["sex"] == "male"
    assert all(not row["errors"] for row in rows)


def test_row_errors_listed(trainer, make_session, make_participant, register):
    session = make_session(trainer)
    register(session, make_participant(email="taken@example.test"))
    text = (
        "First name,Last name,Sex,Institution,E-mail\n"
        "Ana,Nikolić,,courts,ana@example.test\n"
        "Vesa,Hoti,F,Ministry of Magic,vesa@example.test\n"
        "Ilir,Hasani,M,courts,ilir@example.test\n"
        "Ilir,Hasani,M,courts,ilir@example.test\n"
        "Luan,Morina,M,courts,taken@example.test\n"
    )
    rows = check(csv_upload(text), session)
    assert any("Sex is missing" in error for error in rows[0]["errors"])
    assert any("Unknown institution" in error for error in rows[1]["errors"])
    assert rows[2]["errors"] == []
    assert any("also on line 4" in error for error in rows[3]["errors"])
    assert any("Similar name on line 4" in warning for warning in rows[3]["warnings"])
    assert any("already registered" in error for error in rows[4]["errors"])


def test_unreadable_files_rejected(trainer, make_session):
    session = make_session(trainer)
    with pytest.raises(ImportFileError, match="not a valid XLSX"):
        read_table(SimpleUploadedFile("list.xlsx", b"PK\x03\x04 broken"))
    with pytest.raises(ImportFileError, match="No header row"):
        check(csv_upload("a,b,c\n1,2,3\n"), session)
    with pytest.raises(ImportFileError, match="no participant rows"):
        check(csv_upload("First name,Last name\n\n,,\n"), session)


def test_confirm_saves_all_rows(trainer, make_session):
    session = make_session(trainer)
    text = (
        HEADER
        + "\nArbër;Gashi;M;courts;judge;a@example.test;\n"
        + "Milica;Đurić;F;courts;judge;m@example.test;\n"
    )
    rows = check(csv_upload(text), session)
    participant_import = ParticipantImport.objects.create(
        session=session, uploaded_by=trainer, filename="list.csv", rows=rows
    )
    saved = services.participant_import_confirm(
        participant_import=participant_import, confirmed_by=trainer
    )
    assert saved == 2
    assert Registration.objects.filter(session=session).count() == 2
    with pytest.raises(ValidationError, match="already been confirmed"):
        services.participant_import_confirm(
            participant_import=participant_import, confirmed_by=trainer
        )


def test_confirm_with_errors_saves_nothing(trainer, make_session):
    session = make_session(trainer)
    text = (
        HEADER
        + "\nArbër;Gashi;M;courts;judge;a@example.test;\n"
        + "Milica;Đurić;;courts;judge;m@example.test;\n"
    )
    rows = check(csv_upload(text), session)
    participant_import = ParticipantImport.objects.create(
        session=session, uploaded_by=trainer, filename="list.csv", rows=rows
    )
    with pytest.raises(ValidationError, match="rows have errors"):
        services.participant_import_confirm(
            participant_import=participant_import, confirmed_by=trainer
        )
    assert not Participant.objects.exists()


def test_confirm_rolls_back_on_late_conflict(trainer, make_session, make_participant, register):
    session = make_session(trainer)
    text = (
        HEADER
        + "\nArbër;Gashi;M;courts;judge;a@example.test;\n"
        + "Milica;Đurić;F;courts;judge;m@example.test;\n"
    )
    rows = check(csv_upload(text), session)
    participant_import = ParticipantImport.objects.create(
        session=session, uploaded_by=trainer, filename="list.csv", rows=rows
    )
    # Someone registers the second person between the preview and the confirmation.
    register(session, make_participant(email="m@example.test"))
    with pytest.raises(ValidationError, match="Row 3"):
        services.participant_import_confirm(
            participant_import=participant_import, confirmed_by=trainer
        )
    assert not Participant.objects.filter(email="a@example.test").exists()
    assert Registration.objects.filter(session=session).count() == 1
