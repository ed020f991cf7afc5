"""Builders for training records used across the trainings tests."""

from datetime import date

import pytest
from django.conf import settings
from django.utils import translation

from accounts.models import Institution
from accounts.roles import Role
from trainings.models import Course, Participant, Registration, Trainer, TrainingSession


@pytest.fixture
def course(db):
    return Course.objects.create(
        code="thb-basics",
        title_sq="Hetimi i trafikimit",
        title_sr="Истрага трговине људима",
        title_en="Investigating trafficking",
        required_attendance_percent=80,
    )


@pytest.fixture
def institution(db):
    return Institution.objects.get(code="police-thb-directorate")


@pytest.fixture
def trainer(make_user):
    user = make_user(Role.TRAINER, email="own-trainer@example.test", first_name="Teuta")
    Trainer.objects.create(user=user, name="Teuta Morina")
    return user


@pytest.fixture
def other_trainer(make_user):
    return make_user(Role.TRAINER, email="other-trainer@example.test")


@pytest.fixture
def make_session(course):
    def factory(created_by, start=date(2025, 3, 10), end=date(2025, 3, 12), **fields):
        session = TrainingSession.objects.create(
            course=course, start_date=start, end_date=end, created_by=created_by, **fields
        )
        profile = getattr(created_by, "trainer_profile", None)
        if profile is not None:
            session.trainers.add(profile)
        return session

    return factory


@pytest.fixture
def make_participant(institution):
    counter = {"n": 0}

    def factory(**fields):
        counter["n"] += 1
        fields.setdefault("first_name", f"Person{counter['n']}")
        fields.setdefault("last_name", "Krasniqi")
        fields.setdefault("sex", "female")
        fields.setdefault("institution", institution)
        fields.setdefault("email", f"person{counter['n']}@example.test")
        return Participant.objects.create(**fields)

    return factory


@pytest.fixture
def register():
    def factory(session, participant):
        return Registration.objects.create(session=session, participant=participant)

    return factory


@pytest.fixture(autouse=True)
def english(client):
    """Run each test in English so assertions can quote the English messages."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
