"""Browser test: search, apply two facets, open a result, come back."""

import pytest
from django.conf import settings
from django.test import Client

from accounts.roles import Role


@pytest.mark.browser
def test_search_facets_open_and_back(
    page, live_server, users, make_judgment, appeals_court, sexual_exploitation, artifacts_dir
):
    target = make_judgment(
        title_en="Trafficking for sexual exploitation in Prizren",
        text="The defendants were convicted of trafikimi me njerëz for sexual exploitation.",
        court=appeals_court,
        forms=[sexual_exploitation],
    )
    make_judgment(title_en="Forced labour on farms", text="Trafikimin e punëtorëve.")
    make_judgment(
        title_en="Trafficking acquittal", text="Trafikimit nuk u provua.", outcome="acquittal"
    )
    user = users[Role.LEGAL_PROFESSIONAL]

    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )

    page.goto("/en/caselaw/")
    page.fill("#search-q", "trafikim")
    page.click(".search-form button[type=submit]")
    page.wait_for_selector(".search-result")
    assert page.locator(".search-result").count() == 3
    page.screenshot(path=str(artifacts_dir / "search-1-results.png"), full_page=True)

    page.click(".facet-link[data-facet=court_level] >> text=Court of Appeals")
    page.wait_for_selector(".chip")
    page.click(".facet-link[data-facet=exploitation_form] >> text=Sexual exploitation")
    page.wait_for_selector(".chip >> nth=1")
    assert page.locator(".search-result").count() == 1
    assert page.locator(".chip").count() == 3  # two filters and "clear all"
    filtered_url = page.url
    page.screenshot(path=str(artifacts_dir / "search-2-two-facets.png"), full_page=True)

    page.click(f"a[href$='/judgments/{target.pk}/']")
    page.wait_for_load_state()
    assert f"/judgments/{target.pk}/" in page.url
    page.screenshot(path=str(artifacts_dir / "search-3-judgment.png"), full_page=True)

    page.go_back()
    page.wait_for_selector(".search-result")
    assert page.url == filtered_url
    assert page.locator(".chip").count() == 3

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_selector(".search-result")
    assert page.locator(".facets-toggle[open]").count() == 0
    page.screenshot(path=str(artifacts_dir / "search-4-phone.png"), full_page=True)
