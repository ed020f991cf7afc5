"""Search behaviour: matching across languages, scripts, diacritics and inflection."""

from html import unescape

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from caselaw.search import engine
from caselaw.search.models import SearchDocument


def found(q, user=None, **options) -> list[int]:
    results = engine.search(SearchDocument.objects.visible_to(user), q=q, **options)
    return results.ids


@pytest.mark.parametrize(
    ("query", "text", "language"),
    [
        ("ceshtje", "Kjo çështje ka të bëjë me shfrytëzimin.", "sq"),
        ("Prishtine", "Gjykata Themelore në Prishtinë vendosi.", "sq"),
        ("Dordevic", "Svedok Đorđević je potvrdio navode.", "sr"),
        ("Djordjevic", "Svedok Đorđević je potvrdio navode.", "sr"),
        ("Đorđević", "The witness Djordjevic confirmed it.", "en"),
    ],
)
def test_search_ignores_diacritics(make_judgment, query, text, language):
    judgment = make_judgment(text=text, text_language=language, original_language=language)
    make_judgment(text="Nothing relevant here at all.", text_language="en")

    assert found(query) == [judgment.pk]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("трговина људима", "Optuženi je osuđen za trgovinu ljudima."),
        ("trgovina ljudima", "Оптужени је осуђен за трговину људима."),
    ],
)
def test_search_ignores_serbian_script(make_judgment, query, text):
    judgment = make_judgment(text=text, text_language="sr", original_language="sr")

    assert found(query) == [judgment.pk]


@pytest.mark.parametrize(
    ("query", "text", "language"),
    [
        ("trafikimi", "Akuza për veprën e trafikimit me njerëz.", "sq"),
        ("trafikimi", "Gjykata e shqyrtoi trafikimin e viktimës.", "sq"),
        ("žrtva", "Sud je saslušao svedočenje žrtvama.", "sr"),
        ("exploited", "The court found labour exploitation.", "en"),
    ],
)
def test_search_matches_inflected_forms(make_judgment, query, text, language):
    judgment = make_judgment(text=text, text_language=language, original_language=language)

    assert found(query) == [judgment.pk]


def test_search_phrase_requires_adjacent_words(make_judgment):
    adjacent = make_judgment(text="Victims of forced labour were found.", text_language="en")
    make_judgment(text="Labour inspectors were forced to leave.", text_language="en")

    assert found('"forced labour"') == [adjacent.pk]


def test_search_or_accepts_either_word(make_judgment):
    begging = make_judgment(text="Forced begging in the streets.", text_language="en")
    marriage = make_judgment(text="A forced marriage was arranged.", text_language="en")
    make_judgment(text="Nothing of that kind.", text_language="en")

    assert set(found("begging OR marriage")) == {begging.pk, marriage.pk}


def test_search_minus_excludes(make_judgment):
    kept = make_judgment(text="Trafficking for sexual exploitation.", text_language="en")
    make_judgment(text="Trafficking for labour exploitation.", text_language="en")

    assert found("trafficking -labour") == [kept.pk]


def test_search_ranks_title_above_text(make_judgment):
    in_text = make_judgment(title_en="A judgment", text="It mentions smuggling once.")
    in_title = make_judgment(title_en="Smuggling of migrants", text="Other words.")

    assert found("smuggling", ordering="relevance") == [in_title.pk, in_text.pk]


def test_search_orders_by_date(make_judgment):
    import datetime

    older = make_judgment(text="Smuggling.", decision_date=datetime.date(2010, 1, 1))
    newer = make_judgment(text="Smuggling.", decision_date=datetime.date(2020, 1, 1))

    assert found("smuggling", ordering="-date") == [newer.pk, older.pk]
    assert found("smuggling", ordering="date") == [older.pk, newer.pk]


def test_search_reads_headnote_summary_and_provisions(make_judgment, provision):
    judgment = make_judgment(summary_en="About debt bondage.", provisions=[provision])

    assert found("bondage") == [judgment.pk]
    assert found("171") == [judgment.pk]


def test_search_vector_updated_on_save(make_judgment, django_capture_on_commit_callbacks):
    judgment = make_judgment(text="Original words.", text_language="en")
    assert found("organ") == []

    with django_capture_on_commit_callbacks(execute=True):
        judgment.text = "Removal of organs."
        judgment.save()

    assert found("organ") == [judgment.pk]


def test_search_document_has_gin_index(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'caselaw_search_searchdocument'"
        )
        definitions = [row[0] for row in cursor.fetchall()]

    assert any("USING gin (document)" in definition for definition in definitions)
    assert any(
        "USING gin (document, court_id, outcome, language, year, provision_ids" in definition
        for definition in definitions
    )


def test_words_and_filters_are_matched_in_one_index(make_judgment, provision):
    make_judgment(text="Trafficking for begging.", provisions=[provision])
    documents = SearchDocument.objects.filter(outcome="conviction", provision_ids__overlap=[1])
    where, params = engine._where_sql(documents)
    sql, params = engine.result_ids_sql(
        engine.parse("begging"), where, params, ordering="-date", offset=0, limit=20
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "searchdoc_match_gin" in plan
    condition = plan.split("searchdoc_match_gin", 1)[1]
    assert "outcome" in condition
    assert "provision_ids" in condition


def test_filters_only_few_matches_skip_sample(make_judgment, court):
    make_judgment(text="Trafficking for begging.")
    documents = SearchDocument.objects.filter(court_id__in=[court.pk])
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        results = engine.search(documents, q="", use_cache=False)

    assert results.total == 1
    assert not results.estimated
    assert not any(f"% {engine.SAMPLE_RATE} = 0" in sql for sql in statements)


def test_search_never_reads_source_text(make_judgment):
    make_judgment(
        text="Victim V1 testified.", source_text="Victim Arbenita testified.", status="draft"
    )

    assert found("Arbenita", user=None) == []


def test_search_counts_all_matches(make_judgment):
    for _ in range(3):
        make_judgment(text="Smuggling.")

    results = engine.search(SearchDocument.objects.all(), q="smuggling", page_size=2)

    assert results.total == 3
    assert len(results.ids) == 2
    assert results.num_pages == 2


def test_search_page_past_end_shows_last_page(make_judgment):
    for _ in range(3):
        make_judgment(text="Smuggling.")

    results = engine.search(SearchDocument.objects.all(), q="smuggling", page=99, page_size=2)

    assert results.page == 2
    assert len(results.ids) == 1


def test_reindex_command_indexes_bulk_loaded_judgments(make_judgment):
    from django.core.management import call_command

    judgment = make_judgment(text="Smuggling.")
    SearchDocument.objects.all().delete()
    assert found("smuggling") == []

    call_command("search_reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert found("smuggling") == [judgment.pk]


def test_phrase_checks_every_candidate_below_the_cap(make_judgment):
    for _ in range(3):
        make_judgment(text="She was held in forced labour for a year.")
    make_judgment(text="The labour was not forced.")

    results = engine.search(SearchDocument.objects.all(), q='"forced labour"')

    assert results.total == 3
    assert not results.capped


def test_phrase_beyond_the_cap_is_a_lower_bound(make_judgment, monkeypatch):
    monkeypatch.setattr(engine, "PHRASE_CANDIDATES", 2)
    for _ in range(3):
        make_judgment(text="She was held in forced labour for a year.")

    results = engine.search(SearchDocument.objects.all(), q='"forced labour"')

    assert results.capped
    assert results.total == 2
    assert len(results.ids) == 2


def test_phrase_operators_become_and_outside_lexemes():
    assert engine.without_phrases("( 'a' <-> 'b' ) & ( 'c' <2> 'x<->y' )") == (
        "( 'a' & 'b' ) & ( 'c' & 'x<->y' )"
    )


def test_synthetic_judgments_are_searchable_at_once(db, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    from caselaw.models import Judgment

    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_synthetic_judgments", "3", average_chars=300, verbosity=0)

    assert SearchDocument.objects.count() == Judgment.objects.count() == 3


def test_words_and_court_filter_find_only_that_court(make_judgment, court, appeals_court):
    first = make_judgment(text="Trafficking for begging.")
    make_judgment(text="Trafficking for begging.", court=appeals_court)
    documents = SearchDocument.objects.filter(court_id__in=[court.pk])

    results = engine.search(documents, q="begging")

    assert results.ids == [first.pk]
    assert results.facets["court"] == {str(court.pk): 1}


@pytest.mark.parametrize(
    ("query", "text", "language", "marked"),
    [
        ("ceshtje", "KJO ÇËSHTJE u gjykua.", "sq", "ÇËSHTJE"),
        ("Djordjevic", "Svedok Đorđević je potvrdio.", "sr", "Đorđević"),
        ("trafikimi", "Vepra e trafikimit me njerëz.", "sq", "trafikimit"),
    ],
)
def test_snippet_marks_folded_word(query, text, language, marked):
    from caselaw.search.highlight import snippet
    from caselaw.search.query import parse

    parsed = parse(query)

    html = snippet(text, language, parsed.lexemes, parsed.prefixes)

    assert f"<mark>{marked}</mark>" in html


def test_snippet_skips_stem_inside_word():
    from caselaw.search.highlight import snippet
    from caselaw.search.query import parse

    parsed = parse("trafikim")

    html = snippet("Antitrafikim nuk është trafikim.", "sq", parsed.lexemes, parsed.prefixes)

    assert "<mark>Antitrafikim</mark>" not in html
    assert "<mark>trafikim</mark>" in html


SNIPPET_WORDS = ["trafikimit", "çështje", "<b>", "a&b", "Đorđević", "žrtvama", "victim", "V1"]


@given(
    words=st.lists(st.sampled_from(SNIPPET_WORDS), max_size=80),
    separators=st.lists(st.sampled_from([" ", ", ", ".\n", "  "]), min_size=1),
    query=st.sampled_from(["trafikimi", "ceshtje", "victim b", "Djordjevic žrtva"]),
)
def test_snippet_is_escaped_window_of_text(words, separators, query):
    from caselaw.search.highlight import snippet
    from caselaw.search.query import parse

    text = "".join(word + separators[i % len(separators)] for i, word in enumerate(words))
    parsed = parse(query)

    html = str(snippet(text, "sq", parsed.lexemes, parsed.prefixes))

    plain = html.replace("<mark>", "").replace("</mark>", "").removeprefix("… ")
    plain = plain.removesuffix(" …")
    assert "<b>" not in html
    assert unescape(plain) in text


def test_cached_phrase_matches_keep_visibility(make_judgment):
    kept = make_judgment(text="She was held in forced labour.")
    withdrawn = make_judgment(text="He was held in forced labour.")
    engine.search(SearchDocument.objects.visible_to(None), q='"forced labour"')
    # A write another process made: this process's cache version has not changed.
    SearchDocument.objects.filter(pk=withdrawn.pk).update(status="withdrawn")

    results = engine.search(SearchDocument.objects.visible_to(None), q='"forced labour"')

    assert results.ids == [kept.pk]
