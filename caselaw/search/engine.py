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
- Counts and facets are exact and computed in one statement with GROUPING SETS over the
  narrow rows; the array facets (forms, means, provisions) are unnested in the same pass.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction

from caselaw.search.query import ParsedQuery, parse

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Matches ranked by relevance; later matches follow by date. See the module docstring.
RANK_CANDIDATES = 1000
# Pages beyond this are not served: nobody reads them and OFFSET grows linearly.
MAX_PAGE = 500

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
    where, params = compiler.compile(queryset.query.where) if queryset.query.where else ("", [])
    return (where or "TRUE"), list(params)


def _match_sql(parsed: ParsedQuery, where: str, params: list) -> tuple[str, list]:
    if parsed.tsquery is None:
        return where, params
    return f"({where}) AND document @@ %s::tsquery", [*params, parsed.tsquery]


def result_ids_sql(
    parsed: ParsedQuery, where: str, params: list, *, ordering: str, offset: int, limit: int
) -> tuple[str, list]:
    """Return the SQL selecting one page of judgment ids in the requested order."""
    condition, params = _match_sql(parsed, where, params)
    table = "caselaw_search_searchdocument"
    if ordering == "relevance" and parsed.tsquery is not None:
        # decision_date + 0 keeps the planner off the date index, whose backward walk
        # would read the full vector of every row it passes to test the match.
        sql = f"""
            WITH candidates AS (
                SELECT judgment_id, decision_date, head FROM {table}
                WHERE {condition}
                ORDER BY decision_date + 0 DESC, judgment_id DESC
                LIMIT {RANK_CANDIDATES}
            ), ranked AS (
                SELECT judgment_id, decision_date, ts_rank(head, %s::tsquery) AS rank
                FROM candidates
            )
            SELECT judgment_id FROM ranked
            ORDER BY rank DESC, decision_date DESC, judgment_id DESC
            LIMIT %s OFFSET %s
        """  # noqa: S608 - only constants and Django's compiled WHERE are interpolated
        params = [*params, parsed.tsquery, limit, offset]
        if offset + limit > RANK_CANDIDATES:
            sql = f"""
                SELECT judgment_id FROM {table} WHERE {condition}
                ORDER BY decision_date + 0 DESC, judgment_id DESC LIMIT %s OFFSET %s
            """  # noqa: S608 - only constants and Django's compiled WHERE are interpolated
            params = [*params[:-3], limit, offset]
        return sql, params
    direction = "ASC" if ordering == "date" else "DESC"
    sql = f"""
        SELECT judgment_id FROM {table} WHERE {condition}
        ORDER BY decision_date + 0 {direction}, judgment_id {direction}
        LIMIT %s OFFSET %s
    """  # noqa: S608 - only constants and Django's compiled WHERE are interpolated
    return sql, [*params, limit, offset]


def facets_sql(parsed: ParsedQuery, where: str, params: list) -> tuple[str, list]:
    """Return one statement counting the matches and every facet value.

    Rows come out as (facet, value, count); facet "total" carries the match count.
    """
    condition, params = _match_sql(parsed, where, params)
    sets = ", ".join(f"({column})" for column in SCALAR_FACETS.values())
    scalar_columns = ", ".join(SCALAR_FACETS.values())
    cases = " ".join(
        f"WHEN GROUPING({column}) = 0 THEN '{name}'" for name, column in SCALAR_FACETS.items()
    )
    values = " ".join(
        f"WHEN GROUPING({column}) = 0 THEN {column}::text" for column in SCALAR_FACETS.values()
    )
    arrays = ", ".join(ARRAY_FACETS.values())
    array_unions = " UNION ALL ".join(
        f"SELECT '{name}', value::text, count(*) FROM matches, unnest({column}) AS value "  # noqa: S608
        "GROUP BY value"
        for name, column in ARRAY_FACETS.items()
    )
    sql = f"""
        WITH matches AS MATERIALIZED (
            SELECT {scalar_columns}, {arrays} FROM caselaw_search_searchdocument
            WHERE {condition}
        )
        SELECT CASE {cases} ELSE 'total' END, CASE {values} END, count(*)
        FROM matches GROUP BY GROUPING SETS ({sets}, ())
        UNION ALL {array_unions}
    """  # noqa: S608 - only constants and Django's compiled WHERE are interpolated
    return sql, params


def _read_facets(rows) -> tuple[int, dict[str, dict]]:
    total = 0
    facets: dict[str, dict] = defaultdict(dict)
    for name, value, count in rows:
        if name == "total":
            total = count
        else:
            facets[name][value] = count
    return total, dict(facets)


def search(
    queryset,
    *,
    q: str | None,
    ordering: str = "relevance",
    page: int = 1,
    page_size: int = PAGE_SIZE,
    with_facets: bool = True,
) -> SearchResults:
    """Search within `queryset` (SearchDocument rows already filtered and visible).

    Runs three SQL statements whatever the page size and filters: a planner setting, the
    count with every facet, then the page of ids.
    """
    parsed = parse(q)
    page_size = max(1, min(MAX_PAGE_SIZE, page_size))
    page = max(1, min(MAX_PAGE, page))
    if ordering not in ("relevance", "date", "-date"):
        ordering = "relevance"
    where, params = _where_sql(queryset)
    with transaction.atomic(), connection.cursor() as cursor:
        # On a small table the planner prefers a sequential scan, which evaluates `@@` on
        # every row and so reads every full vector from TOAST; the GIN index reads none.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(*facets_sql(parsed, where, params))
        total, facets = _read_facets(cursor.fetchall())
        last_page = max(1, min(MAX_PAGE, -(-total // page_size)))
        page = min(page, last_page)
        offset = (page - 1) * page_size
        cursor.execute(
            *result_ids_sql(
                parsed, where, params, ordering=ordering, offset=offset, limit=page_size
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
    )
