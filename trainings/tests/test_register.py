"""Courses and the register of trainers kept by project staff, and certified staffing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from trainings import services
from trainings.models import Course, Trainer, TrainingSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def certified(course):
    trainer = Trainer.objects.create(name="Besa Gashi", organisation="Justice Academy")
    trainer.certified_courses.add(course)
    return trainer


@pytest.fixture
def uncertified(db):
    return Trainer.objects.create(name="Zana Uncertified")


def session_fields(course, **extra):
    return {"course": course, "start_date": date(2025, 5, 1), "end_date": date(2025, 5, 2)} | extra


# Staffing a session


def test_session_create_rejects_uncertified(course, trainer, certified, uncertified):
    with pytest.raises(ValidationError, match="Zana Uncertified") as caught:
        services.session_create(
            created_by=trainer, trainers=[certified, uncertified], **session_fields(course)
        )
    assert "trainers" in caught.value.message_dict
    assert not TrainingSession.objects.exists()


def test_session_create_skips_uncertified_creator(course, trainer, certified):
    session = services.session_create(
        created_by=trainer, trainers=[certified], **session_fields(course)
    )
    assert list(session.trainers.all()) == [certified]
    assert TrainingSession.objects.visible_to(trainer).filter(pk=session.pk).exists()


def test_session_update_keeps_existing_trainer(course, trainer, make_session, uncertified):
    session = make_session(trainer)
    session.trainers.add(uncertified)
    services.session_update(session=session, trainers=[uncertified], city="Peja")
    session.refresh_from_db()
    assert session.city == "Peja"
    assert list(session.trainers.all()) == [uncertified]


def test_session_update_rejects_new_uncertified(trainer, make_session, uncertified):
    session = make_session(trainer, city="Prizren")
    with pytest.raises(ValidationError, match="Not certified to deliver this course"):
        services.session_update(session=session, trainers=[uncertified], city="Peja")
    session.refresh_from_db()
    assert session.city == "Prizren"
    assert uncertified not in session.trainers.all()


def test_session_course_change_rechecks_trainers(course, trainer, make_session, certified):
    session = make_session(trainer)
    session.trainers.set([certified])
    other_course = Course.objects.create(code="other", title_sq="Tjetër")
    with pytest.raises(ValidationError, match="Besa Gashi"):
        services.session_update(session=session, course=other_course)
    assert TrainingSession.objects.get(pk=session.pk).course == course


def test_session_form_rejects_uncertified(client, trainer, course, uncertified):
    client.force_login(trainer)
    response = client.post(
        reverse("trainings:session_create"),
        {
            "course": course.pk,
            "start_date": "2025-05-01",
            "end_date": "2025-05-02",
            "format": "in_person",
            "language": "sq",
            "status": "planned",
            "trainers": [uncertified.pk],
        },
    )
    assert response.status_code == 400
    assert "Not certified to deliver this course: Zana Uncertified" in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_session_form_marks_certified_courses(client, trainer, course, certified, uncertified):
    client.force_login(trainer)
    content = client.get(reverse("trainings:session_create")).content.decode()
    assert f'data-courses="{course.pk}"' in content
    assert 'data-courses=""' in content


# Courses


def course_post(**overrides):
    data = {
        "code": "victims-rights",
        "title_sq": "Të drejtat e viktimave",
        "title_sr": "Права жртава",
        "title_en": "Victims' rights",
        "description_sq": "Përshkrim",
        "description_sr": "Опис",
        "description_en": "Description",
        "topics_sq": "Tema 1\nTema 2",
        "topics_sr": "",
        "topics_en": "Topic 1\nTopic 2",
        "learning_objectives_sq": "",
        "learning_objectives_sr": "",
        "learning_objectives_en": "",
        "target_professions": ["judge", "prosecutor"],
        "required_attendance_percent": "75",
        "is_active": "on",
    }
    return data | overrides


def test_staff_creates_course_in_three_languages(client_for):
    client = client_for(Role.PROJECT_STAFF)
    response = client.post(reverse("trainings:course_create"), course_post())
    course = Course.objects.get(code="victims-rights")
    assert response.status_code == 302
    assert response["Location"] == reverse("trainings:course_detail", args=[course.pk])
    assert course.title_sq == "Të drejtat e viktimave"
    assert course.title_sr == "Права жртава"
    assert course.title_en == "Victims' rights"
    assert course.topics_en == "Topic 1\nTopic 2"
    assert course.target_professions == ["judge", "prosecutor"]
    assert course.required_attendance_percent == 75


def test_staff_edits_course(client_for, course):
    client = client_for(Role.PROJECT_STAFF)
    form = client.get(reverse("trainings:course_update", args=[course.pk]))
    assert form.status_code == 200
    assert "Истрага трговине људима" in form.content.decode()

    response = client.post(
        reverse("trainings:course_update", args=[course.pk]),
        course_post(code=course.code, title_sr="Нови наслов", is_active=""),
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.title_sr == "Нови наслов"
    assert course.is_active is False


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title_sq": ""}, "This field is required."),
        ({"code": "thb-basics"}, "already exists"),
        ({"required_attendance_percent": "150"}, "less than or equal to 100"),
        ({"target_professions": ["astronaut"]}, "Select a valid choice"),
    ],
)
def test_course_form_bad_input_400(client_for, course, overrides, message):
    client = client_for(Role.PROJECT_STAFF)
    response = client.post(reverse("trainings:course_create"), course_post(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Course.objects.count() == 1


def test_course_pages_closed_to_trainers(client_for, course):
    client = client_for(Role.TRAINER)
    assert client.get(reverse("trainings:course_create")).status_code == 403
    assert client.post(reverse("trainings:course_create"), course_post()).status_code == 403
    edit = reverse("trainings:course_update", args=[course.pk])
    assert client.get(edit).status_code == 403
    assert not Course.objects.filter(code="victims-rights").exists()


def test_inactive_course_listed_for_staff_only(client_for, course):
    course.is_active = False
    course.save()
    staff_page = client_for(Role.PROJECT_STAFF).get(reverse("trainings:course_list"))
    trainer_page = client_for(Role.TRAINER).get(reverse("trainings:course_list"))
    assert list(staff_page.context["courses"]) == [course]
    assert list(trainer_page.context["courses"]) == []


# Register of trainers


def test_staff_adds_external_trainer(client_for, course):
    client = client_for(Role.PROJECT_STAFF)
    response = client.post(
        reverse("trainings:trainer_create"),
        {"name": "Ana External", "organisation": "OSCE", "certified_courses": [course.pk]},
    )
    assert response.status_code == 302
    trainer = Trainer.objects.get(name="Ana External")
    assert trainer.is_external
    assert list(trainer.certified_courses.all()) == [course]


def test_staff_adds_platform_trainer(client_for, make_user, course):
    user = make_user(
        Role.TRAINER, email="arben@example.test", first_name="Arben", last_name="Hoxha"
    )
    client = client_for(Role.PROJECT_STAFF)
    form = client.get(reverse("trainings:trainer_create")).content.decode()
    assert "arben@example.test" in form

    response = client.post(
        reverse("trainings:trainer_create"), {"user": user.pk, "certified_courses": [course.pk]}
    )
    assert response.status_code == 302
    trainer = Trainer.objects.get(user=user)
    assert trainer.name == "Arben Hoxha"
    assert trainer.email == "arben@example.test"


def test_trainer_form_offers_trainer_role_only(client_for, make_user, trainer):
    reader = make_user(Role.LEGAL_PROFESSIONAL, email="lawyer@example.test")
    client = client_for(Role.PROJECT_STAFF)
    choices = client.get(reverse("trainings:trainer_create")).context["form"]["user"]
    offered = {choice.data["value"].value for choice in choices if choice.data["value"]}
    assert reader.pk not in offered
    assert trainer.pk not in offered  # already in the register

    response = client.post(reverse("trainings:trainer_create"), {"user": reader.pk})
    assert response.status_code == 400
    assert not Trainer.objects.filter(user=reader).exists()


def test_trainer_without_name_or_user_400(client_for):
    client = client_for(Role.PROJECT_STAFF)
    response = client.post(reverse("trainings:trainer_create"), {"organisation": "OSCE"})
    assert response.status_code == 400
    assert "Enter the name of an external trainer" in response.content.decode()
    assert not Trainer.objects.exists()


def test_staff_edits_certified_courses(client_for, certified, course):
    other = Course.objects.create(code="other", title_sq="Tjetër")
    client = client_for(Role.PROJECT_STAFF)
    response = client.post(
        reverse("trainings:trainer_update", args=[certified.pk]),
        {"name": certified.name, "certified_courses": [other.pk]},
    )
    assert response.status_code == 302
    assert list(certified.certified_courses.all()) == [other]


def test_trainers_read_register_but_cannot_edit(client_for, certified):
    client = client_for(Role.TRAINER)
    page = client.get(reverse("trainings:trainer_list"))
    assert page.status_code == 200
    assert "Besa Gashi" in page.content.decode()
    assert reverse("trainings:trainer_update", args=[certified.pk]) not in page.content.decode()
    assert client.get(reverse("trainings:trainer_create")).status_code == 403
    response = client.post(
        reverse("trainings:trainer_update", args=[certified.pk]), {"name": "Changed"}
    )
    assert response.status_code == 403
    certified.refresh_from_db()
    assert certified.name == "Besa Gashi"


def test_register_closed_to_readers(client_for, certified):
    assert (
        client_for(Role.LEGAL_PROFESSIONAL).get(reverse("trainings:trainer_list")).status_code
        == 403
    )


def test_register_query_count_bounded(client_for, course, django_assert_max_num_queries):
    for number in range(30):
        trainer = Trainer.objects.create(name=f"Trainer {number:02}")
        trainer.certified_courses.add(course)
    client = client_for(Role.PROJECT_STAFF)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("trainings:trainer_list"))
    assert response.status_code == 200
