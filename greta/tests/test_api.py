from datetime import date

import pytest

from accounts.roles import Role
from greta.models import ProgressUpdate, Status

pytestmark = pytest.mark.django_db

API = "/api/v1/greta"


@pytest.fixture
def proposed(make_recommendation, add_update, institutions):
    return add_update(
        make_recommendation(institution=institutions[0]),
        date(2024, 2, 1),
        Status.IN_PROGRESS,
        review_state=ProgressUpdate.ReviewState.PROPOSED,
        reporting_institution=institutions[0],
    )


@pytest.mark.parametrize("update_id", ["null%2Cnull", "abc", "1.5", "99999999"])
def test_review_bad_id_404(client_for, proposed, update_id):
    response = client_for(Role.PROJECT_STAFF).post(
        f"{API}/updates/{update_id}/review/",
        {"confirm": True, "note": ""},
        content_type="application/json",
    )
    assert response.status_code == 404
    proposed.refresh_from_db()
    assert proposed.review_state == ProgressUpdate.ReviewState.PROPOSED


def test_review_confirms_update(client_for, proposed):
    response = client_for(Role.PROJECT_STAFF).post(
        f"{API}/updates/{proposed.pk}/review/",
        {"confirm": True, "note": ""},
        content_type="application/json",
    )
    assert response.status_code == 200
    proposed.refresh_from_db()
    assert proposed.review_state == ProgressUpdate.ReviewState.CONFIRMED
