"""Parse the query syntax people know from web search into a PostgreSQL tsquery.

Supported syntax:

- words are required (implicit AND): `trafikim vajza`;
- `"quoted words"` must occur next to each other in that order (a phrase);
- `OR` (upper case) or `|` between two items accepts either: `lypje OR begging`;
- a leading minus excludes: `trafficking -labour`, `-"forced labour"`;
- a trailing `*` matches words starting with the prefix: `shfrytez*` (3 letters at least);
- a term with punctuation inside (`123/2019`, `P.nr.`) is searched as a phrase of its parts,
  which is how case numbers are found.

Every input string, however malformed, yields either a tsquery string or None ("no
query"), and never raises: unbalanced quotes close at the end, lone operators and
punctuation are ignored, and a query of only stop words or only exclusions is no query
(a GIN index cannot answer "everything except X" cheaply, and nobody means it).

The output is tsquery *input syntax* to be cast with `::tsquery`, not text for
`to_tsquery()`: the lexemes are already normalised by caselaw.search.normalise, and a
cast keeps PostgreSQL's parser and dictionaries from changing them again.
"""

from dataclasses import dataclass, field

from caselaw.search.normalise import (
    WORD_RE,
    fold,
    is_stop_word,
    query_lexemes,
)
from common.transliteration import to_latin

# Longer input is cut: nobody types more, and the tsquery stays small.
MAX_QUERY_LENGTH = 1000
# At most this many words (in all clauses and phrases) are searched for.
MAX_WORDS = 32
# A prefix search (`abc*`) needs this many letters; shorter ones match most of the index.
MIN_PREFIX_LENGTH = 3


@dataclass
class Word:
    text: str
    prefix: bool = False


@dataclass
class Phrase:
    words: list[str]


@dataclass
class Item:
    term: Word | Phrase
    negated: bool = False


@dataclass
class ParsedQuery:
    """The tsquery for a query string, and what the page needs to explain its results."""

    tsquery: str | None
    words: list[str] = field(default_factory=list)
    lexemes: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return self.tsquery is not None


def quote_lexeme(lexeme: str) -> str:
    """Quote a lexeme for tsquery input syntax."""
    escaped = lexeme.replace("\\", "\\\\").replace("'", "''")
    return f"'{escaped}'"


def _split_raw(text: str) -> list[tuple[str, str]]:
    """Split the input into ("phrase" | "term" | "or" | "not", text) tokens."""
    tokens: list[tuple[str, str]] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char.isspace():
            index += 1
            continue
        if char == '"':
            end = text.find('"', index + 1)
            end = length if end == -1 else end
            tokens.append(("phrase", text[index + 1 : end]))
            index = end + 1
            continue
        if char == "|":
            tokens.append(("or", char))
            index += 1
            continue
        if char == "-" and index + 1 < length and not text[index + 1].isspace():
            tokens.append(("not", char))
            index += 1
            continue
        end = index
        while end < length and not text[end].isspace() and text[end] not in '"|':
            end += 1
        raw = text[index:end]
        tokens.append(("or", raw) if raw == "OR" else ("term", raw))
        index = end
    return tokens


def _term_from_raw(raw: str) -> Word | Phrase | None:
    parts = WORD_RE.findall(raw)
    if not parts:
        return None
    if len(parts) == 1:
        prefix = raw.rstrip().endswith("*")
        return Word(parts[0], prefix=prefix)
    return Phrase(parts)


def parse_items(text: str) -> list[list[Item]]:
    """Parse `text` into AND-ed clauses, each a list of OR-ed items."""
    clauses: list[list[Item]] = []
    pending_or = False
    negate_next = False
    for kind, raw in _split_raw(text[:MAX_QUERY_LENGTH]):
        if kind == "or":
            pending_or = bool(clauses)
            negate_next = False
            continue
        if kind == "not":
            negate_next = True
            continue
        term = Phrase(WORD_RE.findall(raw)) if kind == "phrase" else _term_from_raw(raw)
        negated, negate_next = negate_next, False
        if term is None or (isinstance(term, Phrase) and not term.words):
            pending_or = False
            continue
        item = Item(term, negated=negated)
        if pending_or and not negated and not any(i.negated for i in clauses[-1]):
            clauses[-1].append(item)
        else:
            clauses.append([item])
        pending_or = False
    return clauses


class _Builder:
    """Turn parsed items into tsquery syntax, counting words against MAX_WORDS."""

    def __init__(self) -> None:
        self.words_left = MAX_WORDS
        self.result = ParsedQuery(tsquery=None)

    def word(self, word: Word, positive: bool) -> str | None:
        if self.words_left <= 0:
            return None
        if word.prefix:
            prefix = fold(to_latin(word.text.lower()))[-1]
            if len(prefix) >= MIN_PREFIX_LENGTH:
                self.words_left -= 1
                if positive:
                    self.result.words.append(word.text)
                    self.result.prefixes.add(prefix)
                return f"{quote_lexeme(prefix)}:*"
        lexemes = query_lexemes(word.text)
        if not lexemes:
            return None
        self.words_left -= 1
        if positive:
            self.result.words.append(word.text)
            self.result.lexemes.update(lexemes)
        alternatives = " | ".join(quote_lexeme(lexeme) for lexeme in lexemes)
        return f"( {alternatives} )" if len(lexemes) > 1 else alternatives

    def phrase(self, phrase: Phrase, positive: bool) -> str | None:
        parts: list[str] = []
        gap = 0
        for text in phrase.words:
            if parts and is_stop_word(text):
                gap += 1
                continue
            expression = self.word(Word(text), positive)
            if expression is None:
                continue
            if parts:
                operator = "<->" if gap == 0 else f"<{gap + 1}>"
                parts.append(operator)
            parts.append(expression)
            gap = 0
        if not parts:
            return None
        return "( " + " ".join(parts) + " )" if len(parts) > 1 else parts[0]

    def item(self, item: Item) -> str | None:
        positive = not item.negated
        if isinstance(item.term, Phrase):
            expression = self.phrase(item.term, positive)
        else:
            expression = self.word(item.term, positive)
        if expression is None:
            return None
        return f"!{expression}" if item.negated else expression


def parse(text: str | None) -> ParsedQuery:
    """Parse a web-search query into a ParsedQuery; its tsquery is None for "no query"."""
    if not text:
        return ParsedQuery(tsquery=None)
    builder = _Builder()
    positive: list[str] = []
    negative: list[str] = []
    for clause in parse_items(str(text)):
        expressions = [e for e in (builder.item(item) for item in clause) if e is not None]
        if not expressions:
            continue
        joined = " | ".join(expressions)
        target = negative if clause[0].negated else positive
        target.append(f"( {joined} )" if len(expressions) > 1 else joined)
    result = builder.result
    if positive:
        result.tsquery = " & ".join(positive + negative)
    return result
