"""The web-search query parser: syntax, normalisation, and robustness on any input."""

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caselaw.search.query import MAX_WORDS, parse

NASTY_QUERIES = [
    "",
    " ",
    '"',
    '"unbalanced phrase',
    'a "b',
    "OR",
    "OR OR",
    "|",
    "-",
    "- -",
    "-trafficking",
    "&",
    "& | ! <-> :* ()",
    ":",
    "a:b",
    "\\",
    "\\' '' \\\\",
    "'",
    "😀",
    "trafficking 😀 victims",
    "the of and",
    "të e dhe",
    "x" * 2000,
    "trafikim " * 400,
    "a*",
    "*",
    "**",
    "!!!",
    "(((",
    "<2>",
    "' & '",
    "\x00",
    "NULL",
    "ﬁ ¼ ① ŉ",
]


def tsquery_is_accepted(expression: str) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT %s::tsquery, to_tsquery('simple', %s)", [expression, expression])


@pytest.mark.parametrize("text", NASTY_QUERIES)
def test_parse_handles_malformed_query(db, text):
    parsed = parse(text)
    if parsed.tsquery is not None:
        tsquery_is_accepted(parsed.tsquery)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_parse_never_raises_and_postgres_accepts(db, text):
    parsed = parse(text)
    assert parsed.tsquery is None or isinstance(parsed.tsquery, str)
    if parsed.tsquery is not None:
        tsquery_is_accepted(parsed.tsquery)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(['"', "OR", "|", "-", "*", "&", ":", "\\", "(", ")", "!", "'"]),
            st.text(alphabet="abcçëđšžćčљњџ ", min_size=1, max_size=12),
        ),
        max_size=20,
    )
)
def test_parse_operator_soup_is_accepted(db, pieces):
    parsed = parse(" ".join(pieces))
    if parsed.tsquery is not None:
        tsquery_is_accepted(parsed.tsquery)


def test_parse_only_stop_words_is_no_query():
    assert parse("the of and").tsquery is None
    assert parse("të e dhe").tsquery is None


def test_parse_only_exclusions_is_no_query():
    assert parse("-trafficking -labour").tsquery is None


def test_parse_words_are_anded():
    assert parse("trafikim vajza").tsquery == "( 'trafikim' | 'trafik' ) & ( 'vajz' | 'vajza' )"


def test_parse_or_between_words():
    begging = parse("begging").tsquery
    lypje = parse("lypje").tsquery
    assert parse("begging OR lypje").tsquery == f"( {begging} | {lypje} )"


def test_parse_pipe_is_or():
    assert parse("begging | lypje").tsquery == parse("begging OR lypje").tsquery


def test_parse_lower_case_or_is_a_stop_word():
    assert parse("begging or lypje").tsquery == parse("begging lypje").tsquery


def test_parse_phrase_uses_followed_by():
    assert "<->" in parse('"forced labour"').tsquery


def test_parse_phrase_counts_stop_words_as_distance():
    assert "<2>" in parse('"trafficking in beings"').tsquery


def test_parse_leading_minus_excludes():
    tsquery = parse("trafficking -labour").tsquery
    assert "'traffick'" in tsquery
    assert "& !" in tsquery


def test_parse_minus_inside_word_is_a_phrase():
    assert "<->" in parse("anti-trafficking").tsquery


def test_parse_case_number_is_a_phrase():
    assert parse("PKR 123/2019").tsquery.endswith("'123' <-> '2019' )")


def test_parse_prefix():
    assert parse("shfrytëz*").tsquery == "'shfrytez':*"


def test_parse_short_prefix_is_a_word():
    assert ":*" not in parse("ab*").tsquery


def test_parse_caps_word_count():
    parsed = parse(" ".join(f"word{i}" for i in range(100)))
    assert len(parsed.words) == MAX_WORDS


def test_parse_diacritics_and_script_fold():
    assert parse("ceshtje").tsquery == parse("çështje").tsquery
    assert parse("трговина људима").lexemes == parse("trgovina ljudima").lexemes


def test_parse_collects_positive_words_only():
    parsed = parse('trafficking -labour "forced begging"')
    assert parsed.words == ["trafficking", "forced", "begging"]
