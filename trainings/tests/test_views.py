import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.roles import Role
from trainings import services
from trainings.models import Attendance, Participant, Registration
from trainings.views import check_in_token

pytestmark = pytest.mark.django_db

NAMES = [
    ("Dritëro", "Çeku"),
    ("Blerta", "Kelmendi"),
    ("Ђорђе", "Стојановић"),
    ("Milica", "Đurić"),
    ("Jovana", "Ćosić"),
    ("Nemanja", "Šarić"),
    ("Љиљана", "Живковић"),
]


def url(name, *args):
    return reverse(f"trainings:{name}", args=args)


@pytest.fixture
def named_session(trainer, make_session, make_participant, register):
    """A three-day session with Albanian and Serbian names and two days of attendance."""
    session = make_session(trainer, city="Prizren")
    registrations = [
        register(
            session, make_participant(first_name=first, last_name=last, preferred_language=language)
        )
        for (first, last), language in zip(
            NAMES, ["sq", "sq", "sr", "sr-latn", "sr-latn", "en", "sr"], strict=True
        )
    ]
    for day, status in ((date(2025, 3, 10), "present"), (date(2025, 3, 11), "late")):
        services.attendance_record_day(
            session=session,
            day=day,
            statuses={registration.pk: status for registration in registrations[:-1]},
            recorded_by=trainer,
        )
    services.attendance_record_day(
        session=session,
        day=date(2025, 3, 12),
        statuses={registrations[0].pk: "present", registrations[-1].pk: "absent"},
        recorded_by=trainer,
    )
    return session


# Permissions


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, 302),
        (Role.CIVIL_SOCIETY_READER, 403),
        (Role.LEGAL_PROFESSIONAL, 403),
        (Role.TRAINER, 200),
        (Role.PROJECT_STAFF, 200),
        (Role.ADMINISTRATOR, 200),
    ],
)
def test_session_list_access_per_role(client_for, role, expected):
    response = client_for(role).get(url("session_list"))
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"), [(None, 302), (Role.TRAINER, 403), (Role.PROJECT_STAFF, 200)]
)
def test_statistics_access_per_role(client_for, role, expected):
    assert client_for(role).get(url("statistics")).status_code == expected


def test_other_trainers_session_is_404(client, other_trainer, named_session):
    client.force_login(other_trainer)
    registration = named_session.registrations.first()
    for address in [
        url("session_detail", named_session.pk),
        url("session_update", named_session.pk),
        url("roll_call", named_session.pk, "2025-03-10"),
        url("attendance_sheet", named_session.pk, "xlsx"),
        url("certificate", named_session.pk, registration.pk),
        url("check_in_qr", named_session.pk, "2025-03-10"),
        url("import_upload", named_session.pk),
    ]:
        assert client.get(address).status_code == 404, address
    response = client.post(
        url("roll_call", named_session.pk, "2025-03-10"), {f"status-{registration.pk}": "absent"}
    )
    assert response.status_code == 404
    assert (
        Attendance.objects.get(registration=registration, day=date(2025, 3, 10)).status == "present"
    )


def test_staff_sees_every_session(client_for, named_session):
    client = client_for(Role.PROJECT_STAFF)
    response = client.get(url("session_detail", named_session.pk))
    assert response.status_code == 200
    assert "Đurić" in response.content.decode()


def test_session_list_shows_only_own(client, trainer, other_trainer, make_session):
    make_session(trainer, venue="Own venue")
    make_session(other_trainer, venue="Foreign venue")
    client.force_login(trainer)
    content = client.get(url("session_list")).content.decode()
    assert "Own venue" in content
    assert "Foreign venue" not in content


def test_session_list_query_count_bounded(
    client, trainer, make_session, django_assert_max_num_queries
):
    for _index in range(30):
        make_session(trainer)
    client.force_login(trainer)
    with django_assert_max_num_queries(12):
        response = client.get(url("session_list"))
    assert response.status_code == 200


# Session form


def test_session_create_end_before_start_400(client, trainer, course):
    client.force_login(trainer)
    response = client.post(
        url("session_create"),
        {
            "course": course.pk,
            "start_date": "2025-05-10",
            "end_date": "2025-05-09",
            "format": "in_person",
            "language": "sq",
            "status": "planned",
        },
    )
    assert response.status_code == 400
    assert "end date must not be before" in response.content.decode()


def test_session_update_cannot_drop_recorded_days(client, trainer, course, named_session):
    client.force_login(trainer)
    response = client.post(
        url("session_update", named_session.pk),
        {
            "course": course.pk,
            "start_date": "2025-03-10",
            "end_date": "2025-03-11",
            "format": "in_person",
            "language": "sq",
            "status": "held",
        },
    )
    assert response.status_code == 400
    named_session.refresh_from_db()
    assert named_session.end_date == date(2025, 3, 12)


# Registration


def test_register_twice_shows_message(client, trainer, named_session, institution):
    client.force_login(trainer)
    existing = named_session.registrations.first().participant
    response = client.post(
        url("registration_create", named_session.pk),
        {
            "first_name": existing.first_name,
            "last_name": existing.last_name,
            "sex": "female",
            "institution": institution.pk,
            "profession": "other",
            "email": existing.email.upper(),
            "preferred_language": "sq",
        },
    )
    assert response.status_code == 400
    assert "already registered" in response.content.decode()
    assert Participant.objects.filter(email=existing.email).count() == 1


def test_register_similar_name_needs_confirmation(
    client, trainer, make_session, make_participant, institution
):
    session = make_session(trainer)
    make_participant(first_name="Arbër", last_name="Gashi", email="")
    client.force_login(trainer)
    data = {
        "first_name": "Arber",
        "last_name": "Gashi",
        "sex": "male",
        "institution": institution.pk,
        "profession": "police_officer",
        "email": "",
        "preferred_language": "sq",
    }
    response = client.post(url("registration_create", session.pk), data)
    assert response.status_code == 409
    assert not Registration.objects.filter(session=session).exists()
    response = client.post(
        url("registration_create", session.pk), {**data, "confirm_similar": "on"}
    )
    assert response.status_code == 302
    assert Registration.objects.filter(session=session).count() == 1


# Import through the pages


def test_import_preview_then_confirm(client, trainer, make_session):
    session = make_session(trainer)
    client.force_login(trainer)
    text = "Emri;Mbiemri;Gjinia;Institucioni;E-mail\nArbër;Gashi;M;courts;arber@example.test\n"
    upload = SimpleUploadedFile("list.csv", text.encode("utf-8-sig"))
    response = client.post(url("import_upload", session.pk), {"file": upload})
    assert response.status_code == 302
    assert not Registration.objects.filter(session=session).exists()
    preview = client.get(response["Location"])
    assert "Arbër" in preview.content.decode()
    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 302
    assert Registration.objects.filter(session=session).count() == 1


def test_import_with_errors_cannot_be_confirmed(client, trainer, make_session):
    session = make_session(trainer)
    client.force_login(trainer)
    text = "Emri;Mbiemri;Gjinia;Institucioni\nArbër;Gashi;;Unknown office\n"
    upload = SimpleUploadedFile("list.csv", text.encode("cp1250"))
    response = client.post(url("import_upload", session.pk), {"file": upload})
    preview = client.get(response["Location"]).content.decode()
    assert "Sex is missing" in preview
    assert "Unknown institution" in preview
    assert client.post(response["Location"]).status_code == 400
    assert not Participant.objects.exists()


def test_import_unreadable_file_400(client, trainer, make_session):
    session = make_session(trainer)
    client.force_login(trainer)
    upload = SimpleUploadedFile("list.xlsx", b"PK\x03\x04not a workbook")
    response = client.post(url("import_upload", session.pk), {"file": upload})
    assert response.status_code == 400
    assert "not a valid XLSX" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("list.csv", b"", "The submitted file is empty"),
        ("list.csv", b"a" * (6 * 1024 * 1024), "larger than 5 MB"),
        ("list.xlsx", "Emri;Mbiemri\nArbër;Gashi\n".encode(), "not a valid XLSX"),
        ("list.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old xls", "not a valid XLSX"),
        ("list.csv", b"\x00\x01\x02binary", "not a text CSV file"),
    ],
)
def test_import_rejected_uploads_all_400(client, trainer, make_session, name, content, message):
    session = make_session(trainer)
    client.force_login(trainer)
    upload = SimpleUploadedFile(name, content)
    response = client.post(url("import_upload", session.pk), {"file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Participant.objects.exists()


# Roll-call


def test_roll_call_sixty_participants_bounded_queries(
    client, trainer, make_session, make_participant, register, django_assert_max_num_queries
):
    session = make_session(trainer)
    registrations = [register(session, make_participant()) for _index in range(60)]
    client.force_login(trainer)
    address = url("roll_call", session.pk, "2025-03-11")
    data = {f"status-{registration.pk}": "present" for registration in registrations}
    with django_assert_max_num_queries(20):
        response = client.post(address, data)
    assert response.status_code == 302
    assert Attendance.objects.filter(day=date(2025, 3, 11), status="present").count() == 60

    corrections = {
        **data,
        f"status-{registrations[0].pk}": "late",
        f"status-{registrations[1].pk}": "excused",
    }
    with django_assert_max_num_queries(20):
        client.post(address, corrections)
    assert Attendance.objects.filter(day=date(2025, 3, 11), status="present").count() == 58
    corrected = Attendance.objects.get(registration=registrations[0], day=date(2025, 3, 11))
    assert [entry.status for entry in corrected.history.order_by("history_date")] == [
        "present",
        "late",
    ]

    with django_assert_max_num_queries(15):
        page = client.get(address)
    assert page.status_code == 200


def test_roll_call_day_outside_session_400(client, trainer, named_session):
    client.force_login(trainer)
    registration = named_session.registrations.first()
    response = client.post(
        url("roll_call", named_session.pk, "2025-03-20"), {f"status-{registration.pk}": "present"}
    )
    assert response.status_code == 400
    assert "not a day of this session" in response.content.decode()
    assert client.get(url("roll_call", named_session.pk, "not-a-date")).status_code == 400
    assert not Attendance.objects.filter(day=date(2025, 3, 20)).exists()


def test_roll_call_bad_status_saves_nothing(client, trainer, named_session):
    client.force_login(trainer)
    first = named_session.registrations.get(participant__last_name="Çeku")
    second = named_session.registrations.get(participant__last_name="Kelmendi")
    response = client.post(
        url("roll_call", named_session.pk, "2025-03-12"),
        {f"status-{first.pk}": "absent", f"status-{second.pk}": "sleeping"},
    )
    assert response.status_code == 400
    assert Attendance.objects.get(registration=first, day=date(2025, 3, 12)).status == "present"


def test_walk_in_added_and_present(client, trainer, named_session, institution):
    client.force_login(trainer)
    response = client.post(
        url("walk_in", named_session.pk, "2025-03-12"),
        {
            "first_name": "Vjosa",
            "last_name": "Zeqiri",
            "sex": "female",
            "institution": institution.pk,
            "profession": "judge",
            "email": "vjosa@example.test",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(participant__email="vjosa@example.test")
    assert registration.is_walk_in
    assert registration.attendances.get().status == "present"


# Self check-in


def test_check_in_qr_is_svg(client, trainer, named_session):
    client.force_login(trainer)
    response = client.get(url("check_in_qr", named_session.pk, "2025-03-10"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content


def test_self_check_in_only_on_its_day(
    client, make_user, named_session, make_participant, register, monkeypatch
):
    participant_user = make_user(Role.POLICE_INVESTIGATOR, first_name="Ilir", last_name="Hasani")
    register(named_session, make_participant(first_name="Ilir", user=participant_user))
    client.force_login(participant_user)
    token = check_in_token(named_session, date(2025, 3, 11))
    address = url("self_check_in", token)

    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2025, 3, 12))
    assert client.post(address).status_code == 410
    assert not Attendance.objects.filter(registration__participant__user=participant_user).exists()

    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2025, 3, 11))
    assert client.post(address).status_code == 200
    record = Attendance.objects.get(registration__participant__user=participant_user)
    assert record.day == date(2025, 3, 11)
    assert record.status == "present"
    assert record.is_self_check_in

    assert client.get(url("self_check_in", token + "x")).status_code == 404


def test_self_check_in_unregistered_user_rejected(client, make_user, named_session, monkeypatch):
    stranger = make_user(Role.POLICE_INVESTIGATOR, email="stranger@example.test")
    client.force_login(stranger)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2025, 3, 11))
    address = url("self_check_in", check_in_token(named_session, date(2025, 3, 11)))
    registrations_before = Registration.objects.count()

    page = client.get(address)
    assert page.status_code == 403
    assert "Please see the trainer" in page.content.decode()
    assert "I am here" not in page.content.decode()

    response = client.post(address)
    assert response.status_code == 403
    assert "not on the participant list" in response.content.decode()
    assert Registration.objects.count() == registrations_before
    assert not Participant.objects.filter(email="stranger@example.test").exists()


def test_self_check_in_matches_imported_email(
    client, make_user, named_session, make_participant, register, monkeypatch
):
    """A person imported by e-mail before they had an account is linked on check-in."""
    registration = register(named_session, make_participant(email="arta@example.test"))
    user = make_user(Role.POLICE_INVESTIGATOR, email="Arta@example.test")
    client.force_login(user)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2025, 3, 12))

    response = client.post(url("self_check_in", check_in_token(named_session, date(2025, 3, 12))))

    assert response.status_code == 200
    registration.participant.refresh_from_db()
    assert registration.participant.user == user
    assert Attendance.objects.get(registration=registration, day=date(2025, 3, 12)).is_self_check_in


def test_self_check_in_requires_sign_in(client, named_session):
    token = check_in_token(named_session, date(2025, 3, 11))
    assert client.get(url("self_check_in", token)).status_code == 302


# Exports


def test_attendance_sheet_xlsx_keeps_names(client, trainer, named_session):
    client.force_login(trainer)
    response = client.get(url("attendance_sheet", named_session.pk, "xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    names = {(row[2], row[1]) for row in cells[1:]}
    assert set(NAMES) == names
    assert cells[0][5:8] == ["10.03.2025", "11.03.2025", "12.03.2025"]


def test_attendance_sheet_day_pdf_keeps_names(client, trainer, named_session):
    client.force_login(trainer)
    response = client.get(url("attendance_sheet_day", named_session.pk, "2025-03-11", "pdf"))
    assert response.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for first, last in NAMES:
        assert first in text
        assert last in text
    assert "11.03.2025" in text
    assert client.get(url("attendance_sheet", named_session.pk, "docx")).status_code == 404


def test_certificates_only_for_eligible(client, trainer, named_session):
    client.force_login(trainer)
    response = client.get(url("certificates", named_session.pk))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # 80 % of 3 days needs all 3 days: only the first participant attended every day.
    assert "Dritëro Çeku" in text
    assert "Љиљана" not in text
    assert "Vërtetim pjesëmarrjeje" in text or "Certificate" in text


def test_certificate_in_participants_language(client, trainer, named_session, course):
    course.required_attendance_percent = 60
    course.save()
    client.force_login(trainer)
    serbian = Registration.objects.get(session=named_session, participant__last_name="Стојановић")
    response = client.get(url("certificate", named_session.pk, serbian.pk))
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Ђорђе Стојановић" in text
    assert "Истрага трговине људима" in text


def test_certificate_not_eligible_409(client, trainer, named_session):
    client.force_login(trainer)
    absent = Registration.objects.get(session=named_session, participant__first_name="Љиљана")
    assert client.get(url("certificate", named_session.pk, absent.pk)).status_code == 409
