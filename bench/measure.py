"""Time 200 varied searches through the page, the API, raw SQL and tantivy."""

import os
import platform
import random
import statistics
import time
from pathlib import Path

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client

from bench import corpus

# The tantivy index is derived data, rebuilt when missing; kept beside the checkout.
TANTIVY_DIR = Path(__file__).resolve().parent.parent / ".data" / "bench-tantivy"


def build_queries(count: int) -> list[tuple[str, dict]]:
    """Return (kind, parameters) pairs: words rare to universal, phrases, filters, facets."""
    rng = random.Random(corpus.SEED + 1)  # noqa: S311 - a reproducible query set
    vocabularies = corpus.vocabularies()
    words = {language: vocabulary.words for language, vocabulary in vocabularies.items()}
    languages = list(words)
    outcomes = ["conviction", "acquittal", "partial_conviction"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM caselaw_court WHERE code LIKE 'bench-court-%%'")
        courts = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT id FROM caselaw_provision WHERE code LIKE 'bench-provision-%%'")
        provisions = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT text FROM caselaw_judgment ORDER BY id LIMIT 50")
        bodies = [row[0].split() for row in cursor.fetchall()]
    kinds = [
        ("rare word", 0.2),
        ("common word", 0.15),
        ("every-judgment word", 0.1),
        ("two words", 0.15),
        ("phrase", 0.1),
        ("word + filters", 0.2),
        ("filters only", 0.1),
    ]
    queries = []
    for index in range(count):
        kind = (
            kinds[index % len(kinds)][0]
            if index < len(kinds)
            else rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
        )
        language = rng.choice(languages)
        params: dict = {}
        if kind == "rare word":
            params["q"] = rng.choice([*words[language][6000:20000], "eksploatacija"])
        elif kind == "common word":
            params["q"] = rng.choice(words[language][5:300])
        elif kind == "every-judgment word":
            params["q"] = "trafficking"
        elif kind == "two words":
            params["q"] = " ".join(rng.sample(words[language][100:2000], 2))
        elif kind == "phrase":
            body = rng.choice(bodies)
            start = rng.randrange(len(body) - 2)
            params["q"] = f'"{body[start]} {body[start + 1]}"'
        elif kind == "word + filters":
            params["q"] = rng.choice([*words[language][20:1500], "trafficking", "trafikim"])
            params["court"] = rng.choice(courts)
            params["outcome"] = rng.choice(outcomes)
            params["provision"] = rng.choice(provisions)
        else:
            params["year_from"] = rng.randrange(2000, 2020)
            params["year_to"] = params["year_from"] + rng.randrange(1, 6)
            params["court"] = rng.choice(courts)
        queries.append((kind, params))
    return queries


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def summary(times: list[float]) -> str:
    if not times:
        return "-"
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return f"{statistics.median(ordered):.1f} / {p95:.1f}"


def raw_sql_runner(user):
    """Return a function timing the search's own SQL statements, sent straight to PostgreSQL.

    The statements are those the engine sends for the query without its cache of counts
    (captured once, untimed); the timed run executes them again on a cursor, with no
    Django view, form or template.
    """
    from django.http import QueryDict

    from caselaw.search import engine
    from caselaw.search.filters import SearchDocumentFilter
    from caselaw.search.models import SearchDocument

    visible = SearchDocument.objects.visible_to(user)

    def capture(params: dict) -> list[tuple[str, list]]:
        data = QueryDict(mutable=True)
        for key, value in params.items():
            data[key] = str(value)
        queryset = SearchDocumentFilter(data, queryset=visible).qs
        statements: list[tuple[str, list]] = []

        def record(execute, sql, statement_params, many, context):
            statements.append((sql, statement_params))
            return execute(sql, statement_params, many, context)

        with connection.execute_wrapper(record):
            engine.search(
                queryset,
                q=params.get("q"),
                ordering="relevance" if params.get("q") else "-date",
                use_cache=False,
            )
        return statements

    def run(params: dict):
        statements = capture(params)
        with transaction.atomic(), connection.cursor() as cursor:
            started = time.perf_counter()
            for sql, statement_params in statements:
                cursor.execute(sql, statement_params)
                if cursor.description is not None:
                    cursor.fetchall()
            return (time.perf_counter() - started) * 1000

    return run


def tantivy_index(count: int, log):
    import tantivy

    directory = TANTIVY_DIR / str(count)
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_integer_field("date", fast=True, indexed=True)
    builder.add_text_field("title", stored=False)
    builder.add_text_field("summary", stored=False)
    builder.add_text_field("body", stored=False)
    schema = builder.build()
    if (directory / "meta.json").exists():
        return tantivy.Index(schema, path=str(directory))
    directory.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(schema, path=str(directory))
    writer = index.writer(heap_size=1_000_000_000, num_threads=2)
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, decision_date, concat_ws(' ', title_sq, title_sr, title_en), "
            "concat_ws(' ', summary_sq, summary_sr, summary_en), text FROM caselaw_judgment"
        )
        while rows := cursor.fetchmany(2000):
            for pk, date, title, summary_text, body in rows:
                writer.add_document(
                    tantivy.Document(
                        id=pk,
                        date=int(date.strftime("%Y%m%d")),
                        title=title,
                        summary=summary_text,
                        body=body,
                    )
                )
    writer.commit()
    index.reload()
    log(f"tantivy index of {count} judgments built in {time.monotonic() - started:.0f} s")
    return index


def tantivy_runner(index):
    searcher = index.searcher()

    def run(params: dict):
        text = params.get("q")
        if not text:
            return None
        # Every bare word is required, as on the page; phrases and -exclusions stay.
        terms = [term if term.startswith(('"', "-")) else f"+{term}" for term in text.split()]
        if text.startswith('"'):
            terms = [text]
        started = time.perf_counter()
        query = index.parse_query(" ".join(terms), ["title", "summary", "body"])
        result = searcher.search(query, limit=20, count=True)
        for _, address in result.hits:
            searcher.doc(address)
        return (time.perf_counter() - started) * 1000

    return run


def run(*, count: int, queries: int, log=print) -> None:
    from accounts.models import User
    from accounts.roles import Role

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM caselaw_search_searchdocument")
        loaded = cursor.fetchone()[0]
    user = User.objects.filter(email="bench@example.test").first()
    if user is None:
        from django.contrib.auth.models import Group

        user = User.objects.create_user(email="bench@example.test", password=None)
        user.groups.add(Group.objects.get(name=Role.LEGAL_PROFESSIONAL.value))
    client = Client()
    client.force_login(user)
    query_set = build_queries(queries)
    index = tantivy_index(loaded, log)

    def page(params):
        return _timed(lambda: client.get("/en/caselaw/", params))

    runners = {
        "page": page,
        "API": lambda params: _timed(lambda: client.get("/api/v1/judgments/", params)),
        # The same 200 searches again: their counts and phrase matches are now cached.
        "page, repeated": page,
        "raw SQL": raw_sql_runner(user),
        "tantivy": tantivy_runner(index),
    }
    for runner in runners.values():  # warm-up: prepared plans, page cache
        for _, params in query_set[:10]:
            runner(params)
    times: dict[str, dict[str, list[float]]] = {name: {} for name in runners}
    for name, runner in runners.items():
        if name != "page, repeated":
            # Each pass starts with no cached counts: only a search repeated within the
            # pass (the every-judgment word) finds its counts cached.
            cache.clear()
        for kind, params in query_set:
            elapsed = runner(params)
            if elapsed is not None:
                times[name].setdefault(kind, []).append(elapsed)
    floor = [_timed(lambda: client.get("/healthz")) for _ in range(200)]

    kinds = list(dict.fromkeys(kind for kind, _ in query_set))
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    log(f"\n{loaded} judgments, {len(query_set)} searches; machine: {platform.node()}")
    log(f"load average after the run (1, 5, 15 min): {load}")
    log("median / p95 in ms\n")
    log("| path | all | " + " | ".join(kinds) + " |")
    log("|---|---|" + "---|" * len(kinds))
    for name in runners:
        every = [value for values in times[name].values() for value in values]
        cells = [summary(times[name].get(kind, [])) for kind in kinds]
        log(f"| {name} | {summary(every)} | " + " | ".join(cells) + " |")
    log(f"| trivial view (/healthz) | {summary(floor)} |" + " |" * len(kinds))
