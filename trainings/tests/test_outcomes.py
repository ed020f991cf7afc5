"""Knowledge test gain and participant evaluation, on a hand-built example."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Institution
from accounts.roles import Role
from trainings.models import Course, Participant, Registration, TrainingSession
from trainings.statistics import course_outcomes, training_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def outcomes_example(db):
    """Course A (June 2024) and course B (February 2025).

    Course A: Ana scores 40 then 70 and rates 5 ("Very useful"); Ben scores 50 then 60 and
    rates 4; Dea has a score after (90) but none before, so she is left out of the means.
    Expected for A: before 45.0, after 65.0, gain +20.0 over 2 participants, rating 4.5
    from 2 ratings. Averaging every score after instead would give 73.3.

    Course B: Cem scores 30 before and nothing after and rates 2 ("Too long").
    Expected for B: no score means, 0 participants with both scores, rating 2.0 from 1.
    """
    police = Institution.objects.get(code="police-thb-directorate")
    course_a = Course.objects.create(code="a", title_en="Course A", title_sq="Kursi A")
    course_b = Course.objects.create(code="b", title_en="Course B", title_sq="Kursi B")
    session_a = TrainingSession.objects.create(
        course=course_a, start_date=date(2024, 6, 3), end_date=date(2024, 6, 4), city="Prizren"
    )
    session_b = TrainingSession.objects.create(
        course=course_b, start_date=date(2025, 2, 10), end_date=date(2025, 2, 11)
    )
    rows = [
        (session_a, "Ana", 40, 70, 5, "Very useful"),
        (session_a, "Ben", 50, 60, 4, ""),
        (session_a, "Dea", None, 90, None, ""),
        (session_b, "Cem", 30, None, 2, "Too long"),
        (session_b, "Edi", None, None, None, ""),
    ]
    for session, name, before, after, rating, comment in rows:
        Registration.objects.create(
            session=session,
            participant=Participant.objects.create(
                first_name=name, last_name="Example", institution=police
            ),
            pre_test_score=before,
            post_test_score=after,
            evaluation_rating=rating,
            evaluation_comment=comment,
        )
    return course_a, course_b


def test_outcomes_use_paired_scores(outcomes_example):
    outcomes = {outcome.label: outcome for outcome in course_outcomes()}
    course_a = outcomes["Course A"]
    assert course_a.mean_before == Decimal("45.0")
    assert course_a.mean_after == Decimal("65.0")
    assert course_a.mean_gain == Decimal("20.0")
    assert course_a.scored == 2
    assert course_a.mean_rating == Decimal("4.5")
    assert course_a.ratings == 2


def test_outcomes_without_pairs_or_ratings(outcomes_example):
    outcomes = {outcome.label: outcome for outcome in course_outcomes()}
    course_b = outcomes["Course B"]
    assert course_b.mean_before is None
    assert course_b.mean_after is None
    assert course_b.mean_gain is None
    assert course_b.scored == 0
    assert course_b.mean_rating == Decimal("2.0")
    assert course_b.ratings == 1


def test_outcomes_follow_date_range(outcomes_example):
    labels = [outcome.label for outcome in course_outcomes(date_from=date(2025, 1, 1))]
    assert labels == ["Course B"]
    labels = [outcome.label for outcome in course_outcomes(date_to=date(2024, 6, 3))]
    assert labels == ["Course A"]


def test_outcomes_query_count_fixed(outcomes_example, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        course_outcomes()


def test_training_figures_include_outcomes(outcomes_example):
    figures = training_figures(date_from=date(2024, 1, 1), date_to=date(2024, 12, 31))
    assert [outcome.label for outcome in figures.course_outcomes] == ["Course A"]


def test_statistics_page_shows_outcomes(outcomes_example, client_for):
    response = client_for(Role.PROJECT_STAFF).get(reverse("trainings:statistics"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Knowledge test gain and evaluation, by course" in content
    assert "+20.0" in content
    assert "4.5" in content


def test_statistics_xlsx_has_outcome_sheet(outcomes_example, client_for):
    response = client_for(Role.PROJECT_STAFF).get(
        reverse("trainings:statistics_export", args=["xlsx"])
    )
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Test gain and evaluation"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["Course", "Mean score before", "Mean score after", "Mean gain"]
    by_course = {row[0]: row[1:] for row in rows[1:]}
    assert by_course["Course A"] == [45, 65, 20, 2, 4.5, 2]
    assert by_course["Course B"] == [None, None, None, 0, 2, 1]


def test_statistics_csv_has_outcome_rows(outcomes_example, client_for):
    response = client_for(Role.PROJECT_STAFF).get(
        reverse("trainings:statistics_export", args=["csv"])
    )
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    header = rows[0]
    assert header[4:] == [
        "Mean score before",
        "Mean score after",
        "Mean gain",
        "Participants with both scores",
        "Mean rating (1 to 5)",
        "Ratings",
    ]
    assert all(len(row) == len(header) for row in rows)
    outcome_rows = {row[1]: row[4:] for row in rows if row[0] == "Test gain and evaluation"}
    assert outcome_rows["Course A"] == ["45.0", "65.0", "20.0", "2", "4.5", "2"]
    assert outcome_rows["Course B"] == ["", "", "", "0", "2.0", "1"]


def test_course_page_shows_evaluation_to_staff(outcomes_example, client_for):
    course_a, _course_b = outcomes_example
    response = client_for(Role.PROJECT_STAFF).get(
        reverse("trainings:course_detail", args=[course_a.pk])
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Very useful" in content
    assert "Too long" not in content
    assert "rating 5 of 5" in content
    assert response.context["outcome"].ratings == 2
    assert "Ana" not in content


def test_course_page_hides_evaluation_from_trainer(outcomes_example, client_for):
    course_a, _course_b = outcomes_example
    response = client_for(Role.TRAINER).get(reverse("trainings:course_detail", args=[course_a.pk]))
    assert response.status_code == 200
    assert "Very useful" not in response.content.decode()
    assert "outcome" not in response.context
