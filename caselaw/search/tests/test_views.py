"""The search page and the judgments API: facets, visibility, bad input, query counts."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.authtoken.models import Token

from accounts.roles import Role
from caselaw.models import Judgment
from caselaw.search.models import SearchDocument
from caselaw.search.tests.test_query import NASTY_QUERIES

SEARCH_URL = "/en/caselaw/"
API_URL = "/api/v1/judgments/"


@pytest.fixture
def restricted(make_judgment):
    return make_judgment(
        text="Child trafficking case.",
        text_language="en",
        access_level="restricted",
        restricted_to_roles=[Role.LEGAL_PROFESSIONAL.value],
        outcome="acquittal",
    )


@pytest.fixture
def public(make_judgment):
    return make_judgment(text="Trafficking case.", text_language="en", outcome="conviction")


def test_search_url_name_is_the_search_page(db):
    from django.utils import translation

    with translation.override("en"):
        assert reverse("caselaw:judgment_search") == SEARCH_URL


@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_search_page_survives_any_query(client, public, query):
    response = client.get(SEARCH_URL, {"q": query})

    assert response.status_code == 200


def test_search_page_highlights_anonymised_text(client, make_judgment):
    make_judgment(text="The victim V1 was exploited.", text_language="en")

    response = client.get(SEARCH_URL, {"q": "exploitation"})

    assert b"<mark>exploited</mark>" in response.content


@pytest.mark.parametrize(
    ("role", "outcomes"),
    [
        (None, {"conviction": 1}),
        (Role.CIVIL_SOCIETY_READER, {"conviction": 1}),
        (Role.LEGAL_PROFESSIONAL, {"conviction": 1, "acquittal": 1}),
        (Role.CASELAW_EDITOR, {"conviction": 1, "acquittal": 1}),
    ],
)
def test_facets_count_only_visible_judgments(client_for, public, restricted, role, outcomes):
    client = client_for(role)

    response = client.get(SEARCH_URL, {"q": "trafficking"})

    assert response.context["results"].facets["outcome"] == outcomes
    assert response.context["results"].total == sum(outcomes.values())


def test_restricted_judgment_hidden_from_other_roles(client_for, restricted):
    response = client_for(Role.CIVIL_SOCIETY_READER).get(SEARCH_URL, {"q": "child"})

    assert response.context["results"].ids == []


@pytest.mark.parametrize("role", [None, *Role])
def test_visibility_equals_judgment_queryset(users, public, restricted, make_judgment, role):
    make_judgment(text="A draft.", status="draft")
    make_judgment(text="Professional.", access_level="professional")
    user = users[role] if role else None

    expected = set(Judgment.objects.visible_to(user).values_list("pk", flat=True))
    actual = set(SearchDocument.objects.visible_to(user).values_list("judgment_id", flat=True))

    assert actual == expected


def test_filters_combine(client, make_judgment, appeals_court, sexual_exploitation):
    wanted = make_judgment(text="Trafficking.", court=appeals_court, forms=[sexual_exploitation])
    make_judgment(text="Trafficking.", court=appeals_court)
    make_judgment(text="Trafficking.", forms=[sexual_exploitation])

    response = client.get(
        SEARCH_URL,
        {
            "q": "trafficking",
            "court": appeals_court.pk,
            "exploitation_form": sexual_exploitation.pk,
        },
    )

    assert response.context["results"].ids == [wanted.pk]
    assert len(response.context["chips"]) == 2


@pytest.mark.parametrize(
    "params",
    [
        {"court": "abc"},
        {"year_from": "x"},
        {"year_from": "99999999999999999999"},
        {"provision": ["1", "two"]},
        {"provision": "99999999999999999999"},
        {"exploitation_form": "99999999999999999999"},
        {"means": "-1"},
        {"page": "-3"},
        {"page": "abc"},
        {"page": "100000"},
        {"page_size": "0"},
        {"ordering": "nonsense"},
        {"child_victims": "maybe"},
    ],
)
def test_bad_parameters_give_normal_page(client, public, params):
    response = client.get(SEARCH_URL, {"q": "trafficking", **params})

    assert response.status_code == 200


def test_search_page_reports_malformed_filter(client, public):
    response = client.get(SEARCH_URL, {"q": "trafficking", "court": "abc"})

    assert "court" in response.context["filter_errors"]
    assert response.context["results"].ids == [public.pk]


def test_empty_result_suggests_what_to_loosen(client, public):
    response = client.get(SEARCH_URL, {"q": "nonexistentword", "outcome": "acquittal"})

    assert b"Clear all filters" in response.content or b"clear all filters" in response.content
    assert b"Use fewer words" in response.content


def test_did_you_mean_for_misspelt_word(client, make_judgment):
    make_judgment(title_en="Exploitation of migrants", text="Text.")

    response = client.get(SEARCH_URL, {"q": "exploitaton"})

    assert response.context["suggestions"] == ["exploitation"]


def test_did_you_mean_for_case_number(client, make_judgment):
    make_judgment(case_number="PKR 245/2019", text="Text.")

    response = client.get(SEARCH_URL, {"q": "PKR 254/2019"})

    assert response.context["suggestions"] == ["PKR 245/2019"]


def test_search_page_queries_are_constant(
    client, make_judgment, provision, sexual_exploitation, django_assert_num_queries
):
    for _ in range(30):
        make_judgment(text="Trafficking.", provisions=[provision], forms=[sexual_exploitation])
    counts = []
    for params in (
        {"q": "trafficking", "page_size": "5"},
        {"q": "trafficking", "page_size": "50"},
        {"q": "trafficking", "page_size": "50", "outcome": "conviction", "provision": provision.pk},
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        # Counts are cached per search until the index changes; measure each page uncached.
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            assert client.get(SEARCH_URL, params).status_code == 200
        counts.append(len(context.captured_queries))

    assert counts[0] == counts[1] == counts[2]


def test_search_page_repeated_reads_cached_counts(client, make_judgment, provision):
    for _ in range(3):
        make_judgment(text="Trafficking.", provisions=[provision])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as context:
            response = client.get(SEARCH_URL, {"q": "trafficking"})
        counts.append(len(context.captured_queries))

    assert response.context["results"].total == 3
    assert counts[1] < counts[0]


def test_search_counts_follow_a_new_publication(client, make_judgment):
    make_judgment(text="Trafficking.")
    assert client.get(SEARCH_URL, {"q": "trafficking"}).context["results"].total == 1

    make_judgment(text="Trafficking again.")

    assert client.get(SEARCH_URL, {"q": "trafficking"}).context["results"].total == 2


def test_api_search_returns_facets(client, public, restricted):
    response = client.get(API_URL, {"q": "trafficking"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["results"][0]["id"] == public.pk
    assert body["facets"]["outcome"] == {"conviction": 1}


@pytest.mark.parametrize(
    "params",
    [{"court": "abc"}, {"provision": "99999999999999999999"}, {"means": "99999999999999999999"}],
)
def test_api_malformed_filter_is_400(client, public, params):
    response = client.get(API_URL, {"q": "trafficking", **params})

    assert response.status_code == 400


@pytest.mark.parametrize("page_size", ["abc", "0", "-1", ""])
def test_api_invalid_page_size_gives_default_page(client, make_judgment, page_size):
    for _ in range(21):
        make_judgment(text="Trafficking case.")

    response = client.get(API_URL, {"q": "trafficking", "page_size": page_size})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 20


def test_search_unindexable_long_word_finds_nothing(client, public):
    response = client.get(SEARCH_URL, {"q": "a" * 120})

    assert response.status_code == 200
    assert response.context["results"].total == 0


def test_search_placeholder_keeps_its_quotes_escaped(client, db):
    html = client.get(SEARCH_URL).content.decode()

    assert 'placeholder="e.g. trafikim, &quot;forced labour&quot;, трговина људима"' in html


def test_search_page_does_not_echo_nul_characters(client, public):
    response = client.get(SEARCH_URL, {"q": "traff\x00icking"})

    assert response.status_code == 200
    assert "\x00" not in response.content.decode()


def test_api_token_authentication_sees_restricted(client, users, restricted):
    token = Token.objects.create(user=users[Role.LEGAL_PROFESSIONAL])

    response = client.get(API_URL, {"q": "child"}, HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.json()["count"] == 1


def test_api_throttles_per_user():
    from django.conf import settings

    framework = settings.REST_FRAMEWORK
    assert "rest_framework.throttling.UserRateThrottle" in framework["DEFAULT_THROTTLE_CLASSES"]
    assert framework["DEFAULT_THROTTLE_RATES"]["user"]


def test_api_schema_documents_search(client, db):
    response = client.get("/api/v1/schema/")

    schema = response.content.decode()
    assert "trafikimi" in schema
    assert "facets" in schema
