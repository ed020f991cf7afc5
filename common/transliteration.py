"""Serbian Cyrillic and Latin transliteration, and the script rule for pages.

Serbian is written in both scripts with a one-to-one letter mapping (Vuk Karadžić's
Cyrillic and Gaj's Latin), except that the Latin digraphs lj, nj and dž stand for one
Cyrillic letter each.
"""

from django.utils.translation import get_language

_CYRILLIC_TO_LATIN = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "Đ", "Е": "E", "Ж": "Ž",
    "З": "Z", "И": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "Lj", "М": "M", "Н": "N",
    "Њ": "Nj", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "Ć", "У": "U",
    "Ф": "F", "Х": "H", "Ц": "C", "Ч": "Č", "Џ": "Dž", "Ш": "Š",
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž",
    "з": "z", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n",
    "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u",
    "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
}  # fmt: skip

_LATIN_DIGRAPHS = {
    "Lj": "Љ", "LJ": "Љ", "lj": "љ", "Nj": "Њ", "NJ": "Њ", "nj": "њ",
    "Dž": "Џ", "DŽ": "Џ", "dž": "џ",
}  # fmt: skip

_LATIN_TO_CYRILLIC = {
    latin: cyrillic for cyrillic, latin in _CYRILLIC_TO_LATIN.items() if len(latin) == 1
}
_CYRILLIC_TO_LATIN_TABLE = str.maketrans(_CYRILLIC_TO_LATIN)


def to_latin(text: str) -> str:
    """Transliterate Serbian Cyrillic letters to Latin; other characters pass through."""
    return text.translate(_CYRILLIC_TO_LATIN_TABLE)


def to_cyrillic(text: str) -> str:
    """Transliterate Serbian Latin letters to Cyrillic; other characters pass through.

    NOTE: a few Serbian words (e.g. "konjunkcija") spell n+j as two letters; they come out
    with the single letter њ. No dictionary of such exceptions is kept.
    """
    result = []
    index = 0
    while index < len(text):
        pair = text[index : index + 2]
        if pair in _LATIN_DIGRAPHS:
            result.append(_LATIN_DIGRAPHS[pair])
            index += 2
            continue
        char = text[index]
        result.append(_LATIN_TO_CYRILLIC.get(char, char))
        index += 1
    return "".join(result)


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)


def for_page_script(text: str, language: str | None = None) -> str:
    """Return Serbian text in the script of the page language.

    On an sr-latn page Cyrillic becomes Latin, and on an sr page Latin becomes Cyrillic.
    Call it only on text known to be Serbian: on other pages the text is returned as is.
    """
    language = language or get_language() or ""
    if language == "sr-latn":
        return to_latin(text)
    if language == "sr":
        return to_cyrillic(text)
    return text
