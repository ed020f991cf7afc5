from datetime import date

import pytest

from accounts.roles import Role
from trainings.models import Attendance, Course, Participant, Registration

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


@pytest.fixture
def staff_client(client_for):
    return client_for(Role.PROJECT_STAFF)


def test_course_in_use_delete_409(staff_client, trainer, course, make_session):
    make_session(trainer)
    response = staff_client.delete(f"{API}/courses/{course.pk}/")
    assert response.status_code == 409
    assert "cannot be deleted" in response.json()["detail"]
    assert "inactive" in response.json()["detail"]
    assert Course.objects.filter(pk=course.pk).exists()


def test_unused_course_delete_204(staff_client, course):
    response = staff_client.delete(f"{API}/courses/{course.pk}/")
    assert response.status_code == 204
    assert not Course.objects.filter(pk=course.pk).exists()


@pytest.mark.parametrize("method", ["patch", "put"])
def test_participant_email_taken_400(staff_client, make_participant, method):
    taken = make_participant(email="taken@example.test")
    participant = make_participant()
    data = {"first_name": participant.first_name, "last_name": participant.last_name}
    data["email"] = "Taken@Example.test"
    response = getattr(staff_client, method)(
        f"{API}/participants/{participant.pk}/", data, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"email": ["A participant with this e-mail address exists."]}
    participant.refresh_from_db()
    assert participant.email != taken.email


def test_participant_keeps_own_email(staff_client, make_participant):
    participant = make_participant(email="own@example.test")
    response = staff_client.patch(
        f"{API}/participants/{participant.pk}/",
        {"email": "OWN@example.test", "position": "Inspector"},
        content_type="application/json",
    )
    assert response.status_code == 200
    participant.refresh_from_db()
    assert participant.email == "own@example.test"
    assert participant.position == "Inspector"


def test_participant_create_email_taken_400(staff_client, make_participant):
    make_participant(email="taken@example.test")
    response = staff_client.post(
        f"{API}/participants/",
        {"first_name": "Arta", "last_name": "Berisha", "email": "taken@example.test"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "email" in response.json()
    assert Participant.objects.filter(email="taken@example.test").count() == 1


@pytest.mark.parametrize("field", ["session", "participant"])
def test_registration_move_400(staff_client, trainer, own_session, make_session, field):
    first, second = own_session.registrations.order_by("pk")[:2]
    before = (first.session_id, first.participant_id)
    data = {"session": first.session_id, "participant": first.participant_id}
    if field == "session":
        data["session"] = make_session(trainer, start=date(2025, 4, 1), end=date(2025, 4, 2)).pk
    else:
        data["participant"] = second.participant_id
    response = staff_client.put(
        f"{API}/registrations/{first.pk}/", data, content_type="application/json"
    )
    assert response.status_code == 400
    assert "cannot change" in response.json()[field][0]
    first.refresh_from_db()
    assert (first.session_id, first.participant_id) == before


def test_registration_put_changes_scores(staff_client, own_session):
    registration = own_session.registrations.first()
    response = staff_client.put(
        f"{API}/registrations/{registration.pk}/",
        {
            "session": registration.session_id,
            "participant": registration.participant_id,
            "pre_test_score": "40.00",
            "post_test_score": "85.50",
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    registration.refresh_from_db()
    assert str(registration.pre_test_score) == "40.00"
    assert str(registration.post_test_score) == "85.50"
