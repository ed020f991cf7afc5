"""Saved searches with alerts, the Atom feed, and the statistics page."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.roles import Role
from caselaw.models import Defendant
from caselaw.search.models import SavedSearch

STATISTICS_URL = "/en/caselaw/statistics/"


def test_saved_search_created_for_user(client_for, users, db):
    client = client_for(Role.LEGAL_PROFESSIONAL)

    response = client.post(
        "/en/caselaw/saved-searches/new/",
        {"name": "Forced begging", "query_string": "q=begging", "alert": "on"},
    )

    assert response.status_code == 302
    saved = SavedSearch.objects.get()
    assert saved.user == users[Role.LEGAL_PROFESSIONAL]
    assert saved.alert is True


def test_saved_search_drops_nul_characters(client_for, db):
    client = client_for(Role.LEGAL_PROFESSIONAL)

    response = client.post(
        "/en/caselaw/saved-searches/new/", {"name": "a\x00b", "query_string": "q=x\x00y"}
    )

    assert response.status_code == 302
    saved = SavedSearch.objects.get()
    assert saved.name == "ab"
    assert saved.query_string == "q=xy"


def test_saved_search_needs_sign_in(client, db):
    response = client.post("/en/caselaw/saved-searches/new/", {"name": "x"})

    assert response.status_code == 302
    assert SavedSearch.objects.count() == 0


def test_alert_mails_new_matching_judgment(users, make_judgment):
    user = users[Role.LEGAL_PROFESSIONAL]
    SavedSearch.objects.create(
        user=user,
        name="Begging",
        query_string="q=begging",
        alert=True,
        last_alert_at=timezone.now() - datetime.timedelta(days=1),
    )
    make_judgment(text="Forced begging.", text_language="en", published_at=timezone.now())
    make_judgment(text="Something else.", text_language="en", published_at=timezone.now())

    call_command("send_search_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "Judgment" in mail.outbox[0].body


def test_alert_failure_leaves_other_alerts_sent(users, make_judgment, monkeypatch):
    from django.db import DatabaseError

    from caselaw.search.management.commands import send_search_alerts

    since = timezone.now() - datetime.timedelta(days=1)
    for name in ("Broken", "Begging"):
        SavedSearch.objects.create(
            user=users[Role.LEGAL_PROFESSIONAL],
            name=name,
            query_string="q=begging",
            alert=True,
            last_alert_at=since,
        )
    make_judgment(text="Forced begging.", text_language="en", published_at=timezone.now())
    real_alert = send_search_alerts.saved_search_alert

    def failing_alert(*, saved, base_url):
        if saved.name == "Broken":
            raise DatabaseError("integer out of range")
        return real_alert(saved=saved, base_url=base_url)

    monkeypatch.setattr(send_search_alerts, "saved_search_alert", failing_alert)

    call_command("send_search_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.endswith(": Begging")


def test_alert_with_out_of_range_filter_finds_nothing(users, make_judgment):
    SavedSearch.objects.create(
        user=users[Role.LEGAL_PROFESSIONAL],
        name="Odd",
        query_string="q=begging&provision=99999999999999999999",
        alert=True,
        last_alert_at=timezone.now() - datetime.timedelta(days=1),
    )
    make_judgment(text="Forced begging.", text_language="en", published_at=timezone.now())

    call_command("send_search_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert mail.outbox == []


def test_alert_skips_judgments_the_user_cannot_read(users, make_judgment):
    user = users[Role.CIVIL_SOCIETY_READER]
    SavedSearch.objects.create(
        user=user,
        name="Begging",
        query_string="q=begging",
        alert=True,
        last_alert_at=timezone.now() - datetime.timedelta(days=1),
    )
    make_judgment(
        text="Forced begging.",
        text_language="en",
        published_at=timezone.now(),
        access_level="restricted",
        restricted_to_roles=[Role.LEGAL_PROFESSIONAL.value],
    )

    call_command("send_search_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert mail.outbox == []


def test_feed_lists_public_published_judgments_only(client, make_judgment):
    make_judgment(title_en="Public one", published_at=timezone.now())
    make_judgment(
        title_en="Professional one", access_level="professional", published_at=timezone.now()
    )

    response = client.get("/en/caselaw/feed/atom/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert b"Public one" in response.content
    assert b"Professional one" not in response.content


@pytest.fixture
def convictions(make_judgment, provision):
    judgments = []
    for months in (24, 36, 60):
        judgment = make_judgment(text="Trafficking.", provisions=[provision])
        Defendant.objects.create(
            judgment=judgment,
            pseudonym="D1",
            verdict="convicted",
            sentence_months=months,
            convicted_provision=provision,
        )
        judgments.append(judgment)
    make_judgment(text="Trafficking.", outcome="acquittal")
    return judgments


def test_statistics_needs_capability(client_for, db):
    response = client_for(Role.CIVIL_SOCIETY_READER).get(STATISTICS_URL)

    assert response.status_code == 403


def test_statistics_counts_outcomes_and_sentences(client_for, convictions):
    response = client_for(Role.LEGAL_PROFESSIONAL).get(STATISTICS_URL, {"q": "trafficking"})

    tables = response.context["tables"]
    assert tables["outcomes"][2] == [[2019, 3, 1, 0]]
    sentences = tables["sentences_provision"][2]
    assert sentences[0][1:3] == [3, 24]
    assert sentences[0][4] == 36.0
    assert sentences[0][6] == 60


def test_statistics_downloads(client_for, convictions):
    client = client_for(Role.LEGAL_PROFESSIONAL)

    csv_response = client.get(STATISTICS_URL, {"export": "outcomes.csv"})
    xlsx_response = client.get(STATISTICS_URL, {"export": "sentences_court.xlsx"})
    unknown = client.get(STATISTICS_URL, {"export": "secrets.csv"})

    assert b"2019" in b"".join(csv_response.streaming_content)
    assert xlsx_response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert unknown.status_code == 404


def test_statistics_url_name_in_menu(db):
    from django.urls import reverse

    assert reverse("caselaw:statistics").endswith("/caselaw/statistics/")
