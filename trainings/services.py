"""Writes of the trainings app: sessions, participants, registrations and attendance."""

import logging
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time
from difflib import SequenceMatcher

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from common.transliteration import to_latin
from trainings.models import (
    Attendance,
    Course,
    Participant,
    ParticipantImport,
    Registration,
    Trainer,
    TrainingSession,
)

logger = logging.getLogger(__name__)

# Two names of the same institution whose unaccented Latin forms match at least this
# much (difflib ratio, 0 to 1) are reported as a possible duplicate. Chosen so that
# "Arbër Krasniqi" and "Arber Krasniqi" or "Milica Petrović" and "Милица Петровић" match,
# while "Arta Krasniqi" and "Arben Krasniqi" do not.
SIMILAR_NAME_RATIO = 0.88

SESSION_FIELDS = (
    "course",
    "start_date",
    "end_date",
    "venue",
    "city",
    "format",
    "language",
    "organiser",
    "capacity",
    "status",
)
PARTICIPANT_FIELDS = (
    "first_name",
    "last_name",
    "sex",
    "institution",
    "profession",
    "position",
    "email",
    "phone",
    "preferred_language",
)


# Courses and the register of trainers


@transaction.atomic
def course_create(*, created_by, judgments=(), **fields) -> Course:
    """Create a course from its translated fields (`title_sq`, `title_sr`, `title_en`, ...)."""
    course = Course(**fields)
    course.full_clean()
    course.save()
    course.judgments.set(judgments)
    logger.info("Course %s created by user %s", course.pk, created_by.pk)
    return course


@transaction.atomic
def course_update(*, course: Course, updated_by, judgments=None, **fields) -> Course:
    for name, value in fields.items():
        setattr(course, name, value)
    course.full_clean()
    course.save()
    if judgments is not None:
        course.judgments.set(judgments)
    logger.info("Course %s changed by user %s", course.pk, updated_by.pk)
    return course


def course_delete(*, course: Course, deleted_by) -> None:
    """Delete a course; a course that training sessions use raises ValidationError.

    Sessions keep their course for the history of who was trained in what, so such a
    course is marked inactive instead.
    """
    course_pk = course.pk
    try:
        with transaction.atomic():
            course.delete()
    except ProtectedError as error:
        count = course.sessions.count()
        message = ngettext(
            "This course has %(count)s training session, so it cannot be deleted. "
            "Mark it inactive instead.",
            "This course has %(count)s training sessions, so it cannot be deleted. "
            "Mark it inactive instead.",
            count,
        )
        raise ValidationError(message % {"count": count}, code="protected") from error
    logger.info("Course %s deleted by user %s", course_pk, deleted_by.pk)


@transaction.atomic
def trainer_save(
    *, trainer: Trainer | None = None, saved_by, certified_courses=(), **fields
) -> Trainer:
    """Create (when `trainer` is None) or change an entry of the register of trainers.

    A platform user's name and e-mail fill the blank fields of their entry.
    """
    trainer = trainer or Trainer()
    for name, value in fields.items():
        setattr(trainer, name, value)
    if trainer.user is not None:
        trainer.name = trainer.name or trainer.user.get_full_name() or trainer.user.email
        trainer.email = trainer.email or trainer.user.email
    trainer.full_clean()
    trainer.save()
    trainer.certified_courses.set(certified_courses)
    logger.info("Trainer %s saved by user %s", trainer.pk, saved_by.pk)
    return trainer


# Sessions


def check_trainers_certified(*, course, trainers) -> None:
    """Raise ValidationError naming every trainer in `trainers` not certified for `course`.

    Only trainers in the register with `course` among their certified courses may staff
    a session of it; project staff keep the register up to date.
    """
    uncertified = [trainer for trainer in trainers if not trainer_is_certified(trainer, course)]
    if uncertified:
        raise ValidationError(
            {
                "trainers": _(
                    "Not certified to deliver this course: %(names)s. Choose certified "
                    "trainers, or ask project staff to update the register of trainers."
                )
                % {"names": ", ".join(sorted(trainer.name for trainer in uncertified))}
            }
        )


def trainer_is_certified(trainer: Trainer, course: Course) -> bool:
    return trainer.certified_courses.filter(pk=course.pk).exists()


@transaction.atomic
def session_create(*, created_by, trainers=(), **fields) -> TrainingSession:
    """Create a session staffed by `trainers`, who must be certified for its course.

    A trainer who creates a session is added to its trainers when certified for the
    course. Otherwise they still manage it as its creator but are not listed as trainer.
    """
    session = TrainingSession(created_by=created_by, **fields)
    session.full_clean()
    trainers = list(trainers)
    check_trainers_certified(course=session.course, trainers=trainers)
    session.save()
    session.trainers.set(trainers)
    own_profile = getattr(created_by, "trainer_profile", None)
    if own_profile is not None and trainer_is_certified(own_profile, session.course):
        session.trainers.add(own_profile)
    logger.info("Training session %s created by user %s", session.pk, created_by.pk)
    return session


@transaction.atomic
def session_update(*, session: TrainingSession, trainers=None, **fields) -> TrainingSession:
    """Change a session; trainers newly added, or all of them if the course changes, are checked.

    A trainer already on the session stays even if no longer certified, so a past session
    can still be edited after the register changes.
    """
    previous_course_id = TrainingSession.objects.values_list("course_id", flat=True).get(
        pk=session.pk
    )
    for name, value in fields.items():
        if name not in SESSION_FIELDS:
            raise TypeError(f"session_update() got an unexpected field {name!r}")
        setattr(session, name, value)
    session.full_clean()
    current = set(session.trainers.all())
    chosen = current if trainers is None else set(trainers)
    to_check = chosen if session.course_id != previous_course_id else chosen - current
    check_trainers_certified(course=session.course, trainers=to_check)
    outside = Attendance.objects.filter(registration__session=session).exclude(
        day__range=(session.start_date, session.end_date)
    )
    if outside.exists():
        raise ValidationError(
            _(
                "Attendance is recorded for days outside the new dates. Correct or keep "
                "the dates so that every recorded day stays inside the session."
            )
        )
    session.save()
    if trainers is not None:
        session.trainers.set(trainers)
    return session


# Participants


def name_key(first_name: str, last_name: str) -> str:
    """Return a name in lower-case Latin letters without diacritics, for comparisons."""
    text = to_latin(f"{first_name} {last_name}").replace("đ", "dj").replace("Đ", "Dj")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.lower().split())


def names_are_similar(left: str, right: str) -> bool:
    return left == right or SequenceMatcher(None, left, right).ratio() >= SIMILAR_NAME_RATIO


@dataclass
class DuplicateCheck:
    """Result of looking for a person before creating them."""

    email_match: Participant | None = None
    similar_names: list[Participant] = field(default_factory=list)


def participant_find_duplicates(
    *, email: str, first_name: str, last_name: str, institution, exclude_pk=None
) -> DuplicateCheck:
    """Find the participant with this e-mail and those with a similar name in the institution."""
    check = DuplicateCheck()
    email = (email or "").strip().lower()
    if email:
        check.email_match = Participant.objects.filter(email__iexact=email).first()
    if institution is not None:
        wanted = name_key(first_name, last_name)
        same_institution = Participant.objects.filter(institution=institution)
        if exclude_pk is not None:
            same_institution = same_institution.exclude(pk=exclude_pk)
        for candidate in same_institution.only("pk", "first_name", "last_name", "email"):
            if names_are_similar(wanted, name_key(candidate.first_name, candidate.last_name)):
                check.similar_names.append(candidate)
    return check


def check_email_free(email: str, *, exclude_pk=None) -> None:
    """Raise ValidationError on `email` when another participant has the address."""
    if not email:
        return
    others = Participant.objects.filter(email__iexact=email)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise ValidationError({"email": _("A participant with this e-mail address exists.")})


def participant_create(*, created_by, user=None, **fields) -> Participant:
    """Create a participant; an e-mail address already in use raises ValidationError."""
    fields["email"] = (fields.get("email") or "").strip().lower()
    check_email_free(fields["email"])
    participant = Participant(created_by=created_by, user=user, **fields)
    participant.full_clean()
    participant.save()
    logger.info(
        "Participant %s created by user %s", participant.pk, getattr(created_by, "pk", None)
    )
    return participant


def participant_update(*, participant: Participant, updated_by, **fields) -> Participant:
    """Change a participant; an e-mail address already in use raises ValidationError."""
    if "email" in fields:
        fields["email"] = (fields["email"] or "").strip().lower()
    for name, value in fields.items():
        setattr(participant, name, value)
    check_email_free(participant.email, exclude_pk=participant.pk)
    participant.full_clean()
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError as error:
        # Another request took the address between the check and the update.
        raise ValidationError(
            {"email": _("A participant with this e-mail address exists.")}
        ) from error
    logger.info("Participant %s changed by user %s", participant.pk, updated_by.pk)
    return participant


# Registrations


def registration_create(
    *,
    session: TrainingSession,
    participant: Participant,
    registered_by,
    is_walk_in=False,
    registered_at=None,
) -> Registration:
    """Register a participant; a second registration or a full session raises ValidationError."""
    if session.status == TrainingSession.Status.CANCELLED:
        raise ValidationError(_("This session is cancelled; no one can be registered."))
    if Registration.objects.filter(session=session, participant=participant).exists():
        raise ValidationError(
            _("%(name)s is already registered in this session.") % {"name": participant}
        )
    if (
        not is_walk_in
        and session.capacity is not None
        and session.registrations.count() >= session.capacity
    ):
        raise ValidationError(
            _("The session is full (%(capacity)s seats). Raise the capacity first.")
            % {"capacity": session.capacity}
        )
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                session=session,
                participant=participant,
                registered_by=registered_by,
                is_walk_in=is_walk_in,
                registered_at=registered_at or timezone.now(),
            )
    except IntegrityError as error:
        # A concurrent request registered the same person between the check and the insert.
        raise ValidationError(
            _("%(name)s is already registered in this session.") % {"name": participant}
        ) from error
    return registration


def registration_update(*, registration: Registration, updated_by, **fields) -> Registration:
    """Change the walk-in flag, test scores or evaluation of a registration.

    The session and the participant cannot change, because the attendance recorded for
    the registration belongs to both; a `session` or `participant` other than the current
    one raises ValidationError.
    """
    messages = {
        "session": _(
            "The session of a registration cannot change. Delete the registration and "
            "register the participant in the other session."
        ),
        "participant": _(
            "The participant of a registration cannot change. Delete the registration and "
            "register the other participant."
        ),
    }
    errors = {}
    for name, message in messages.items():
        if name in fields and fields.pop(name) != getattr(registration, name):
            errors[name] = message
    if errors:
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(registration, name, value)
    registration.full_clean()
    registration.save()
    logger.info("Registration %s changed by user %s", registration.pk, updated_by.pk)
    return registration


@transaction.atomic
def registration_create_walk_in(
    *, session: TrainingSession, registered_by, day: date | None = None, **participant_fields
) -> Registration:
    """Create (or reuse, by e-mail) a participant, register them and mark them present."""
    email = (participant_fields.get("email") or "").strip().lower()
    participant = Participant.objects.filter(email__iexact=email).first() if email else None
    if participant is None:
        participant = participant_create(created_by=registered_by, **participant_fields)
    registration = registration_create(
        session=session, participant=participant, registered_by=registered_by, is_walk_in=True
    )
    if day is not None:
        attendance_record_day(
            session=session,
            day=day,
            statuses={registration.pk: Attendance.Status.PRESENT},
            recorded_by=registered_by,
        )
    return registration


# Attendance


@transaction.atomic
def attendance_record_day(
    *,
    session: TrainingSession,
    day: date,
    statuses: dict[int, str],
    recorded_by,
    is_self_check_in: bool = False,
) -> dict[str, int]:
    """Save the attendance of one day for many registrations in a fixed number of queries.

    `statuses` maps registration ids of this session to an Attendance.Status value.
    Unchanged records are left alone; changed ones get a history entry naming the user,
    so corrections keep the previous value. Raises ValidationError (and saves nothing)
    for a day outside the session, an unknown status or a registration of another session.
    """
    if not session.has_day(day):
        raise ValidationError(
            _("%(day)s is not a day of this session (%(start)s to %(end)s).")
            % {
                "day": f"{day:%d.%m.%Y}",
                "start": f"{session.start_date:%d.%m.%Y}",
                "end": f"{session.end_date:%d.%m.%Y}",
            }
        )
    valid_statuses = set(Attendance.Status.values)
    bad_statuses = sorted({status for status in statuses.values() if status not in valid_statuses})
    if bad_statuses:
        raise ValidationError(
            _("Unknown attendance status: %(values)s.") % {"values": ", ".join(bad_statuses)}
        )
    known_ids = set(
        Registration.objects.filter(session=session, pk__in=statuses).values_list("pk", flat=True)
    )
    unknown_ids = sorted(set(statuses) - known_ids)
    if unknown_ids:
        raise ValidationError(
            _("Registrations %(ids)s do not belong to this session.")
            % {"ids": ", ".join(str(pk) for pk in unknown_ids)}
        )

    existing = {
        record.registration_id: record
        for record in Attendance.objects.select_for_update().filter(
            registration_id__in=known_ids, day=day
        )
    }
    to_create, to_update = [], []
    for registration_id, status in statuses.items():
        record = existing.get(registration_id)
        if record is None:
            to_create.append(
                Attendance(
                    registration_id=registration_id,
                    day=day,
                    status=status,
                    recorded_by=recorded_by,
                    is_self_check_in=is_self_check_in,
                )
            )
        elif record.status != status:
            record.status = status
            record.recorded_by = recorded_by
            record.is_self_check_in = is_self_check_in
            to_update.append(record)

    if to_create:
        bulk_create_with_history(to_create, Attendance, default_user=recorded_by)
    if to_update:
        now = timezone.now()
        for record in to_update:
            record.recorded_at = now
        bulk_update_with_history(
            to_update,
            Attendance,
            ["status", "recorded_by", "is_self_check_in", "recorded_at"],
            default_user=recorded_by,
            default_change_reason="correction",
        )
    logger.info(
        "Attendance of session %s on %s: %s created, %s changed by user %s",
        session.pk,
        day.isoformat(),
        len(to_create),
        len(to_update),
        getattr(recorded_by, "pk", None),
    )
    return {"created": len(to_create), "updated": len(to_update)}


@transaction.atomic
def registration_scores_save(
    *, session: TrainingSession, scores: dict[int, tuple], updated_by
) -> int:
    """Save the knowledge test scores of many registrations of `session` in one go.

    `scores` maps registration ids to a (score before, score after) pair, each a Decimal
    from 0 to 100 or None. Raises ValidationError keyed by registration id, and saves
    nothing, when any row is invalid or belongs to another session. Returns the number of
    registrations whose scores changed.
    """
    registrations = {
        registration.pk: registration
        for registration in Registration.objects.select_for_update().filter(
            session=session, pk__in=scores
        )
    }
    errors = {}
    changed = []
    for registration_id, (before, after) in scores.items():
        registration = registrations.get(registration_id)
        if registration is None:
            errors[str(registration_id)] = [_("This registration does not belong to the session.")]
            continue
        if (registration.pre_test_score, registration.post_test_score) == (before, after):
            continue
        registration.pre_test_score = before
        registration.post_test_score = after
        try:
            # The session and participant do not change here, so the uniqueness check
            # (one query per row) is skipped.
            registration.full_clean(
                exclude=["session", "participant"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            errors[str(registration_id)] = error.messages
            continue
        changed.append(registration)
    if errors:
        raise ValidationError(errors)

    Registration.objects.bulk_update(changed, ["pre_test_score", "post_test_score"])
    logger.info(
        "Test scores of session %s: %s registrations changed by user %s",
        session.pk,
        len(changed),
        updated_by.pk,
    )
    return len(changed)


@transaction.atomic
def registration_evaluate(
    *, registration: Registration, user, rating: int, comment: str = ""
) -> Registration:
    """Store the participant's own rating (1 to 5) and comment of the session.

    Only a user who attended the session (present or late on at least one day) may
    evaluate it; anyone else gets ValidationError.
    """
    attended = Registration.objects.of_user(user).attended().filter(pk=registration.pk).exists()
    if not attended:
        raise ValidationError(_("Only participants who attended the session can evaluate it."))
    registration.evaluation_rating = rating
    registration.evaluation_comment = comment.strip()
    registration.full_clean(
        exclude=["session", "participant"], validate_unique=False, validate_constraints=False
    )
    registration.save(update_fields=["evaluation_rating", "evaluation_comment"])
    logger.info("Evaluation of registration %s saved by user %s", registration.pk, user.pk)
    return registration


class NotRegisteredError(ValidationError):
    """Raised when a user scans the check-in code of a session they are not registered in."""


def registration_for_user(*, session: TrainingSession, user) -> Registration | None:
    """Return the user's registration in `session`, matched by account or, failing that, e-mail.

    A registration made by e-mail (for example from an imported list) before the person had
    an account is found through the unlinked participant with the same address.
    """
    registrations = Registration.objects.filter(session=session).select_related("participant")
    registration = registrations.filter(participant__user=user).first()
    if registration is None and user.email:
        registration = registrations.filter(
            participant__user__isnull=True, participant__email__iexact=user.email
        ).first()
    return registration


def attendance_self_check_in(*, session: TrainingSession, day: date, user) -> Registration:
    """Mark a registered, signed-in user present on `day`.

    Only registered participants may check themselves in, because the trainer must see a
    newcomer before they count as trained. Anyone else gets NotRegisteredError and is asked
    to see the trainer, who can add them as a walk-in on the roll-call page.
    """
    with transaction.atomic():
        registration = registration_for_user(session=session, user=user)
        if registration is None:
            raise NotRegisteredError(
                _(
                    "You are not on the participant list of this session, so you cannot "
                    "check yourself in. Please see the trainer, who can add you."
                )
            )
        if registration.participant.user_id is None:
            registration.participant.user = user
            registration.participant.save(update_fields=["user"])
        attendance_record_day(
            session=session,
            day=day,
            statuses={registration.pk: Attendance.Status.PRESENT},
            recorded_by=user,
            is_self_check_in=True,
        )
    return registration


# Certificates


def registration_attended_share(registration: Registration, attended_days: int) -> float:
    return attended_days / len(registration.session.days)


def registration_is_certificate_eligible(registration: Registration, attended_days: int) -> bool:
    """Return whether `attended_days` (present or late) meet the course's required share."""
    required = registration.session.course.required_attendance_percent
    # Integer arithmetic so that 4 of 5 days meets 80 % exactly.
    return attended_days * 100 >= required * len(registration.session.days)


# Imports


def _start_of_day(iso_date: str | None):
    if not iso_date:
        return None
    day = date.fromisoformat(iso_date)
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


@transaction.atomic
def participant_import_confirm(*, participant_import: ParticipantImport, confirmed_by) -> int:
    """Save every row of a checked import, or nothing if any row fails; return rows saved."""
    participant_import = ParticipantImport.objects.select_for_update().get(pk=participant_import.pk)
    if participant_import.status != ParticipantImport.Status.PENDING:
        raise ValidationError(_("This import has already been confirmed."))
    if participant_import.error_count:
        raise ValidationError(
            _("%(count)s rows have errors. Correct the file and upload it again.")
            % {"count": participant_import.error_count}
        )
    from trainings.imports import row_to_participant_fields

    session = participant_import.session
    saved = 0
    for row in participant_import.rows:
        fields = row_to_participant_fields(row)
        existing = (
            Participant.objects.filter(email__iexact=fields["email"]).first()
            if fields["email"]
            else None
        )
        participant = existing or participant_create(created_by=confirmed_by, **fields)
        try:
            registration_create(
                session=session,
                participant=participant,
                registered_by=confirmed_by,
                registered_at=_start_of_day(row["values"].get("registered_on")),
            )
        except ValidationError as error:
            raise ValidationError(
                _("Row %(row)s: %(error)s") % {"row": row["line"], "error": error.messages[0]}
            ) from error
        saved += 1
    participant_import.status = ParticipantImport.Status.CONFIRMED
    participant_import.save(update_fields=["status"])
    logger.info(
        "Participant import %s confirmed by user %s: %s rows",
        participant_import.pk,
        confirmed_by.pk,
        saved,
    )
    return saved
