from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from trainings import services
from trainings.models import Attendance, Participant, Registration, TrainingSession

pytestmark = pytest.mark.django_db


def test_session_end_before_start_rejected(course, trainer):
    with pytest.raises(ValidationError) as error:
        services.session_create(
            created_by=trainer,
            course=course,
            start_date=date(2025, 5, 2),
            end_date=date(2025, 5, 1),
        )
    assert "end_date" in error.value.message_dict
    assert not TrainingSession.objects.exists()


def test_session_constraint_holds_without_service(course):
    with pytest.raises(IntegrityError):
        TrainingSession.objects.create(
            course=course, start_date=date(2025, 5, 2), end_date=date(2025, 5, 1)
        )


def test_session_create_adds_creator_as_trainer(course, trainer):
    trainer.trainer_profile.certified_courses.add(course)
    session = services.session_create(
        created_by=trainer, course=course, start_date=date(2025, 5, 1), end_date=date(2025, 5, 2)
    )
    assert list(session.trainers.values_list("user", flat=True)) == [trainer.pk]
    assert session.days == [date(2025, 5, 1), date(2025, 5, 2)]


def test_registration_twice_rejected(trainer, make_session, make_participant):
    session = make_session(trainer)
    participant = make_participant()
    services.registration_create(session=session, participant=participant, registered_by=trainer)
    with pytest.raises(ValidationError, match="already registered"):
        services.registration_create(
            session=session, participant=participant, registered_by=trainer
        )
    assert Registration.objects.count() == 1


def test_registration_full_session_rejected(trainer, make_session, make_participant):
    session = make_session(trainer, capacity=1)
    services.registration_create(
        session=session, participant=make_participant(), registered_by=trainer
    )
    with pytest.raises(ValidationError, match="full"):
        services.registration_create(
            session=session, participant=make_participant(), registered_by=trainer
        )


def test_participant_duplicate_email_rejected(trainer, institution):
    fields = {
        "first_name": "Arbër",
        "last_name": "Gashi",
        "sex": "male",
        "institution": institution,
    }
    services.participant_create(created_by=trainer, email="Arber@Example.test", **fields)
    with pytest.raises(ValidationError):
        services.participant_create(created_by=trainer, email="arber@example.TEST", **fields)
    assert Participant.objects.count() == 1
    assert Participant.objects.get().email == "arber@example.test"


@pytest.mark.parametrize(
    ("existing", "new", "similar"),
    [
        (("Arbër", "Krasniqi"), ("Arber", "Krasniqi"), True),
        (("Milica", "Petrović"), ("Милица", "Петровић"), True),
        (("Đorđe", "Đurić"), ("Djordje", "Djuric"), True),
        (("Arta", "Krasniqi"), ("Arben", "Krasniqi"), False),
        (("Jovana", "Ćosić"), ("Nemanja", "Šarić"), False),
    ],
)
def test_similar_name_warning(make_participant, institution, existing, new, similar):
    make_participant(first_name=existing[0], last_name=existing[1])
    check = services.participant_find_duplicates(
        email="", first_name=new[0], last_name=new[1], institution=institution
    )
    assert bool(check.similar_names) is similar


def test_similar_name_other_institution_ignored(make_participant):
    from accounts.models import Institution

    make_participant(first_name="Arbër", last_name="Krasniqi")
    other = Institution.objects.get(code="courts")
    check = services.participant_find_duplicates(
        email="", first_name="Arber", last_name="Krasniqi", institution=other
    )
    assert check.similar_names == []


def test_attendance_outside_session_rejected(trainer, make_session, make_participant, register):
    session = make_session(trainer)
    registration = register(session, make_participant())
    with pytest.raises(ValidationError, match="not a day of this session"):
        services.attendance_record_day(
            session=session,
            day=date(2025, 3, 13),
            statuses={registration.pk: "present"},
            recorded_by=trainer,
        )
    assert not Attendance.objects.exists()


def test_attendance_other_session_registration_rejected(
    trainer, make_session, make_participant, register
):
    session = make_session(trainer)
    other_session = make_session(trainer)
    good = register(session, make_participant())
    foreign = register(other_session, make_participant())
    with pytest.raises(ValidationError, match="do not belong"):
        services.attendance_record_day(
            session=session,
            day=date(2025, 3, 10),
            statuses={good.pk: "present", foreign.pk: "present"},
            recorded_by=trainer,
        )
    assert not Attendance.objects.exists()


def test_attendance_unknown_status_rejected(trainer, make_session, make_participant, register):
    session = make_session(trainer)
    registration = register(session, make_participant())
    with pytest.raises(ValidationError, match="Unknown attendance status"):
        services.attendance_record_day(
            session=session,
            day=date(2025, 3, 10),
            statuses={registration.pk: "asleep"},
            recorded_by=trainer,
        )


def test_attendance_correction_keeps_history(
    trainer, other_trainer, make_session, make_participant, register
):
    session = make_session(trainer)
    registration = register(session, make_participant())
    day = date(2025, 3, 11)
    services.attendance_record_day(
        session=session, day=day, statuses={registration.pk: "absent"}, recorded_by=trainer
    )
    result = services.attendance_record_day(
        session=session, day=day, statuses={registration.pk: "late"}, recorded_by=other_trainer
    )
    assert result == {"created": 0, "updated": 1}
    record = Attendance.objects.get()
    assert record.status == "late"
    assert record.recorded_by == other_trainer
    history = list(record.history.order_by("history_date"))
    assert [entry.status for entry in history] == ["absent", "late"]
    assert history[0].history_user == trainer
    assert history[1].history_user == other_trainer
    assert history[1].history_change_reason == "correction"


@pytest.mark.parametrize(
    ("days", "percent", "attended", "eligible"),
    [
        (5, 80, 4, True),
        (5, 80, 3, False),
        (3, 100, 3, True),
        (3, 100, 2, False),
        (3, 75, 3, True),
        (4, 75, 3, True),
        (4, 76, 3, False),
    ],
)
def test_certificate_rule(
    trainer, course, make_session, make_participant, register, days, percent, attended, eligible
):
    course.required_attendance_percent = percent
    course.save()
    session = make_session(trainer, start=date(2025, 3, 10), end=date(2025, 3, 9 + days))
    registration = register(session, make_participant())
    assert services.registration_is_certificate_eligible(registration, attended) is eligible


def test_walk_in_reuses_participant_by_email(trainer, make_session, make_participant, institution):
    session = make_session(trainer)
    existing = make_participant(email="walkin@example.test")
    registration = services.registration_create_walk_in(
        session=session,
        registered_by=trainer,
        day=date(2025, 3, 10),
        first_name="X",
        last_name="Y",
        sex="male",
        institution=institution,
        profession="other",
        email="WALKIN@example.test",
    )
    assert registration.participant == existing
    assert registration.is_walk_in
    assert Attendance.objects.get().status == "present"
