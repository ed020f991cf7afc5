from datetime import date

import pytest

from accounts.roles import Role
from trainings.models import Attendance, Registration

pytestmark = pytest.mark.django_db

API = "/api/v1/trainings"


@pytest.fixture
def own_session(trainer, make_session, make_participant, register):
    session = make_session(trainer)
    for _index in range(5):
        register(session, make_participant())
    return session


def test_trainer_sees_only_own_sessions(client, trainer, other_trainer, own_session, make_session):
    foreign = make_session(other_trainer)
    client.force_login(trainer)
    ids = [item["id"] for item in client.get(f"{API}/sessions/").json()["results"]]
    assert ids == [own_session.pk]
    assert client.get(f"{API}/sessions/{foreign.pk}/").status_code == 404
    assert (
        client.patch(
            f"{API}/sessions/{foreign.pk}/", {"city": "X"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_foreign_registrations_and_attendance_are_404(client, other_trainer, own_session):
    registration = own_session.registrations.first()
    client.force_login(other_trainer)
    assert client.get(f"{API}/registrations/{registration.pk}/").status_code == 404
    assert client.get(f"{API}/participants/{registration.participant_id}/").status_code == 404
    response = client.post(
        f"{API}/attendance/",
        {"registration": registration.pk, "day": "2025-03-10", "status": "present"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [(None, 403), (Role.CIVIL_SOCIETY_READER, 403), (Role.TRAINER, 200), (Role.PROJECT_STAFF, 200)],
)
def test_api_access_per_role(client_for, role, expected):
    assert client_for(role).get(f"{API}/sessions/").status_code == expected


def test_course_write_needs_staff(client, trainer, course):
    client.force_login(trainer)
    response = client.patch(
        f"{API}/courses/{course.pk}/", {"is_active": False}, content_type="application/json"
    )
    assert response.status_code == 403


def test_session_end_before_start_400(client, trainer, course):
    client.force_login(trainer)
    response = client.post(
        f"{API}/sessions/",
        {"course": course.pk, "start_date": "2025-05-02", "end_date": "2025-05-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "end_date" in response.json()


def test_registration_twice_400(client, trainer, own_session):
    client.force_login(trainer)
    registration = own_session.registrations.first()
    response = client.post(
        f"{API}/registrations/",
        {"session": own_session.pk, "participant": registration.participant_id},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "already registered" in str(response.json())
    assert Registration.objects.filter(session=own_session).count() == 5


def test_attendance_day_outside_session_400(client, trainer, own_session):
    client.force_login(trainer)
    registration = own_session.registrations.first()
    response = client.post(
        f"{API}/attendance/",
        {"registration": registration.pk, "day": "2025-04-01", "status": "present"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "not a day of this session" in str(response.json())
    ok = client.post(
        f"{API}/attendance/",
        {"registration": registration.pk, "day": "2025-03-10", "status": "late"},
        content_type="application/json",
    )
    assert ok.status_code == 201
    assert Attendance.objects.get().day == date(2025, 3, 10)


@pytest.mark.parametrize(
    "resource", ["courses", "sessions", "participants", "registrations", "attendance"]
)
def test_api_lists_bounded_queries(
    client, trainer, own_session, resource, django_assert_max_num_queries
):
    for registration in own_session.registrations.all():
        Attendance.objects.create(
            registration=registration, day=date(2025, 3, 10), status="present"
        )
    client.force_login(trainer)
    with django_assert_max_num_queries(12):
        response = client.get(f"{API}/{resource}/")
    assert response.status_code == 200
