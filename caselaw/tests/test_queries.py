import pytest
from django.urls import reverse

from accounts.roles import Role
from caselaw.models import Citation, Defendant, Provision
from caselaw.tests.factories import JudgmentFactory


@pytest.fixture
def rich_judgments(db):
    provision = Provision.objects.create(code="p1", label="Trafficking", instrument="echr")
    judgments = [JudgmentFactory() for _ in range(25)]
    for judgment in judgments:
        judgment.provisions.add(provision)
        Defendant.objects.create(judgment=judgment, pseudonym="D1", verdict="convicted")
    for citing, cited in zip(judgments[1:], judgments[:-1], strict=True):
        Citation.objects.create(citing=citing, cited=cited)
    return judgments


@pytest.mark.parametrize(("page", "rows"), [(1, 20), (2, 5)])
def test_api_list_query_count_bounded(
    page, rows, client_for, rich_judgments, django_assert_max_num_queries
):
    client = client_for(Role.LEGAL_PROFESSIONAL)
    with django_assert_max_num_queries(20):
        response = client.get(f"/api/v1/judgments/?page={page}&decision_type=judgment")
    assert response.status_code == 200
    assert len(response.json()["results"]) == rows


def test_api_detail_query_count_bounded(client_for, rich_judgments, django_assert_max_num_queries):
    client = client_for(Role.LEGAL_PROFESSIONAL)
    with django_assert_max_num_queries(25):
        response = client.get(f"/api/v1/judgments/{rich_judgments[5].pk}/")
    assert response.status_code == 200
    assert response.json()["cites"] == [rich_judgments[4].pk]
    assert response.json()["cited_by"] == [rich_judgments[6].pk]


def test_detail_page_query_count_bounded(client_for, rich_judgments, django_assert_max_num_queries):
    client = client_for(Role.LEGAL_PROFESSIONAL)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("caselaw:judgment_detail", args=[rich_judgments[5].pk]))
    assert response.status_code == 200


def test_search_page_query_count_bounded(client_for, rich_judgments, django_assert_max_num_queries):
    client = client_for(Role.LEGAL_PROFESSIONAL)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("caselaw:judgment_search"))
    assert response.status_code == 200
