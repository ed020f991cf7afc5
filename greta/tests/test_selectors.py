from datetime import date

import pytest
from django.core.exceptions import ValidationError

from greta.models import ProgressUpdate, Status
from greta.selectors import (
    latest_updates_as_of,
    recommendations_with_status,
    status_as_of,
    status_changes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(make_recommendation, add_update):
    """A hand-built history, with one update entered months after the date it reports on.

    2024-01-10 not started (entered on time)
    2024-03-01 in progress (entered 2024-09-15, late)
    2024-06-01 partially implemented (entered on time)
    2024-08-01 implemented, still proposed (not confirmed)
    2024-09-01 implemented, rejected
    """
    recommendation = make_recommendation()
    add_update(recommendation, date(2024, 1, 10), Status.NOT_STARTED, entered=date(2024, 1, 11))
    add_update(
        recommendation, date(2024, 6, 1), Status.PARTIALLY_IMPLEMENTED, entered=date(2024, 6, 2)
    )
    add_update(recommendation, date(2024, 3, 1), Status.IN_PROGRESS, entered=date(2024, 9, 15))
    add_update(
        recommendation, date(2024, 8, 1), Status.IMPLEMENTED,
        review_state=ProgressUpdate.ReviewState.PROPOSED,
    )  # fmt: skip
    add_update(
        recommendation, date(2024, 9, 1), Status.IMPLEMENTED,
        review_state=ProgressUpdate.ReviewState.REJECTED,
    )  # fmt: skip
    return recommendation


@pytest.mark.parametrize(
    ("on_date", "expected"),
    [
        (date(2024, 1, 9), None),
        (date(2024, 1, 10), Status.NOT_STARTED),
        (date(2024, 2, 29), Status.NOT_STARTED),
        (date(2024, 3, 1), Status.IN_PROGRESS),
        (date(2024, 5, 31), Status.IN_PROGRESS),
        (date(2024, 6, 1), Status.PARTIALLY_IMPLEMENTED),
        (date(2024, 12, 31), Status.PARTIALLY_IMPLEMENTED),
    ],
)
def test_status_as_of_date(history, on_date, expected):
    confirmed = ProgressUpdate.objects.confirmed()
    assert status_as_of(confirmed, history.pk, on_date) == expected


def test_late_entry_counts_from_its_reporting_date(history):
    """Re-running a report for April after the late entry shows the late status."""
    confirmed = ProgressUpdate.objects.confirmed()
    assert status_as_of(confirmed, history.pk, date(2024, 4, 1)) == Status.IN_PROGRESS


def test_same_reporting_date_latest_entry_wins(make_recommendation, add_update):
    recommendation = make_recommendation()
    add_update(recommendation, date(2024, 5, 1), Status.IN_PROGRESS, entered=date(2024, 5, 3))
    add_update(recommendation, date(2024, 5, 1), Status.IMPLEMENTED, entered=date(2024, 5, 9))
    add_update(recommendation, date(2024, 5, 1), Status.NOT_STARTED, entered=date(2024, 5, 5))
    confirmed = ProgressUpdate.objects.confirmed()
    assert status_as_of(confirmed, recommendation.pk, date(2024, 5, 1)) == Status.IMPLEMENTED


def test_internal_updates_do_not_count_for_public(make_recommendation, add_update):
    recommendation = make_recommendation()
    add_update(recommendation, date(2024, 1, 1), Status.IN_PROGRESS)
    add_update(
        recommendation, date(2024, 2, 1), Status.IMPLEMENTED,
        visibility=ProgressUpdate.Visibility.INTERNAL,
    )  # fmt: skip
    assert status_as_of(ProgressUpdate.objects.public(), recommendation.pk, date(2024, 3, 1)) == (
        Status.IN_PROGRESS
    )
    assert status_as_of(
        ProgressUpdate.objects.confirmed(), recommendation.pk, date(2024, 3, 1)
    ) == (Status.IMPLEMENTED)


def test_annotation_matches_selector(history, make_recommendation):
    other = make_recommendation()
    confirmed = ProgressUpdate.objects.confirmed()
    annotated = {
        item.pk: item.current_status
        for item in recommendations_with_status(
            type(history).objects.all(), confirmed, date(2024, 4, 1)
        )
    }
    assert annotated[history.pk] == Status.IN_PROGRESS
    assert annotated[other.pk] is None


def test_change_since_reports_changed_only(history, make_recommendation, add_update):
    unchanged = make_recommendation()
    add_update(unchanged, date(2023, 1, 1), Status.IN_PROGRESS)
    new = make_recommendation()
    add_update(new, date(2024, 7, 1), Status.NOT_STARTED)
    confirmed = ProgressUpdate.objects.confirmed()

    changes = {
        c.recommendation_id: c
        for c in status_changes(confirmed, date(2024, 2, 1), date(2024, 7, 31))
    }

    assert set(changes) == {history.pk, new.pk}
    assert changes[history.pk].before == Status.NOT_STARTED
    assert changes[history.pk].after == Status.PARTIALLY_IMPLEMENTED
    assert changes[new.pk].before is None
    assert changes[new.pk].after == Status.NOT_STARTED


def test_change_since_counts_late_entry(history):
    """Between 2024-02-01 and 2024-04-01 the status changed only through the late entry."""
    changes = status_changes(ProgressUpdate.objects.confirmed(), date(2024, 2, 1), date(2024, 4, 1))
    assert [(c.before, c.after) for c in changes] == [(Status.NOT_STARTED, Status.IN_PROGRESS)]


def test_latest_updates_one_query(
    history, make_recommendation, add_update, django_assert_num_queries
):
    for _ in range(5):
        add_update(make_recommendation(), date(2024, 1, 1), Status.IN_PROGRESS)
    with django_assert_num_queries(1):
        latest = latest_updates_as_of(ProgressUpdate.objects.confirmed(), date(2024, 12, 31))
    assert len(latest) == 6


def test_update_cannot_be_changed(history):
    update = history.updates.first()
    update.measures = "rewritten"
    with pytest.raises(ValidationError):
        update.save()


def test_update_cannot_be_deleted(history):
    with pytest.raises(ValidationError):
        history.updates.first().delete()
