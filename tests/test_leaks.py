"""No channel shows a judgment, or the source text of one, to a role that may not read it.

Each judgment of tests.access_data carries unique marker words. Every channel (pages,
search, facets, suggestions, exports, API, feed, error pages, logs) is fetched for every
role, and its text is searched for the markers that role must never receive.
"""

import csv
import io
import json
import logging
from urllib.parse import parse_qs, quote, quote_plus, urlsplit

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import escape
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.roles import Role
from tests import access_data as fixtures
from tests.access_data import ALL_ROLES, build_access_data, role_label

pytestmark = pytest.mark.django_db

EDITORS = {Role.ADMINISTRATOR, Role.CASELAW_EDITOR}
RESTRICTED_READERS = EDITORS | {Role.POLICE_INVESTIGATOR}
PUBLIC_ONLY = {None, Role.CIVIL_SOCIETY_READER}

# Real names and identifiers of the published judgments: no role may ever receive them.
SOURCE_WORDS = ("Blerimza", "Qarkosheniku", "Vjollcarta", "Dukagjinmarku", "987 651")
DRAFT_WORDS = (fixtures.DRAFT_MARKER, "DRAFTMARK")
RESTRICTED_WORDS = (fixtures.RESTRICTED_MARKER, "RESTRMARK")


def forbidden_words(role) -> list[str]:
    """Return the marker words `role` must never receive."""
    words = list(SOURCE_WORDS)
    if role not in EDITORS:
        words += [*DRAFT_WORDS, *fixtures.DRAFT_SOURCE_NAME.split()]
    if role not in RESTRICTED_READERS:
        words += RESTRICTED_WORDS
    if role in PUBLIC_ONLY:
        words.append(fixtures.PROFESSIONAL_MARKER)
    return words


def response_text(response) -> str:
    """Return the readable text of a page, JSON, CSV, XLSX or PDF response."""
    content_type = response.headers.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "pdf" in content_type:
        reader = PdfReader(io.BytesIO(content))
        return "\n".join(page.extract_text() for page in reader.pages)
    if "spreadsheetml" in content_type:
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        cells = [
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        return "\n".join(cells)
    return content.decode("utf-8-sig", errors="replace")


def leaks_in(text: str, role, url: str = "") -> list[str]:
    """Return the forbidden words in `text`, ignoring the search words the URL itself sent."""
    folded = text.casefold()
    for values in parse_qs(urlsplit(url).query).values():
        for value in values:
            for form in (value, quote_plus(value), quote(value), escape(value)):
                folded = folded.replace(form.casefold(), "")
    return [word for word in forbidden_words(role) if word.casefold() in folded]


def en(name, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def channel_urls(data) -> dict[str, list[str]]:
    """Return the URLs of every channel, by channel name."""
    judgments = [data.public, data.professional, data.restricted, data.draft, data.withdrawn]
    details = [en("caselaw:judgment_detail", pk=j.pk) for j in judgments]
    search = en("caselaw:judgment_search")
    statistics = en("caselaw:statistics")
    return {
        "search page": [
            search,
            f"{search}?q=trafikim",
            f"{search}?q=Vendimi",
            f"{search}?q={fixtures.RESTRICTED_MARKER}",
            f"{search}?q={fixtures.DRAFT_MARKER}",
            f"{search}?court={data.public.court_id}&year_from=2019&year_to=2019",
        ],
        "did you mean": [
            f"{search}?q=Xylofagdrafr",
            f"{search}?q=Restrikmarkery",
            f"{search}?q=PKR+771%2F2019-DRAFTMARC",
            f"{search}?q=PKR+552%2F2019-RESTRMARC",
        ],
        "judgment pages": [
            *details,
            *(en("caselaw:judgment_print", pk=j.pk) for j in judgments),
        ],
        "judgment pdf": [en("caselaw:judgment_pdf", pk=j.pk) for j in judgments],
        "editor pages": [
            en("caselaw:editor_dashboard"),
            en("caselaw:judgment_anonymise", pk=data.public.pk),
            en("caselaw:judgment_update", pk=data.public.pk),
        ],
        "statistics": [
            statistics,
            *(
                f"{statistics}?export={table}.{file_format}"
                for table in ("outcomes", "sentences_court", "compensation")
                for file_format in ("csv", "xlsx")
            ),
        ],
        "api": [
            "/api/v1/judgments/",
            "/api/v1/judgments/?q=Vendimi",
            f"/api/v1/judgments/?q={fixtures.RESTRICTED_MARKER}",
            "/api/v1/judgments/?status=draft",
            "/api/v1/judgments/?keyword=1&case_number=MARK",
            "/api/v1/judgments.json",
            *(f"/api/v1/judgments/{j.pk}/" for j in judgments),
        ],
        "feed": [en("caselaw:judgment_feed")],
        "greta": [
            en("greta:recommendation_detail", pk=data.own_recommendation.pk),
            en("greta:recommendation_list"),
            "/api/v1/greta/export/?as_of=2025-06-30&file_format=csv",
            f"{en('greta:export')}?as_of=2025-06-30&language=en&file_format=xlsx",
            f"{en('greta:export')}?as_of=2025-06-30&language=en&file_format=pdf",
        ],
        "teaching material": [
            en("trainings:course_detail", pk=data.course.pk),
            f"/api/v1/trainings/courses/{data.course.pk}/",
        ],
        "error pages": [
            en("caselaw:judgment_detail", pk=data.restricted.pk) + "?q=Qarkosheniku",
            "/en/caselaw/judgments/999999/",
            f"/api/v1/judgments/{data.draft.pk}/",
        ],
    }


@pytest.fixture
def access_data(users, make_user, settings):
    settings.TWO_FACTOR_REQUIRED = False
    return build_access_data(users, make_user)


def collect_leaks(client, data, urls) -> list[str]:
    """Fetch every URL as every role and return one line per marker found."""
    leaks = []
    for role in ALL_ROLES:
        client.logout()
        if role is not None:
            client.force_login(data.users[role])
        for url in urls:
            response = client.get(url)
            assert response.status_code < 500, f"{url} as {role_label(role)}: 5xx"
            for word in leaks_in(response_text(response), role, url):
                leaks.append(f"{role_label(role)} {url} ({response.status_code}): {word}")
    return leaks


CHANNELS = [
    "search page",
    "did you mean",
    "judgment pages",
    "judgment pdf",
    "editor pages",
    "statistics",
    "api",
    "feed",
    "greta",
    "teaching material",
    "error pages",
]


@pytest.mark.parametrize("channel", CHANNELS)
def test_channel_shows_no_hidden_judgment(channel, access_data, client):
    urls = channel_urls(access_data)[channel]

    leaks = collect_leaks(client, access_data, urls)

    assert not leaks, "\n".join(leaks)


def test_public_judgment_page_still_shows_its_text(access_data, client):
    """The markers are a real test: the visible judgment's own words do appear."""
    response = client.get(en("caselaw:judgment_detail", pk=access_data.public.pk))

    assert response.status_code == 200
    assert "Public trafficking judgment" in response.content.decode()
    assert "V1" in access_data.public.text


def test_editor_sees_draft_markers(access_data, client):
    client.force_login(access_data.users[Role.CASELAW_EDITOR])

    dashboard = client.get(en("caselaw:editor_dashboard")).content.decode()
    review = client.get(en("caselaw:judgment_anonymise", pk=access_data.draft.pk)).content.decode()

    assert fixtures.DRAFT_MARKER in dashboard
    assert fixtures.DRAFT_SOURCE_NAME in review


def _facets(client, url) -> dict:
    return json.loads(client.get(url).content)


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        (None, 1),
        (Role.CIVIL_SOCIETY_READER, 1),
        (Role.LEGAL_PROFESSIONAL, 2),
        (Role.TRAINER, 2),
        (Role.POLICE_INVESTIGATOR, 3),
    ],
    ids=lambda value: role_label(value) if not isinstance(value, int) else str(value),
)
def test_counts_include_only_readable_judgments(role, visible, access_data, client):
    if role is not None:
        client.force_login(access_data.users[role])

    api = _facets(client, "/api/v1/judgments/?year_from=2019&year_to=2019")
    page = client.get(f"{en('caselaw:judgment_search')}?year_from=2019&year_to=2019")

    assert api["count"] == visible
    assert sum(api["facets"]["outcome"].values()) == visible
    assert sum(api["facets"]["year"].values()) == visible
    assert page.context["results"].total == visible
    assert sum(page.context["results"].facets["court"].values()) == visible


@pytest.mark.parametrize(
    ("role", "visible"),
    [(Role.LEGAL_PROFESSIONAL, 2), (Role.POLICE_INVESTIGATOR, 3), (Role.PROJECT_STAFF, 2)],
    ids=lambda value: role_label(value) if not isinstance(value, int) else str(value),
)
def test_statistics_count_only_readable_judgments(role, visible, access_data, client):
    client.force_login(access_data.users[role])

    response = client.get(f"{en('caselaw:statistics')}?export=outcomes.csv")
    rows = list(csv.reader(io.StringIO(response_text(response))))

    assert rows[1][0] == str(fixtures.YEAR)
    assert int(rows[1][1]) == visible


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        (Role.CIVIL_SOCIETY_READER, 1),
        (Role.LEGAL_PROFESSIONAL, 2),
        (Role.POLICE_INVESTIGATOR, 3),
        (Role.CASELAW_EDITOR, 3),
    ],
    ids=lambda value: role_label(value) if not isinstance(value, int) else str(value),
)
def test_greta_indicators_count_only_readable_judgments(role, visible, access_data, client):
    client.force_login(access_data.users[role])

    response = client.get(en("greta:recommendation_detail", pk=access_data.own_recommendation.pk))
    indicators = {item.key: item.value for item in response.context["indicators"]}

    assert indicators["judgments"] == visible


def test_api_detail_hides_links_to_unreadable_judgments(access_data, client):
    client.force_login(access_data.users[Role.LEGAL_PROFESSIONAL])

    detail = client.get(f"/api/v1/judgments/{access_data.public.pk}/").json()
    hidden = {access_data.restricted.pk, access_data.draft.pk}

    assert not hidden & set(detail["cites"])
    assert not hidden & set(detail["cited_by"])
    assert not hidden & set(detail["reviewed_by"])
    assert access_data.professional.pk in detail["cites"]


def test_no_sitemap_route():
    """Sitemaps would be a channel of their own; none exists, so none can leak."""
    with pytest.raises(NoReverseMatch):
        reverse("django.contrib.sitemaps.views.sitemap")


def test_logs_never_contain_source_text(users, make_user, settings, client, caplog):
    settings.TWO_FACTOR_REQUIRED = False
    caplog.set_level(logging.DEBUG)
    data = build_access_data(users, make_user)
    editor = users[Role.CASELAW_EDITOR]
    client.force_login(editor)
    client.get(en("caselaw:judgment_anonymise", pk=data.draft.pk))
    client.post(
        en("caselaw:judgment_anonymise", pk=data.draft.pk),
        {
            "action": "add_person",
            "name": "Arianita Logmarkeri",
            "pseudonym": "V9",
            "role": "victim",
        },
    )
    client.post(en("caselaw:judgment_anonymise", pk=data.draft.pk), {"action": "run"})
    urls = [url for channel in CHANNELS for url in channel_urls(data)[channel]]

    collect_leaks(client, data, urls)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    logged += "\n".join(str(record.args) for record in caplog.records)

    assert caplog.records, "nothing was logged, so the check below proves nothing"
    for word in (*SOURCE_WORDS, *fixtures.DRAFT_SOURCE_NAME.split(), "Logmarkeri"):
        assert word.casefold() not in logged.casefold(), word
