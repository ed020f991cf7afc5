"""Bad input and schema conformance of the judgments API."""

import pytest
import schemathesis
from schemathesis.specs.openapi.checks import response_schema_conformance

from caselaw.tests.factories import JudgmentFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/judgments"


@pytest.fixture
def api_schema():
    """The project's OpenAPI schema, served in-process, for checking responses against it."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    # Django closes the connection after each request, which would end the test
    # transaction; its own test client switches that off, schemathesis does not.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("path", ["search", "filter"])
@pytest.mark.parametrize(
    "query",
    ["year_to=0.0", "year_from=0", "year_from=10000", "year_to=2020.5", "year_to=abc"],
)
def test_list_year_out_of_range_400(client, path, query):
    # case_number is no search parameter, so it sends the request through JudgmentFilter.
    suffix = "&case_number=PKR" if path == "filter" else ""
    response = client.get(f"{API}/?{query}{suffix}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_list_year_range_filters(client):
    old = JudgmentFactory(decision_date="2015-06-01")
    recent = JudgmentFactory(decision_date="2023-06-01")
    response = client.get(f"{API}/?year_from=2020&year_to=2024.0&case_number=PKR")
    assert response.status_code == 200
    ids = [item["id"] for item in response.json()["results"]]
    assert recent.pk in ids
    assert old.pk not in ids


def test_detail_blank_language_matches_schema(api_schema):
    judgment = JudgmentFactory(text="", text_language="")
    operation = api_schema["/api/v1/judgments/{id}/"]["GET"]
    case = operation.Case(path_parameters={"id": judgment.pk})
    response = case.call()
    assert response.status_code == 200
    assert response.json()["text_language"] == ""
    case.validate_response(response, checks=[response_schema_conformance])


@pytest.mark.parametrize(
    "query",
    [
        {"q": '"forced labour" -begging'},
        {"q": "trafficking", "ordering": "relevance"},
        {"q": "trafficking", "case_number": "PKR"},
        {},
    ],
    ids=["search", "search-relevance", "filter-path", "no-query"],
)
def test_list_page_matches_schema(api_schema, query):
    JudgmentFactory(title_en="Forced labour on farms", summary_en="Forced labour and debt.")
    operation = api_schema["/api/v1/judgments/"]["GET"]
    case = operation.Case(query=query)
    response = case.call()
    assert response.status_code == 200
    assert response.json()["count"] >= 0
    case.validate_response(response, checks=[response_schema_conformance])
