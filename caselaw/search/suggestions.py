"""'Did you mean': close words and case numbers by trigram similarity (pg_trgm).

Compared against SearchTerm, a small vocabulary of the titles, summaries and case numbers
(tens of thousands of rows), never against the full texts.
"""

from django.db import connection

from caselaw.search.normalise import normalise_for_trigram

# pg_trgm similarity a suggestion needs; 0.3 is pg_trgm's own default threshold.
MIN_SIMILARITY = 0.3

_SQL = """
SELECT w.word, best.display
FROM unnest(%s::text[]) AS w(word)
CROSS JOIN LATERAL (
    SELECT display, term FROM caselaw_search_searchterm
    WHERE term %% w.word AND similarity(term, w.word) >= %s
    ORDER BY similarity(term, w.word) DESC, document_count DESC
    LIMIT 1
) AS best
WHERE best.term <> w.word
"""


def suggest(words: list[str]) -> list[str]:
    """Return a corrected query per misspelt word or case number: one SQL query."""
    normalised = [normalise_for_trigram(word) for word in words]
    normalised = [word for word in normalised if len(word) >= 3]
    if not normalised:
        return []
    phrase = " ".join(normalised)
    candidates = [*normalised, phrase] if len(normalised) > 1 else normalised
    with connection.cursor() as cursor:
        cursor.execute(_SQL, [candidates, MIN_SIMILARITY])
        replacements = dict(cursor.fetchall())
    if phrase in replacements and len(normalised) > 1:
        return [replacements[phrase]]
    if not replacements:
        return []
    return [" ".join(replacements.get(word, word) for word in normalised)]
