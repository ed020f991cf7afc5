"""Writes of the greta app: progress updates, reviews, due dates and reminders."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Institution, User
from accounts.roles import Capability, user_can
from greta.models import Evidence, ProgressUpdate, Recommendation
from trainings.models import Course

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class EvidenceLink:
    kind: str
    title: str
    url: str


@transaction.atomic
def progress_update_create(
    *,
    recommendation: Recommendation,
    user: User,
    reporting_date: date,
    status: str,
    measures: str,
    measures_language: str = "sq",
    visibility: str = ProgressUpdate.Visibility.INTERNAL,
    reporting_institution: Institution | None = None,
    evidence: list[EvidenceLink] | tuple = (),
    confirm: bool = False,
    is_sample: bool = False,
) -> ProgressUpdate:
    """Add a progress update: a proposal by a focal point, or a record by staff.

    Focal points may report only for recommendations of their own institution, and only in
    its name. Staff may report for any institution and confirm at once (`confirm=True`).
    """
    is_staff = user_can(user, Capability.MANAGE_RECOMMENDATIONS)
    if not Recommendation.objects.proposable_by(user).filter(pk=recommendation.pk).exists():
        raise PermissionDenied(
            f"User {user.pk} may not report on recommendation {recommendation.pk}."
        )
    if not is_staff:
        reporting_institution = user.institution
        confirm = False
    if reporting_institution is None:
        raise ValidationError({"reporting_institution": _("Choose the reporting institution.")})

    update = ProgressUpdate(
        recommendation=recommendation,
        reporting_date=reporting_date,
        status=status,
        measures=measures,
        measures_language=measures_language,
        visibility=visibility,
        reporting_institution=reporting_institution,
        reported_by=user,
        is_sample=is_sample,
    )
    if confirm:
        update.review_state = ProgressUpdate.ReviewState.CONFIRMED
        update.reviewed_by = user
        update.reviewed_at = timezone.now()
    update.full_clean()
    update.save()
    for link in evidence:
        item = Evidence(update=update, kind=link.kind, title=link.title, url=link.url)
        item.full_clean()
        item.save()
    logger.info(
        "Progress update %s added to recommendation %s by user %s (%s)",
        update.pk,
        recommendation.pk,
        user.pk,
        update.review_state,
    )
    return update


@transaction.atomic
def progress_update_review(
    *, update: ProgressUpdate, reviewer: User, confirm: bool, note: str = ""
) -> ProgressUpdate:
    """Confirm or reject a proposed update. A review is recorded once and never changed."""
    if not user_can(reviewer, Capability.MANAGE_RECOMMENDATIONS):
        raise PermissionDenied("Only project staff review progress updates.")
    update = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    if update.review_state != ProgressUpdate.ReviewState.PROPOSED:
        raise ValidationError(_("This update has already been reviewed."))

    update.review_state = (
        ProgressUpdate.ReviewState.CONFIRMED if confirm else ProgressUpdate.ReviewState.REJECTED
    )
    update.reviewed_by = reviewer
    update.reviewed_at = timezone.now()
    update.review_note = note
    update.save(update_fields=["review_state", "reviewed_by", "reviewed_at", "review_note"])
    logger.info("Progress update %s %s by user %s", update.pk, update.review_state, reviewer.pk)
    return update


@transaction.atomic
def recommendation_set_due_date(
    *, recommendation: Recommendation, user: User, due: date | None
) -> Recommendation:
    if not user_can(user, Capability.MANAGE_RECOMMENDATIONS):
        raise PermissionDenied("Only project staff set due dates.")
    recommendation.next_update_due = due
    recommendation.save(update_fields=["next_update_due"])
    logger.info("Recommendation %s due date set by user %s", recommendation.pk, user.pk)
    return recommendation


def focal_points_for(recommendation: Recommendation):
    """Active users of the responsible institutions who may propose progress."""
    institution_ids = [institution.pk for institution in recommendation.institutions.all()]
    candidates = User.objects.filter(institution_id__in=institution_ids, is_active=True)
    return [user for user in candidates if user_can(user, Capability.PROPOSE_PROGRESS)]


def progress_reminders_send(*, today: date, days_ahead: int = 14, dry_run: bool = False) -> int:
    """E-mail each focal point the recommendations due within `days_ahead` days or overdue.

    Returns the number of e-mails sent (or that would be sent with `dry_run`). Each e-mail
    is written in the recipient's preferred language.
    """
    limit = today + timezone.timedelta(days=days_ahead)
    due = (
        Recommendation.objects.filter(next_update_due__isnull=False, next_update_due__lte=limit)
        .select_related("assessment")
        .prefetch_related("institutions")
        .order_by("next_update_due", "pk")
    )
    per_user: dict[User, list[Recommendation]] = {}
    for recommendation in due:
        for user in focal_points_for(recommendation):
            per_user.setdefault(user, []).append(recommendation)

    sent = 0
    for user, recommendations in per_user.items():
        if not dry_run:
            _send_reminder(user, recommendations, today)
        sent += 1
        logger.info(
            "Progress reminder for %s recommendations %s to user %s",
            len(recommendations),
            "prepared" if dry_run else "sent",
            user.pk,
        )
    return sent


def _send_reminder(user: User, recommendations: list[Recommendation], today: date) -> None:
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {"user": user, "recommendations": recommendations, "today": today}
        subject = _("Progress update due on GRETA recommendations")
        body = render_to_string("greta/email/progress_reminder.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


@transaction.atomic
def recommendation_set_indicators(
    *,
    recommendation: Recommendation,
    user: User,
    caselaw_filter: dict,
    training_courses: Iterable[Course],
) -> Recommendation:
    """Link a recommendation to the case-law filter and the courses that measure it."""
    if not user_can(user, Capability.MANAGE_RECOMMENDATIONS):
        raise PermissionDenied("Only project staff link indicators.")
    recommendation.caselaw_filter = caselaw_filter
    recommendation.full_clean()
    recommendation.save(update_fields=["caselaw_filter"])
    recommendation.training_courses.set(training_courses)
    logger.info("Recommendation %s indicator links set by user %s", recommendation.pk, user.pk)
    return recommendation
