"""Sign in, switch language and sign out in Debian's Chromium."""

import re

import pytest

from accounts.roles import Role
from conftest import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_switch_language_sign_out(page, make_user, artifacts_dir):
    make_user(Role.LEGAL_PROFESSIONAL, email="browser@example.test", preferred_language="sq")

    page.goto("/en/")
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("E-mail address").fill("browser@example.test")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(re.compile(r".*/sq/$"))
    assert page.get_by_role("button", name="Dil").is_visible()
    page.screenshot(path=artifacts_dir / "foundation-signed-in-sq.png", full_page=True)

    page.get_by_role("button", name="Srpski").click()
    page.wait_for_url(re.compile(r".*/sr-latn/$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Sudska praksa")
    page.screenshot(path=artifacts_dir / "foundation-sr-latn.png", full_page=True)

    page.get_by_role("button", name="Odjava").click()
    assert page.get_by_role("link", name="Prijava").first.is_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=artifacts_dir / "foundation-phone-signed-out.png", full_page=True)
