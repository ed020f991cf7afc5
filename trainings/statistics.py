"""Training figures for donors: people trained and training days, broken down five ways.

A person is counted once in a total however many sessions or days they attended. In a
breakdown row a person is counted once in each row they belong to, so a person who took
two courses appears under both courses, and the rows of that breakdown add up to more
than the total.

"Attended" means present or late. A participant training day is one person attending
one day; a session day is one calendar day on which a session met.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear
from django.utils.translation import gettext_lazy as _

from accounts.models import Institution
from common.translation import translated_value
from trainings.models import Attendance, Course, Profession, Sex

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
class TrainingFigures:
    people_trained: int = 0
    participant_days: int = 0
    sessions: int = 0
    session_days: int = 0
    breakdowns: dict[str, list[BreakdownRow]] = field(default_factory=dict)


def period_label(value: date, period: str) -> str:
    if period == "month":
        return f"{value:%Y-%m}"
    if period == "quarter":
        return f"{value.year} Q{(value.month - 1) // 3 + 1}"
    return str(value.year)


def training_figures(
    *, date_from: date | None = None, date_to: date | None = None, period: str = "year"
) -> TrainingFigures:
    """Count attended days between `date_from` and `date_to` (both included) in nine queries."""
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
    return figures


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
