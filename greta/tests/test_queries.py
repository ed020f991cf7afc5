from datetime import date

import pytest

from accounts.roles import Role
from greta.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(make_recommendation, add_update, article):
    def build(count):
        for _ in range(count):
            recommendation = make_recommendation()
            recommendation.articles.add(article)
            add_update(recommendation, date(2024, 1, 1), Status.IN_PROGRESS)

    return build


@pytest.mark.parametrize("count", [3, 30])
def test_list_page_queries_bounded(client_for, many, count, django_assert_max_num_queries):
    client = client_for(Role.PROJECT_STAFF)
    many(count)
    with django_assert_max_num_queries(20):
        response = client.get("/en/greta/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/api/v1/greta/recommendations/", "/api/v1/greta/updates/", "/api/v1/greta/assessments/"],
)
@pytest.mark.parametrize("count", [3, 30])
def test_api_list_queries_bounded(client_for, many, url, count, django_assert_max_num_queries):
    client = client_for(Role.PROJECT_STAFF)
    many(count)
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200


def test_list_filters_by_status(client_for, make_recommendation, add_update):
    done = make_recommendation(text_en="done one")
    add_update(done, date(2024, 1, 1), Status.IMPLEMENTED)
    make_recommendation(text_en="untouched one")
    client = client_for(Role.PROJECT_STAFF)
    content = client.get("/en/greta/", {"status": "implemented"}).content.decode()
    assert "done one" in content
    assert "untouched one" not in content
    content = client.get("/en/greta/", {"status": "none"}).content.decode()
    assert "untouched one" in content
    assert "done one" not in content


def test_list_invalid_filter_is_not_500(client_for, make_recommendation):
    make_recommendation()
    response = client_for(Role.PROJECT_STAFF).get("/en/greta/", {"theme": "abc", "status": "zzz"})
    assert response.status_code == 200
