"""Synthetic judgments for the search benchmark: text with a realistic word-frequency curve.

Each judgment's full text is in one language (Albanian 40 %, Serbian 35 %, English 25 %)
and about 15,000 characters long. Words are drawn from 20,000 made-up inflected forms per
language with a Zipf-like law, so a few hundred words occur in almost every judgment and
most occur in very few. Four real words are injected at fixed document frequencies:
"trafficking" in every judgment, "trafikim" in 10 %, "trgovina" in 1 % and
"eksploatacija" in 0.01 %. The seed is fixed, so two runs produce the same corpus.
"""

import bisect
import itertools
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

SEED = 20240601
LANGUAGES = (("sq", 0.40), ("sr", 0.35), ("en", 0.25))
VOCABULARY_SIZE = 20_000
TEXT_LENGTH = 15_000

_SYLLABLES = {
    "sq": [
        "ka",
        "ri",
        "më",
        "të",
        "në",
        "sh",
        "ç",
        "ël",
        "qe",
        "gj",
        "dh",
        "ll",
        "rr",
        "xh",
        "zh",
        "bu",
        "ko",
        "la",
        "mi",
        "nu",
        "pe",
        "ra",
        "si",
        "to",
        "vu",
        "fa",
    ],
    "sr": [
        "ko",
        "ra",
        "vi",
        "na",
        "ša",
        "ži",
        "ča",
        "ću",
        "đe",
        "lj",
        "nj",
        "dž",
        "pr",
        "st",
        "tr",
        "sk",
        "ba",
        "do",
        "gu",
        "le",
        "mo",
        "no",
        "po",
        "ru",
        "se",
    ],
    "en": [
        "con",
        "ter",
        "pro",
        "tion",
        "al",
        "er",
        "in",
        "re",
        "de",
        "com",
        "ex",
        "pre",
        "ment",
        "ing",
        "an",
        "ver",
        "ac",
        "ad",
        "ar",
        "ble",
    ],
}
_ENDINGS = {
    "sq": ["", "i", "it", "in", "et", "ve", "ës", "a", "ën"],
    "sr": ["", "a", "e", "u", "om", "ama", "i", "ima"],
    "en": ["", "s", "ed", "ing", "ation", "er"],
}


@dataclass
class Vocabulary:
    words: list[str]
    cumulative: list[float] = field(default_factory=list)

    def draw(self, rng: random.Random, count: int) -> list[str]:
        total = self.cumulative[-1]
        return [
            self.words[bisect.bisect_left(self.cumulative, rng.random() * total)]
            for _ in range(count)
        ]


def _build_vocabulary(language: str, rng: random.Random) -> Vocabulary:
    syllables = _SYLLABLES[language]
    endings = _ENDINGS[language]
    words: list[str] = []
    seen: set[str] = set()
    length = 1
    while len(words) < VOCABULARY_SIZE:
        for _ in range(len(syllables) ** length):
            stem = "".join(rng.choice(syllables) for _ in range(length + 1))
            word = stem + rng.choice(endings)
            if word not in seen:
                seen.add(word)
                words.append(word)
            if len(words) >= VOCABULARY_SIZE:
                break
        length += 1
    # p(rank) ~ (rank + 3) ** -1.1 up to rank 4,000, then a steeper tail.
    weights = [
        (rank + 3) ** -1.1 if rank < 4000 else (4003**-1.1) * (rank / 4000) ** -3
        for rank in range(len(words))
    ]
    return Vocabulary(words, list(itertools.accumulate(weights)))


@dataclass
class SyntheticJudgment:
    number: int
    language: str
    decision_date: date
    titles: dict[str, str]
    summaries: dict[str, str]
    text: str
    court: int
    outcome: str
    forms: list[int]
    means: list[int]
    provisions: list[int]
    access_level: str
    child: bool | None
    transnational: bool | None
    compensation: float | None
    non_punishment: bool | None


OUTCOMES = [
    ("conviction", 55),
    ("partial_conviction", 12),
    ("acquittal", 15),
    ("dismissal", 5),
    ("retrial_ordered", 5),
    ("violation", 4),
    ("no_violation", 2),
    ("inadmissible", 2),
]


def _sentence(vocabulary: Vocabulary, rng: random.Random, words: int) -> str:
    return " ".join(vocabulary.draw(rng, words))


_VOCABULARIES: dict[str, Vocabulary] = {}


def vocabularies() -> dict[str, Vocabulary]:
    if not _VOCABULARIES:
        rng = random.Random(SEED)  # noqa: S311 - a reproducible corpus, not a secret
        for language, _ in LANGUAGES:
            _VOCABULARIES[language] = _build_vocabulary(language, rng)
    return _VOCABULARIES


def generate(start: int, stop: int, *, courts: int, forms: int, means: int, provisions: int):
    """Yield judgments number `start` to `stop - 1`; each has its own seed, so chunks of the
    corpus can be generated in parallel and always come out the same."""
    vocabularies_by_language = vocabularies()
    languages = [language for language, _ in LANGUAGES]
    language_weights = [weight for _, weight in LANGUAGES]
    outcome_names = [name for name, _ in OUTCOMES]
    outcome_weights = [weight for _, weight in OUTCOMES]
    first_day = date(2000, 1, 1)
    trafikim_every = 10
    trgovina_every = 100
    eksploatacija_every = 10_000
    for number in range(start, stop):
        rng = random.Random(SEED * 1_000_003 + number)  # noqa: S311
        language = rng.choices(languages, language_weights)[0]
        body_words = vocabularies_by_language[language].draw(rng, 2300)
        for _ in range(1 + min(12, int(rng.expovariate(0.25)))):
            body_words[rng.randrange(len(body_words))] = "trafficking"
        if number % trafikim_every == 3:
            body_words[rng.randrange(len(body_words))] = "trafikim"
        if number % trgovina_every == 7:
            body_words[rng.randrange(len(body_words))] = "trgovina"
        if number % eksploatacija_every == 11:
            body_words[rng.randrange(len(body_words))] = "eksploatacija"
        text = " ".join(body_words)[:TEXT_LENGTH]
        titles = {lang: _sentence(vocabularies_by_language[lang], rng, 9) for lang in languages}
        summaries = {lang: _sentence(vocabularies_by_language[lang], rng, 80) for lang in languages}
        if rng.random() < 0.6:
            summaries["en"] = "trafficking " + summaries["en"]
        if rng.random() < 0.25:
            titles["en"] = "trafficking " + titles["en"]
        access = rng.random()
        access_level = "public" if access < 0.8 else "restricted"
        if 0.8 <= access < 0.95:
            access_level = "professional"
        yield SyntheticJudgment(
            number=number,
            language=language,
            decision_date=first_day + timedelta(days=rng.randrange(26 * 365)),
            titles=titles,
            summaries=summaries,
            text=text,
            court=rng.randrange(courts),
            outcome=rng.choices(outcome_names, outcome_weights)[0],
            forms=rng.sample(range(forms), rng.choice((1, 1, 1, 2))),
            means=rng.sample(range(means), rng.choice((1, 1, 2, 3))),
            provisions=rng.sample(range(provisions), rng.choice((1, 2, 2, 3))),
            access_level=access_level,
            child=rng.choice((True, False, False, None)),
            transnational=rng.choice((True, False, None)),
            compensation=rng.choice((None, 0.0, 0.0, 5000.0, 12000.0)),
            non_punishment=rng.choice((True, False, None, None)),
        )
