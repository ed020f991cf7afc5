"""Highlighted snippets of the anonymised text, built in Python with the index's lexemes.

PostgreSQL's ts_headline would parse the text with its own dictionaries, which know
nothing of the folding and stemming in caselaw.search.normalise, so it would miss
"trafikimit" for the query "trafikimi". Here each word of the text goes through the same
`word_lexemes` as the index, and a word is highlighted when one of its lexemes is in the
query.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from caselaw.search.normalise import INDEX_LANGUAGES, WORD_RE, word_lexemes

# Characters of text read to find a snippet; matches further in are not shown.
SCAN_LIMIT = 20_000
# Matches considered when choosing the densest window.
MAX_HITS = 200
SNIPPET_WORDS = 30


def _matches(word: str, language: str, lexemes: set[str], prefixes: set[str]) -> bool:
    languages = (language,) if language in INDEX_LANGUAGES else INDEX_LANGUAGES
    for lang in languages:
        for lexeme in word_lexemes(word, lang):
            if lexeme in lexemes or any(lexeme.startswith(prefix) for prefix in prefixes):
                return True
    return False


def snippet(
    text: str,
    language: str,
    lexemes: set[str],
    prefixes: set[str],
    *,
    words: int = SNIPPET_WORDS,
    cache: dict | None = None,
) -> SafeString:
    """Return about `words` words of `text` around its first densest match, as safe HTML.

    Matching words are wrapped in <mark>; everything else is escaped. Without a match the
    snippet is the beginning of the text.
    """
    if not text:
        return mark_safe("")
    spans = [match.span() for match in WORD_RE.finditer(text[:SCAN_LIMIT])]
    if not spans:
        return escape(text[:300])
    # Pass one `cache` to the snippets of a result page: words repeat across judgments.
    cache = {} if cache is None else cache
    hits: list[int] = []
    for index, (start, end) in enumerate(spans if lexemes or prefixes else ()):
        word = text[start:end]
        key = (word, language)
        if key not in cache:
            cache[key] = _matches(word, language, lexemes, prefixes)
        if cache[key]:
            hits.append(index)
            if len(hits) >= MAX_HITS:
                break
    first = 0
    if hits:
        best, best_count = hits[0], 0
        for hit in hits:
            count = sum(1 for other in hits if hit <= other < hit + words)
            if count > best_count:
                best, best_count = hit, count
        first = max(0, best - words // 4)
    last = min(len(spans), first + words) - 1
    hit_set = set(hits)
    parts: list[str] = ["… " if first > 0 else ""]
    cursor = spans[first][0]
    for index in range(first, last + 1):
        start, end = spans[index]
        parts.append(escape(text[cursor:start]))
        word = escape(text[start:end])
        parts.append(f"<mark>{word}</mark>" if index in hit_set else word)
        cursor = end
    if last < len(spans) - 1:
        parts.append(" …")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above
