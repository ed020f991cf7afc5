"""Writes to judgments: source documents, anonymisation review and the editorial workflow.

Workflow: draft -> in_review (submit) -> approved by a second editor -> published ->
withdrawn. Publication deletes the source text, the uploaded file, the protected persons
and the findings, and blanks the draft versions of the text kept in history.
"""

import dataclasses
import logging
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import AuditAction, audit_record
from accounts.roles import Capability, user_can
from caselaw.documents import extract_text
from caselaw.models import AnonymisationFinding, Judgment, ProtectedPerson

logger = logging.getLogger(__name__)

Status = Judgment.Status


def _require(user, capability: Capability) -> None:
    if not user_can(user, capability):
        raise PermissionDenied(_("You may not do this."))


def _require_draft(judgment: Judgment) -> None:
    if judgment.status != Status.DRAFT:
        raise ValidationError(
            _("Only a draft can be changed this way; this judgment is %(status)s.")
            % {"status": judgment.get_status_display()}
        )


# Creating and editing


@transaction.atomic
def judgment_create(*, user, judgment: Judgment, m2m: dict | None = None) -> Judgment:
    """Save a new draft judgment from an unsaved instance and its many-to-many values."""
    _require(user, Capability.EDIT_JUDGMENTS)
    judgment.status = Status.DRAFT
    judgment.created_by = user
    judgment.text_language = judgment.text_language or judgment.original_language
    judgment.full_clean()
    judgment.save()
    for name, values in (m2m or {}).items():
        getattr(judgment, name).set(values)
    logger.info("Judgment %s created by user %s", judgment.pk, user.pk)
    return judgment


@transaction.atomic
def judgment_update(*, user, judgment: Judgment, m2m: dict | None = None) -> Judgment:
    """Save an edited judgment. A published one stays published, without source text."""
    _require(user, Capability.EDIT_JUDGMENTS)
    if judgment.status != Status.DRAFT and (judgment.source_text or judgment.source_file):
        raise ValidationError(_("Source text can only be added to a draft."))
    judgment.full_clean()
    judgment.save()
    for name, values in (m2m or {}).items():
        getattr(judgment, name).set(values)
    logger.info("Judgment %s updated by user %s", judgment.pk, user.pk)
    return judgment


@transaction.atomic
def judgment_attach_source(
    *,
    user,
    judgment: Judgment,
    uploaded_file=None,
    text: str = "",
    extracted: tuple[str, str] | None = None,
) -> Judgment:
    """Set the unanonymised source text from an upload or pasted text.

    `extracted` is the (text, type) that `extract_text` already returned for
    `uploaded_file`, if any. The earlier findings refer to offsets in the old text, so
    they are deleted.
    """
    _require(user, Capability.EDIT_JUDGMENTS)
    _require_draft(judgment)
    if uploaded_file is not None:
        text, kind = extracted if extracted is not None else extract_text(uploaded_file)
        if judgment.source_file:
            judgment.source_file.delete(save=False)
        judgment.source_file.save(f"judgment-{judgment.pk}.{kind}", uploaded_file, save=False)
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError(_("Upload a PDF or DOCX document or paste the text."))
    judgment.source_text = text
    judgment.text = ""
    judgment.save(update_fields=["source_text", "source_file", "text", "updated_at"])
    judgment.anonymisation_findings.all().delete()
    logger.info("Source text of judgment %s replaced by user %s", judgment.pk, user.pk)
    return judgment


def judgment_open_source_text(*, user, judgment: Judgment) -> str:
    """Return the unanonymised text of a draft, logging and auditing who opened it."""
    _require(user, Capability.VIEW_SOURCE_TEXT)
    if not judgment.is_draft:
        raise ValidationError(_("The source text is deleted once a judgment is published."))
    logger.info("Source text of judgment %s opened by user %s", judgment.pk, user.pk)
    audit_record(AuditAction.VIEW_SOURCE_TEXT, user=user, target=judgment, part="text")
    return judgment.source_text


def judgment_open_source_document(*, user, judgment: Judgment) -> File:
    """Open the uploaded source document of a draft for reading, auditing who opened it.

    Raises ValidationError when the judgment is no draft or has no uploaded document, and
    FileNotFoundError when the file is missing from storage. The caller closes the file.
    """
    _require(user, Capability.VIEW_SOURCE_TEXT)
    if not judgment.is_draft:
        raise ValidationError(_("The source document is deleted once a judgment is published."))
    if not judgment.source_file:
        raise ValidationError(_("No source document was uploaded for this judgment."))
    document = judgment.source_file.open("rb")
    logger.info("Source document of judgment %s opened by user %s", judgment.pk, user.pk)
    audit_record(AuditAction.VIEW_SOURCE_TEXT, user=user, target=judgment, part="document")
    return document


# Anonymisation


@transaction.atomic
def protected_person_save(
    *, user, judgment: Judgment, name: str, pseudonym: str, role: str, person=None
) -> ProtectedPerson:
    _require(user, Capability.EDIT_JUDGMENTS)
    _require_draft(judgment)
    person = person or ProtectedPerson(judgment=judgment)
    person.name = name.strip()
    person.pseudonym = pseudonym.strip()
    person.role = role
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def protected_person_delete(*, user, person: ProtectedPerson) -> None:
    _require(user, Capability.EDIT_JUDGMENTS)
    _require_draft(person.judgment)
    judgment = person.judgment
    person.findings.all().delete()
    person.delete()
    judgment_render_anonymised_text(judgment=judgment)


def _as_engine_finding(finding: AnonymisationFinding, person_index: int | None):
    from caselaw.anonymisation import Finding

    return Finding(
        start=finding.start,
        end=finding.end,
        text=finding.text,
        kind=finding.kind,
        replacement=finding.replacement,
        person_index=person_index,
    )


@transaction.atomic
def judgment_run_anonymiser(*, user, judgment: Judgment) -> int:
    """Find every occurrence of the listed persons and identifiers in the source text.

    Decisions already taken on a span are kept; open automatic findings are replaced by
    the new run. Returns the number of open findings afterwards.
    """
    from caselaw.anonymisation import Person, find_findings

    _require(user, Capability.EDIT_JUDGMENTS)
    _require_draft(judgment)
    if not judgment.source_text:
        raise ValidationError(_("Add the source text before running the anonymiser."))

    persons = list(judgment.protected_persons.order_by("pk"))
    engine_persons = [Person(name=p.name, pseudonym=p.pseudonym, role=p.role) for p in persons]
    judgment.anonymisation_findings.filter(
        status=AnonymisationFinding.Status.OPEN, origin=AnonymisationFinding.Origin.AUTOMATIC
    ).delete()
    decided = list(judgment.anonymisation_findings.all())

    new_findings = []
    for found in find_findings(judgment.source_text, engine_persons):
        if any(found.start < kept.end and kept.start < found.end for kept in decided):
            continue
        person = persons[found.person_index] if found.person_index is not None else None
        new_findings.append(
            AnonymisationFinding(
                judgment=judgment,
                start=found.start,
                end=found.end,
                text=found.text[:500],
                kind=found.kind,
                replacement=found.replacement[:100],
                person=person,
            )
        )
    AnonymisationFinding.objects.bulk_create(new_findings)
    judgment_render_anonymised_text(judgment=judgment)
    logger.info(
        "Anonymiser found %s spans in judgment %s for user %s",
        len(new_findings),
        judgment.pk,
        user.pk,
    )
    return judgment.anonymisation_findings.filter(status=AnonymisationFinding.Status.OPEN).count()


@transaction.atomic
def finding_decide(*, user, finding: AnonymisationFinding, status: str) -> AnonymisationFinding:
    _require(user, Capability.EDIT_JUDGMENTS)
    _require_draft(finding.judgment)
    if status not in AnonymisationFinding.Status.values:
        raise ValidationError(_("Unknown decision %(status)s.") % {"status": status})
    finding.status = status
    finding.decided_by = user
    finding.decided_at = timezone.now()
    finding.save(update_fields=["status", "decided_by", "decided_at"])
    judgment_render_anonymised_text(judgment=finding.judgment)
    return finding


@transaction.atomic
def findings_decide_all(*, user, judgment: Judgment, status: str) -> int:
    """Take the same decision on every open finding of a judgment."""
    _require(user, Capability.EDIT_JUDGMENTS)
    _require_draft(judgment)
    count = judgment.anonymisation_findings.filter(status=AnonymisationFinding.Status.OPEN).update(
        status=status, decided_by=user, decided_at=timezone.now()
    )
    judgment_render_anonymised_text(judgment=judgment)
    return count


@transaction.atomic
def finding_add_manual(
    *, user, judgment: Judgment, text: str, replacement: str, kind: str = "other"
) -> int:
    """Add an accepted finding for every occurrence of `text` not already covered.

    Returns the number of occurrences added; raises ValidationError when there is none.
    """
    _require(user, Capability.EDIT_JUDGMENTS)
    _require_draft(judgment)
    text = text.strip()
    if not text or not replacement.strip():
        raise ValidationError(_("Enter the text to replace and its replacement."))
    existing = list(judgment.anonymisation_findings.exclude(status="rejected"))
    source = judgment.source_text
    lowered_source, lowered_text = source.casefold(), text.casefold()
    # casefold() can change lengths (ß -> ss); fall back to an exact search then.
    if len(lowered_source) != len(source):
        lowered_source, lowered_text = source, text

    added = []
    start = lowered_source.find(lowered_text)
    while start != -1:
        end = start + len(text)
        if not any(start < kept.end and kept.start < end for kept in existing):
            added.append(
                AnonymisationFinding(
                    judgment=judgment,
                    start=start,
                    end=end,
                    text=source[start:end][:500],
                    kind=kind[:30],
                    replacement=replacement.strip()[:100],
                    status=AnonymisationFinding.Status.ACCEPTED,
                    origin=AnonymisationFinding.Origin.MANUAL,
                    decided_by=user,
                    decided_at=timezone.now(),
                )
            )
        start = lowered_source.find(lowered_text, end)
    if not added:
        raise ValidationError(
            _("The text was not found in the source, or every occurrence is already replaced.")
        )
    AnonymisationFinding.objects.bulk_create(added)
    judgment_render_anonymised_text(judgment=judgment)
    return len(added)


def _absorb_sentence_stops(source: str, findings: list) -> list:
    """Extend each finding whose replacement ends in a full stop over the stop after it.

    "Arbër Krasniqi." with the pseudonym "A.K." then reads "A.K.", not "A.K..". An
    ellipsis ("Krasniqi...") is left whole, and so is a stop where another finding starts.
    NOTE: `caselaw.anonymisation.anonymise()` does not do this; only the editorial
    workflow renders through this function.
    """
    starts = {finding.start for finding in findings}
    absorbed = []
    for finding in findings:
        end = finding.end
        if (
            finding.replacement.endswith(".")
            and source[end : end + 1] == "."
            and source[end + 1 : end + 2] != "."
            and end not in starts
        ):
            finding = dataclasses.replace(
                finding, end=end + 1, text=source[finding.start : end + 1]
            )
        absorbed.append(finding)
    return absorbed


def judgment_render_anonymised_text(*, judgment: Judgment) -> str:
    """Rebuild the anonymised text from the source text and the accepted findings."""
    from caselaw.anonymisation import apply_findings

    accepted = [
        _as_engine_finding(finding, None)
        for finding in judgment.anonymisation_findings.filter(
            status=AnonymisationFinding.Status.ACCEPTED
        ).order_by("start")
    ]
    accepted = _absorb_sentence_stops(judgment.source_text, accepted)
    judgment.text = apply_findings(judgment.source_text, accepted) if judgment.source_text else ""
    Judgment.objects.filter(pk=judgment.pk).update(text=judgment.text)
    return judgment.text


# Workflow


@transaction.atomic
def judgment_submit_for_review(*, user, judgment: Judgment) -> Judgment:
    _require(user, Capability.EDIT_JUDGMENTS)
    _require_draft(judgment)
    if not judgment.text.strip():
        raise ValidationError(_("The judgment has no anonymised text yet."))
    judgment.status = Status.IN_REVIEW
    judgment.approved_by = None
    judgment.approved_at = None
    judgment.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    logger.info("Judgment %s submitted for review by user %s", judgment.pk, user.pk)
    return judgment


@transaction.atomic
def judgment_return_to_draft(*, user, judgment: Judgment) -> Judgment:
    _require(user, Capability.EDIT_JUDGMENTS)
    if judgment.status != Status.IN_REVIEW:
        raise ValidationError(_("Only a judgment in review can go back to draft."))
    judgment.status = Status.DRAFT
    judgment.approved_by = None
    judgment.approved_at = None
    judgment.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    logger.info("Judgment %s returned to draft by user %s", judgment.pk, user.pk)
    return judgment


@transaction.atomic
def judgment_approve(*, user, judgment: Judgment) -> Judgment:
    """Record the second editor's approval: four eyes, so never the author."""
    _require(user, Capability.PUBLISH_JUDGMENTS)
    if judgment.status != Status.IN_REVIEW:
        raise ValidationError(_("Only a judgment in review can be approved."))
    if judgment.created_by_id == user.pk:
        raise ValidationError(
            _("A second editor must approve: the author cannot approve their own judgment.")
        )
    judgment.approved_by = user
    judgment.approved_at = timezone.now()
    judgment.save(update_fields=["approved_by", "approved_at", "updated_at"])
    logger.info("Judgment %s approved by user %s", judgment.pk, user.pk)
    return judgment


def judgment_publication_blockers(judgment: Judgment) -> list[str]:
    """Return why `judgment` cannot be published yet, one message per reason."""
    blockers = []
    if judgment.status != Status.IN_REVIEW:
        blockers.append(_("Submit the judgment for review first."))
    if judgment.approved_by_id is None:
        blockers.append(_("A second editor has not approved it yet."))
    open_findings = judgment.anonymisation_findings.filter(
        status=AnonymisationFinding.Status.OPEN
    ).order_by("start")
    for finding in open_findings:
        blockers.append(
            _("Unresolved finding: %(kind)s “%(text)s” at character %(start)s.")
            % {"kind": finding.kind_label, "text": finding.text, "start": finding.start}
        )
    if not judgment.text.strip():
        blockers.append(_("The anonymised text is empty."))
    for person in judgment.protected_persons.all():
        if _fold(person.name) in _fold(judgment.text):
            blockers.append(
                _("The name behind %(pseudonym)s still occurs in the anonymised text.")
                % {"pseudonym": person.pseudonym}
            )
    return blockers


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")


@dataclass(frozen=True)
class ReidentificationRisk:
    shared_by: int  # published judgments sharing the whole combination
    k: int
    facts: list[str]  # the combined quasi-identifiers, by label
    coarsen: list[str]  # facts whose removal alone brings the count to k


def _quasi_identifier_filters(judgment: Judgment) -> dict[str, Q]:
    filters: dict[str, Q] = {}
    if judgment.victims_children is not None:
        if judgment.victims_children > 0:
            filters[_("age group")] = Q(victims_children__gt=0)
        else:
            filters[_("age group")] = Q(victims_children=0)
    if judgment.victim_nationalities:
        filters[_("nationality")] = Q(victim_nationalities__overlap=judgment.victim_nationalities)
    place = judgment.municipality or (judgment.court.city if judgment.court_id else "")
    if place:
        filters[_("municipality")] = Q(municipality__iexact=place) | Q(
            municipality="", court__city__iexact=place
        )
    if judgment.decision_date:
        filters[_("year")] = Q(decision_date__year=judgment.decision_date.year)
    form_ids = list(judgment.exploitation_forms.values_list("pk", flat=True))
    if form_ids:
        filters[_("form of exploitation")] = Q(exploitation_forms__in=form_ids)
    return filters


def _count_sharing(judgment: Judgment, conditions) -> int:
    queryset = Judgment.objects.published().exclude(pk=judgment.pk)
    for condition in conditions:
        queryset = queryset.filter(condition)
    return queryset.values("pk").distinct().count()


def judgment_reidentification_risk(judgment: Judgment) -> ReidentificationRisk | None:
    """Return a risk when fewer than k published judgments share the quasi-identifiers.

    The quasi-identifiers are the victims' age group, nationality, the municipality (or the
    court's city), the year and the form of exploitation; unknown facts are left out.
    """
    k = settings.CASELAW_REIDENTIFICATION_K
    filters = _quasi_identifier_filters(judgment)
    if len(filters) < 2:
        return None
    shared_by = _count_sharing(judgment, filters.values())
    if shared_by >= k:
        return None
    coarsen = [
        label
        for label in filters
        if _count_sharing(judgment, [q for other, q in filters.items() if other != label]) >= k
    ]
    return ReidentificationRisk(
        shared_by=shared_by, k=k, facts=[str(label) for label in filters], coarsen=coarsen
    )


@transaction.atomic
def judgment_publish(
    *, user, judgment: Judgment, accept_reidentification_risk: bool = False
) -> Judgment:
    """Publish an approved judgment and delete everything that could name a person."""
    _require(user, Capability.PUBLISH_JUDGMENTS)
    judgment = Judgment.objects.select_for_update().get(pk=judgment.pk)
    blockers = judgment_publication_blockers(judgment)
    if blockers:
        raise ValidationError(blockers)
    risk = judgment_reidentification_risk(judgment)
    if risk is not None and not accept_reidentification_risk:
        raise ValidationError(reidentification_message(risk))

    source_file = judgment.source_file.name if judgment.source_file else ""
    judgment.status = Status.PUBLISHED
    judgment.published_at = timezone.now()
    judgment.source_text = ""
    judgment.source_file = ""
    judgment.save()
    judgment.protected_persons.all().delete()
    judgment.anonymisation_findings.all().delete()
    _purge_draft_history(judgment)
    if source_file:
        storage = Judgment._meta.get_field("source_file").storage
        transaction.on_commit(lambda: storage.delete(source_file))
    logger.info("Judgment %s published by user %s", judgment.pk, user.pk)
    return judgment


def reidentification_message(risk: ReidentificationRisk) -> str:
    message = _(
        "Only %(shared)s published judgments share this combination of %(facts)s "
        "(at least %(k)s are needed)."
    ) % {"shared": risk.shared_by, "facts": ", ".join(risk.facts), "k": risk.k}
    if risk.coarsen:
        message += " " + _("Coarsen one of: %(facts)s.") % {"facts": ", ".join(risk.coarsen)}
    else:
        message += " " + _("Coarsen several of these facts or leave them unknown.")
    return message


def _purge_draft_history(judgment: Judgment) -> None:
    """Blank the text of history rows from before publication.

    The source text never enters history (it is an excluded field), but a draft's text
    may have been edited by hand before every name was replaced.
    """
    judgment.history.exclude(status=Status.PUBLISHED).update(text="")


@transaction.atomic
def judgment_withdraw(*, user, judgment: Judgment) -> Judgment:
    _require(user, Capability.PUBLISH_JUDGMENTS)
    if judgment.status != Status.PUBLISHED:
        raise ValidationError(_("Only a published judgment can be withdrawn."))
    judgment.status = Status.WITHDRAWN
    judgment.save(update_fields=["status", "updated_at"])
    logger.info("Judgment %s withdrawn by user %s", judgment.pk, user.pk)
    return judgment
