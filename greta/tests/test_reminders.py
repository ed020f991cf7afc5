from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_reminder_sent_to_focal_points_only(make_recommendation, make_user, institutions):
    today = timezone.localdate()
    make_recommendation(institution=institutions[0], next_update_due=today - timedelta(days=3))
    make_recommendation(institution=institutions[0], next_update_due=today + timedelta(days=90))
    focal = make_user(Role.LEGAL_PROFESSIONAL, institution=institutions[0], preferred_language="en")
    make_user(Role.CIVIL_SOCIETY_READER, institution=institutions[0])
    make_user(Role.LEGAL_PROFESSIONAL, institution=institutions[1])

    call_command("send_progress_reminders", "--days", "14")

    assert [message.to for message in mail.outbox] == [[focal.email]]
    assert "overdue" in mail.outbox[0].body
    assert "Recommendation 1" in mail.outbox[0].body
    assert "Recommendation 2" not in mail.outbox[0].body


def test_reminder_dry_run_sends_nothing(make_recommendation, make_user, institutions):
    make_recommendation(next_update_due=timezone.localdate())
    make_user(Role.LEGAL_PROFESSIONAL, institution=institutions[0])
    call_command("send_progress_reminders", "--dry-run")
    assert mail.outbox == []


def test_overdue_page_lists_overdue(client_for, make_recommendation):
    today = timezone.localdate()
    make_recommendation(text_en="late one", next_update_due=today - timedelta(days=1))
    make_recommendation(text_en="future one", next_update_due=today + timedelta(days=1))
    content = client_for(Role.PROJECT_STAFF).get("/en/greta/overdue/").content.decode()
    assert "late one" in content
    assert "future one" not in content
