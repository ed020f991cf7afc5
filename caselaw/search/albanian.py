"""A light suffix stemmer for Albanian, working on text already folded to ASCII.

Snowball has no Albanian stemmer and neither has PostgreSQL (15 ships Serbian and
English, among others). A full morphological analyser is out of reach, so this module
strips only the inflectional endings of nouns and adjectives, which carry case,
definiteness and number and make up most of the variation in judgments:
"trafikimi", "trafikimin", "trafikimit", "trafikimet" and "trafikimeve" all become
"trafikim". Derivational suffixes (-im, -ues, -ore) are kept because they change the
meaning ("trafikim" trafficking vs "trafikues" trafficker).

Why a suffix stemmer and not prefix matching (`trafik:*`): a prefix query walks every
index entry that starts with the prefix, so its cost grows with the vocabulary and it
matches unrelated words ("trafik" also finds "trafiku", road traffic). Stemming both the
text and the query gives one index entry per word and costs nothing at query time.
Prefix matching stays available on request with a trailing `*` (see query.py).

The stemmer must run on folded text ("ë" already "e", "ç" already "c") because queries
are often typed without diacritics: "ceshtjes" and "çështjes" then share one stem.
"""

# Longest endings first. Each is the folded spelling of a case, definiteness or plural
# ending: -eve and -ave (plural oblique), -esh and -ash (plural ablative), -it, -in, -et,
# -at, -es (from -ës), -se (from -së), -te (from -të), -en (from -ën), and a final vowel.
_SUFFIXES = (
    "eve",
    "ave",
    "esh",
    "ash",
    "ve",
    "it",
    "in",
    "et",
    "at",
    "es",
    "se",
    "te",
    "en",
    "i",
    "a",
    "e",
    "u",
)

# A stem keeps at least this many letters, so short words ("fat", "ligji" -> "ligj")
# are not cut down to fragments that collide with unrelated words.
MIN_STEM_LENGTH = 4


def stem(word: str) -> str:
    """Return the stem of a folded, lower-case Albanian word."""
    if len(word) <= MIN_STEM_LENGTH or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM_LENGTH:
            return word[: -len(suffix)]
    return word
