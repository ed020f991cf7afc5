"""Reads that assemble what a judgment page shows, in a fixed number of queries."""

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from caselaw.models import AnonymisationFinding, Citation, Defendant, Judgment
from common.translation import translated_value


def is_public(judgment: Judgment) -> bool:
    return (
        judgment.status == Judgment.Status.PUBLISHED
        and judgment.access_level == Judgment.AccessLevel.PUBLIC
    )


def judgment_citation(judgment: Judgment, title: str) -> str:
    """Return a citation to copy: title, court, case number, date and ECLI if any."""
    parts = [
        title,
        str(judgment.court),
        judgment.case_number_label,
        date_format(judgment.decision_date),
    ]
    if judgment.ecli:
        parts.append(judgment.ecli)
    return ", ".join(part for part in parts if part)


def _labels(items) -> str:
    return "; ".join(str(item) for item in items)


def fact_rows(judgment: Judgment) -> list[tuple[str, str]]:
    """Return the judgment's facts as (label, value) rows, leaving unknown facts out."""
    rows = [
        (_("Court"), str(judgment.court)),
        (_("Case number"), judgment.case_number_label),
        (_("Decision date"), date_format(judgment.decision_date)),
        (_("Decision type"), judgment.get_decision_type_display()),
        (_("Instance"), judgment.get_instance_display()),
        (_("Outcome"), judgment.get_outcome_display()),
        (_("Original language"), judgment.get_original_language_display()),
        (_("ECLI"), judgment.ecli),
        (_("Provisions applied"), _labels(judgment.provisions.all())),
        (_("Forms of exploitation"), _labels(judgment.exploitation_forms.all())),
        (_("Means"), _labels(judgment.means.all())),
    ]
    victims = []
    if judgment.victims_total is not None:
        victims.append(_("%(count)s in total") % {"count": judgment.victims_total})
    for value, label in (
        (judgment.victims_female, _("female")),
        (judgment.victims_male, _("male")),
        (judgment.victims_children, _("children")),
        (judgment.victims_adults, _("adults")),
    ):
        if value is not None:
            victims.append(f"{value} {label}")
    rows.append((_("Victims"), ", ".join(victims)))
    rows.append((_("Victim nationalities"), ", ".join(judgment.victim_nationalities)))
    if judgment.transnational is not None:
        rows.append((_("Transnational"), _("Yes") if judgment.transnational else _("No")))
    for label, amount in (
        (_("Compensation claimed"), judgment.compensation_claimed_eur),
        (_("Compensation awarded"), judgment.compensation_awarded_eur),
    ):
        if amount is not None:
            rows.append((label, f"{amount:,.2f} EUR"))
    if judgment.non_punishment_applied is not None:
        rows.append(
            (
                _("Non-punishment principle applied"),
                _("Yes") if judgment.non_punishment_applied else _("No"),
            )
        )
    rows.append((_("Protective measures"), _labels(judgment.protective_measures.all())))
    rows.append(
        (_("Special investigative techniques"), _labels(judgment.investigative_techniques.all()))
    )
    if judgment.proceedings_length_months is not None:
        rows.append(
            (
                _("Length of proceedings"),
                _("%(months)s months") % {"months": judgment.proceedings_length_months},
            )
        )
    rows.append((_("Keywords"), _labels(judgment.keywords.all())))
    return [(label, value) for label, value in rows if value]


def _defendants_queryset():
    return Defendant.objects.select_related("charged_provision", "convicted_provision")


def judgment_page_context(judgment: Judgment, user) -> dict:
    """Return the context of the judgment page, print view and PDF.

    Related decisions and citations are filtered through `visible_to(user)`, so a page
    never links to, or names, a judgment its reader may not see.
    """
    visible = Judgment.objects.visible_to(user).select_related("court")
    title = translated_value(judgment, "title")
    case_decisions = []
    if judgment.case_id:
        case_decisions = list(
            visible.filter(case_id=judgment.case_id)
            .prefetch_related(Prefetch("defendants", queryset=_defendants_queryset()))
            .order_by("decision_date", "pk")
        )
    cites = (
        Citation.objects.filter(citing=judgment, cited__in=visible)
        .select_related("cited__court")
        .order_by("cited__decision_date")
    )
    cited_by = (
        Citation.objects.filter(cited=judgment, citing__in=visible)
        .select_related("citing__court")
        .order_by("citing__decision_date")
    )
    return {
        "judgment": judgment,
        "title": title,
        "headnote": translated_value(judgment, "headnote"),
        "summary": translated_value(judgment, "summary"),
        "citation": judgment_citation(judgment, title.text),
        "fact_rows": fact_rows(judgment),
        "defendants": list(_defendants_queryset().filter(judgment=judgment)),
        "case_decisions": case_decisions,
        "sentence_changes": sentence_changes(case_decisions),
        "appeal_of": visible.filter(pk=judgment.appeal_of_id).first()
        if judgment.appeal_of_id
        else None,
        "reviewed_by": list(visible.filter(appeal_of=judgment)),
        "cites": list(cites),
        "cited_by": list(cited_by),
    }


def sentence_changes(case_decisions: list[Judgment]) -> list[dict]:
    """Return one row per defendant pseudonym with their verdict at every instance."""
    pseudonyms: dict[str, dict] = {}
    for index, decision in enumerate(case_decisions):
        for defendant in decision.defendants.all():
            row = pseudonyms.setdefault(
                defendant.pseudonym, {"pseudonym": defendant.pseudonym, "stages": {}}
            )
            row["stages"][index] = defendant
    rows = []
    for row in pseudonyms.values():
        row["cells"] = [row["stages"].get(index) for index in range(len(case_decisions))]
        rows.append(row)
    return sorted(rows, key=lambda row: row["pseudonym"])


def anonymisation_review_context(judgment: Judgment) -> dict:
    """Return the source text cut into plain and highlighted segments, with the findings."""
    findings = list(
        judgment.anonymisation_findings.select_related("person", "decided_by").order_by("start")
    )
    segments = []
    position = 0
    text = judgment.source_text
    for finding in findings:
        if finding.start < position:
            continue  # an overlapping manual finding; it is listed, not highlighted twice
        segments.append({"text": text[position : finding.start], "finding": None})
        segments.append({"text": text[finding.start : finding.end], "finding": finding})
        position = finding.end
    segments.append({"text": text[position:], "finding": None})
    open_count = sum(1 for f in findings if f.status == AnonymisationFinding.Status.OPEN)
    return {
        "persons": list(judgment.protected_persons.all()),
        "findings": findings,
        "segments": segments,
        "open_count": open_count,
    }
