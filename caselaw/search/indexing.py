"""Build search vectors in Python and keep SearchDocument rows in step with judgments.

The vectors are written as tsvector literals (`'lexeme':1A,7A 'other':3B`), so the lexemes
are exactly those of caselaw.search.normalise and PostgreSQL applies no dictionary.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction

from caselaw.models import Judgment
from caselaw.search.engine import bump_version
from caselaw.search.normalise import (
    WORD_RE,
    normalise_for_trigram,
    text_lexemes,
)
from caselaw.search.query import quote_lexeme

logger = logging.getLogger(__name__)

# PostgreSQL keeps at most 256 positions per lexeme; further ones are dropped here.
MAX_POSITIONS_PER_LEXEME = 256
# Positions skipped between two fields, so a phrase never spans a title and a summary.
FIELD_GAP = 8
TRANSLATED_LANGUAGES = ("sq", "sr", "en")


@dataclass
class Field:
    text: str
    language: str
    weight: str


def judgment_fields(judgment: Judgment, labels: Iterable[str]) -> list[Field]:
    """Return the texts of a judgment to index, with their language and weight.

    `labels` are the keyword and provision labels in every language (weight C).
    """
    fields: list[Field] = [Field(judgment.case_number, "other", "A")]
    for language in TRANSLATED_LANGUAGES:
        fields.append(Field(getattr(judgment, f"title_{language}") or "", language, "A"))
    for language in TRANSLATED_LANGUAGES:
        fields.append(Field(getattr(judgment, f"headnote_{language}") or "", language, "B"))
        fields.append(Field(getattr(judgment, f"summary_{language}") or "", language, "B"))
    fields.extend(Field(label, "other", "C") for label in labels)
    text_language = judgment.text_language or judgment.original_language
    fields.append(Field(judgment.text or "", text_language, "D"))
    return fields


def tsvector_literal(fields: Iterable[Field]) -> str:
    """Return the tsvector input syntax for the lexemes of `fields`, positions in order."""
    positions: dict[str, list[str]] = defaultdict(list)
    next_position = 1
    for field in fields:
        last = next_position - 1
        for lexeme, position in text_lexemes(field.text, field.language, start=next_position):
            entries = positions[lexeme]
            if len(entries) < MAX_POSITIONS_PER_LEXEME:
                entries.append(f"{position}{field.weight}")
            last = position
        next_position = last + FIELD_GAP
    return " ".join(
        f"{quote_lexeme(lexeme)}:{','.join(entries)}" for lexeme, entries in positions.items()
    )


@dataclass
class DocumentRow:
    judgment_id: int
    document: str
    head: str
    decision_date: object
    year: int
    court_id: int
    court_level: str
    outcome: str
    language: str
    child_victim: bool | None
    transnational: bool | None
    compensation_awarded: bool | None
    non_punishment_applied: bool | None
    exploitation_form_ids: list[int]
    means_ids: list[int]
    provision_ids: list[int]
    status: str
    access_level: str
    restricted_to_roles: list[str]


def _labels(objects) -> list[str]:
    labels = []
    for obj in objects:
        labels.extend(getattr(obj, f"label_{language}") or "" for language in TRANSLATED_LANGUAGES)
        if getattr(obj, "article", ""):
            labels.append(obj.article)
    return labels


def document_row(judgment: Judgment) -> DocumentRow:
    """Build the SearchDocument values of a judgment fetched with `indexable_judgments`."""
    keywords = list(judgment.keywords.all())
    provisions = list(judgment.provisions.all())
    fields = judgment_fields(judgment, _labels(keywords) + _labels(provisions))
    head_fields = [field for field in fields if field.weight != "D"]
    awarded = judgment.compensation_awarded_eur
    return DocumentRow(
        judgment_id=judgment.pk,
        document=tsvector_literal(fields),
        head=tsvector_literal(head_fields),
        decision_date=judgment.decision_date,
        year=judgment.decision_date.year,
        court_id=judgment.court_id,
        court_level=judgment.court.level,
        outcome=judgment.outcome,
        language=judgment.original_language,
        child_victim=judgment.has_child_victims,
        transnational=judgment.transnational,
        compensation_awarded=None if awarded is None else awarded > 0,
        non_punishment_applied=judgment.non_punishment_applied,
        exploitation_form_ids=sorted(form.pk for form in judgment.exploitation_forms.all()),
        means_ids=sorted(means.pk for means in judgment.means.all()),
        provision_ids=sorted(provision.pk for provision in provisions),
        status=judgment.status,
        access_level=judgment.access_level,
        restricted_to_roles=list(judgment.restricted_to_roles),
    )


def indexable_judgments():
    return (
        Judgment.objects.select_related("court")
        .prefetch_related("keywords", "provisions", "exploitation_forms", "means")
        .defer("source_text", "source_file")
    )


_COLUMNS = [
    "judgment_id",
    "document",
    "head",
    "decision_date",
    "year",
    "court_id",
    "court_level",
    "outcome",
    "language",
    "child_victim",
    "transnational",
    "compensation_awarded",
    "non_punishment_applied",
    "exploitation_form_ids",
    "means_ids",
    "provision_ids",
    "status",
    "access_level",
    "restricted_to_roles",
]

# Built once from the constant column list above; values are always query parameters.
_UPSERT_SQL = """
INSERT INTO caselaw_search_searchdocument ({columns}, indexed_at)
VALUES ({placeholders}, now())
ON CONFLICT (judgment_id) DO UPDATE SET {updates}, indexed_at = now()
""".format(  # nosec B608
    columns=", ".join(_COLUMNS),
    placeholders=", ".join(
        "%s::tsvector" if column in ("document", "head") else "%s" for column in _COLUMNS
    ),
    updates=", ".join(f"{column} = EXCLUDED.{column}" for column in _COLUMNS[1:]),
)


def _row_values(row: DocumentRow) -> list:
    return [getattr(row, column) for column in _COLUMNS]


def case_number_terms(case_number: str) -> tuple[str, str]:
    return normalise_for_trigram(case_number), case_number.strip()


def head_words(judgment: Judgment) -> Iterator[str]:
    """Yield the words of the title, headnote and summary in every language."""
    for name in ("title", "headnote", "summary"):
        for language in TRANSLATED_LANGUAGES:
            yield from WORD_RE.findall(getattr(judgment, f"{name}_{language}") or "")


def _write_terms(cursor, judgments: list[Judgment]) -> None:
    """Add the words and case numbers of the public judgments to the "did you mean" vocabulary.

    Every reader, anonymous visitors included, gets suggestions from the one vocabulary, so
    drafts and judgments kept for professionals or named roles stay out of it.
    NOTE: words of a judgment that is withdrawn or narrowed later stay until the next
    `search_index_rebuild`.
    """
    terms: dict[tuple[str, str], str] = {}
    for judgment in judgments:
        if not (
            judgment.status == Judgment.Status.PUBLISHED
            and judgment.access_level == Judgment.AccessLevel.PUBLIC
        ):
            continue
        for word in head_words(judgment):
            if len(word) < 4 or word.isdigit():
                continue
            term = normalise_for_trigram(word)
            if len(term) <= 120:
                terms.setdefault(("word", term), word.lower())
        term, display = case_number_terms(judgment.case_number)
        if term:
            terms[("case_number", term[:120])] = display[:120]
    if not terms:
        return
    cursor.executemany(
        "INSERT INTO caselaw_search_searchterm (kind, term, display, document_count) "
        "VALUES (%s, %s, %s, 1) ON CONFLICT (kind, term) DO UPDATE "
        "SET document_count = caselaw_search_searchterm.document_count + 1",
        [(kind, term, display) for (kind, term), display in terms.items()],
    )


def index_judgments(judgments: Iterable[Judgment], *, with_terms: bool = True) -> int:
    """Write the SearchDocument rows of `judgments` (from `indexable_judgments`)."""
    batch = list(judgments)
    if not batch:
        return 0
    rows = [_row_values(document_row(judgment)) for judgment in batch]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(_UPSERT_SQL, rows)
        if with_terms:
            _write_terms(cursor, batch)
    # Once committed, cached counts and phrase matches are stale (see engine.py).
    transaction.on_commit(bump_version)
    return len(batch)


def judgment_reindex(*, judgment_id: int) -> None:
    """Bring the search document of one judgment up to date (or drop it if it is gone)."""
    judgment = indexable_judgments().filter(pk=judgment_id).first()
    if judgment is None:
        return
    index_judgments([judgment])
    logger.debug("Reindexed judgment %s", judgment_id)


def search_index_rebuild(*, batch_size: int = 500, stdout=None) -> int:
    """Rebuild every search document and the vocabulary; used after bulk loads."""
    from caselaw.search.models import SearchDocument, SearchTerm

    SearchTerm.objects.all().delete()
    SearchDocument.objects.exclude(judgment__in=Judgment.objects.all()).delete()
    ids = list(Judgment.objects.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        done += index_judgments(indexable_judgments().filter(pk__in=chunk))
        if stdout is not None:
            stdout.write(f"Indexed {done} of {len(ids)} judgments")
    logger.info("Rebuilt the search index of %s judgments", done)
    return done
