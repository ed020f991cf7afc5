"""Reads of progress: status of recommendations "as of" a date and changes between dates.

The status of a recommendation on a date is the status of its latest confirmed update whose
reporting date is on or before that date. Updates entered late (after the date they report
on) count from their reporting date, so a report on an earlier date changes when it is
re-run. Among updates with the same reporting date, the one entered last wins.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, QuerySet, Subquery

from greta.models import ProgressUpdate, Recommendation, Status

LATEST_FIRST = ("-reporting_date", "-created_at", "-pk")


def latest_updates_as_of(
    updates: QuerySet, on_date: date, recommendation_ids: Iterable[int] | None = None
) -> dict[int, ProgressUpdate]:
    """Return {recommendation id: its latest update in `updates` reported on or before the date}.

    `updates` is the set that counts (for example `ProgressUpdate.objects.counted_for(user)`).
    One query, with PostgreSQL's DISTINCT ON.
    """
    selection = updates.filter(reporting_date__lte=on_date)
    if recommendation_ids is not None:
        selection = selection.filter(recommendation_id__in=list(recommendation_ids))
    selection = selection.order_by("recommendation_id", *LATEST_FIRST).distinct("recommendation_id")
    return {update.recommendation_id: update for update in selection}


def status_as_of(updates: QuerySet, recommendation_id: int, on_date: date) -> str | None:
    """Return the status of one recommendation on `on_date`, or None when nothing was reported."""
    latest = latest_updates_as_of(updates, on_date, [recommendation_id]).get(recommendation_id)
    return latest.status if latest else None


def recommendations_with_status(
    recommendations: QuerySet, updates: QuerySet, on_date: date
) -> QuerySet:
    """Annotate `current_status` and `current_status_date` as of `on_date` (one subquery each)."""
    latest = updates.filter(recommendation_id=OuterRef("pk"), reporting_date__lte=on_date).order_by(
        *LATEST_FIRST
    )
    return recommendations.annotate(
        current_status=Subquery(latest.values("status")[:1]),
        current_status_date=Subquery(latest.values("reporting_date")[:1]),
    )


@dataclass(frozen=True)
class StatusChange:
    recommendation_id: int
    before: str | None
    after: str | None
    update: ProgressUpdate | None  # the update that sets `after`


def status_changes(
    updates: QuerySet,
    since: date,
    until: date,
    recommendation_ids: Iterable[int] | None = None,
) -> list[StatusChange]:
    """Return the recommendations whose status on `until` differs from their status on `since`.

    A recommendation with no status on `since` and one on `until` counts as changed. Two
    queries, whatever the number of recommendations.
    """
    ids = list(recommendation_ids) if recommendation_ids is not None else None
    before = latest_updates_as_of(updates, since, ids)
    after = latest_updates_as_of(updates, until, ids)
    changes = []
    for recommendation_id, update in after.items():
        previous = before.get(recommendation_id)
        previous_status = previous.status if previous else None
        if previous_status != update.status:
            changes.append(StatusChange(recommendation_id, previous_status, update.status, update))
    return sorted(changes, key=lambda change: change.recommendation_id)


def status_counts(statuses: Iterable[str | None]) -> dict[str, int]:
    """Count statuses in scale order, with "" for recommendations without any update."""
    counter = Counter(status or "" for status in statuses)
    ordered = {value: counter.get(value, 0) for value in Status.values}
    ordered[""] = counter.get("", 0)
    return ordered


def overdue_recommendations(recommendations: QuerySet, today: date) -> QuerySet:
    """Recommendations whose next update was due before `today`."""
    return recommendations.filter(next_update_due__lt=today).order_by("next_update_due", "pk")


def recommendation_history(recommendation: Recommendation, visible_updates: QuerySet) -> QuerySet:
    """Return the visible updates of one recommendation, latest first, with their evidence."""
    return (
        visible_updates.filter(recommendation=recommendation)
        .select_related("reporting_institution", "reported_by", "reviewed_by")
        .prefetch_related("evidence")
        .order_by(*LATEST_FIRST)
    )
