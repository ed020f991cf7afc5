"""A trainer plans a session, imports participants, takes two roll-calls and downloads the sheet."""

import io
import re
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from openpyxl import load_workbook

from accounts.roles import Role
from trainings.models import Attendance, Course, Trainer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARTICIPANTS_CSV = (
    "Emri;Mbiemri;Gjinia;Institucioni;Profesioni;E-mail\n"
    "Dritëro;Çeku;M;courts;gjyqtar;dritero@example.test\n"
    "Mimoza;Bytyçi;F;victim-protection-office;social worker;mimoza@example.test\n"
    "Ђорђе;Стојановић;M;police-thb-directorate;policajac;djordje@example.test\n"
    "Jovana;Ćosić;Ž;chief-state-prosecutor;tužilac;jovana@example.test\n"
)


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_trainer_session_import_roll_call_download(
    page, live_server, make_user, artifacts_dir, tmp_path
):
    trainer = make_user(Role.TRAINER, first_name="Teuta", last_name="Morina")
    Trainer.objects.create(user=trainer, name="Teuta Morina")
    Course.objects.create(
        code="thb", title_sq="Hetimi i trafikimit me njerëz", title_en="Investigating THB"
    )
    sign_in(page, live_server, trainer)

    page.goto("/en/trainings/sessions/new/")
    page.select_option("#id_course", label="Investigating THB")
    page.fill("#id_start_date", "2025-03-10")
    page.fill("#id_end_date", "2025-03-11")
    page.fill("#id_city", "Prizren")
    page.fill("#id_venue", "Hotel Theranda")
    page.screenshot(path=str(artifacts_dir / "trainings-1-new-session.png"), full_page=True)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/trainings/sessions/\d+/$"))
    session_url = page.url

    csv_path = tmp_path / "participants.csv"
    csv_path.write_bytes(PARTICIPANTS_CSV.encode("utf-8-sig"))
    page.click("a[href$='/import/']")
    page.set_input_files("#id_file", str(csv_path))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/import/*/")
    page.screenshot(path=str(artifacts_dir / "trainings-2-import-preview.png"), full_page=True)
    page.click("form.actions button[type=submit]")
    page.wait_for_url(session_url)

    page.set_viewport_size({"width": 390, "height": 844})
    for day, absent_name in (("2025-03-10", None), ("2025-03-11", "Jovana Ćosić")):
        page.goto(f"{session_url}days/{day}/")
        page.click("[data-mark-all]")
        if absent_name:
            row = page.locator(".roll-call-row", has_text=absent_name)
            row.locator(".status-absent").click()
        page.screenshot(
            path=str(artifacts_dir / f"trainings-3-roll-call-{day}.png"), full_page=True
        )
        page.click(".sticky-save button")
        page.wait_for_selector(".message-success")
    page.set_viewport_size({"width": 1280, "height": 900})

    assert Attendance.objects.filter(status="present").count() == 7
    assert Attendance.objects.get(status="absent").day == date(2025, 3, 11)

    page.goto(session_url)
    page.screenshot(path=str(artifacts_dir / "trainings-4-session.png"), full_page=True)
    with page.expect_download() as download_info:
        page.click("a[href$='/attendance.xlsx']")
    path = download_info.value.path()
    with open(path, "rb") as downloaded:
        sheet = load_workbook(io.BytesIO(downloaded.read())).worksheets[0]
    names = {(row[2], row[1]) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert ("Ђорђе", "Стојановић") in names
    assert ("Dritëro", "Çeku") in names
    assert ("Jovana", "Ćosić") in names
