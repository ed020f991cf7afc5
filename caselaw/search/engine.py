"""Run a search: matching, ranking, counting and facets over the SearchDocument table.

Where the time goes at 100,000 judgments (docs/benchmarks.md has the figures):

- Matching uses the GIN index on `document`. A query without phrases needs no recheck,
  so PostgreSQL never reads the 17 KB vectors, only the narrow heap rows (about 100 bytes:
  the vectors are moved to TOAST by the table's toast_tuple_target).
- Ranking reads a vector per candidate, so it is bounded: the candidates are the newest
  RANK_CANDIDATES matches, ranked by ts_rank on the small `head` vector (title A,
  headnote and summary B, keywords and provisions C). With fewer matches than that the
  ranking is exact; beyond, a judgment that is not among the newest RANK_CANDIDATES
  matches is listed after them, newest first. A word found in tens of thousands of
  judgments ranks them all alike anyway (ts_rank has no inverse document frequency).
- Ordering by date sorts the narrow rows with a top-N heap sort, exact for any count.
- Counts and facets come from one GROUPING SETS statement over the narrow rows. They are
  exact up to EXACT_FACETS_LIMIT matches (the sample, counted first, decides). Beyond, exact counts
  cost about 1.5 µs per match on a 2-core machine, so they are estimated from a 1-in-16
  sample with its own partial GIN index, and the page says "about".
- Counts and facets are cached per statement (its SQL holds the query, the filters and the
  reader's visibility rule) until the next write to the index, which changes the cache
  version (`bump_version`). A repeated search then costs only its page of ids, which is
  never cached, so the results always follow the current visibility rule.
- Phrases: GIN stores no positions, so every candidate's full vector must be read to check
  the word order (20 to 100 µs each on a 2-core machine). The phrase is checked on at most
  PHRASE_CANDIDATES judgments holding all its words (the first ones the GIN bitmap
  yields, in table order). Up to that many, the result is exact; beyond, the matches
  found are shown with their count as a lower bound (`capped`, "at least" on the page):
  judgments with the phrase outside the candidates are missed. This trades completeness
  on very common word pairs for a bounded time; an engine with positions (tantivy)
  would lift it.
"""

import hashlib
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection, transaction

from caselaw.search.query import ParsedQuery, parse

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Matches ranked by relevance; later matches follow by date. See the module docstring.
RANK_CANDIDATES = 100
# Up to this many matches, counts and facets are exact. Beyond, they are estimated from
# the judgments whose id is a multiple of SAMPLE_RATE, which have their own small GIN
# index (searchdoc_sample_gin), and the page says "about".
EXACT_FACETS_LIMIT = 5000
SAMPLE_RATE = 16
# A walk of the date index reads about this many microseconds per row (a full vector to
# test the match), a GIN bitmap about 1 µs per match; measured at 100,000 judgments on
# a busy 2-core machine (docs/benchmarks.md). The cheaper of the two orders the matches.
WALK_COST_US = 8
BITMAP_COST_US = 1.0
# Pages beyond this are not served: nobody reads them and OFFSET grows linearly.
MAX_PAGE = 500
# Judgments holding all the words of a phrase on which the word order is checked; see the
# module docstring.
PHRASE_CANDIDATES = 300
# Cached counts and facets live until the index changes, or this many seconds. The
# process-local cache (no REDIS_URL) does not see another process's writes, so its
# entries are kept only briefly. NOTE: there, counts may lag a publication or a withdrawal
# by that long (results do not: they are never cached).
CACHE_SECONDS = 3600
LOCAL_CACHE_SECONDS = 60
VERSION_KEY = "caselaw-search:version"

SCALAR_FACETS = {
    "court": "court_id",
    "court_level": "court_level",
    "year": "year",
    "outcome": "outcome",
    "child_victims": "child_victim",
    "transnational": "transnational",
    "compensation_awarded": "compensation_awarded",
    "non_punishment_applied": "non_punishment_applied",
    "original_language": "language",
}
ARRAY_FACETS = {
    "exploitation_form": "exploitation_form_ids",
    "means": "means_ids",
    "provision": "provision_ids",
}


@dataclass
class SearchResults:
    parsed: ParsedQuery
    ids: list[int]
    total: int
    page: int
    page_size: int
    ordering: str
    facets: dict[str, dict] = field(default_factory=dict)
    estimated: bool = False
    # True when a phrase was checked on PHRASE_CANDIDATES judgments only: `total` is then
    # the number found among them, a lower bound.
    capped: bool = False

    @property
    def num_pages(self) -> int:
        return max(1, min(MAX_PAGE, -(-self.total // self.page_size)))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.page_size + 1 if self.ids else 0


def _where_sql(queryset) -> tuple[str, list]:
    """Return the WHERE clause and parameters of a SearchDocument queryset."""
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        where, params = compiler.compile(queryset.query.where)
    except EmptyResultSet:
        # Django's way of saying no row can match, e.g. a year beyond the column's range.
        return "FALSE", []
    except FullResultSet:
        return "TRUE", []
    return (where or "TRUE"), list(params)


def _match_sql(parsed: ParsedQuery, where: str, params: list) -> tuple[str, list]:
    if parsed.tsquery is None:
        return where, params
    return f"({where}) AND document @@ %s::tsquery", [*params, parsed.tsquery]


def is_phrase(tsquery: str | None) -> bool:
    """Return whether `tsquery` has a phrase operator (<-> or <N>)."""
    return tsquery is not None and "<" in tsquery


def without_phrases(tsquery: str) -> str:
    """Return `tsquery` with every phrase operator turned into AND: the words in any order.

    A lexeme may itself hold "<" (lexemes are quoted, with quotes doubled), so the
    operators are found by walking the string outside quotes.
    """
    out: list[str] = []
    index, length, quoted = 0, len(tsquery), False
    while index < length:
        char = tsquery[index]
        if char == "'":
            quoted = not quoted
        elif char == "<" and not quoted:
            end = tsquery.index(">", index)
            out.append("&")
            index = end + 1
            continue
        out.append(char)
        index += 1
    return "".join(out)


def phrase_candidates_sql(tsquery: str, where: str, params: list) -> tuple[str, list]:
    """Return the SQL checking a phrase on at most PHRASE_CANDIDATES judgments.

    The candidates contain all the phrase's words, which the GIN index finds without reading
    any vector. Only the candidates have their full vector read to check the word order.
    The statement returns one row: the ids with the phrase, and the candidates checked.
    """
    sql = f"""
        WITH candidates AS MATERIALIZED (
            SELECT judgment_id, document FROM caselaw_search_searchdocument
            WHERE ({where}) AND document @@ %s::tsquery
            LIMIT {PHRASE_CANDIDATES}
        )
        SELECT coalesce(array_agg(judgment_id) FILTER (WHERE document @@ %s::tsquery), '{{}}'),
               count(*)
        FROM candidates
    """  # noqa: S608  # nosec B608 - constants and Django's compiled WHERE only
    return sql, [*params, without_phrases(tsquery), tsquery]


def result_ids_sql(
    parsed: ParsedQuery,
    where: str,
    params: list,
    *,
    ordering: str,
    offset: int,
    limit: int,
    many: bool = False,
    rank_tsquery: str | None = None,
) -> tuple[str, list]:
    """Return the SQL selecting one page of judgment ids in the requested order.

    With few matches (`many` false) the date order is an expression (decision_date + 0)
    that keeps the planner off the date index: the GIN bitmap and a top-N sort are
    cheap. With many matches, walking the date index backwards finds the first rows
    after a few steps, each reading one full vector to test the match. `rank_tsquery`
    (default: the parsed query) ranks the matches by relevance.
    """
    condition, params = _match_sql(parsed, where, params)
    rank_tsquery = rank_tsquery or parsed.tsquery
    table = "caselaw_search_searchdocument"
    date = "decision_date" if many else "decision_date + 0"
    if ordering == "relevance" and rank_tsquery is not None:
        if offset + limit > RANK_CANDIDATES:
            sql = f"""
                SELECT judgment_id FROM {table} WHERE {condition}
                ORDER BY {date} DESC, judgment_id DESC LIMIT %s OFFSET %s
            """  # noqa: S608  # nosec B608 - constants and Django's compiled WHERE only
            return sql, [*params, limit, offset]
        sql = f"""
            WITH candidates AS (
                SELECT judgment_id, decision_date, head FROM {table}
                WHERE {condition}
                ORDER BY {date} DESC, judgment_id DESC
                LIMIT {RANK_CANDIDATES}
            ), ranked AS (
                SELECT judgment_id, decision_date, ts_rank(head, %s::tsquery) AS rank
                FROM candidates
            )
            SELECT judgment_id FROM ranked
            ORDER BY rank DESC, decision_date DESC, judgment_id DESC
            LIMIT %s OFFSET %s
        """  # noqa: S608  # nosec B608 - constants and Django's compiled WHERE only
        return sql, [*params, rank_tsquery, limit, offset]
    direction = "ASC" if ordering == "date" else "DESC"
    sql = f"""
        SELECT judgment_id FROM {table} WHERE {condition}
        ORDER BY {date} {direction}, judgment_id {direction}
        LIMIT %s OFFSET %s
    """  # noqa: S608  # nosec B608 - constants and Django's compiled WHERE only
    return sql, [*params, limit, offset]


def facets_sql(parsed: ParsedQuery, where: str, params: list, *, sample: bool) -> tuple[str, list]:
    """Return one statement counting the matches and every facet value.

    Rows come out as (facet, value, count); facet "total" carries the match count. The
    array facets group by the whole array and are split into their terms in Python
    (a few hundred distinct arrays), which is far cheaper than unnesting every row.
    With `sample`, only the judgments in the 1-in-SAMPLE_RATE sample index are counted.
    """
    condition, params = _match_sql(parsed, where, params)
    if sample:
        condition = f"({condition}) AND judgment_id %% {SAMPLE_RATE} = 0"
    columns = {**SCALAR_FACETS, **ARRAY_FACETS}
    sets = ", ".join(f"({column})" for column in columns.values())
    cases = " ".join(
        f"WHEN GROUPING({column}) = 0 THEN '{name}'" for name, column in columns.items()
    )
    values = " ".join(
        f"WHEN GROUPING({column}) = 0 THEN {column}::text" for column in columns.values()
    )
    sql = f"""
        SELECT CASE {cases} ELSE 'total' END, CASE {values} END, count(*)
        FROM caselaw_search_searchdocument WHERE {condition}
        GROUP BY GROUPING SETS ({sets}, ())
    """  # noqa: S608  # nosec B608 - constants and Django's compiled WHERE only
    return sql, params


def _table_rows(cursor) -> int:
    cursor.execute(
        "SELECT greatest(reltuples, 1)::bigint FROM pg_class "
        "WHERE oid = 'caselaw_search_searchdocument'::regclass"
    )
    return cursor.fetchone()[0]


def _walk_is_cheaper(ordering: str, matches: int, rows: int) -> bool:
    """Return whether walking the date index beats a GIN bitmap over every match.

    The walk stops after the rows needed (one page by date, RANK_CANDIDATES by relevance),
    reading rows / matches rows per result.
    """
    needed = RANK_CANDIDATES if ordering == "relevance" else PAGE_SIZE
    walk = needed * rows / max(matches, 1) * WALK_COST_US
    return walk < matches * BITMAP_COST_US


def _read_facets(rows, *, scale: int = 1) -> tuple[int, dict[str, dict]]:
    total = 0
    facets: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for name, value, count in rows:
        if name == "total":
            total = count * scale
        elif name in ARRAY_FACETS:
            for term in (value or "{}").strip("{}").split(","):
                if term:
                    facets[name][term] += count * scale
        else:
            facets[name][value] += count * scale
    return total, {name: dict(counts) for name, counts in facets.items()}


def bump_version() -> None:
    """Forget every cached count and facet: called on each write to the search index."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _cache_seconds() -> int:
    backend = settings.CACHES["default"]["BACKEND"]
    return LOCAL_CACHE_SECONDS if backend.endswith("LocMemCache") else CACHE_SECONDS


def _cache_key(kind: str, sql: str, params: list) -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
    return f"caselaw-search:{kind}:{version}:{digest}"


def _cached(kind: str, statement: tuple[str, list], compute, *, use_cache: bool):
    """Return compute() for `statement`, from the cache when the index has not changed.

    The key is the statement itself: its SQL and parameters hold the query, the filters
    and the reader's visibility rule, so readers who may see different judgments never
    share an entry.
    """
    if not use_cache:
        return compute()
    key = _cache_key(kind, *statement)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, _cache_seconds())
    return value


def cached_value(name: str, compute):
    """Return compute(), cached until the next write to the index or its vocabularies."""
    return _cached(name, ("", []), compute, use_cache=True)


def _planner_rows(cursor, where: str, params: list) -> float:
    """Return PostgreSQL's estimate of the rows matching `where`, without running it."""
    sql = f"EXPLAIN (FORMAT JSON) SELECT 1 FROM caselaw_search_searchdocument WHERE {where}"  # noqa: S608  # nosec B608 - Django's compiled WHERE only
    cursor.execute(sql, params)
    return cursor.fetchone()[0][0]["Plan"]["Plan Rows"]


def _counts(cursor, parsed: ParsedQuery, where: str, params: list):
    """Return (total, facets, estimated): exact counts when affordable, else from the sample.

    For filters without words, the planner's estimate (from the column statistics) is
    close enough to skip the sample when it is far below EXACT_FACETS_LIMIT. For words,
    the sample decides, because the planner's word statistics are coarse.
    """
    if parsed.tsquery is None and _planner_rows(cursor, where, params) < EXACT_FACETS_LIMIT / 2:
        cursor.execute(*facets_sql(parsed, where, params, sample=False))
        total, facets = _read_facets(cursor.fetchall())
        return total, facets, False
    cursor.execute(*facets_sql(parsed, where, params, sample=True))
    total, facets = _read_facets(cursor.fetchall(), scale=SAMPLE_RATE)
    estimated = total > EXACT_FACETS_LIMIT
    if not estimated:
        cursor.execute(*facets_sql(parsed, where, params, sample=False))
        total, facets = _read_facets(cursor.fetchall())
    return total, facets, estimated


def _phrase_matches(cursor, tsquery: str, where: str, params: list) -> tuple[list[int], bool]:
    cursor.execute(*phrase_candidates_sql(tsquery, where, params))
    ids, checked = cursor.fetchone()
    return sorted(ids), checked >= PHRASE_CANDIDATES


def search(
    queryset,
    *,
    q: str | None,
    ordering: str = "relevance",
    page: int = 1,
    page_size: int = PAGE_SIZE,
    with_facets: bool = True,
    use_cache: bool = True,
) -> SearchResults:
    """Search within `queryset` (SearchDocument rows already filtered and visible).

    Runs at most six SQL statements whatever the page size and filters: the planner
    settings, the phrase check (phrases only), the facets of the sample, the exact facets
    when the sample shows few matches, the table size when it shows many, then the page
    of ids. Cached counts and phrase matches skip their statements.
    """
    parsed = parse(q)
    page_size = max(1, min(MAX_PAGE_SIZE, page_size))
    page = max(1, min(MAX_PAGE, page))
    if ordering not in ("relevance", "date", "-date"):
        ordering = "relevance"
    where, params = _where_sql(queryset)
    match, rank_tsquery, capped = parsed, None, False
    with transaction.atomic(), connection.cursor() as cursor:
        if parsed.tsquery is not None:
            # On a small table the planner prefers a sequential scan, which evaluates `@@`
            # on every row and so reads every full vector from TOAST; GIN reads none.
            # Parallel workers take 3 to 5 ms to start, more than a search gains from
            # them on a 2-core server that also runs the web workers.
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true), "
                "set_config('max_parallel_workers_per_gather', '0', true)"
            )
        if is_phrase(parsed.tsquery):
            statement = phrase_candidates_sql(parsed.tsquery, where, params)
            ids, capped = _cached(
                "phrase",
                statement,
                lambda: _phrase_matches(cursor, parsed.tsquery, where, params),
                use_cache=use_cache,
            )
            # The rest works on the judgments found: no vector is read again. The filters
            # and the visibility rule stay, so ids cached before a withdrawal never show.
            match = ParsedQuery(tsquery=None)
            rank_tsquery = without_phrases(parsed.tsquery)
            where, params = f"({where}) AND judgment_id = ANY(%s)", [*params, ids]
        total, facets, estimated = _cached(
            "counts",
            facets_sql(match, where, params, sample=True),
            lambda: _counts(cursor, match, where, params),
            use_cache=use_cache,
        )
        last_page = max(1, min(MAX_PAGE, -(-total // page_size)))
        page = min(page, last_page)
        offset = (page - 1) * page_size
        cursor.execute(
            *result_ids_sql(
                match,
                where,
                params,
                ordering=ordering,
                offset=offset,
                limit=page_size,
                many=estimated and _walk_is_cheaper(ordering, total, _table_rows(cursor)),
                rank_tsquery=rank_tsquery,
            )
        )
        ids = [row[0] for row in cursor.fetchall()]
    return SearchResults(
        parsed=parsed,
        ids=ids,
        total=total,
        page=page,
        page_size=page_size,
        ordering=ordering,
        facets=facets if with_facets else {},
        estimated=estimated,
        capped=capped,
    )
