"""Health check, start-up configuration, production checks and clean failures."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError

BASE_DIR = Path(settings.BASE_DIR)


def run_python(code: str, **env_changes) -> subprocess.CompletedProcess:
    env = {**os.environ, **env_changes}
    for key, value in env_changes.items():
        if value is None:
            env.pop(key)
    env.pop("PYTEST_CURRENT_TEST", None)
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


@pytest.mark.django_db
def test_healthz_reports_database_down(client):
    with mock.patch("common.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.mark.django_db
def test_database_outage_gives_503_page(client, settings):
    with mock.patch(
        "common.views.HomeView.get",
        side_effect=OperationalError("could not connect to server: Connection refused"),
    ):
        response = client.get("/en/")
    assert response.status_code == 503
    assert "The database is unavailable" in response.content.decode()


def test_start_without_secret_key_in_production_fails():
    result = run_python(
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; "
        "import django; django.setup()",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=None,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_in_production_mode():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={
            **{
                key: value
                for key, value in os.environ.items()
                if key != "DJANGO_ALLOW_ASYNC_UNSAFE"
            },
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-9f8e7d",
            "DJANGO_ALLOWED_HOSTS": "thb.example.org",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_robots_txt_allows_only_public_pages(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /\n" in body
    assert "Allow: /sq/caselaw/" in body
    assert "Disallow: /api/" in body


@pytest.mark.django_db
def test_private_pages_carry_noindex(client):
    assert 'name="robots" content="noindex' in client.get("/en/accounts/sign-in/").content.decode()
    assert 'name="robots"' not in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_unknown_page_is_translated_404(client):
    response = client.get("/sq/no-such-page/")
    assert response.status_code == 404
