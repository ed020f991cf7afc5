import io

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from trainings import sample_data
from trainings.models import Course, Registration

pytestmark = pytest.mark.django_db


def load():
    sample_data.load(stdout=io.StringIO())


def test_sample_topics_in_every_language():
    load()
    courses = Course.objects.filter(code__in=[row[0] for row in sample_data.COURSES])
    assert courses.count() == len(sample_data.COURSES)
    for course in courses:
        english_count = len(course.topics_en.splitlines())
        assert course.topics_sq
        assert course.topics_sr
        assert course.topics_sq != course.topics_en
        assert course.topics_sr != course.topics_en
        assert len(course.topics_sq.splitlines()) == english_count
        assert len(course.topics_sr.splitlines()) == english_count


def test_reload_fills_topics_of_older_sample():
    load()
    Course.objects.update(topics_sq="", topics_sr="")
    load()
    assert not Course.objects.filter(topics_sq="").exists()
    assert not Course.objects.filter(topics_sr="").exists()


def test_sample_comments_in_participant_language():
    load()
    commented = Registration.objects.exclude(evaluation_comment="").select_related("participant")
    languages = {registration.participant.preferred_language for registration in commented}
    assert {"sq", "sr", "sr-latn"} <= languages
    for registration in commented:
        written = sample_data.SAMPLE_COMMENTS[registration.participant.preferred_language]
        assert registration.evaluation_comment in written


@pytest.mark.parametrize(
    ("language", "topic"),
    [("sq", "Treguesit e trafikimit"), ("sr", "Показатељи трговине људима")],
)
def test_course_page_shows_translated_topics(client_for, language, topic):
    load()
    course = Course.objects.get(code="thb-investigation-basics")
    with translation.override(language):
        path = reverse("trainings:course_detail", args=[course.pk])
    response = client_for(Role.PROJECT_STAFF).get(path)
    assert response.status_code == 200
    content = response.content.decode()
    assert topic in content
    assert "Indicators of trafficking" not in content
