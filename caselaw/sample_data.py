"""Real sample judgments: ECtHR Article 4 judgments and Kosovo trafficking decisions.

The facts and the short summaries (written for this project in sq, sr and en) are in
caselaw/fixtures/. The official text is not: when `source_dir` contains the original data
files, the verbatim excerpts found there become the judgments' text. Loading is
idempotent: vocabularies are matched by code, judgments by court, case number and date.
"""

import json
import logging
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from caselaw.models import (
    Case,
    Citation,
    Court,
    Defendant,
    ExploitationForm,
    InvestigativeTechnique,
    Judgment,
    Keyword,
    Means,
    ProtectiveMeasure,
    Provision,
)

logger = logging.getLogger(__name__)

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
LANGUAGES = ("sq", "sr", "en")
VOCABULARIES = {
    "exploitation_forms": ExploitationForm,
    "means": Means,
    "keywords": Keyword,
    "protective_measures": ProtectiveMeasure,
    "investigative_techniques": InvestigativeTechnique,
}


def _translated(field: str, values: dict) -> dict:
    return {f"{field}_{language}": values.get(language, "") for language in LANGUAGES}


def load_vocabularies() -> None:
    data = json.loads((FIXTURES_DIR / "vocabularies.json").read_text(encoding="utf-8"))
    for court in data["courts"]:
        Court.objects.update_or_create(
            code=court["code"],
            defaults={
                **_translated("name", court["name"]),
                "level": court["level"],
                "city": court["city"],
                "country": court["country"],
            },
        )
    for key, model in VOCABULARIES.items():
        for position, term in enumerate(data[key]):
            model.objects.update_or_create(
                code=term["code"],
                defaults={**_translated("label", term["label"]), "position": position},
            )
    for position, provision in enumerate(data["provisions"]):
        Provision.objects.update_or_create(
            code=provision["code"],
            defaults={
                **_translated("label", provision["label"]),
                "position": position,
                "instrument": provision["instrument"],
                "instrument_version": provision["instrument_version"],
                "article": provision["article"],
            },
        )


def _codes(model, codes) -> list:
    return list(model.objects.filter(code__in=codes))


def _verbatim_texts(source_dir: Path | None) -> dict[str, str]:
    """Return verbatim excerpts by source record id, from the original data files."""
    if source_dir is None or not Path(source_dir).is_dir():
        return {}
    texts: dict[str, str] = {}
    ecthr = Path(source_dir) / "ecthr_article4_judgments.json"
    if ecthr.exists():
        for record in json.loads(ecthr.read_text(encoding="utf-8")):
            if record.get("judgment_text_excerpt"):
                texts[record["id"]] = record["judgment_text_excerpt"]
    kosovo = Path(source_dir) / "kosovo_court_decisions.json"
    if kosovo.exists():
        for record in json.loads(kosovo.read_text(encoding="utf-8")):
            parts = [record.get("charge_text_verbatim") or ""]
            parts += record.get("operative_part_verbatim") or []
            text = "\n\n".join(part for part in parts if part)
            if text:
                texts[record["id"]] = text
    return texts


def _save_judgment(record: dict, cases: dict, verbatim: dict) -> tuple[Judgment, bool]:
    court = Court.objects.get(code=record["court"])
    decision_date = date.fromisoformat(record["decision_date"])
    defaults = {
        "case": cases.get(record.get("case")),
        "decision_type": record["decision_type"],
        "instance": record["instance"],
        "outcome": record["outcome"],
        "original_language": record["original_language"],
        "ecli": record.get("ecli", ""),
        **_translated("title", record["title"]),
        **_translated("summary", record["summary"]),
        "victims_total": record.get("victims_total"),
        "victims_female": record.get("victims_female"),
        "victims_male": record.get("victims_male"),
        "victims_children": record.get("victims_children"),
        "victims_adults": record.get("victims_adults"),
        # NOTE: for Medicus the source gives the donors' countries of origin ("donors
        # from Moldova, ..."), loaded here as nationalities; no stated nationality exists.
        "victim_nationalities": record.get("victim_nationalities", []),
        "municipality": record.get("municipality", ""),
        "transnational": record.get("transnational"),
        "non_punishment_applied": record.get("non_punishment_applied"),
        "status": record["status"],
        "access_level": record["access_level"],
        "restricted_to_roles": record.get("restricted_to_roles", []),
    }
    if record["source_id"] in verbatim:
        defaults["text"] = verbatim[record["source_id"]]
        defaults["text_language"] = "en"
    judgment, created = Judgment.objects.update_or_create(
        court=court,
        case_number=record["case_number"],
        decision_date=decision_date,
        defaults=defaults,
    )
    if judgment.published_at is None and judgment.status == Judgment.Status.PUBLISHED:
        judgment.published_at = timezone.now()
        judgment.save(update_fields=["published_at"])
    judgment.provisions.set(_codes(Provision, record["provisions"]))
    judgment.exploitation_forms.set(_codes(ExploitationForm, record["exploitation_forms"]))
    judgment.means.set(_codes(Means, record["means"]))
    judgment.keywords.set(_codes(Keyword, record["keywords"]))
    for defendant in record.get("defendants", []):
        provisions = {
            name: Provision.objects.filter(code=defendant.get(name)).first()
            for name in ("charged_provision", "convicted_provision")
        }
        Defendant.objects.update_or_create(
            judgment=judgment,
            pseudonym=defendant["pseudonym"],
            defaults={
                **provisions,
                "sex": defendant.get("sex", ""),
                "verdict": defendant["verdict"],
                "sentence_months": defendant.get("sentence_months"),
            },
        )
    return judgment, created


@transaction.atomic
def load_judgments(source_dir: Path | None) -> tuple[int, int]:
    """Load the sample judgments; return (created, updated)."""
    data = json.loads((FIXTURES_DIR / "judgments.json").read_text(encoding="utf-8"))
    cases = {}
    for case in data["cases"]:
        cases[case["name"]], _ = Case.objects.update_or_create(
            name=case["name"],
            defaults={"final_outcome": case["final_outcome"], "is_final": case["is_final"]},
        )
    verbatim = _verbatim_texts(source_dir)
    by_source_id: dict[str, Judgment] = {}
    created_count = updated_count = 0
    for record in data["judgments"]:
        judgment, created = _save_judgment(record, cases, verbatim)
        by_source_id[record["source_id"]] = judgment
        created_count += created
        updated_count += not created
    for record in data["judgments"]:
        if record.get("appeal_of"):
            judgment = by_source_id[record["source_id"]]
            judgment.appeal_of = by_source_id[record["appeal_of"]]
            judgment.save(update_fields=["appeal_of"])
    _sync_citations(data["citations"], by_source_id)
    return created_count, updated_count


def _sync_citations(citations: list[dict], by_source_id: dict[str, Judgment]) -> None:
    """Make the citations among sample judgments exactly those of the fixture.

    Each fixture citation names the field of the original data that shows it
    ("basis"). Citations that an earlier fixture had, and that are no longer
    supported, are deleted; citations that involve other judgments are kept.
    """
    # NOTE: the source records show no citation between the ECtHR judgments (they contain
    # only headings and opening paragraphs), so the sample has none. Add one with its
    # basis once the judgment's own text has been checked.
    expected = set()
    for citation in citations:
        citing, cited = by_source_id[citation["citing"]], by_source_id[citation["cited"]]
        Citation.objects.get_or_create(citing=citing, cited=cited)
        expected.add((citing.pk, cited.pk))
    sample_ids = [judgment.pk for judgment in by_source_id.values()]
    stale = Citation.objects.filter(citing__in=sample_ids, cited__in=sample_ids)
    for pk, citing_id, cited_id in stale.values_list("pk", "citing_id", "cited_id"):
        if (citing_id, cited_id) not in expected:
            Citation.objects.filter(pk=pk).delete()


def load(*, stdout, source_dir=None, verbosity=1) -> None:
    load_vocabularies()
    created, updated = load_judgments(source_dir)
    with_text = "with" if _verbatim_texts(source_dir) else "without"
    if created or verbosity > 1:
        stdout.write(
            f"Sample judgments: {created} created, {updated} updated "
            f"({with_text} verbatim excerpts)."
        )
