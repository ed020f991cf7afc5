"""Indicators from the platform's own data, shown beside the recommendations they measure.

Staff link a recommendation to case-law filters (greta.caselaw_filters) and to training
courses. The case-law indicators count published judgments the viewer may read
(`Judgment.objects.visible_to(user)`), so a draft or a restricted judgment never reaches a
reader who may not open it. The training indicators count people who attended (present or
late) at least one day of a held session of a linked course, by profession; they are
aggregate counts without names, so every reader of recommendations sees them.

Whatever the number of recommendations, the figures take at most seven queries: the
course links, the code-to-id lookups for the search links (one per vocabulary used), one
aggregate over judgments, one over defendants and one over attendance (and the reader's
permission lookups, which Django caches on the user).

NOTE: a case decided at several instances has one judgment per instance, and each counts;
staff who want each case once choose a court level in the filter.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from greta.caselaw_filters import is_linked, judgment_condition, search_query, term_ids

CONVICTION_OUTCOMES = ("conviction", "partial_conviction")
TRAINED_PROFESSIONS = ("prosecutor", "judge", "police_officer")

LABELS = {
    "judgments": _("published judgments matching the case-law filter"),
    "convictions": _("judgments with a conviction"),
    "convicted_persons": _("persons convicted"),
    "average_sentence": _("average prison sentence, in months (not suspended)"),
    "compensation_judgments": _("judgments awarding compensation to victims"),
    "compensation_total": _("compensation awarded to victims (EUR)"),
    "prosecutor": _("prosecutors trained"),
    "judge": _("judges trained"),
    "police_officer": _("police officers trained"),
    "people_trained": _("people trained in total, all professions"),
}


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    value: int | Decimal | None  # None when nothing is known (no sentence recorded)
    source: str  # "caselaw" or "trainings"
    url: str = ""

    @property
    def display(self) -> str:
        if self.value is None:
            return "–"
        if isinstance(self.value, Decimal):
            return number_format(self.value, decimal_pos=2 if self.key.endswith("total") else 1)
        return number_format(self.value)


def indicators_for(recommendation, user, *, as_of: date | None = None) -> list[Indicator]:
    """Return the indicators of one recommendation for `user`, as of a date (default: all)."""
    return indicators_for_many([recommendation], user, as_of=as_of).get(recommendation.pk, [])


def indicators_for_many(
    recommendations: Iterable, user, *, as_of: date | None = None
) -> dict[int, list[Indicator]]:
    """Return {recommendation id: indicators} for the linked recommendations among these.

    With `as_of`, only judgments decided and training days held on or before it count.
    """
    recommendations = list(recommendations)
    caselaw_linked = [item for item in recommendations if is_linked(item.caselaw_filter or {})]
    courses = _course_links([item.pk for item in recommendations])

    result: dict[int, list[Indicator]] = defaultdict(list)
    for recommendation_id, indicators in _caselaw_indicators(caselaw_linked, user, as_of).items():
        result[recommendation_id].extend(indicators)
    for recommendation_id, indicators in _training_indicators(courses, as_of).items():
        result[recommendation_id].extend(indicators)
    return dict(result)


def _course_links(recommendation_ids: list[int]) -> dict[int, set[int]]:
    from greta.models import Recommendation

    if not recommendation_ids:
        return {}
    links = Recommendation.training_courses.through.objects.filter(
        recommendation_id__in=recommendation_ids
    ).values_list("recommendation_id", "course_id")
    courses: dict[int, set[int]] = defaultdict(set)
    for recommendation_id, course_id in links:
        courses[recommendation_id].add(course_id)
    return courses


def _readable_judgments(user, as_of: date | None):
    from caselaw.models import Judgment

    # Editors see drafts through visible_to; indicators count published judgments only.
    judgments = Judgment.objects.visible_to(user).published()
    if as_of is not None:
        judgments = judgments.filter(decision_date__lte=as_of)
    return judgments


def _caselaw_indicators(recommendations: list, user, as_of) -> dict[int, list[Indicator]]:
    from caselaw.models import Defendant

    if not recommendations:
        return {}
    judgments = _readable_judgments(user, as_of)
    judgment_aggregates = {}
    defendant_aggregates = {}
    for item in recommendations:
        condition = judgment_condition(item.caselaw_filter)
        conviction = condition & Q(outcome__in=CONVICTION_OUTCOMES)
        compensated = condition & Q(compensation_awarded_eur__gt=0)
        judgment_aggregates |= {
            f"judgments_{item.pk}": Count("pk", filter=condition),
            f"convictions_{item.pk}": Count("pk", filter=conviction),
            f"compensation_judgments_{item.pk}": Count("pk", filter=compensated),
            f"compensation_total_{item.pk}": Sum("compensation_awarded_eur", filter=compensated),
        }
        in_selection = Q(judgment_id__in=judgments.filter(condition).values("pk"))
        convicted = in_selection & Q(verdict=Defendant.Verdict.CONVICTED)
        sentenced = convicted & Q(sentence_months__isnull=False, suspended=False)
        defendant_aggregates |= {
            f"convicted_persons_{item.pk}": Count("pk", filter=convicted),
            f"average_sentence_{item.pk}": Avg("sentence_months", filter=sentenced),
        }
    figures = judgments.aggregate(**judgment_aggregates)
    figures |= Defendant.objects.filter(judgment__in=judgments).aggregate(**defendant_aggregates)

    ids = term_ids(item.caselaw_filter for item in recommendations)
    search_url = reverse("caselaw:judgment_search")
    result = {}
    for item in recommendations:
        query = search_query(item.caselaw_filter, ids)
        conviction_query = search_query(item.caselaw_filter, ids, outcome=CONVICTION_OUTCOMES)
        compensation_query = search_query(item.caselaw_filter, ids, compensation_awarded=["true"])
        urls = {
            "judgments": f"{search_url}?{query}",
            "convictions": f"{search_url}?{conviction_query}",
            "compensation_judgments": f"{search_url}?{compensation_query}",
        }
        average = figures[f"average_sentence_{item.pk}"]
        values = {
            "judgments": figures[f"judgments_{item.pk}"],
            "convictions": figures[f"convictions_{item.pk}"],
            "convicted_persons": figures[f"convicted_persons_{item.pk}"],
            "average_sentence": None
            if average is None
            else Decimal(average).quantize(Decimal("0.1")),
            "compensation_judgments": figures[f"compensation_judgments_{item.pk}"],
            "compensation_total": figures[f"compensation_total_{item.pk}"] or Decimal("0.00"),
        }
        result[item.pk] = [
            Indicator(key, str(LABELS[key]), value, "caselaw", urls.get(key, ""))
            for key, value in values.items()
        ]
    return result


def _training_indicators(courses: dict[int, set[int]], as_of) -> dict[int, list[Indicator]]:
    from trainings.models import Attendance, TrainingSession

    course_ids = set().union(*courses.values()) if courses else set()
    if not course_ids:
        return {}
    attended = Attendance.objects.attended().filter(
        registration__session__status=TrainingSession.Status.HELD,
        registration__session__course_id__in=course_ids,
    )
    if as_of is not None:
        attended = attended.filter(day__lte=as_of)
    rows = (
        attended.values_list(
            "registration__session__course_id",
            "registration__participant_id",
            "registration__participant__profession",
        )
        .distinct()
        .order_by()
    )
    people_by_course: dict[int, dict[int, str]] = defaultdict(dict)
    for course_id, participant_id, profession in rows:
        people_by_course[course_id][participant_id] = profession

    result = {}
    for recommendation_id, linked in courses.items():
        # A person trained in two linked courses counts once.
        people: dict[int, str] = {}
        for course_id in linked:
            people |= people_by_course.get(course_id, {})
        professions = list(people.values())
        values = {key: professions.count(key) for key in TRAINED_PROFESSIONS}
        values["people_trained"] = len(people)
        result[recommendation_id] = [
            Indicator(key, str(LABELS[key]), value, "trainings") for key, value in values.items()
        ]
    return result
