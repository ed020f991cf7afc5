"""Highlighted snippets of the anonymised text, built in Python with the index's lexemes.

PostgreSQL's ts_headline would parse the text with its own dictionaries, which know
nothing of the folding and stemming in caselaw.search.normalise, so it would miss
"trafikimit" for the query "trafikimi". Here each word of the text goes through the same
`word_lexemes` as the index, and a word is highlighted when one of its lexemes is in the
query.
"""

import bisect
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from caselaw.search.normalise import INDEX_LANGUAGES, WORD_RE, word_lexemes

# Characters of text read to find a snippet; matches further in are not shown.
SCAN_LIMIT = 20_000
# Matches considered when choosing the densest window.
MAX_HITS = 200
SNIPPET_WORDS = 30


# Letters whose accented forms fold to them (normalise.fold), for the first pass.
_ACCENTED = {
    "a": "aàáâä",
    "c": "cçčć",
    "d": "dđ",
    "e": "eëéèê",
    "i": "iíìî",
    "o": "oóòôö",
    "s": "sš",
    "u": "uúùûü",
    "z": "zž",
}


# Each accented lower-case letter above and the letter it folds to.
_FOLDS = [(char, base) for base, chars in _ACCENTED.items() for char in chars if char != base]
_WORD_REST_RE = re.compile(r"[^\W_]*")


def _fold_in_place(text: str) -> str | None:
    """Return `text` in lower case with the letters of _ACCENTED folded, or None.

    Each step is one pass in C (str.translate with a dict costs about 1 ms per 15,000
    characters, ten times more). None when lower-casing changes the length (a rare letter
    such as "İ"), because the offsets must stay those of `text`.
    """
    folded = text.lower()
    if len(folded) != len(text):
        return None
    for char, base in _FOLDS:
        if char in folded:
            folded = folded.replace(char, base)
    return folded


def candidate_stems(lexemes: set[str], prefixes: set[str]) -> list[str]:
    """Return the folded stems whose words may match: every lexeme is a prefix of its words.

    A stem with "dj" is also searched with "d", the folded form of "đ".
    """
    stems = {stem for stem in lexemes | prefixes if stem.isascii()}
    stems |= {stem.replace("dj", "d") for stem in stems}
    return sorted(stems)


def candidate_spans(text: str, stems: list[str]) -> list[tuple[int, int]]:
    """Return the (start, end) of the words of `text` that start with one of `stems`.

    A fast first pass: the text is folded once, then each stem is found with str.find,
    which runs in C, instead of a regex tried at every position. `_matches` then confirms
    each candidate word.
    """
    folded = _fold_in_place(text)
    if folded is None:
        return [match.span() for match in WORD_RE.finditer(text)]
    spans: set[tuple[int, int]] = set()
    for stem in stems:
        start = folded.find(stem)
        while start != -1:
            before = folded[start - 1] if start else " "
            if not before.isalnum():
                end = _WORD_REST_RE.match(folded, start + len(stem)).end()
                spans.add((start, end))
            start = folded.find(stem, start + 1)
    return sorted(spans)


def _matches(word: str, language: str, lexemes: set[str], prefixes: set[str]) -> bool:
    languages = (language,) if language in INDEX_LANGUAGES else INDEX_LANGUAGES
    for lang in languages:
        for lexeme in word_lexemes(word, lang):
            if lexeme in lexemes or any(lexeme.startswith(prefix) for prefix in prefixes):
                return True
    return False


_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")


def _hits(scanned: str, language: str, lexemes: set[str], prefixes: set[str], cache: dict):
    """Return the (start, end) offsets of the words of `scanned` that match the query."""
    stems = candidate_stems(lexemes, prefixes)
    if stems and not _CYRILLIC_RE.search(scanned):
        spans = candidate_spans(scanned, stems)
    else:
        # Cyrillic text: its words are transliterated one by one in `_matches`.
        spans = [match.span() for match in WORD_RE.finditer(scanned)]
    hits = []
    for start, end in spans:
        word = scanned[start:end]
        key = (word, language)
        if key not in cache:
            cache[key] = _matches(word, language, lexemes, prefixes)
        if cache[key]:
            hits.append((start, end))
            if len(hits) >= MAX_HITS:
                break
    return hits


def snippet(
    text: str,
    language: str,
    lexemes: set[str],
    prefixes: set[str],
    *,
    words: int = SNIPPET_WORDS,
    cache: dict | None = None,
) -> SafeString:
    """Return about `words` words of `text` around its densest match, as safe HTML.

    Matching words are wrapped in <mark>; everything else is escaped. Without a match the
    snippet is the beginning of the text. Pass one `cache` to the snippets of a result
    page: words repeat across judgments.
    """
    if not text:
        return SafeString("")
    scanned = text[:SCAN_LIMIT]
    cache = {} if cache is None else cache
    hits = _hits(scanned, language, lexemes, prefixes, cache) if lexemes or prefixes else []
    window_start = 0
    if hits:
        # The window of about `words` words (7 characters each) holding the most matches.
        width = words * 7
        starts = [start for start, _ in hits]
        best = max(
            range(len(starts)),
            key=lambda i: bisect.bisect_left(starts, starts[i] + width) - i,
        )
        window_start = max(0, hits[best][0] - width // 4)
    hit_starts = {start for start, _ in hits}
    # The window runs from its first word to the end of its last. Only the marked words
    # split it, so the text is escaped in a few pieces rather than word by word.
    parts: list[str] = ["… " if window_start > 0 else ""]
    cursor = None
    for count, match in enumerate(WORD_RE.finditer(scanned, window_start), start=1):
        start, end = match.span()
        if cursor is None:
            cursor = start
        if start in hit_starts:
            parts.append(escape(scanned[cursor:start]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            cursor = end
        if count >= words:
            break
    if cursor is None:
        return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703 - constant text
    parts.append(escape(scanned[cursor:end]))
    if end < len(text.rstrip()):
        parts.append(" …")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703 - text escaped above
