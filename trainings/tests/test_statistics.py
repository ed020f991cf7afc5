import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accounts.models import Institution
from accounts.roles import Role
from trainings.models import Attendance, Course, Participant, Registration, TrainingSession
from trainings.statistics import training_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def example(db):
    """Hand-built example: 3 people, 2 courses, 3 sessions.

    Ana (female, police) attends course A in 2024 (2 of 2 days) and course B in 2025
    (1 day present, 1 day absent). Ben (male, courts) attends course A in 2024 on 1 day
    late and 1 day excused. Cem (male, courts) is registered in course B but absent.

    Expected: people trained 2 (Ana once, Ben; Cem never attended); participant days
    2 + 1 + 1 = 4; sessions with attendance 2; session days 3.
    """
    police = Institution.objects.get(code="police-thb-directorate")
    courts = Institution.objects.get(code="courts")
    course_a = Course.objects.create(code="a", title_en="Course A", title_sq="Kursi A")
    course_b = Course.objects.create(code="b", title_en="Course B", title_sq="Kursi B")
    ana = Participant.objects.create(
        first_name="Ana",
        last_name="A",
        sex="female",
        institution=police,
        profession="police_officer",
    )
    ben = Participant.objects.create(
        first_name="Ben", last_name="B", sex="male", institution=courts, profession="judge"
    )
    cem = Participant.objects.create(
        first_name="Cem", last_name="C", sex="male", institution=courts, profession="judge"
    )
    session_a = TrainingSession.objects.create(
        course=course_a, start_date=date(2024, 6, 3), end_date=date(2024, 6, 4)
    )
    session_b = TrainingSession.objects.create(
        course=course_b, start_date=date(2025, 2, 10), end_date=date(2025, 2, 11)
    )
    marks = [
        (session_a, ana, date(2024, 6, 3), "present"),
        (session_a, ana, date(2024, 6, 4), "present"),
        (session_a, ben, date(2024, 6, 3), "late"),
        (session_a, ben, date(2024, 6, 4), "excused"),
        (session_b, ana, date(2025, 2, 10), "present"),
        (session_b, ana, date(2025, 2, 11), "absent"),
        (session_b, cem, date(2025, 2, 10), "absent"),
    ]
    for session, person, day, status in marks:
        registration, _created = Registration.objects.get_or_create(
            session=session, participant=person
        )
        Attendance.objects.create(registration=registration, day=day, status=status)


def rows_of(figures, dimension):
    return {row.label: (row.people, row.participant_days) for row in figures.breakdowns[dimension]}


def test_totals_count_each_person_once(example):
    figures = training_figures()
    assert figures.people_trained == 2
    assert figures.participant_days == 4
    assert figures.sessions == 2
    assert figures.session_days == 3


def test_breakdowns(example):
    with translation.override("en"):
        figures = training_figures(period="year")
    assert rows_of(figures, "period") == {"2024": (2, 3), "2025": (1, 1)}
    assert rows_of(figures, "course") == {"Course A": (2, 3), "Course B": (1, 1)}
    assert rows_of(figures, "sex") == {"Female": (1, 3), "Male": (1, 1)}
    assert rows_of(figures, "profession") == {"Police officer": (1, 3), "Judge": (1, 1)}
    assert sum(people for people, _days in rows_of(figures, "institution").values()) == 2


def test_date_range_and_quarters(example):
    figures = training_figures(date_from=date(2025, 1, 1), period="quarter")
    assert figures.people_trained == 1
    assert rows_of(figures, "period") == {"2025 Q1": (1, 1)}


def test_query_count_fixed(example, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        training_figures()


def test_statistics_page_and_exports(example, client_for):
    client = client_for(Role.PROJECT_STAFF)
    page = client.get(reverse("trainings:statistics"), {"period": "year"})
    assert page.status_code == 200
    assert page.context["figures"].people_trained == 2

    workbook = load_workbook(
        io.BytesIO(client.get(reverse("trainings:statistics_export", args=["xlsx"])).content)
    )
    totals = [[cell.value for cell in row] for row in workbook.worksheets[0].iter_rows()]
    assert totals[1][1] == 2
    assert totals[2][1] == 4
    assert len(workbook.worksheets) == 7

    response = client.get(reverse("trainings:statistics_export", args=["csv"]))
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[1][2] == "2"
    assert client.get(reverse("trainings:statistics_export", args=["pdf"])).status_code == 404


def test_statistics_bad_range_400(client_for, db):
    client = client_for(Role.PROJECT_STAFF)
    response = client.get(
        reverse("trainings:statistics"), {"date_from": "2025-02-01", "date_to": "2025-01-01"}
    )
    assert response.status_code == 400
