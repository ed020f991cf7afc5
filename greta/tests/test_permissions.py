from datetime import date

import pytest

from accounts.models import Institution
from accounts.roles import Role
from greta.models import ProgressUpdate, Status

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["dashboard/", "review/", "overdue/", "export/", "import/"]


@pytest.fixture
def data(make_recommendation, add_update, institutions):
    own = make_recommendation(institution=institutions[0])
    other = make_recommendation(institution=institutions[1])
    public = add_update(own, date(2024, 1, 1), Status.IN_PROGRESS, measures="public confirmed")
    internal = add_update(
        own, date(2024, 2, 1), Status.IMPLEMENTED, measures="internal confirmed",
        visibility=ProgressUpdate.Visibility.INTERNAL,
    )  # fmt: skip
    proposed = add_update(
        other, date(2024, 2, 1), Status.IMPLEMENTED, measures="proposed by other",
        review_state=ProgressUpdate.ReviewState.PROPOSED, reporting_institution=institutions[1],
    )  # fmt: skip
    return {
        "own": own,
        "other": other,
        "public": public,
        "internal": internal,
        "proposed": proposed,
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, 302),
        (Role.CIVIL_SOCIETY_READER, 200),
        (Role.TRAINER, 200),
        (Role.LEGAL_PROFESSIONAL, 200),
        (Role.PROJECT_STAFF, 200),
        (Role.ADMINISTRATOR, 200),
    ],
)
def test_list_page_by_role(client_for, data, role, expected):
    assert client_for(role).get("/en/greta/").status_code == expected


@pytest.mark.parametrize("page", STAFF_PAGES)
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, 302),
        (Role.CIVIL_SOCIETY_READER, 403),
        (Role.POLICE_INVESTIGATOR, 403),
        (Role.CASELAW_EDITOR, 403),
        (Role.PROJECT_STAFF, 200),
    ],
)
def test_staff_pages_by_role(client_for, data, page, role, expected):
    assert client_for(role).get(f"/en/greta/{page}").status_code == expected


def test_reader_sees_only_public_confirmed(client_for, data):
    content = client_for(Role.CIVIL_SOCIETY_READER).get(f"/en/greta/{data['own'].pk}/").content
    assert b"public confirmed" in content
    assert b"internal confirmed" not in content


def test_staff_sees_internal_updates(client_for, data):
    content = client_for(Role.PROJECT_STAFF).get(f"/en/greta/{data['own'].pk}/").content
    assert b"internal confirmed" in content


def test_focal_point_may_propose_for_own_institution(client_for, users, data, institutions):
    client = client_for(Role.LEGAL_PROFESSIONAL)
    assert users[Role.LEGAL_PROFESSIONAL].institution == institutions[0]
    url = f"/en/greta/{data['own'].pk}/updates/new/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "reporting_date": "2024-05-01",
            "status": Status.PARTIALLY_IMPLEMENTED,
            "measures": "Trajnime u mbajtën",
            "measures_language": "sq",
            "visibility": "public",
            "evidence-TOTAL_FORMS": "2",
            "evidence-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(measures="Trajnime u mbajtën")
    assert update.review_state == ProgressUpdate.ReviewState.PROPOSED
    assert update.reporting_institution == institutions[0]


def test_focal_point_other_institution_is_404(client_for, data):
    client = client_for(Role.LEGAL_PROFESSIONAL)
    assert client.get(f"/en/greta/{data['other'].pk}/updates/new/").status_code == 404
    response = client.post(
        f"/en/greta/{data['other'].pk}/updates/new/",
        {"reporting_date": "2024-05-01", "status": "implemented", "measures": "x"},
    )
    assert response.status_code == 404
    assert not ProgressUpdate.objects.filter(measures="x").exists()


def test_reader_cannot_propose(client_for, data):
    assert (
        client_for(Role.CIVIL_SOCIETY_READER)
        .get(f"/en/greta/{data['own'].pk}/updates/new/")
        .status_code
        == 403
    )


def test_future_reporting_date_rejected(client_for, data):
    client = client_for(Role.PROJECT_STAFF)
    response = client.post(
        f"/en/greta/{data['own'].pk}/updates/new/",
        {
            "reporting_date": "2999-01-01", "status": "implemented", "measures": "future",
            "measures_language": "en", "visibility": "public",
            "reporting_institution": Institution.objects.first().pk,
            "evidence-TOTAL_FORMS": "0", "evidence-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert not ProgressUpdate.objects.filter(measures="future").exists()


def test_staff_review_confirms_once(client_for, data):
    client = client_for(Role.PROJECT_STAFF)
    url = f"/en/greta/updates/{data['proposed'].pk}/review/"
    assert client.post(url, {"decision": "confirm"}).status_code == 302
    data["proposed"].refresh_from_db()
    assert data["proposed"].review_state == ProgressUpdate.ReviewState.CONFIRMED
    client.post(url, {"decision": "reject"})
    data["proposed"].refresh_from_db()
    assert data["proposed"].review_state == ProgressUpdate.ReviewState.CONFIRMED


def test_api_update_detail_hidden_is_404(client_for, data):
    client = client_for(Role.CIVIL_SOCIETY_READER)
    assert client.get(f"/api/v1/greta/updates/{data['public'].pk}/").status_code == 200
    assert client.get(f"/api/v1/greta/updates/{data['internal'].pk}/").status_code == 404
    assert client.get(f"/api/v1/greta/updates/{data['proposed'].pk}/").status_code == 404


def test_api_focal_point_sees_own_proposals(client_for, data, make_user, institutions):
    focal = make_user(Role.POLICE_INVESTIGATOR, institution=institutions[1])
    client = client_for(None)
    client.force_login(focal)
    assert client.get(f"/api/v1/greta/updates/{data['proposed'].pk}/").status_code == 200
    assert client.get(f"/api/v1/greta/updates/{data['internal'].pk}/").status_code == 404


def test_api_create_for_other_institution_is_404(client_for, data):
    client = client_for(Role.LEGAL_PROFESSIONAL)
    payload = {
        "recommendation": data["other"].pk, "reporting_date": "2024-05-01",
        "status": "implemented", "measures": "api other",
    }  # fmt: skip
    assert client.post("/api/v1/greta/updates/", payload).status_code == 404
    payload["recommendation"] = data["own"].pk
    response = client.post("/api/v1/greta/updates/", payload)
    assert response.status_code == 201
    assert response.json()["review_state"] == "proposed"


def test_api_updates_cannot_be_changed(client_for, data):
    client = client_for(Role.PROJECT_STAFF)
    url = f"/api/v1/greta/updates/{data['public'].pk}/"
    assert client.patch(url, {"measures": "x"}, content_type="application/json").status_code == 405
    assert client.delete(url).status_code == 405


@pytest.mark.parametrize(
    ("role", "expected"),
    [(None, 403), (Role.CIVIL_SOCIETY_READER, 403), (Role.PROJECT_STAFF, 200)],
)
def test_api_export_by_role(client_for, data, role, expected):
    response = client_for(role).get(
        "/api/v1/greta/export/", {"as_of": "2024-12-31", "file_format": "csv"}
    )
    assert response.status_code == expected


def test_api_recommendation_status_public_only(client_for, data):
    reader = client_for(Role.CIVIL_SOCIETY_READER).get(
        f"/api/v1/greta/recommendations/{data['own'].pk}/"
    )
    assert reader.json()["current_status"] == Status.IN_PROGRESS
