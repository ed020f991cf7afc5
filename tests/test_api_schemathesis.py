"""Property-based fuzzing of the whole REST API against its own OpenAPI schema.

Schemathesis generates requests from /api/v1/schema/ for every operation, as an anonymous
client and as a project-staff API client with a token, and checks that no response is a
server error and that every response matches the documented schema. The number of examples
per operation is bounded to keep the suite fast; docs/api-fuzzing.md describes a longer run.

NOTE: schemathesis' own pytest plugin (`from_fixture`) fails on pytest 9 ("'Function' object
has no attribute '_nodeid'"), so each operation's Hypothesis strategy is driven here.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from accounts.roles import Role

EXAMPLES_PER_OPERATION = 8
CHECKS = [not_a_server_error, response_schema_conformance]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Keep the test transaction's connection open across in-process WSGI requests.

    Django closes connections when a request finishes; its own test client switches that
    off, and schemathesis' WSGI transport does not, so do it here.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def load_operations():
    from django.core.cache import cache
    from django.core.wsgi import get_wsgi_application

    cache.clear()
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    return [result.ok() for result in schema.get_all_operations()]


def fuzz(operation, headers: dict) -> str | None:
    """Run the bounded examples of one operation; return the failure text or None."""
    from django.core.cache import cache

    # Throttling would return 429 before the view runs; start each operation afresh.
    cache.clear()

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case):
        case.call_and_validate(checks=CHECKS, headers=headers)

    try:
        run()
    except Exception as failure:  # collect every operation's failure, then report all
        return f"{operation.method.upper()} {operation.path}: {failure}"
    return None


def fuzz_all(headers: dict) -> list[str]:
    operations = load_operations()
    assert len(operations) > 10, "the API schema lists too few operations"
    return [failure for operation in operations if (failure := fuzz(operation, headers))]


@pytest.fixture
def sample_data():
    """The real sample records, so list and filter operations run over data."""
    from django.core.management import call_command

    call_command("load_sample_data", source_dir=None, verbosity=0)


def test_api_anonymous(sample_data):
    failures = fuzz_all({})
    assert failures == [], "\n\n".join(failures)


def test_api_as_staff(sample_data, make_user):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=make_user(Role.PROJECT_STAFF)).key
    failures = fuzz_all({"Authorization": f"Token {token}"})
    assert failures == [], "\n\n".join(failures)
