"""Text normalisation shared by indexing and querying: one pipeline, so both sides agree.

A word becomes one or more lexemes in four steps:

1. lower case, and Serbian Cyrillic to Latin (common.transliteration), so "људима" and
   "ljudima" are the same word;
2. fold diacritics to ASCII ("ë" -> "e", "ç" -> "c", "č" -> "c"). "đ" has two common
   spellings without diacritics, "dj" and "d", so a word with "đ" yields both
   ("Đorđević" -> "djordjevic" and "dordevic");
3. stem in the language of the text: Snowball (PyStemmer) for Serbian and English, the
   light suffix stemmer of caselaw.search.albanian for Albanian;
4. fold again, because the Serbian Snowball stemmer rewrites "dj" as "đ".

Folding comes before stemming so a query typed without diacritics ("zrtvama") meets the
same stemmer input as the text ("žrtvama"); the Snowball stemmers lose a little accuracy
on folded input, which matters less than missing every query typed on a keyboard without
Albanian or Serbian letters.

A query word's language is unknown, so the query side stems it with all three stemmers
and searches for any of the resulting lexemes (see `query_lexemes`).

The lexemes are stored in a `simple` tsvector (no PostgreSQL dictionary touches them), so
every language, script and diacritic variant shares one GIN index.
"""

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import Stemmer

from caselaw.search import albanian
from common.transliteration import to_latin

# Words longer than this are not words (base64 blobs, run-together text); PostgreSQL
# rejects lexemes over 2,047 bytes anyway.
MAX_WORD_LENGTH = 60

# Highest position PostgreSQL stores in a tsvector; later words keep this position.
MAX_POSITION = 16383

INDEX_LANGUAGES = ("sq", "sr", "en")

# Unicode letters and digits; the underscore is not part of a word.
WORD_RE = re.compile(r"[^\W_]+")

_SPECIAL_FOLDS = {
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "ł": "l",
    "ı": "i",
    "þ": "th",
    "ð": "d",
}

# Words too frequent to help a search. They are left out of the index but still take a
# position, so phrases keep their distances ("trafficking in human beings").
STOP_WORDS = {
    "sq": frozenset(
        [
            "a",
            "apo",
            "as",
            "ashtu",
            "te",
            "ta",
            "tek",
            "e",
            "i",
            "iu",
            "ja",
            "je",
            "jo",
            "ka",
            "kam",
            "kane",
            "kemi",
            "keto",
            "kete",
            "ky",
            "kjo",
            "ku",
            "me",
            "mbi",
            "ne",
            "nga",
            "nje",
            "per",
            "pa",
            "por",
            "qe",
            "se",
            "si",
            "sipas",
            "te",
            "tij",
            "saj",
            "tyre",
            "u",
            "ua",
            "ve",
            "dhe",
            "edhe",
            "ose",
        ]
    ),
    "sr": frozenset(
        [
            "a",
            "ako",
            "ali",
            "bi",
            "bio",
            "bila",
            "bilo",
            "da",
            "do",
            "je",
            "jer",
            "ju",
            "kao",
            "ko",
            "koja",
            "koje",
            "koji",
            "li",
            "na",
            "nad",
            "ne",
            "nego",
            "ni",
            "niti",
            "o",
            "od",
            "ona",
            "one",
            "oni",
            "ono",
            "ova",
            "ovaj",
            "ove",
            "ovo",
            "pa",
            "po",
            "pod",
            "pri",
            "sa",
            "se",
            "si",
            "su",
            "ta",
            "taj",
            "te",
            "to",
            "u",
            "uz",
            "za",
            "i",
            "ili",
            "iz",
            "k",
            "s",
        ]
    ),
    "en": frozenset(
        [
            "a",
            "an",
            "and",
            "are",
            "as",
            "at",
            "be",
            "been",
            "but",
            "by",
            "for",
            "from",
            "had",
            "has",
            "have",
            "he",
            "her",
            "his",
            "if",
            "in",
            "into",
            "is",
            "it",
            "its",
            "of",
            "on",
            "or",
            "she",
            "that",
            "the",
            "their",
            "they",
            "this",
            "to",
            "was",
            "were",
            "which",
            "with",
        ]
    ),
}
ALL_STOP_WORDS = frozenset().union(*STOP_WORDS.values())

_STEMMERS = {
    "sr": Stemmer.Stemmer("serbian"),
    "en": Stemmer.Stemmer("english"),
}


def fold_char(char: str) -> str:
    if char in _SPECIAL_FOLDS:
        return _SPECIAL_FOLDS[char]
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(part for part in decomposed if not unicodedata.combining(part))


@lru_cache(maxsize=200_000)
def fold(word: str) -> tuple[str, ...]:
    """Return the diacritic-free spellings of a lower-case Latin word (two when it has "đ")."""
    if word.isascii():
        return (word,)
    if "đ" in word:
        return (*fold(word.replace("đ", "dj")), *fold(word.replace("đ", "d")))
    folded = "".join(fold_char(char) for char in word)
    return (folded,)


def stem(word: str, language: str) -> str:
    """Stem a folded word in `language`; unknown languages are not stemmed."""
    if language == "sq":
        return albanian.stem(word)
    stemmer = _STEMMERS.get(language)
    if stemmer is None:
        return word
    return stemmer.stemWord(word)


@lru_cache(maxsize=500_000)
def word_lexemes(word: str, language: str) -> tuple[str, ...]:
    """Return the lexemes one word of text in `language` is indexed under.

    Stop words and over-long words return an empty tuple.
    """
    lowered = to_latin(word.lower())
    if len(lowered) > MAX_WORD_LENGTH:
        return ()
    lexemes: list[str] = []
    for spelling in fold(lowered):
        if spelling in STOP_WORDS.get(language, ALL_STOP_WORDS):
            return ()
        for stemmed in fold(stem(spelling, language)):
            if stemmed and stemmed not in lexemes:
                lexemes.append(stemmed)
    return tuple(lexemes)


def query_lexemes(word: str) -> tuple[str, ...]:
    """Return every lexeme a query word may be indexed under, in any index language.

    A stop word of any language returns an empty tuple: the text of that language does not
    index it, so requiring it would hide every judgment in that language.
    """
    if is_stop_word(word):
        return ()
    lowered = to_latin(word.lower())
    if len(lowered) > MAX_WORD_LENGTH:
        # Such words are never indexed (word_lexemes), so the query must find nothing
        # rather than drop the word and find everything.
        return (fold(lowered)[0][: MAX_WORD_LENGTH + 1],)
    lexemes: list[str] = []
    for language in INDEX_LANGUAGES:
        for lexeme in word_lexemes(word, language):
            if lexeme not in lexemes:
                lexemes.append(lexeme)
    return tuple(lexemes)


def is_stop_word(word: str) -> bool:
    return any(spelling in ALL_STOP_WORDS for spelling in fold(to_latin(word.lower())))


def words(text: str) -> Iterator[str]:
    """Yield the words of `text` in order: runs of Unicode letters and digits."""
    for match in WORD_RE.finditer(text):
        yield match.group()


def text_lexemes(text: str, language: str, start: int = 1) -> Iterator[tuple[str, int]]:
    """Yield (lexeme, position) for each indexed word of `text`, positions from `start`."""
    position = start - 1
    for word in words(text):
        position += 1
        for lexeme in word_lexemes(word, language):
            yield lexeme, min(position, MAX_POSITION)


def normalise_for_trigram(text: str) -> str:
    """Return `text` lower-cased, in Latin script and folded: the form trigram search compares."""
    return " ".join(fold(to_latin(word.lower()))[-1] for word in words(text))
