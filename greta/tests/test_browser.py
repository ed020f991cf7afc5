"""Staff filter recommendations, add a progress update and export the report in each format."""

import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.roles import Role
from conftest import TEST_PASSWORD
from greta import sample_data
from greta.models import ProgressUpdate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_track_and_export(page, make_user, artifacts_dir):
    sample_data.load(stdout=io.StringIO(), source_dir=None)
    make_user(Role.PROJECT_STAFF, email="greta-staff@example.test", preferred_language="en")

    page.goto("/en/accounts/sign-in/")
    page.get_by_label("E-mail address").fill("greta-staff@example.test")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/en/$"))

    page.goto("/en/greta/")
    page.select_option("#id_body", "us_tip")
    page.select_option("#id_strength", "unknown")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r".*body=us_tip.*"))
    assert page.locator("#result-count").inner_text().startswith("28 ")
    page.screenshot(path=artifacts_dir / "greta-list-filtered.png", full_page=True)

    page.locator("#recommendation-table a").first.click()
    page.locator("#add-update").click()
    page.fill("#id_reporting_date", "2024-05-01")
    page.select_option("#id_status", "partially_implemented")
    page.fill("#id_measures", "Browser test: three trainings held for prosecutors.")
    page.select_option("#id_measures_language", "en")
    page.select_option("#id_visibility", "public")
    page.check("#id_confirm")
    page.select_option("#id_evidence-0-kind", "law")
    page.fill("#id_evidence-0-title", "Law No. 04/L-218")
    page.fill("#id_evidence-0-url", "https://gzk.rks-gov.net/")
    page.screenshot(path=artifacts_dir / "greta-update-form.png", full_page=True)
    page.get_by_role("button", name="Save update").click()
    page.wait_for_load_state()
    page.screenshot(path=artifacts_dir / "greta-update-saved.png", full_page=True)
    page.wait_for_selector("text=The progress update was saved.")
    assert page.locator("text=Browser test: three trainings").is_visible()
    page.screenshot(path=artifacts_dir / "greta-detail-after-update.png", full_page=True)
    assert ProgressUpdate.objects.filter(measures__startswith="Browser test").count() == 1

    page.goto("/en/greta/dashboard/")
    page.screenshot(path=artifacts_dir / "greta-dashboard.png", full_page=True)

    files = {}
    for file_format, language in (("xlsx", "sq"), ("csv", "sr"), ("pdf", "sr"), ("docx", "en")):
        page.goto("/en/greta/export/")
        page.fill("#id_since", "2024-01-01")
        page.select_option("#id_language", language)
        page.select_option("#id_file_format", file_format)
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download").click()
        path = artifacts_dir / f"greta-report.{file_format}"
        download_info.value.save_as(path)
        files[file_format] = path.read_bytes()
    page.screenshot(path=artifacts_dir / "greta-export-form.png", full_page=True)

    assert files["csv"].startswith("\ufeff".encode())
    assert "Browser test: three trainings" in files["csv"].decode("utf-8")
    assert load_workbook(io.BytesIO(files["xlsx"])).sheetnames[0] == "Përmbledhje"
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(files["pdf"])).pages)
    assert "Статус по темама" in pdf_text
    assert files["docx"][:2] == b"PK"
