"""Training figures for donors: people trained and training days, broken down five ways.

A person is counted once in a total however many sessions or days they attended. In a
breakdown row a person is counted once in each row they belong to, so a person who took
two courses appears under both courses, and the rows of that breakdown add up to more
than the total.

"Attended" means present or late. A participant training day is one person attending
one day; a session day is one calendar day on which a session met.

Course outcomes (knowledge test gain and evaluation) come from the registrations of the
sessions that overlap the period, whether or not attendance was recorded.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear
from django.utils.translation import gettext_lazy as _

from accounts.models import Institution
from common.translation import translated_value
from trainings.models import Attendance, Course, Profession, Registration, Sex

PERIOD_FUNCTIONS = {"year": TruncYear, "quarter": TruncQuarter, "month": TruncMonth}

DIMENSIONS = [
    ("period", _("Period")),
    ("course", _("Course")),
    ("institution", _("Institution")),
    ("profession", _("Profession")),
    ("sex", _("Sex")),
]


@dataclass
class BreakdownRow:
    label: str
    people: int
    participant_days: int
    people_percent: float = 0.0


@dataclass
class CourseOutcome:
    """Knowledge test gain and evaluation of one course.

    The three score means are taken over the same registrations, those with both a
    score before and a score after, so that `mean_gain` equals `mean_after - mean_before`.
    Each mean is None when no registration has both scores (or no rating).
    """

    course_id: int
    label: str
    mean_before: Decimal | None
    mean_after: Decimal | None
    mean_gain: Decimal | None
    scored: int
    mean_rating: Decimal | None
    ratings: int


@dataclass
class TrainingFigures:
    people_trained: int = 0
    participant_days: int = 0
    sessions: int = 0
    session_days: int = 0
    breakdowns: dict[str, list[BreakdownRow]] = field(default_factory=dict)
    course_outcomes: list[CourseOutcome] = field(default_factory=list)


def period_label(value: date, period: str) -> str:
    if period == "month":
        return f"{value:%Y-%m}"
    if period == "quarter":
        return f"{value.year} Q{(value.month - 1) // 3 + 1}"
    return str(value.year)


def training_figures(
    *, date_from: date | None = None, date_to: date | None = None, period: str = "year"
) -> TrainingFigures:
    """Count attended days between `date_from` and `date_to` (both included) in eleven queries."""
    attended = Attendance.objects.attended()
    if date_from:
        attended = attended.filter(day__gte=date_from)
    if date_to:
        attended = attended.filter(day__lte=date_to)

    figures = TrainingFigures()
    totals = attended.aggregate(
        people=Count("registration__participant", distinct=True),
        participant_days=Count("pk"),
        sessions=Count("registration__session", distinct=True),
    )
    figures.people_trained = totals["people"]
    figures.participant_days = totals["participant_days"]
    figures.sessions = totals["sessions"]
    figures.session_days = (
        attended.values("registration__session", "day").distinct().order_by().count()
    )

    trunc = PERIOD_FUNCTIONS.get(period, TruncYear)
    group_fields = {
        "period": trunc("day"),
        "course": "registration__session__course",
        "institution": "registration__participant__institution",
        "profession": "registration__participant__profession",
        "sex": "registration__participant__sex",
    }
    labels = _label_makers(period)
    for dimension, expression in group_fields.items():
        if dimension == "period":
            group_key = "group"
            grouped = attended.annotate(group=expression).values(group_key)
        else:
            group_key = expression
            grouped = attended.values(group_key)
        rows = grouped.annotate(
            people=Count("registration__participant", distinct=True),
            participant_days=Count("pk"),
        ).order_by(group_key)
        rows = list(rows)
        make_label = labels[dimension](rows, group_key)
        breakdown = [
            BreakdownRow(
                label=make_label(row[group_key]),
                people=row["people"],
                participant_days=row["participant_days"],
                people_percent=(
                    100 * row["people"] / figures.people_trained if figures.people_trained else 0
                ),
            )
            for row in rows
        ]
        if dimension != "period":
            breakdown.sort(key=lambda item: (-item.people, item.label))
        figures.breakdowns[dimension] = breakdown
    figures.course_outcomes = course_outcomes(date_from=date_from, date_to=date_to)
    return figures


def course_outcomes(
    *, date_from: date | None = None, date_to: date | None = None, course: Course | None = None
) -> list[CourseOutcome]:
    """Return the test gain and evaluation of each course with a score or a rating, in two queries.

    A session counts when it overlaps `date_from` to `date_to` (both included). With
    `course`, only that course is reported.
    """
    registrations = Registration.objects.all()
    if course is not None:
        registrations = registrations.filter(session__course=course)
    if date_from:
        registrations = registrations.filter(session__end_date__gte=date_from)
    if date_to:
        registrations = registrations.filter(session__start_date__lte=date_to)
    # NOTE: `scored` counts registrations, so a person who took the same course twice
    # with both scores each time counts twice there.
    both = Q(pre_test_score__isnull=False, post_test_score__isnull=False)
    rated = Q(evaluation_rating__isnull=False)
    rows = list(
        registrations.filter(both | rated)
        .values("session__course")
        .annotate(
            mean_before=Avg("pre_test_score", filter=both),
            mean_after=Avg("post_test_score", filter=both),
            mean_gain=Avg(F("post_test_score") - F("pre_test_score"), filter=both),
            scored=Count("pk", filter=both),
            mean_rating=Avg("evaluation_rating", filter=rated),
            ratings=Count("pk", filter=rated),
        )
        .order_by("session__course")
    )
    titles = {
        course.pk: translated_value(course, "title").text
        for course in Course.objects.filter(pk__in=[row["session__course"] for row in rows])
    }
    outcomes = [
        CourseOutcome(
            course_id=row["session__course"],
            label=titles.get(row["session__course"], ""),
            mean_before=_rounded(row["mean_before"]),
            mean_after=_rounded(row["mean_after"]),
            mean_gain=_rounded(row["mean_gain"]),
            scored=row["scored"],
            mean_rating=_rounded(row["mean_rating"]),
            ratings=row["ratings"],
        )
        for row in rows
    ]
    outcomes.sort(key=lambda outcome: outcome.label)
    return outcomes


def _rounded(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _label_makers(period: str):
    unknown = str(_("Not recorded"))

    def by_period(rows, key):
        return lambda value: period_label(value, period)

    def by_model(model, field_name):
        def make(rows, key):
            ids = {row[key] for row in rows if row[key] is not None}
            names = {
                obj.pk: translated_value(obj, field_name).text
                for obj in model.objects.filter(pk__in=ids)
            }
            return lambda value: names.get(value, unknown)

        return make

    def by_choices(choices):
        def make(rows, key):
            return lambda value: str(choices.get(value, unknown))

        return make

    return {
        "period": by_period,
        "course": by_model(Course, "title"),
        "institution": by_model(Institution, "name"),
        "profession": by_choices(dict(Profession.choices)),
        "sex": by_choices(dict(Sex.choices)),
    }
