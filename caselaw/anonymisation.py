"""Find and replace the persons and personal identifiers in a judgment's text.

The editor lists the persons to protect, each with a pseudonym. ``find_findings``
returns every span of the original text to replace, ``apply_findings`` replaces
them, and ``anonymise`` does both. The module is pure Python and keeps no state.

How names are found
    The text is *folded* into a matching key: Serbian Cyrillic becomes Latin, letters
    become lower case, diacritics go (ë -> e, ć -> c, đ -> d), and the spellings that
    Albanian and Serbian use for one sound become one letter (dj/gj -> d, sh -> s,
    zh -> z, xh/dž/dz -> x, q -> c, y -> i). Every folded character remembers the
    span of original characters it came from, so matches map back exactly.
    Each listed name part is folded the same way and expanded into its inflected
    forms by a table of endings. Words of the folded text are looked up in that
    table, adjacent name words are joined into one full name, and each name gets
    the pseudonym of the person it belongs to.

How identifiers are found
    Regular expressions with validation: Kosovo personal numbers and Serbian JMBG,
    phone numbers, e-mail addresses, dates near a birth marker, street addresses,
    vehicle plates, passport numbers, IBANs and 16-digit account numbers. Each is
    replaced by a fixed English placeholder such as ``[phone]``.

When findings overlap, the one that starts first wins, then the longer one, so an
e-mail address or street address that contains a name is replaced as a whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from common.transliteration import to_latin

PERSON = "person"
PERSONAL_NUMBER = "personal_number"
PHONE = "phone"
EMAIL = "email"
DATE_OF_BIRTH = "date_of_birth"
ADDRESS = "address"
VEHICLE_PLATE = "vehicle_plate"
PASSPORT = "passport"
BANK_ACCOUNT = "bank_account"

PLACEHOLDERS = {
    PERSONAL_NUMBER: "[personal number]",
    PHONE: "[phone]",
    EMAIL: "[e-mail]",
    DATE_OF_BIRTH: "[date of birth]",
    ADDRESS: "[address]",
    VEHICLE_PLATE: "[vehicle plate]",
    PASSPORT: "[passport]",
    BANK_ACCOUNT: "[bank account]",
}

# Separator of the pseudonyms in the replacement of a name shared by several persons.
AMBIGUOUS_SEPARATOR = "/"


@dataclass(frozen=True)
class Person:
    """A person to protect, with the name as written in the judgment."""

    name: str
    pseudonym: str
    role: str = "victim"


@dataclass(frozen=True)
class Finding:
    """A span of the original text and what replaces it.

    ``person_index`` is the position of the person in the list passed in, or None for
    an identifier and for a name shared by several listed persons. ``needs_review``
    marks a replacement the editor should look at: a capitalised name that is also a
    common word, alone at the start of a sentence.
    """

    start: int
    end: int
    text: str
    kind: str
    replacement: str
    person_index: int | None
    needs_review: bool = False


@dataclass(frozen=True)
class AnonymisationResult:
    text: str
    findings: list[Finding]


# ---------------------------------------------------------------------------
# Folding
# ---------------------------------------------------------------------------

# Letters that NFD does not decompose, and Albanian letters with a Serbian equivalent.
_LETTER_FOLDS = {"đ": "d", "ı": "i", "ł": "l", "ø": "o", "q": "c", "y": "i"}

# Two folded letters that spell one sound, merged into one letter. Serbian dž folds
# to "dz" first, so it meets Albanian xh as "x".
_DIGRAPH_FOLDS = {"dj": "d", "gj": "d", "sh": "s", "zh": "z", "xh": "x", "dz": "x"}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    latin = to_latin(char).lower()
    decomposed = unicodedata.normalize("NFD", latin)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(_LETTER_FOLDS.get(c, c) for c in stripped)


@dataclass(frozen=True)
class FoldedText:
    """A matching key of a text, with the original span behind each character."""

    text: str
    starts: list[int]
    ends: list[int]

    def original_span(self, start: int, end: int, original: str) -> tuple[int, int]:
        """Map a span of the folded text back to the original text.

        The end also covers combining marks that follow, so a decomposed "ë"
        (e + U+0308) is never cut in half.
        """
        original_start = self.starts[start]
        original_end = self.ends[end - 1]
        while original_end < len(original) and unicodedata.combining(original[original_end]):
            original_end += 1
        return original_start, original_end


_DIGRAPH_RE = re.compile("|".join(_DIGRAPH_FOLDS))


def fold(text: str) -> FoldedText:
    """Fold ``text`` into its matching key (see the module docstring)."""
    table = {char: _fold_char(char) for char in set(text)}
    if all(len(folded) == 1 for folded in table.values()):
        # Fast path: one folded letter per original character.
        letters = "".join([table[char] for char in text])
        starts = list(range(len(text)))
        ends = list(range(1, len(text) + 1))
    else:
        letters, starts, ends = _fold_each_character(text, table)
    if _DIGRAPH_RE.search(letters) is None:
        return FoldedText(letters, starts, ends)
    return _merge_digraphs(letters, starts, ends)


def _fold_each_character(text: str, table: dict[str, str]) -> tuple[str, list[int], list[int]]:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        for folded in table[char]:
            chars.append(folded)
            starts.append(index)
            ends.append(index + 1)
    return "".join(chars), starts, ends


def _merge_digraphs(letters: str, starts: list[int], ends: list[int]) -> FoldedText:
    """Replace each digraph, left to right, by its one letter spanning both originals."""
    pieces: list[str] = []
    merged_starts: list[int] = []
    merged_ends: list[int] = []
    position = 0
    for match in _DIGRAPH_RE.finditer(letters):
        first, second = match.span()[0], match.span()[1] - 1
        pieces.append(letters[position:first])
        merged_starts += starts[position:first]
        merged_ends += ends[position:first]
        pieces.append(_DIGRAPH_FOLDS[match.group()])
        merged_starts.append(starts[first])
        merged_ends.append(ends[second])
        position = second + 1
    pieces.append(letters[position:])
    merged_starts += starts[position:]
    merged_ends += ends[position:]
    return FoldedText("".join(pieces), merged_starts, merged_ends)


def fold_word(text: str) -> str:
    return fold(text).text


# ---------------------------------------------------------------------------
# Name forms
# ---------------------------------------------------------------------------
# Albanian and Serbian names decline, and a judgment uses every case. A rule-based
# table of endings was chosen over a morphological analyser or a statistical
# tagger because names are mostly absent from dictionaries, there is no maintained
# Albanian analyser in Python, and an editor can read and extend a table. Endings
# are written folded (ë -> e, š -> s), like the text they are matched against.

# Albanian: Krasniqi -> Krasniqit, Krasniqin; Arbër -> Arbërit; Besa -> Besës,
# Besën; Mark -> Markut, Markun; Berisha -> Berishët, Berishëve.
ALBANIAN_ENDINGS = (
    "i", "it", "in", "a", "es", "se", "en", "ne", "e", "u", "ut", "un",
    "ja", "je", "jes", "jen", "et", "ve", "eve",
)  # fmt: skip

# Serbian nouns: Miloš -> Miloša, Milošu, Milošem; Jelena -> Jelene, Jeleni, Jelenu,
# Jelenom; Petrović -> Petrovića, Petroviću, Petrovićem, Petrovići, Petrovićima.
# Adjectival surnames: Nikolovski -> Nikolovskog, Nikolovskom, Nikolovskoj.
# Possessives: Markov, Petrovićev, Jelenin with their own case endings.
SERBIAN_ENDINGS = (
    "a", "u", "om", "em", "e", "i", "o", "ima", "ama",
    "og", "oga", "omu", "ome", "oj", "im", "ih",
    "ov", "ova", "ove", "ovi", "ovo", "ovog", "ovoj", "ovom", "ovu",
    "ev", "eva", "eve", "evi", "evo", "evog", "evoj", "evom", "evu",
    "in", "ina", "ine", "ini", "ino", "inog", "inoj", "inom", "inu",
)  # fmt: skip

NAME_ENDINGS = frozenset(ALBANIAN_ENDINGS) | frozenset(SERBIAN_ENDINGS)

# Albanian endings that follow a vowel only (Krasniqi -> Krasniqit, Krasniqin);
# after a consonant they would make words such as "Bent" from "Ben".
AFTER_VOWEL_ENDINGS = frozenset({"s", "n", "t", "ne", "se", "ve", "ja", "je"})

# Final vowels that are themselves a case ending and give way to the others:
# Besa -> Bes-ës, Jelena -> Jelen-om, Marko -> Mark-a, Đorđe -> Đorđ-em.
DECLENSION_VOWELS = frozenset("aeiou")

# NOTE: stem changes are not modelled: Serbian fleeting a (Stanac -> Stanca) and
# sibilarisation (Milka -> Milci, Olga -> Olzi) are missed; list such forms as
# extra persons with the same pseudonym.

# Given names that are also common words in Albanian or Serbian (folded). A lower
# case occurrence of one of them is read as the word and left alone; a capitalised
# one is read as the name. NOTE: a capitalised word at the start of a sentence, a
# heading or a proper name ("Shpresa" as an NGO) is still replaced, so when such a
# name is alone at a sentence start the finding is marked needs_review.
# Albanian: light, hope, butterfly, beauty, flower, star, sun, snow, bee, faith or
# pledge, love, dawn, joy, eagle, white, freedom, life, day, summer, wind, good,
# source, noble, brave, side, resistance, mimosa, violet, happiness.
_ALBANIAN_WORD_NAMES = (
    "Drita", "Shpresa", "Flutura", "Bukuroshe", "Lule", "Yll", "Ylli", "Dielli", "Bora",
    "Bleta", "Besa", "Dashuri", "Agim", "Gëzim", "Gëzime", "Shqipe", "Bardh", "Bardha",
    "Liria", "Jeta", "Dita", "Vera", "Era", "Mira", "Burim", "Fisnik", "Trim", "Ana",
    "Qëndresa", "Mimoza", "Vjollca", "Lumturie",
)  # fmt: skip
# Serbian: hope, dawn, spring, love, faith, dear, glory, glad, gold, rose,
# strawberry, cherry, violet, joy, wolf, lion, pine, peace, government, the river
# Sava, luck, dear.
_SERBIAN_WORD_NAMES = (
    "Nada", "Zora", "Vesna", "Ljubav", "Vera", "Mila", "Slava", "Rada", "Zlata", "Ruža",
    "Jagoda", "Višnja", "Ljubica", "Radost", "Vuk", "Lav", "Bor", "Mir", "Vlada", "Sava",
    "Srećko", "Dragan",
)  # fmt: skip
COMMON_WORD_NAMES = frozenset(
    fold_word(word) for word in _ALBANIAN_WORD_NAMES + _SERBIAN_WORD_NAMES
)

# A name part must have at least this many folded letters; shorter parts are
# treated as initials.
MIN_NAME_PART_LENGTH = 2


@dataclass(frozen=True)
class NameForm:
    """One inflected form of one name part of one listed person."""

    person_index: int
    part_number: int
    is_common_word: bool
    # True when the form is the part as listed plus an ending (Krasniqi-t); False
    # when the ending replaced the final vowel (Bes-ës). Lower-case text matches
    # only the former, because vowel-less stems make ordinary words (Mark-a).
    keeps_full_part: bool


def inflected_forms(part: str) -> dict[str, bool]:
    """Return the folded inflected forms of a folded name part.

    Each value is True when the form keeps the whole part (see NameForm).
    """
    forms = {part: True}
    for ending in NAME_ENDINGS:
        forms.setdefault(part + ending, True)
    if part[-1] in DECLENSION_VOWELS:
        for ending in AFTER_VOWEL_ENDINGS:
            forms.setdefault(part + ending, True)
        stem = part[:-1]
        if len(stem) >= MIN_NAME_PART_LENGTH:
            for ending in NAME_ENDINGS:
                forms.setdefault(stem + ending, False)
    return forms


_DIGRAPH_INITIALS = ("lj", "nj", "dž", "dz", "sh", "gj", "xh", "zh", "dh", "th", "ll", "rr")


def initial_keys(part: str) -> set[str]:
    """Return the folded initials a name part may be abbreviated to (Ljubica: L., Lj.)."""
    latin = to_latin(part)
    keys = {fold_word(latin[:1])}
    if latin[:2].lower() in _DIGRAPH_INITIALS:
        keys.add(fold_word(latin[:2]))
    return keys


def name_parts(name: str) -> list[str]:
    """Split a listed name into its parts, leaving out particles such as "van" or "de".

    Hyphenated parts count as two parts, because either may be used alone.
    """
    parts = []
    for word in re.split(r"[\s\-‐]+", name.strip()):
        word = word.strip(".,;:'\"()")
        if not word or word.islower():
            continue
        parts.append(word)
    return parts


@dataclass
class NameIndex:
    """Lookup tables from folded words and initials to listed persons."""

    forms: dict[str, list[NameForm]]
    # Folded initial -> (person index, part number) pairs it may stand for.
    initials: dict[str, set[tuple[int, int]]]
    part_counts: list[int]
    # Lower-case words of the listed names ("van" in "Johan van Dijk"), which may
    # stand between two name parts.
    particles: frozenset[str]


def build_name_index(persons: Sequence[Person]) -> NameIndex:
    forms: dict[str, list[NameForm]] = {}
    initials: dict[str, set[tuple[int, int]]] = {}
    part_counts = []
    for person_index, person in enumerate(persons):
        parts = name_parts(person.name)
        part_counts.append(len(parts))
        for part_number, part in enumerate(parts):
            for key in initial_keys(part):
                initials.setdefault(key, set()).add((person_index, part_number))
            folded = fold_word(part)
            if len(folded) < MIN_NAME_PART_LENGTH:
                continue
            is_common_word = folded in COMMON_WORD_NAMES
            for form, keeps_full_part in inflected_forms(folded).items():
                forms.setdefault(form, []).append(
                    NameForm(person_index, part_number, is_common_word, keeps_full_part)
                )
    particles = frozenset(
        fold_word(word)
        for person in persons
        for word in person.name.split()
        if word.islower() and "." not in word
    )
    return NameIndex(forms, initials, part_counts, particles)


# ---------------------------------------------------------------------------
# Name tokens, runs and segments
# ---------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_]+")
_SENTENCE_END = frozenset(".!?…")
_OPENING_MARKS = frozenset("\"'„“”«»‘’([—–-")


@dataclass(frozen=True)
class NameToken:
    """A word or initial of the text that may belong to a listed person."""

    start: int  # folded span, including the dot of an initial
    end: int
    original_start: int
    original_end: int
    matches: tuple[NameForm, ...]  # empty for an initial
    parts: dict[int, frozenset[int]]  # person index -> part numbers it may be
    is_initial: bool

    @property
    def persons(self) -> frozenset[int]:
        return frozenset(self.parts)

    @property
    def common_word_only(self) -> bool:
        return bool(self.matches) and all(match.is_common_word for match in self.matches)


def _is_initial(folded: FoldedText, original: str, start: int, end: int) -> bool:
    if end >= len(folded.text) or folded.text[end] != ".":
        return False
    original_start, original_end = folded.original_span(start, end, original)
    letters = original[original_start:original_end]
    return len(letters) <= 2 and letters[0].isupper()


def _accepted_matches(matches: Iterable[NameForm], word: str) -> tuple[NameForm, ...]:
    if not word.islower():
        return tuple(matches)
    return tuple(m for m in matches if m.keeps_full_part and not m.is_common_word)


def name_tokens(folded: FoldedText, original: str, index: NameIndex) -> list[NameToken]:
    """Return the words and initials of the text that may belong to a listed person."""
    tokens = []
    for word_match in _WORD_RE.finditer(folded.text):
        key = word_match.group()
        start, end = word_match.span()
        if key in index.initials and _is_initial(folded, original, start, end):
            pairs = index.initials[key]
            matches: tuple[NameForm, ...] = ()
            # The token takes in the dot after the initial.
            end += 1
            original_start, original_end = folded.original_span(start, end, original)
        elif key in index.forms:
            original_start, original_end = folded.original_span(start, end, original)
            word = original[original_start:original_end]
            matches = _accepted_matches(index.forms[key], word)
            pairs = {(match.person_index, match.part_number) for match in matches}
        else:
            continue
        if pairs:
            tokens.append(
                NameToken(
                    start=start,
                    end=end,
                    original_start=original_start,
                    original_end=original_end,
                    matches=matches,
                    parts=_parts_by_person(pairs),
                    is_initial=not matches,
                )
            )
    return tokens


def _parts_by_person(pairs: Iterable[tuple[int, int]]) -> dict[int, frozenset[int]]:
    parts: dict[int, set[int]] = {}
    for person, part in pairs:
        parts.setdefault(person, set()).add(part)
    return {person: frozenset(numbers) for person, numbers in parts.items()}


def _joins(folded_text: str, left: NameToken, right: NameToken, particles: frozenset[str]) -> bool:
    """Tell whether two tokens are adjacent parts of one written name."""
    gap = folded_text[left.end : right.start]
    if gap in ("-", "‐"):
        return True
    if gap == "":
        return left.is_initial
    if gap.count("\n") > 1:
        return False
    return all(word in particles for word in gap.split())


def group_runs(
    folded_text: str, tokens: list[NameToken], particles: frozenset[str] = frozenset()
) -> list[list[NameToken]]:
    """Group tokens separated only by spaces, a hyphen or the listed particles."""
    runs: list[list[NameToken]] = []
    for token in tokens:
        if runs and _joins(folded_text, runs[-1][-1], token, particles):
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs


def fits_person(segment: Sequence[NameToken], person: int) -> bool:
    """Tell whether each token of the segment can be a different name part of the person.

    So "Agim Berisha" fits Agim Berisha, while "D. D." does not fit Drita Gashi.
    This is a bipartite matching of tokens to parts, found by augmenting paths
    (Kuhn's algorithm) so that repeated initials cannot make it exponential.
    """
    options = [token.parts.get(person, frozenset()) for token in segment]
    if not all(options):
        return False
    token_of_part: dict[int, int] = {}

    def augment(token: int, visited: set[int]) -> bool:
        for part in options[token]:
            if part in visited:
                continue
            visited.add(part)
            holder = token_of_part.get(part)
            if holder is None or augment(holder, visited):
                token_of_part[part] = token
                return True
        return False

    return all(augment(token, set()) for token in range(len(segment)))


def candidate_persons(segment: Sequence[NameToken]) -> list[int]:
    """Return the persons the whole segment may name, in listed order."""
    return [person for person in sorted(segment[0].persons) if fits_person(segment, person)]


def split_run(run: list[NameToken]) -> list[list[NameToken]]:
    """Split a run of name tokens into names, each as long as one person allows.

    Greedy from the left: a name grows while some listed person has every token
    in it as a different name part, so "Agim Berisha Besnik Berisha" splits into
    two names.
    """
    segments = []
    index = 0
    while index < len(run):
        end = index + 1
        while end < len(run) and candidate_persons(run[index : end + 1]):
            end += 1
        segments.append(run[index:end])
        index = end
    return segments


def _is_sentence_start(original: str, position: int) -> bool:
    index = position - 1
    while index >= 0 and (original[index].isspace() or original[index] in _OPENING_MARKS):
        index -= 1
    return index < 0 or original[index] in _SENTENCE_END


def person_finding(
    segment: list[NameToken], original: str, persons: Sequence[Person], index: NameIndex
) -> Finding | None:
    """Build the finding of one written name, or None when it is too weak to count.

    A name shared by several listed persons goes to the one person it names in
    full ("Agim Berisha"). Otherwise it is ambiguous ("Berisha" alone for two
    brothers) and gets the pseudonyms of all candidates in listed order, joined
    by "/" ("V1/V2"), so the text attributes it to no single person. Initials
    alone count only when there are at least two of them.
    """
    if all(token.is_initial for token in segment) and len(segment) < 2:
        return None
    candidates = candidate_persons(segment)
    if not candidates:
        return None
    # The tokens fit distinct parts, so as many tokens as parts is the full name.
    complete = [p for p in candidates if len(segment) >= index.part_counts[p]]
    if len(candidates) == 1:
        person_index: int | None = candidates[0]
    elif len(complete) == 1:
        person_index = complete[0]
    else:
        person_index = None

    if person_index is None:
        pseudonyms = dict.fromkeys(persons[i].pseudonym for i in candidates)
        replacement = AMBIGUOUS_SEPARATOR.join(pseudonyms)
    else:
        replacement = persons[person_index].pseudonym

    start = segment[0].original_start
    end = segment[-1].original_end
    needs_review = (
        len(segment) == 1 and segment[0].common_word_only and _is_sentence_start(original, start)
    )
    return Finding(start, end, original[start:end], PERSON, replacement, person_index, needs_review)


def find_person_findings(text: str, folded: FoldedText, persons: Sequence[Person]) -> list[Finding]:
    index = build_name_index(persons)
    tokens = name_tokens(folded, text, index)
    findings = []
    for run in group_runs(folded.text, tokens, index.particles):
        for segment in split_run(run):
            finding = person_finding(segment, text, persons, index)
            if finding is not None:
                findings.append(finding)
    return findings


# ---------------------------------------------------------------------------
# Identifiers
# ---------------------------------------------------------------------------
# Patterns on the original text use (?<!\w) and (?!\w) as boundaries, so a number
# glued to letters or other digits is not taken apart. Patterns with words run on
# the folded text, so one pattern covers Latin and Cyrillic, with or without
# diacritics.

_PERSONAL_NUMBER_RE = re.compile(
    # Kosovo personal number: 10 digits. NOTE: taken not to start with 0, which
    # leaves 10-digit numbers starting with 0 to the phone patterns.
    # Serbian and former Yugoslav JMBG: 13 digits.
    r"(?<![\w.,])(?:[1-9]\d{9}|\d{13})(?![\w]|[.,]\d)"
)

_PHONE_RES = (
    # International: +383 44 123 456, +383-44-123-456, 00383 44 123 456,
    # +383 (0)44 123 456, +381 64 123 4567, +1 (202) 555-0143. After 00 the country
    # code must be followed by a space, which keeps out ids such as 002-12882.
    re.compile(
        r"(?<![\w+])(?:\+[1-9]\d{0,2}|00[1-9]\d{0,2}(?=[\s(]))(?:[\s.\-]?\(0\))?(?:[\s.\-/]?\(?\d{1,4}\)?){2,5}(?!\w)"
    ),
    # National: 044 123 456, (044) 123-456, 049.123.456, 038/512-345, 064 123 4567.
    # An area code never starts with 00, which keeps out ids such as 001-114032.
    re.compile(r"(?<![\w+/])\(?0[1-9]\d\)?[\s.\-/]?\d{3}[\s.\-]?\d{3,4}(?![\w/])"),
)
_PHONE_DIGITS = range(8, 16)

_EMAIL_RE = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+(?<!\.)")

_IBAN_RE = re.compile(r"(?<!\w)[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?(?!\w)")
# Kosovo bank accounts (and payment cards): 16 digits, grouped by four or not.
_ACCOUNT_RE = re.compile(r"(?<![\w\-])\d{4}([ \-]?)\d{4}\1\d{4}\1\d{4}(?![\w\-])")

_PLATE_RES = (
    # Kosovo since 2011: 01-123-AB (region 01-07); the older series 01-456-78;
    # optionally with the RKS country mark before or after.
    re.compile(
        r"(?<![\w\-])(?:RKS[\s\-]?)?0[1-7]"
        r"(?:[\s\-]\d{3}[\s\-](?:[A-Z]{2}|\d{2})|[\s\-]?\d{3}[\s\-]?[A-Z]{2})"
        r"(?:[\s\-]?RKS)?(?![\w\-])"
    ),
    # UNMIK series: 123 KS 456.
    re.compile(r"(?<![\w\-])\d{3}[\s\-]?KS[\s\-]?\d{3}(?![\w\-])"),
    # Serbian: PR 123-AB, BG 1234-CD.
    re.compile(r"(?<![\w\-])[A-ZČĆŠŽĐ]{2}[\s\-]\d{3,5}[\s\-][A-ZČĆŠŽĐ]{2}(?![\w\-])"),
)

# Kosovo passports: a letter and eight digits (P01234567), also without a marker.
_PASSPORT_RE = re.compile(r"(?<!\w)P\d{7,8}(?!\w)")
# Folded: "pasaporta", "passport", "pasoš" and "пасош".
_PASSPORT_MARKER_RE = re.compile(r"(?<!\w)(?:pas+aport\w*|passport\w*|pasos\w*)")
_PASSPORT_AFTER_MARKER_RE = re.compile(r"(?<!\w)[a-z]{0,2}\d{6,9}(?!\w)")
MARKER_WINDOW = 50


def _iban_is_valid(candidate: str) -> bool:
    """Accept a Kosovo IBAN by its shape and any other IBAN by its ISO 7064 checksum."""
    compact = candidate.replace(" ", "")
    if compact.startswith("XK"):
        return len(compact) == 20 and compact[2:].isdigit()
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return 15 <= len(compact) <= 34 and int(digits) % 97 == 1


def _pattern_findings(text: str, pattern: re.Pattern[str], kind: str, valid=None):
    for match in pattern.finditer(text):
        if valid is None or valid(match.group()):
            yield _identifier(text, match.start(), match.end(), kind)


def _identifier(text: str, start: int, end: int, kind: str) -> Finding:
    return Finding(start, end, text[start:end], kind, PLACEHOLDERS[kind], None)


def _phone_is_valid(candidate: str) -> bool:
    return sum(char.isdigit() for char in candidate) in _PHONE_DIGITS


def find_number_findings(text: str) -> list[Finding]:
    """Find personal numbers, phones, e-mail addresses, accounts, plates and passports."""
    findings = list(_pattern_findings(text, _IBAN_RE, BANK_ACCOUNT, _iban_is_valid))
    findings += _pattern_findings(text, _ACCOUNT_RE, BANK_ACCOUNT)
    findings += _pattern_findings(text, _PERSONAL_NUMBER_RE, PERSONAL_NUMBER)
    for pattern in _PHONE_RES:
        findings += _pattern_findings(text, pattern, PHONE, _phone_is_valid)
    findings += _pattern_findings(text, _EMAIL_RE, EMAIL)
    for pattern in _PLATE_RES:
        findings += _pattern_findings(text, pattern, VEHICLE_PLATE)
    findings += _pattern_findings(text, _PASSPORT_RE, PASSPORT)
    return findings


def find_passport_findings(text: str, folded: FoldedText) -> list[Finding]:
    """Find document numbers written shortly after a passport marker."""
    findings = []
    for marker in _PASSPORT_MARKER_RE.finditer(folded.text):
        window_end = min(len(folded.text), marker.end() + MARKER_WINDOW)
        number = _PASSPORT_AFTER_MARKER_RE.search(folded.text, marker.end(), window_end)
        if number:
            start, end = folded.original_span(number.start(), number.end(), text)
            findings.append(_identifier(text, start, end, PASSPORT))
    return findings


# --- Dates of birth -------------------------------------------------------

_MONTH_WORDS = (
    # Albanian
    "janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator",
    "tetor", "nëntor", "dhjetor",
    # Serbian, nominative and genitive
    "januar", "februar", "mart", "april", "jun", "juni", "jul", "juli", "avgust",
    "septembar", "oktobar", "novembar", "decembar", "septembra", "oktobra", "novembra",
    "decembra",
    # English, with abbreviations
    "january", "february", "march", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
)  # fmt: skip
_MONTHS = "|".join(sorted({fold_word(word) for word in _MONTH_WORDS}, key=len, reverse=True))
_DATE_PLACEHOLDER = re.escape(PLACEHOLDERS[DATE_OF_BIRTH])

# Folded dates: 12.03.1990, 2.3.1990, 12/03/1990, 12-03-1990, 1990-03-12,
# 12 mars 1990, 12. marta 1990, 12th of March 1990, March 12, 1990. The
# date-of-birth placeholder counts as a date so that a second run stops at it.
_DATE_RE = re.compile(
    rf"""(?<![\w.])(?:
        \d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{4}}
      | \d{{1,2}}/\d{{1,2}}/\d{{4}}
      | \d{{1,2}}-\d{{1,2}}-\d{{4}}
      | \d{{4}}-\d{{2}}-\d{{2}}
      | \d{{1,2}}(?:\.|st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})[a-z]{{0,3}}\.?,?\s+\d{{4}}
      | (?:{_MONTHS})[a-z]{{0,3}}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}
      | {_DATE_PLACEHOLDER}
    )(?!\d)""",
    re.VERBOSE,
)

# Folded birth markers: born, DOB, date of birth; Albanian (i/e) lindur, datëlindja,
# data e lindjes; Serbian rođen, rođena, rodjen, рођен, datum rođenja. The marker
# inside the placeholder "[date of birth]" does not count.
_BIRTH_MARKER_RE = re.compile(
    r"(?<![\w\[])(?:born|dob|date\s+of\s+birth|lindur\w*|datelind\w*"
    r"|dat[eaë]\s+e\s+lindjes|dt\.\s*e?\s*lind\w*|roden\w*|datum\w*\s+rodenja)(?!\w)"
)


def find_birth_date_findings(text: str, folded: FoldedText) -> list[Finding]:
    """Find the first date written after a birth marker, in the same sentence.

    NOTE: a year of birth alone ("born in 1990") and a date written before its
    marker are not found.
    """
    findings = []
    for marker in _BIRTH_MARKER_RE.finditer(folded.text):
        window_end = min(len(folded.text), marker.end() + MARKER_WINDOW)
        date = _DATE_RE.search(folded.text, marker.end(), window_end)
        if date is None or date.group() == PLACEHOLDERS[DATE_OF_BIRTH]:
            continue
        start, end = folded.original_span(date.start(), date.end(), text)
        gap = text[folded.ends[marker.end() - 1] : start]
        if _ends_sentence(gap):
            continue
        findings.append(_identifier(text, start, end, DATE_OF_BIRTH))
    return findings


_SENTENCE_BREAK_RE = re.compile(r"[;\n]|[.!?]\s+(\S)")


def _ends_sentence(gap: str) -> bool:
    """Tell whether a sentence or clause ends in ``gap`` ("lindur fëmijë. Seanca")."""
    for match in _SENTENCE_BREAK_RE.finditer(gap):
        if match.group(1) is None or match.group(1).isupper():
            return True
    return False


# --- Street addresses -----------------------------------------------------

# Street keywords, matched case-insensitively on the original text: Albanian
# rruga (declined) and rr., Serbian ulica (declined), ul., улица, ул., boulevards,
# squares, and English street.
_STREET_KEYWORD = (
    r"(?:rrug(?:a|ës|ën|ë)|rr\.|ulic[aeiu]|ul\.|улиц[аеиу]|ул\.|bulevard(?:i|it|in|u)?"
    r"|bul\.|булевар[ау]?|sheshi|trg|тргу?|street|str\.)"
)
_STREET_WORD = r"[\"'„“”«»]?[^\W_][^\W_]*\.?[\"'“”»]?"
_HOUSE_NUMBER = r"(?:(?:nr|no|br|бр)\.?\s*)?\d{1,4}[^\W\d_]?(?:/\d{1,4})?(?!\w)"
_STREET_RE = re.compile(
    rf"(?<!\w){_STREET_KEYWORD}[ \t]+(?P<name>(?:{_STREET_WORD}[ \t]+){{0,4}}{_STREET_WORD})"
    rf"(?P<number>,?[ \t]+{_HOUSE_NUMBER})?",
    re.IGNORECASE,
)
_ENGLISH_STREET_RE = re.compile(
    r"(?<!\w)(?:\d{1,4}[A-Za-z]?\s+(?:[A-Z][\w'\-]*\s+){1,3}(?:Street|Road|Avenue|Lane)"
    r"|(?:[A-Z][\w'\-]*\s+){1,3}(?:Street|Road|Avenue|Lane),?\s+(?:[Nn]o\.?\s*)?\d{1,4})(?!\w)"
)
_STREET_WORD_RE = re.compile(_STREET_WORD)
# Lower-case words that may sit inside a street name ("Rruga e Dëshmorëve").
_STREET_CONNECTORS = frozenset({"e", "i", "të", "së"})
# Words that introduce a house number ("nr. 15", "br. 7").
_HOUSE_NUMBER_WORDS = frozenset({"nr", "no", "br", "бр"})


def _street_name_end(name: str) -> tuple[int, bool]:
    """Return where the street name ends within ``name`` and whether it was cut.

    A name is a run of words that start with a capital letter or a digit
    ("28 Nëntori"), with Albanian connectors between them.
    """
    end = 0
    words = list(_STREET_WORD_RE.finditer(name))
    for position, word in enumerate(words):
        letters = word.group().strip("\"'„“”«».")
        if letters[:1].isupper() or letters[:1].isdigit():
            end = word.end()
            continue
        next_word = words[position + 1].group() if position + 1 < len(words) else ""
        if letters.lower() in _STREET_CONNECTORS and next_word[:1].isupper() and end:
            continue
        if letters.lower() in _HOUSE_NUMBER_WORDS and next_word[:1].isdigit() and end:
            continue
        return _without_final_dot(name, end), True
    return _without_final_dot(name, end), False


def _without_final_dot(name: str, end: int) -> int:
    """Leave a full stop after the street name to the sentence ("... Kombit 7.")."""
    return end - 1 if end and name[end - 1] == "." else end


def find_address_findings(text: str) -> list[Finding]:
    findings = []
    for match in _STREET_RE.finditer(text):
        name_end, was_cut = _street_name_end(match.group("name"))
        if name_end == 0:
            continue
        end = match.start("name") + name_end
        ends_with_number = text[end - 1].isdigit()
        if not was_cut and not ends_with_number and match.group("number"):
            end = match.end("number")
        findings.append(_identifier(text, match.start(), end, ADDRESS))
    findings += _pattern_findings(text, _ENGLISH_STREET_RE, ADDRESS)
    return findings


# ---------------------------------------------------------------------------
# Public interface
# ---------------------------------------------------------------------------

# When two findings start at the same place and have the same length, the kind
# listed first wins.
_KIND_ORDER = (
    EMAIL, BANK_ACCOUNT, PASSPORT, PERSONAL_NUMBER, PHONE, DATE_OF_BIRTH, VEHICLE_PLATE,
    ADDRESS, PERSON,
)  # fmt: skip
_KIND_PRIORITY = {kind: rank for rank, kind in enumerate(_KIND_ORDER)}


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """Keep non-overlapping findings in text order: earlier first, then longer."""
    ordered = sorted(findings, key=lambda f: (f.start, -(f.end - f.start), _KIND_PRIORITY[f.kind]))
    kept: list[Finding] = []
    for finding in ordered:
        if finding.end <= finding.start:
            continue
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept


def find_findings(text: str, persons: Sequence[Person]) -> list[Finding]:
    """Find every listed person and every personal identifier in ``text``.

    Returns non-overlapping findings in text order, with spans in ``text``.
    """
    folded = fold(text)
    findings = find_person_findings(text, folded, persons)
    findings += find_number_findings(text)
    findings += find_passport_findings(text, folded)
    findings += find_birth_date_findings(text, folded)
    findings += find_address_findings(text)
    return resolve_overlaps(findings)


def apply_findings(text: str, findings: Sequence[Finding]) -> str:
    """Replace each finding's span in ``text`` by its replacement.

    Raises ValueError when a finding is out of range, does not match the text at
    its span (it was found in another text), or overlaps another finding.
    """
    pieces = []
    position = 0
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        if not 0 <= finding.start <= finding.end <= len(text):
            raise ValueError(
                f"Finding span {finding.start}-{finding.end} is outside the text "
                f"of length {len(text)}."
            )
        if text[finding.start : finding.end] != finding.text:
            raise ValueError(
                f"Finding at {finding.start}-{finding.end} does not match the text there. "
                "Apply findings to the text they were found in."
            )
        if finding.start < position:
            raise ValueError(
                f"Finding at {finding.start}-{finding.end} overlaps the previous finding."
            )
        pieces.append(text[position : finding.start])
        pieces.append(finding.replacement)
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)


def anonymise(text: str, persons: Sequence[Person]) -> AnonymisationResult:
    """Replace every listed person and personal identifier in ``text``."""
    findings = find_findings(text, persons)
    return AnonymisationResult(apply_findings(text, findings), findings)
