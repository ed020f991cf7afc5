"""The trainer's test-scores page, the participant's evaluation page and "My trainings"."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from trainings import services
from trainings.models import Attendance, Registration

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"trainings:{name}", args=args)


def score_data(registrations, before="", after=""):
    data = {}
    for registration in registrations:
        data[f"r{registration.pk}-pre_test_score"] = before
        data[f"r{registration.pk}-post_test_score"] = after
    return data


# Test scores


def test_scores_page_lists_registrations(client, trainer, make_session, make_participant, register):
    session = make_session(trainer)
    register(session, make_participant(first_name="Arbër", last_name="Gashi"))
    client.force_login(trainer)
    response = client.get(url("test_scores", session.pk))
    assert response.status_code == 200
    assert "Arbër Gashi" in response.content.decode()


def test_session_page_links_scores(client, trainer, make_session, make_participant, register):
    session = make_session(trainer)
    register(session, make_participant())
    client.force_login(trainer)
    response = client.get(url("session_detail", session.pk))
    assert url("test_scores", session.pk) in response.content.decode()


def test_scores_sixty_participants_bounded_queries(
    client, trainer, make_session, make_participant, register, django_assert_max_num_queries
):
    session = make_session(trainer)
    registrations = [register(session, make_participant()) for _index in range(60)]
    client.force_login(trainer)
    data = score_data(registrations, before="40", after="72.5")
    with django_assert_max_num_queries(15):
        response = client.post(url("test_scores", session.pk), data)
    assert response.status_code == 302
    saved = Registration.objects.filter(
        session=session, pre_test_score=Decimal("40"), post_test_score=Decimal("72.5")
    )
    assert saved.count() == 60

    with django_assert_max_num_queries(12):
        response = client.get(url("test_scores", session.pk))
    assert response.status_code == 200


def test_scores_empty_clears_value(client, trainer, make_session, make_participant, register):
    session = make_session(trainer)
    registration = register(session, make_participant())
    registration.pre_test_score = Decimal("50")
    registration.save()
    client.force_login(trainer)
    response = client.post(url("test_scores", session.pk), score_data([registration], after="90"))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.pre_test_score is None
    assert registration.post_test_score == Decimal("90")


@pytest.mark.parametrize("bad_value", ["101", "-1", "abc", "12.345"])
def test_scores_invalid_row_saves_nothing(
    client, trainer, make_session, make_participant, register, bad_value
):
    session = make_session(trainer)
    good = register(session, make_participant())
    bad = register(session, make_participant(first_name="Wrong", last_name="Row"))
    client.force_login(trainer)
    data = score_data([good, bad], before="30", after="60")
    data[f"r{bad.pk}-post_test_score"] = bad_value
    response = client.post(url("test_scores", session.pk), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "nothing was saved" in page
    assert 'class="has-error"' in page
    assert f'value="{bad_value}"' in page
    good.refresh_from_db()
    assert good.pre_test_score is None
    assert good.post_test_score is None


def test_scores_other_trainer_session_404(client, other_trainer, trainer, make_session):
    session = make_session(trainer)
    client.force_login(other_trainer)
    assert client.get(url("test_scores", session.pk)).status_code == 404
    assert client.post(url("test_scores", session.pk), {}).status_code == 404


def test_scores_staff_may_enter(client, users, trainer, make_session, make_participant, register):
    session = make_session(trainer)
    registration = register(session, make_participant())
    client.force_login(users[Role.PROJECT_STAFF])
    response = client.post(url("test_scores", session.pk), score_data([registration], "10", "20"))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.post_test_score == Decimal("20")


def test_scores_service_rejects_other_session(trainer, make_session, make_participant, register):
    session = make_session(trainer)
    other = make_session(trainer, start=date(2025, 4, 1), end=date(2025, 4, 1))
    foreign = register(other, make_participant())
    with pytest.raises(ValidationError) as raised:
        services.registration_scores_save(
            session=session, scores={foreign.pk: (Decimal("1"), None)}, updated_by=trainer
        )
    assert str(foreign.pk) in raised.value.message_dict
    foreign.refresh_from_db()
    assert foreign.pre_test_score is None


# Evaluation


@pytest.fixture
def attendee(make_user):
    return make_user(Role.LEGAL_PROFESSIONAL, email="attendee@example.test")


@pytest.fixture
def attended_registration(trainer, attendee, make_session, make_participant, register):
    session = make_session(trainer)
    registration = register(session, make_participant(user=attendee, email=attendee.email))
    Attendance.objects.create(registration=registration, day=date(2025, 3, 11), status="late")
    return registration


def test_evaluation_saved_by_attendee(client, attendee, attended_registration):
    client.force_login(attendee)
    address = url("evaluation", attended_registration.session_id)
    assert client.get(address).status_code == 200
    response = client.post(address, {"rating": "4", "comment": "  Useful cases.  "})
    assert response.status_code == 302
    attended_registration.refresh_from_db()
    assert attended_registration.evaluation_rating == 4
    assert attended_registration.evaluation_comment == "Useful cases."

    response = client.post(address, {"rating": "2", "comment": ""})
    assert response.status_code == 302
    attended_registration.refresh_from_db()
    assert attended_registration.evaluation_rating == 2
    assert attended_registration.evaluation_comment == ""


@pytest.mark.parametrize("rating", ["", "0", "6", "x"])
def test_evaluation_invalid_rating_400(client, attendee, attended_registration, rating):
    client.force_login(attendee)
    address = url("evaluation", attended_registration.session_id)
    response = client.post(address, {"rating": rating, "comment": "Kept"})
    assert response.status_code == 400
    assert "Kept" in response.content.decode()
    attended_registration.refresh_from_db()
    assert attended_registration.evaluation_rating is None


def test_evaluation_absent_participant_404(
    client, attendee, trainer, make_session, make_participant, register
):
    session = make_session(trainer)
    registration = register(session, make_participant(user=attendee, email=attendee.email))
    Attendance.objects.create(registration=registration, day=date(2025, 3, 10), status="absent")
    client.force_login(attendee)
    assert client.get(url("evaluation", session.pk)).status_code == 404
    assert client.post(url("evaluation", session.pk), {"rating": "5"}).status_code == 404


def test_evaluation_other_user_404(client, make_user, attended_registration):
    stranger = make_user(Role.POLICE_INVESTIGATOR, email="stranger@example.test")
    client.force_login(stranger)
    response = client.post(url("evaluation", attended_registration.session_id), {"rating": "5"})
    assert response.status_code == 404
    attended_registration.refresh_from_db()
    assert attended_registration.evaluation_rating is None


def test_evaluation_matches_unlinked_email(
    client, attendee, trainer, make_session, make_participant, register
):
    session = make_session(trainer)
    registration = register(session, make_participant(email="ATTENDEE@example.test"))
    Attendance.objects.create(registration=registration, day=date(2025, 3, 10), status="present")
    client.force_login(attendee)
    response = client.post(url("evaluation", session.pk), {"rating": "5"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.evaluation_rating == 5


# My trainings


def test_my_trainings_links_attended_only(
    client, attendee, trainer, make_session, make_participant, register, attended_registration
):
    upcoming = make_session(trainer, start=date(2025, 6, 2), end=date(2025, 6, 3))
    register(upcoming, attended_registration.participant)
    client.force_login(attendee)
    response = client.get(url("my_trainings"))
    assert response.status_code == 200
    page = response.content.decode()
    assert url("evaluation", attended_registration.session_id) in page
    assert url("evaluation", upcoming.pk) not in page
    assert "Open once you have attended" in page


def test_my_trainings_bounded_queries(
    client, attendee, trainer, make_session, make_participant, django_assert_max_num_queries
):
    participant = make_participant(user=attendee, email=attendee.email)
    for index in range(30):
        session = make_session(
            trainer, start=date(2024, 1, 1 + index), end=date(2024, 1, 1 + index)
        )
        Registration.objects.create(session=session, participant=participant)
    client.force_login(attendee)
    with django_assert_max_num_queries(10):
        response = client.get(url("my_trainings"))
    assert response.status_code == 200
