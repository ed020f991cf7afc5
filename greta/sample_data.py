"""Real GRETA and US TIP recommendations, with invented progress updates for the demo.

The fixtures in greta/fixtures hold facts (dates, references, Convention articles, verbs)
and short summaries written for this platform in sq, sr and en. The official wording is
added as the original text only when the source folder is given and holds the files.
Progress updates created here are invented (`is_sample=True`) and labelled on every page.
"""

import json
from datetime import date, timedelta
from pathlib import Path

from django.utils import timezone

from accounts.models import Institution
from greta.models import (
    Assessment,
    ConventionArticle,
    Evidence,
    ProgressUpdate,
    Recommendation,
    Status,
    Theme,
)
from trainings.models import Course

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
LANGUAGES = ("sq", "sr", "en")

# Invented demo history: (recommendation key, [(days before today reported, days entered
# late, status, measures in sq, en, visibility, review state)]).
SAMPLE_UPDATES = [
    ("us-tip-kosovo-2015-2", [
        (900, 0, Status.IN_PROGRESS, "Akademia e Drejtësisë hartoi një modul trajnimi për trafikimin.", "The Justice Academy drafted a training module on trafficking.", "public", "confirmed"),
        (400, 30, Status.PARTIALLY_IMPLEMENTED, "U mbajtën tri trajnime për prokurorë dhe gjyqtarë.", "Three trainings were held for prosecutors and judges.", "public", "confirmed"),
    ]),
    ("us-tip-kosovo-2015-4", [
        (800, 0, Status.NOT_STARTED, "Fondi i kompensimit nuk është krijuar ende.", "The compensation fund has not been set up yet.", "public", "confirmed"),
        (200, 60, Status.IN_PROGRESS, "Projekt-udhëzimi administrativ për fondin u dërgua për konsultim.", "A draft administrative instruction on the fund was sent for consultation.", "internal", "confirmed"),
    ]),
    ("us-tip-kosovo-2020-1", [
        (500, 0, Status.IN_PROGRESS, "Policia krijoi një njësi të re hetimore për trafikimin.", "The police set up a new investigation unit on trafficking.", "public", "confirmed"),
        (60, 0, Status.PARTIALLY_IMPLEMENTED, "Numri i aktakuzave u rrit krahasuar me vitin e kaluar.", "Indictments rose compared with the previous year.", "public", "proposed"),
    ]),
    ("us-tip-kosovo-2020-2", [
        (300, 0, Status.IN_PROGRESS, "Buxheti i strehimoreve u rrit për vitin e ardhshëm.", "The shelter budget was increased for next year.", "public", "confirmed"),
    ]),
    ("us-tip-kosovo-2020-9", [
        (700, 0, Status.NOT_STARTED, "Nuk ka bazë të përbashkët të dhënash.", "There is no shared database.", "public", "confirmed"),
        (350, 0, Status.IN_PROGRESS, "Koordinatori miratoi formularin e përbashkët të raportimit.", "The coordinator adopted a shared reporting form.", "public", "confirmed"),
        (30, 20, Status.IMPLEMENTED, "Baza e të dhënave është në përdorim nga policia dhe prokuroria.", "The database is used by the police and prosecution.", "internal", "confirmed"),
    ]),
    ("us-tip-kosovo-2022-4", [
        (450, 0, Status.IN_PROGRESS, "Plani i veprimit u miratua; financimi pjesërisht i siguruar.", "The action plan was adopted; funding partly secured.", "public", "confirmed"),
    ]),
    ("us-tip-kosovo-2023-3", [
        (90, 0, Status.IN_PROGRESS, "Udhëzimet për fëmijët në lypje janë në hartim.", "Guidance on children in begging is being drafted.", "public", "proposed"),
    ]),
]  # fmt: skip

# Days from today to the next update due date; negative values are overdue.
SAMPLE_DUE_DAYS = {
    "us-tip-kosovo-2020-1": -20,
    "us-tip-kosovo-2020-2": 10,
    "us-tip-kosovo-2022-4": -5,
    "us-tip-kosovo-2024-1": 45,
}

# Case-law filters (greta.caselaw_filters) that measure a recommendation: judgments of
# basic courts, so that each case counts once, under the trafficking provisions.
THB_PROVISIONS = ["pcck-2003-139", "cck-04-l-082-trafficking", "cck-06-l-074-trafficking"]
SAMPLE_CASELAW_FILTERS = {
    "us-tip-kosovo-2022-2": {"provision": THB_PROVISIONS, "court_level": ["basic"]},
    "us-tip-kosovo-2024-1": {"provision": THB_PROVISIONS, "court_level": ["basic"]},
    "us-tip-kosovo-2015-4": {"court_level": ["basic"]},
    "greta-stmt-019": {"court_level": ["basic"]},
}

# Codes of the sample training courses whose participants measure a recommendation.
SAMPLE_TRAINING_COURSES = {
    "us-tip-kosovo-2015-2": ["thb-investigation-basics", "thb-prosecution-adjudication"],
    "us-tip-kosovo-2020-5": ["thb-investigation-basics", "thb-prosecution-adjudication"],
    "us-tip-kosovo-2015-4": ["victims-rights-assistance"],
    "greta-stmt-019": ["victims-rights-assistance"],
}


def _read(name: str):
    return json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))


def _translated(prefix: str, values: dict) -> dict:
    fields = {f"{prefix}_{language}": values.get(language, "") for language in LANGUAGES}
    fields[prefix] = values.get("sq", "")
    return fields


def load_articles() -> None:
    for item in _read("convention_articles.json"):
        ConventionArticle.objects.update_or_create(
            number=item["number"],
            defaults={"chapter": item["chapter"], **_translated("title", item["title"])},
        )


def load_themes() -> None:
    for position, item in enumerate(_read("themes.json")):
        parent = Theme.objects.get(code=item["parent"]) if item["parent"] else None
        Theme.objects.update_or_create(
            code=item["code"],
            defaults={"parent": parent, "position": position, **_translated("name", item["name"])},
        )


def load_assessments() -> None:
    for item in _read("assessments.json"):
        Assessment.objects.update_or_create(
            source_key=item["source_key"],
            defaults={
                "body": item["body"],
                "country": item["country"],
                "round": item["round"],
                "reference": item["reference"],
                "adopted_on": item["adopted_on"],
                "published_on": item["published_on"],
                "document_url": item["document_url"],
                **_translated("title", item["title"]),
                **_translated("notes", item["notes"]),
            },
        )


def original_texts(source_dir: Path | None) -> dict[str, str]:
    """Map recommendation keys to the verbatim official text found in `source_dir`."""
    if source_dir is None:
        return {}
    texts = {}
    statements = source_dir / "greta_statements.json"
    if statements.is_file():
        for item in json.loads(statements.read_text(encoding="utf-8")):
            texts[item["id"]] = item["text_verbatim"]
    tip = source_dir / "us_tip_kosovo_recommendations.json"
    if tip.is_file():
        for item in json.loads(tip.read_text(encoding="utf-8")):
            key = f"us-tip-kosovo-{item['report_year']}-{item['position']}"
            texts[key] = item["text_verbatim"]
    return texts


def load_recommendations(source_dir: Path | None) -> int:
    originals = original_texts(source_dir)
    themes = {theme.code: theme for theme in Theme.objects.all()}
    articles = {article.number: article for article in ConventionArticle.objects.all()}
    institutions = {institution.code: institution for institution in Institution.objects.all()}
    assessments = {assessment.source_key: assessment for assessment in Assessment.objects.all()}
    for item in _read("recommendations.json"):
        key = item["source_key"]
        defaults = {
            "assessment": assessments[item["assessment"]],
            "number": item["number"] or "",
            "paragraph": item["paragraph"],
            "position": item["position"],
            "strength": item["strength"],
            "theme": themes[item["theme"]],
            "source_url": item["source_url"],
            "caselaw_filter": SAMPLE_CASELAW_FILTERS.get(key, {}),
            **_translated("text", item["text"]),
        }
        if key in originals:
            defaults["original_text"] = originals[key]
            defaults["original_language"] = "en"
        recommendation, created = Recommendation.objects.update_or_create(
            source_key=key, defaults=defaults
        )
        recommendation.articles.set([articles[number] for number in item["articles"]])
        recommendation.topics.set([themes[code] for code in item["topics"]])
        recommendation.institutions.set(
            [institutions[code] for code in item["institutions"] if code in institutions]
        )
        recommendation.training_courses.set(
            Course.objects.filter(code__in=SAMPLE_TRAINING_COURSES.get(key, []))
        )
        if created and key in SAMPLE_DUE_DAYS:
            recommendation.next_update_due = timezone.localdate() + timedelta(
                days=SAMPLE_DUE_DAYS[key]
            )
            recommendation.save(update_fields=["next_update_due"])
    return len(originals)


def load_sample_updates(today: date) -> int:
    """Create the invented updates once; later runs leave existing histories untouched."""
    created = 0
    for key, history in SAMPLE_UPDATES:
        recommendation = Recommendation.objects.filter(source_key=key).first()
        if recommendation is None or recommendation.updates.exists():
            continue
        institution = recommendation.institutions.order_by("pk").first()
        for days_before, days_late, status, text_sq, text_en, visibility, state in history:
            reporting_date = today - timedelta(days=days_before)
            update = ProgressUpdate.objects.create(
                recommendation=recommendation,
                reporting_date=reporting_date,
                status=status,
                measures=f"{text_sq}\n\n{text_en}",
                measures_language="sq",
                visibility=visibility,
                review_state=state,
                reporting_institution=institution,
                reviewed_at=timezone.now() if state == "confirmed" else None,
                is_sample=True,
            )
            # Backdate the entry time so the demo shows updates entered after their date.
            entered = timezone.now() - timedelta(days=days_before - days_late)
            ProgressUpdate.objects.filter(pk=update.pk).update(created_at=entered)
            Evidence.objects.create(
                update=update,
                kind=Evidence.Kind.DOCUMENT,
                title="Invented sample evidence",
                url="https://example.org/sample-evidence",
            )
            created += 1
    return created


def load(*, stdout, source_dir=None, verbosity=1) -> None:
    load_articles()
    load_themes()
    load_assessments()
    originals = load_recommendations(source_dir)
    updates = load_sample_updates(timezone.localdate())
    if verbosity > 0:
        stdout.write(
            f"GRETA: {Recommendation.objects.count()} recommendations "
            f"({originals} original texts), {updates} invented sample updates added."
        )
