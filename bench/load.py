"""Load N synthetic judgments and their search documents into the benchmark database.

Judgments are written with COPY (no ORM, no signals); the search documents are built by
the application's own code (caselaw.search.indexing) in worker processes and copied in.
"""

import io
import multiprocessing
import time
from datetime import UTC, datetime

from bench import corpus

CHUNK = 500
COURTS = 12
FORMS = 8
MEANS = 8
PROVISIONS = 24


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list):
        return "{" + ",".join(str(item) for item in value) + "}"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _line(values) -> str:
    return "\t".join(_copy_value(value) for value in values) + "\n"


JUDGMENT_COLUMNS = [
    "id", "case_number", "court_id", "decision_date", "decision_type", "instance", "outcome",
    "original_language", "ecli", "title", "title_sq", "title_sr", "title_en", "headnote",
    "summary", "summary_sq", "summary_sr", "summary_en", "text", "text_language",
    "source_text", "source_file", "victims_children", "victim_nationalities", "municipality",
    "transnational", "compensation_awarded_eur", "non_punishment_applied", "status",
    "access_level", "restricted_to_roles", "published_at", "created_at", "updated_at",
]  # fmt: skip


def build_chunk(arguments):
    """Return the COPY text of judgments, links and search documents for one range."""
    start, stop, ids = arguments
    import django

    django.setup()
    from caselaw.models import Judgment
    from caselaw.search.indexing import _COLUMNS, judgment_fields, tsvector_literal

    court_ids, court_levels, form_ids, means_ids, provision_ids, provision_labels = ids
    now = datetime.now(UTC).isoformat()
    judgments, forms, means, provisions, documents = [], [], [], [], []
    for item in corpus.generate(
        start, stop, courts=COURTS, forms=FORMS, means=MEANS, provisions=PROVISIONS
    ):
        pk = item.number + 1
        case_number = f"PKR {item.number % 9000 + 1}/{item.decision_date.year}"
        judgment = Judgment(
            pk=pk,
            case_number=case_number,
            title_sq=item.titles["sq"],
            title_sr=item.titles["sr"],
            title_en=item.titles["en"],
            summary_sq=item.summaries["sq"],
            summary_sr=item.summaries["sr"],
            summary_en=item.summaries["en"],
            text=item.text,
            text_language=item.language,
            original_language=item.language,
        )
        labels = [provision_labels[index] for index in item.provisions]
        fields = judgment_fields(judgment, labels)
        head = [field for field in fields if field.weight != "D"]
        roles = ["legal_professional", "police_investigator"]
        victims_children = {True: 1, False: 0}.get(item.child)
        court_id = court_ids[item.court]
        judgments.append(
            _line(
                [
                    pk, case_number, court_id, item.decision_date, "judgment", "first",
                    item.outcome, item.language, "", item.titles["sq"], item.titles["sq"],
                    item.titles["sr"], item.titles["en"], "", item.summaries["sq"],
                    item.summaries["sq"], item.summaries["sr"], item.summaries["en"],
                    item.text, item.language, "", "", victims_children,
                    [], "", item.transnational, item.compensation, item.non_punishment,
                    "published", item.access_level,
                    roles if item.access_level == "restricted" else [], now, now, now,
                ]
            )
        )  # fmt: skip
        forms.extend(_line([pk, form_ids[index]]) for index in item.forms)
        means.extend(_line([pk, means_ids[index]]) for index in item.means)
        provisions.extend(_line([pk, provision_ids[index]]) for index in item.provisions)
        values = {
            "judgment_id": pk,
            "document": tsvector_literal(fields),
            "head": tsvector_literal(head),
            "decision_date": item.decision_date,
            "year": item.decision_date.year,
            "court_id": court_id,
            "court_level": court_levels[item.court],
            "outcome": item.outcome,
            "language": item.language,
            "child_victim": item.child,
            "transnational": item.transnational,
            "compensation_awarded": None if item.compensation is None else item.compensation > 0,
            "non_punishment_applied": item.non_punishment,
            "exploitation_form_ids": sorted(form_ids[index] for index in item.forms),
            "means_ids": sorted(means_ids[index] for index in item.means),
            "provision_ids": sorted(provision_ids[index] for index in item.provisions),
            "status": "published",
            "access_level": item.access_level,
            "restricted_to_roles": roles if item.access_level == "restricted" else [],
        }
        documents.append(_line([*(values[column] for column in _COLUMNS), now]))
    return (
        "".join(judgments),
        "".join(forms),
        "".join(means),
        "".join(provisions),
        "".join(documents),
    )


def _bulk_vocabulary(model, prefix: str, count: int, **defaults) -> list:
    """Create `count` rows with codes prefix-0.. (bulk_create: no history, no signals)."""
    rows = [
        model(code=f"{prefix}-{i}", **{k: v(i) for k, v in defaults.items()}) for i in range(count)
    ]
    model.objects.bulk_create(rows, ignore_conflicts=True)
    found = {row.code: row for row in model.objects.filter(code__startswith=f"{prefix}-")}
    return [found[f"{prefix}-{i}"] for i in range(count)]


def _vocabularies():
    from caselaw.models import Court, ExploitationForm, Means, Provision

    levels = ["basic"] * 7 + ["appeals", "supreme", "constitutional", "ecthr", "foreign"]
    cities = ["Prishtinë", "Prizren", "Pejë", "Gjilan", "Ferizaj", "Mitrovicë", "Gjakovë"]
    courts = _bulk_vocabulary(
        Court,
        "bench-court",
        COURTS,
        name=lambda i: f"Court {i} {cities[i] if i < len(cities) else 'Prishtinë'}",
        name_en=lambda i: f"Court {i} {cities[i] if i < len(cities) else 'Prishtinë'}",
        level=lambda i: levels[i],
    )
    forms = _bulk_vocabulary(
        ExploitationForm,
        "bench-form",
        FORMS,
        label=lambda i: f"Form {i}",
        label_en=lambda i: f"Form {i}",
    )
    means = _bulk_vocabulary(
        Means, "bench-means", MEANS, label=lambda i: f"Means {i}", label_en=lambda i: f"Means {i}"
    )
    provisions = _bulk_vocabulary(
        Provision,
        "bench-provision",
        PROVISIONS,
        label=lambda i: f"Provision {i}",
        label_en=lambda i: f"Provision {i}",
        instrument=lambda i: "criminal_code_kosovo",
        article=lambda i: str(100 + i),
    )
    return (
        [court.pk for court in courts],
        [court.level for court in courts],
        [form.pk for form in forms],
        [item.pk for item in means],
        [provision.pk for provision in provisions],
        [provision.label for provision in provisions],
    )


def load(count: int, *, processes: int = 2, log=print) -> None:
    """Replace the benchmark database's judgments with `count` synthetic ones."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    if "bench" not in name:
        raise SystemExit(f"Refusing to load into {name!r}: use a database named thb_bench.")
    ids = _vocabularies()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE caselaw_search_searchdocument, caselaw_search_searchterm, "
            "caselaw_judgment_exploitation_forms, caselaw_judgment_means, "
            "caselaw_judgment_provisions, caselaw_judgment_keywords, caselaw_judgment CASCADE"
        )
        cursor.execute("DROP INDEX IF EXISTS searchdoc_document_gin")
        cursor.execute("DROP INDEX IF EXISTS searchdoc_sample_gin")
    started = time.monotonic()
    chunks = [(start, min(start + CHUNK, count), ids) for start in range(0, count, CHUNK)]
    targets = [
        ("caselaw_judgment", JUDGMENT_COLUMNS),
        ("caselaw_judgment_exploitation_forms", ["judgment_id", "exploitationform_id"]),
        ("caselaw_judgment_means", ["judgment_id", "means_id"]),
        ("caselaw_judgment_provisions", ["judgment_id", "provision_id"]),
    ]
    from caselaw.search.indexing import _COLUMNS

    targets.append(("caselaw_search_searchdocument", [*_COLUMNS, "indexed_at"]))
    done = 0
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for parts in pool.imap(build_chunk, chunks):
            with connection.cursor() as cursor:
                raw = cursor.connection.cursor()
                for (table, columns), text in zip(targets, parts, strict=True):
                    raw.copy_expert(
                        f"COPY {table} ({', '.join(columns)}) FROM STDIN", io.StringIO(text)
                    )
            connection.commit() if not connection.get_autocommit() else None
            done += CHUNK
            if done % 10_000 == 0 or done >= count:
                log(f"loaded {min(done, count)} of {count} in {time.monotonic() - started:.0f} s")
    load_seconds = time.monotonic() - started
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE INDEX searchdoc_document_gin ON caselaw_search_searchdocument "
            "USING gin (document)"
        )
        cursor.execute(
            "CREATE INDEX searchdoc_sample_gin ON caselaw_search_searchdocument "
            "USING gin (document) WHERE judgment_id % 16 = 0"
        )
        cursor.execute("SELECT setval('caselaw_judgment_id_seq', %s)", [count + 1])
        cursor.execute("VACUUM ANALYZE caselaw_search_searchdocument")
        cursor.execute("VACUUM ANALYZE caselaw_judgment")
        # The link tables too: without statistics the planner expects thousands of rows
        # per judgment and starts parallel workers (about 5 ms) to fetch a page's provisions.
        for table in ("provisions", "exploitation_forms", "means", "keywords"):
            cursor.execute(f"ANALYZE caselaw_judgment_{table}")
    index_seconds = time.monotonic() - started
    log(f"load {load_seconds:.0f} s, GIN index and VACUUM ANALYZE {index_seconds:.0f} s")
