"""Unconfirmed and internal updates reach staff, and a focal point's own institution, only.

One test per channel: pages, API, exports and dashboard.
"""

from datetime import date

import pytest

from accounts.roles import Role
from greta.models import ProgressUpdate, Status

pytestmark = pytest.mark.django_db

HIDDEN = ("internal confirmed", "proposed by first", "proposed by second", "rejected internal")
FIRST_INSTITUTION = {"internal confirmed", "proposed by first"}


@pytest.fixture
def data(make_recommendation, add_update, institutions):
    first, second = institutions
    recommendation = make_recommendation(institution=first)
    recommendation.institutions.add(second)
    add_update(recommendation, date(2024, 1, 1), Status.IN_PROGRESS, measures="public confirmed")
    add_update(
        recommendation, date(2024, 2, 1), Status.IMPLEMENTED, measures="internal confirmed",
        visibility=ProgressUpdate.Visibility.INTERNAL,
    )  # fmt: skip
    add_update(
        recommendation, date(2024, 3, 1), Status.NOT_STARTED, measures="proposed by first",
        review_state=ProgressUpdate.ReviewState.PROPOSED,
    )  # fmt: skip
    add_update(
        recommendation, date(2024, 3, 2), Status.NO_LONGER_RELEVANT,
        measures="proposed by second", review_state=ProgressUpdate.ReviewState.PROPOSED,
        reporting_institution=second,
    )  # fmt: skip
    add_update(
        recommendation, date(2024, 3, 3), Status.IMPLEMENTED, measures="rejected internal",
        review_state=ProgressUpdate.ReviewState.REJECTED, reporting_institution=second,
        visibility=ProgressUpdate.Visibility.INTERNAL,
    )  # fmt: skip
    return recommendation


@pytest.fixture
def focal_client(client, make_user, institutions):
    """A client signed in as a focal point (police investigator) of the second institution."""
    client.force_login(make_user(Role.POLICE_INVESTIGATOR, institution=institutions[1]))
    return client


NON_STAFF = [Role.CIVIL_SOCIETY_READER, Role.TRAINER, Role.CASELAW_EDITOR, Role.LEGAL_PROFESSIONAL]


@pytest.mark.parametrize("role", NON_STAFF)
def test_detail_page_hides_unconfirmed_and_internal(client_for, data, role):
    content = client_for(role).get(f"/en/greta/{data.pk}/").content.decode()
    assert "public confirmed" in content
    # The legal professional is a focal point of the first institution, which reported the
    # internal update and the first proposal.
    for measures in HIDDEN:
        expected = role == Role.LEGAL_PROFESSIONAL and measures in FIRST_INSTITUTION
        assert (measures in content) is expected, measures


def test_detail_page_focal_point_sees_own_institution(focal_client, data):
    content = focal_client.get(f"/en/greta/{data.pk}/").content.decode()
    assert "proposed by second" in content
    assert "rejected internal" in content
    assert "proposed by first" not in content
    assert "internal confirmed" not in content


@pytest.mark.parametrize("role", NON_STAFF)
def test_list_page_status_from_public_confirmed(client_for, data, role):
    client = client_for(role)
    response = client.get("/en/greta/")
    assert [item.current_status for item in response.context["recommendations"]] == [
        Status.IN_PROGRESS
    ]
    assert client.get("/en/greta/", {"status": Status.IMPLEMENTED}).context["total"] == 0


def test_list_page_focal_point_status_public_only(focal_client, data):
    response = focal_client.get("/en/greta/")
    assert response.context["recommendations"][0].current_status == Status.IN_PROGRESS


@pytest.mark.parametrize("role", NON_STAFF)
def test_api_updates_hide_unconfirmed_and_internal(client_for, data, role):
    client = client_for(role)
    listed = {item["measures"] for item in client.get("/api/v1/greta/updates/").json()["results"]}
    expected = {"public confirmed"}
    if role == Role.LEGAL_PROFESSIONAL:
        expected |= FIRST_INSTITUTION
    assert listed == expected
    proposed = client.get("/api/v1/greta/updates/", {"review_state": "proposed"}).json()
    assert len(proposed["results"]) == (1 if role == Role.LEGAL_PROFESSIONAL else 0)


def test_api_focal_point_lists_own_institution(focal_client, data):
    listed = {
        item["measures"] for item in focal_client.get("/api/v1/greta/updates/").json()["results"]
    }
    assert listed == {"public confirmed", "proposed by second", "rejected internal"}


@pytest.mark.parametrize("role", NON_STAFF)
def test_api_recommendation_status_ignores_hidden(client_for, data, role):
    client = client_for(role)
    item = client.get(f"/api/v1/greta/recommendations/{data.pk}/").json()
    assert item["current_status"] == Status.IN_PROGRESS
    filtered = client.get("/api/v1/greta/recommendations/", {"status": "implemented"}).json()
    assert filtered["count"] == 0


@pytest.mark.parametrize("role", [*NON_STAFF, Role.POLICE_INVESTIGATOR])
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exports_refused_outside_staff(client_for, data, role, file_format):
    client = client_for(role)
    query = {"as_of": "2024-12-31", "language": "en", "file_format": file_format}
    assert client.get("/en/greta/export/", query).status_code == 403
    assert client.get("/api/v1/greta/export/", query).status_code == 403


def test_staff_export_counts_confirmed_only(client_for, data):
    response = client_for(Role.PROJECT_STAFF).get(
        "/en/greta/export/", {"as_of": "2024-12-31", "language": "en", "file_format": "csv"}
    )
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    # Staff see internal confirmed updates; proposals and rejections never set a status.
    assert "internal confirmed" in content
    assert "proposed by" not in content
    assert "rejected internal" not in content


@pytest.mark.parametrize("role", [*NON_STAFF, Role.POLICE_INVESTIGATOR])
def test_dashboard_refused_outside_staff(client_for, data, role):
    assert client_for(role).get("/en/greta/dashboard/").status_code == 403


def test_dashboard_ignores_proposals(client_for, data):
    response = client_for(Role.PROJECT_STAFF).get("/en/greta/dashboard/", {"since": "2024-01-15"})
    changes = response.context["changes"]
    assert [(change.before, change.after) for _item, change in changes] == [
        (Status.IN_PROGRESS, Status.IMPLEMENTED)
    ]
