"""Fixtures shared by every app's tests: users per role and a Playwright browser."""

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from accounts.roles import Role

CHROMIUM = os.environ.get("THB_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS_DIR = Path(__file__).resolve().parent / "test-artifacts"
TEST_PASSWORD = "test-password-1234"  # nosec B105 - test accounts only


@pytest.fixture(autouse=True)
def private_storage_root(settings, tmp_path_factory) -> Path:
    """Keep every file a test uploads out of the real private storage folder."""
    settings.PRIVATE_STORAGE_ROOT = tmp_path_factory.mktemp("private")
    return settings.PRIVATE_STORAGE_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache.

    Cached values outlive the rows a test rolls back: search counts, throttles, lockouts.
    """
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def make_user(db):
    """Return a factory: make_user(Role.TRAINER, email=..., **fields) -> User."""
    from accounts.models import Institution, User

    counter = {"n": 0}

    def factory(role: Role | None = None, **fields):
        counter["n"] += 1
        fields.setdefault("email", f"user{counter['n']}-{role or 'none'}@example.test")
        fields.setdefault("institution", Institution.objects.order_by("pk").first())
        password = fields.pop("password", TEST_PASSWORD)
        user = User.objects.create_user(password=password, **fields)
        if role is not None:
            user.groups.add(Group.objects.get(name=role.value))
        return user

    return factory


@pytest.fixture
def users(make_user):
    """One user per role, keyed by role, plus None for an anonymous visitor."""
    return {role: make_user(role, email=f"{role.value}@example.test") for role in Role}


@pytest.fixture
def client_for(client, users):
    """Return a factory: client_for(Role.X) -> a test client signed in with that role."""

    def factory(role: Role | None):
        if role is not None:
            client.force_login(users[role])
        else:
            client.logout()
        return client

    return factory


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture
def browser():
    """A headless Chromium driven by Playwright; skipped when no Chromium is installed."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}; install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def _seed_reference_data() -> None:
    from django.apps import apps

    from accounts.reference_data import seed_institutions
    from accounts.services import role_groups_sync

    seed_institutions(apps)
    role_groups_sync(apps=apps)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Re-create reference data that a transactional test of an earlier run flushed."""
    with django_db_blocker.unblock():
        _seed_reference_data()


@pytest.fixture(autouse=True)
def reference_data(request):
    """Restore the migrations' reference data after a transactional test flushed it."""
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    _seed_reference_data()
