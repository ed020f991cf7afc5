"""Sessions end after a period without requests, and are written at most once a minute."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.middleware import SessionActivityMiddleware
from accounts.roles import Role

pytestmark = pytest.mark.django_db


def session_writes(client, path="/en/") -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return sum('UPDATE "django_session"' in query["sql"] for query in queries.captured_queries)


def stored_expiry(client):
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    return Session.objects.get(session_key=key).expire_date


def test_session_written_once_per_refresh_interval(client, make_user):
    client.force_login(make_user(Role.LEGAL_PROFESSIONAL))
    assert session_writes(client) == 1
    first_expiry = stored_expiry(client)
    assert session_writes(client) == 0
    assert stored_expiry(client) == first_expiry


def test_session_expiry_pushed_back_after_interval(client, make_user):
    client.force_login(make_user(Role.LEGAL_PROFESSIONAL))
    session_writes(client)
    session = client.session
    session[SessionActivityMiddleware.KEY] -= settings.SESSION_REFRESH_SECONDS
    session.save()
    before = stored_expiry(client)

    assert session_writes(client) == 1
    assert stored_expiry(client) > before


def test_session_idle_past_cookie_age_ends(client, make_user, settings):
    settings.SESSION_COOKIE_AGE = 1
    client.force_login(make_user(Role.LEGAL_PROFESSIONAL))
    Session.objects.update(expire_date="2000-01-01T00:00:00Z")
    # With Redis the session is also cached (cached_db), for as long as it is valid.
    cache.clear()
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


def test_session_not_created_for_anonymous_visitor(client):
    assert session_writes(client) == 0
    assert settings.SESSION_COOKIE_NAME not in client.cookies
    assert not Session.objects.exists()
