"""An editor takes a judgment from creation to publication; a prosecutor reads it."""

import pytest
from django.conf import settings
from django.test import Client

from accounts.roles import Role
from caselaw.tests.factories import CourtFactory

SOURCE_TEXT = (
    "Gjykata Themelore në Prizren, në seancën e mbajtur më 12 mars 2024, shqyrtoi "
    "aktakuzën kundër të pandehurit Arbër Krasniqi. Dëshmitarja Drita Berisha deklaroi se "
    "Krasniqi ia mori pasaportën. Krasniqit iu gjet numri +383 44 123 456."
)


def _signed_in_context(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_publishes_and_prosecutor_reads(browser, live_server, make_user, artifacts_dir):
    CourtFactory(code="basic-court-prizren", name_en="Basic Court of Prizren")
    author = make_user(Role.CASELAW_EDITOR, email="author@example.test")
    reviewer = make_user(Role.CASELAW_EDITOR, email="reviewer@example.test")
    prosecutor = make_user(Role.LEGAL_PROFESSIONAL, email="prosecutor@example.test")

    page = _signed_in_context(browser, live_server, author)
    page.goto("/en/caselaw/editor/judgments/new/")
    page.fill("#id_case_number", "PKR 77/2024")
    page.select_option("#id_court", label="Basic Court of Prizren")
    page.fill("#id_decision_date", "2024-03-12")
    page.select_option("#id_decision_type", "judgment")
    page.select_option("#id_instance", "first")
    page.select_option("#id_outcome", "conviction")
    page.select_option("#id_original_language", "sq")
    page.fill("#id_title_en", "Trafficking for sexual exploitation in Prizren")
    page.fill("#id_summary_en", "The defendant recruited the victim with a false job offer.")
    page.click("form.judgment-form button[type=submit]")

    page.fill("#id_text", SOURCE_TEXT)
    page.click("main form button[type=submit]")
    page.fill("#id_name", "Arbër Krasniqi")
    page.fill("#id_pseudonym", "A.K.")
    page.select_option("#id_role", "defendant")
    page.click("#person-form button[type=submit]")
    page.fill("#id_name", "Drita Berisha")
    page.fill("#id_pseudonym", "V1")
    page.select_option("#id_role", "witness")
    page.click("#person-form button[type=submit]")
    page.click("#run-anonymiser")
    page.screenshot(path=artifacts_dir / "caselaw-review-findings.png", full_page=True)
    assert page.locator(".findings-table .finding-open").count() >= 3

    page.click("button[name=status][value=accepted]")
    page.click("text=Submit for review")
    assert "Waiting for a second editor" in page.content()
    page.screenshot(path=artifacts_dir / "caselaw-in-review.png", full_page=True)

    review = _signed_in_context(browser, live_server, reviewer)
    review.goto(page.url.split("#")[0].replace(live_server.url, ""))
    review.click("text=Approve (second editor)")
    if review.locator("input[name=accept_risk]").count():
        review.check("input[name=accept_risk]")
    review.click("#publish")
    review.screenshot(path=artifacts_dir / "caselaw-published.png", full_page=True)
    judgment_url = review.url.replace(live_server.url, "")
    assert "/caselaw/judgments/" in judgment_url

    reader = _signed_in_context(browser, live_server, prosecutor)
    reader.goto(judgment_url)
    reader.screenshot(path=artifacts_dir / "caselaw-prosecutor-reads.png", full_page=True)
    content = reader.content()
    assert "Trafficking for sexual exploitation in Prizren" in content
    assert "A.K." in content
    assert "Krasniqi" not in content
    assert "Drita Berisha" not in content
    assert "123 456" not in content
