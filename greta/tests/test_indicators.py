"""Indicators on hand-built case-law and training data, per reader."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Institution, User
from accounts.roles import Role
from caselaw.models import Court, Defendant, ExploitationForm, Judgment, Provision
from greta.caselaw_filters import validate_caselaw_filter
from greta.indicators import indicators_for, indicators_for_many
from trainings.models import Attendance, Course, Participant, Registration, TrainingSession

pytestmark = pytest.mark.django_db

THB_FILTER = {"exploitation_form": ["test-sexual"], "court_level": ["basic"]}


def values(indicators) -> dict:
    return {indicator.key: indicator.value for indicator in indicators}


@pytest.fixture
def caselaw():
    basic = Court.objects.create(code="test-basic", name="Basic", level=Court.Level.BASIC)
    appeals = Court.objects.create(code="test-appeals", name="Appeals", level="appeals")
    sexual = ExploitationForm.objects.create(code="test-sexual", label="Sexual exploitation")
    labour = ExploitationForm.objects.create(code="test-labour", label="Forced labour")
    provision = Provision.objects.create(
        code="test-cc-171", label="Trafficking", instrument="criminal_code_kosovo", article="171"
    )

    def judgment(number, *, form=sexual, court=basic, outcome="conviction", **fields):
        fields.setdefault("status", Judgment.Status.PUBLISHED)
        fields.setdefault("access_level", Judgment.AccessLevel.PUBLIC)
        item = Judgment.objects.create(
            case_number=number,
            court=court,
            decision_date=fields.pop("decision_date", date(2022, 5, 1)),
            decision_type="judgment",
            instance="first",
            outcome=outcome,
            original_language="sq",
            title=number,
            **fields,
        )
        item.exploitation_forms.add(form)
        item.provisions.add(provision)
        return item

    public = judgment("P-1", compensation_awarded_eur=Decimal("5000.00"))
    Defendant.objects.create(
        judgment=public, pseudonym="D1", verdict="convicted", sentence_months=60
    )
    Defendant.objects.create(
        judgment=public, pseudonym="D2", verdict="convicted", sentence_months=24, suspended=True
    )
    Defendant.objects.create(judgment=public, pseudonym="D3", verdict="acquitted")
    professional = judgment("P-2", access_level=Judgment.AccessLevel.PROFESSIONAL)
    Defendant.objects.create(
        judgment=professional, pseudonym="D1", verdict="convicted", sentence_months=36
    )
    restricted = judgment(
        "R-1",
        access_level=Judgment.AccessLevel.RESTRICTED,
        restricted_to_roles=[Role.POLICE_INVESTIGATOR],
        compensation_awarded_eur=Decimal("700.00"),
    )
    Defendant.objects.create(judgment=restricted, pseudonym="D1", verdict="convicted")
    draft = judgment("D-1", status=Judgment.Status.DRAFT, compensation_awarded_eur=Decimal("9"))
    Defendant.objects.create(judgment=draft, pseudonym="D1", verdict="convicted")
    judgment("A-1", outcome="acquittal")
    # Outside the filter: another form of exploitation, and another court level.
    judgment("L-1", form=labour)
    judgment("X-1", court=appeals)
    return {"public": public, "restricted": restricted, "draft": draft}


@pytest.fixture
def trainings():
    course = Course.objects.create(code="test-thb", title="THB")
    other_course = Course.objects.create(code="test-other", title="Other")
    institution = Institution.objects.first()

    def session(course, status, day):
        return TrainingSession.objects.create(
            course=course, start_date=day, end_date=day, status=status, organiser=institution
        )

    held = session(course, TrainingSession.Status.HELD, date(2023, 3, 1))
    held_again = session(course, TrainingSession.Status.HELD, date(2024, 3, 1))
    planned = session(course, TrainingSession.Status.PLANNED, date(2024, 9, 1))
    held_other = session(other_course, TrainingSession.Status.HELD, date(2023, 3, 1))

    def person(name, profession):
        return Participant.objects.create(first_name=name, last_name="Test", profession=profession)

    def attend(participant, training_session, status=Attendance.Status.PRESENT):
        registration = Registration.objects.create(
            session=training_session, participant=participant
        )
        Attendance.objects.create(
            registration=registration, day=training_session.start_date, status=status
        )

    prosecutor = person("Pro", User.Profession.PROSECUTOR)
    judge = person("Jud", User.Profession.JUDGE)
    officer = person("Pol", User.Profession.POLICE_OFFICER)
    absent_officer = person("Abs", User.Profession.POLICE_OFFICER)
    lawyer = person("Law", User.Profession.LAWYER)
    future_judge = person("Fut", User.Profession.JUDGE)
    attend(prosecutor, held)
    attend(prosecutor, held_again)  # the same person twice counts once
    attend(judge, held_again, Attendance.Status.LATE)
    attend(officer, held)
    attend(absent_officer, held, Attendance.Status.ABSENT)
    attend(lawyer, held)
    attend(future_judge, planned)
    attend(judge, held_other)
    return {"course": course, "other": other_course}


@pytest.fixture
def linked(make_recommendation, caselaw, trainings):
    recommendation = make_recommendation(caselaw_filter=THB_FILTER)
    recommendation.training_courses.set([trainings["course"]])
    return recommendation


def test_public_reader_counts_public_judgments(linked, users):
    figures = values(indicators_for(linked, users[Role.CIVIL_SOCIETY_READER]))
    assert figures["judgments"] == 2  # P-1 and A-1
    assert figures["convictions"] == 1
    assert figures["convicted_persons"] == 2
    assert figures["average_sentence"] == Decimal("60.0")  # the suspended one is left out
    assert figures["compensation_judgments"] == 1
    assert figures["compensation_total"] == Decimal("5000.00")


def test_professional_counts_professional_judgments(linked, users):
    figures = values(indicators_for(linked, users[Role.LEGAL_PROFESSIONAL]))
    assert figures["judgments"] == 3
    assert figures["convictions"] == 2
    assert figures["convicted_persons"] == 3
    assert figures["average_sentence"] == Decimal("48.0")
    assert figures["compensation_total"] == Decimal("5000.00")


def test_restricted_judgment_counts_for_named_role_only(linked, users):
    police = values(indicators_for(linked, users[Role.POLICE_INVESTIGATOR]))
    legal = values(indicators_for(linked, users[Role.LEGAL_PROFESSIONAL]))
    assert police["judgments"] == 4
    assert police["compensation_total"] == Decimal("5700.00")
    assert legal["judgments"] == 3


def test_drafts_never_counted_even_for_editors(linked, users):
    figures = values(indicators_for(linked, users[Role.CASELAW_EDITOR]))
    # Every published judgment in the filter (the editor may read restricted ones), no draft.
    assert figures["judgments"] == 4
    assert figures["compensation_total"] == Decimal("5700.00")


def test_trained_people_by_profession(linked, users):
    figures = values(indicators_for(linked, users[Role.CIVIL_SOCIETY_READER]))
    assert figures["prosecutor"] == 1
    assert figures["judge"] == 1
    assert figures["police_officer"] == 1  # the absent officer is not counted
    assert figures["people_trained"] == 4  # with the lawyer; the planned session does not count


def test_as_of_date_limits_both_sources(linked, users):
    figures = values(
        indicators_for(linked, users[Role.CIVIL_SOCIETY_READER], as_of=date(2023, 6, 1))
    )
    assert figures["judgments"] == 2
    assert figures["judge"] == 0  # trained in 2024
    assert figures["people_trained"] == 3


def test_unlinked_recommendation_has_none(make_recommendation, users, caselaw, trainings):
    recommendation = make_recommendation()
    assert indicators_for(recommendation, users[Role.PROJECT_STAFF]) == []


def test_indicator_search_link_uses_ids(linked, users, caselaw):
    indicator = indicators_for(linked, users[Role.PROJECT_STAFF])[0]
    form_id = ExploitationForm.objects.get(code="test-sexual").pk
    assert indicator.url.startswith("/")
    assert f"exploitation_form={form_id}" in indicator.url
    assert "court_level=basic" in indicator.url


def test_many_recommendations_bounded_queries(
    make_recommendation, users, caselaw, trainings, django_assert_max_num_queries
):
    items = []
    for index in range(30):
        item = make_recommendation(
            caselaw_filter={"exploitation_form": ["test-sexual"], "year_from": 2000 + index}
        )
        item.training_courses.set([trainings["course"]])
        items.append(item)
    # Seven for the figures, three for the reader's permissions (cached on the user).
    with django_assert_max_num_queries(10):
        result = indicators_for_many(items, users[Role.CIVIL_SOCIETY_READER])
    assert len(result) == 30


@pytest.mark.parametrize(
    "value",
    [
        [],
        {"outcome": ["conviction"]},
        {"court_level": ["nowhere"]},
        {"provision": "cc-171"},
        {"year_from": 1500},
        {"year_from": 2020, "year_to": 2010},
        {"child_victims": "yes"},
    ],
)
def test_invalid_caselaw_filter_rejected(value):
    with pytest.raises(ValidationError):
        validate_caselaw_filter(value)


def test_detail_page_shows_indicators(client_for, linked, caselaw):
    response = client_for(Role.CIVIL_SOCIETY_READER).get(f"/en/greta/{linked.pk}/")
    assert response.status_code == 200
    assert b"judgments with a conviction" in response.content
    assert b"police officers trained" in response.content
    assert b"Choose indicators" not in response.content


def test_staff_links_indicators_with_form(client_for, make_recommendation, caselaw, trainings):
    recommendation = make_recommendation()
    client = client_for(Role.PROJECT_STAFF)
    url = f"/en/greta/{recommendation.pk}/indicators/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "exploitation_form": ["test-sexual", "test-labour"],
            "court_level": ["basic"],
            "year_from": "2015",
            "year_to": "2024",
            "child_victims": "true",
            "training_courses": [trainings["course"].pk],
        },
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.caselaw_filter == {
        "exploitation_form": ["test-labour", "test-sexual"],
        "court_level": ["basic"],
        "year_from": 2015,
        "year_to": 2024,
        "child_victims": True,
    }
    assert list(recommendation.training_courses.all()) == [trainings["course"]]


def test_indicator_form_keeps_input_on_error(client_for, make_recommendation, caselaw):
    recommendation = make_recommendation(caselaw_filter={"court_level": ["appeals"]})
    client = client_for(Role.PROJECT_STAFF)
    response = client.post(
        f"/en/greta/{recommendation.pk}/indicators/",
        {"court_level": ["basic"], "year_from": "2024", "year_to": "2010"},
    )
    assert response.status_code == 400
    assert b"must not be before the first year" in response.content
    recommendation.refresh_from_db()
    assert recommendation.caselaw_filter == {"court_level": ["appeals"]}


def test_indicator_form_unknown_term_rejected(client_for, make_recommendation, caselaw):
    recommendation = make_recommendation()
    response = client_for(Role.PROJECT_STAFF).post(
        f"/en/greta/{recommendation.pk}/indicators/", {"exploitation_form": ["no-such-form"]}
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("role", "expected"),
    [(None, 302), (Role.LEGAL_PROFESSIONAL, 403), (Role.CASELAW_EDITOR, 403)],
)
def test_indicator_form_staff_only(client_for, make_recommendation, role, expected):
    recommendation = make_recommendation()
    response = client_for(role).post(
        f"/en/greta/{recommendation.pk}/indicators/", {"court_level": ["basic"]}
    )
    assert response.status_code == expected


def test_dashboard_lists_linked_recommendations(client_for, linked, make_recommendation):
    make_recommendation(text_en="Unlinked recommendation")
    response = client_for(Role.PROJECT_STAFF).get("/en/greta/dashboard/")
    assert response.status_code == 200
    rows = response.context["indicator_rows"]
    assert [recommendation.pk for recommendation, _indicators in rows] == [linked.pk]
