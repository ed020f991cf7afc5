"""The case-law pages show no English UI string in Albanian and Serbian (both scripts)."""

import io
import re

import polib
import pytest
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from caselaw import sample_data, services
from caselaw.models import Citation, Defendant, Judgment
from caselaw.tests.factories import JudgmentFactory
from common.management.commands.compile_translations import locale_dirs
from common.tests.test_translations import english_ui_strings, visible_text

pytestmark = pytest.mark.django_db

PAGE_LANGUAGES = ["sq", "sr", "sr-latn"]
SOURCE = (
    "Gjykata Themelore në Prizren. I pandehuri Arbër Krasniqi rekrutoi dëshmitaren "
    "Drita Berisha. Krasniqit iu gjet telefoni +383 44 123 456."
)


@pytest.fixture
def pages(editor, second_editor):
    """Return the URL of every main case-law page, with data that fills each section."""
    sample_data.load(stdout=io.StringIO(), source_dir=None)
    published = Citation.objects.select_related("citing").first().citing
    Defendant.objects.create(
        judgment=published,
        pseudonym="D9",
        sex="male",
        verdict="convicted",
        sentence_months=30,
        fine_eur=500,
        confiscation_ordered=True,
    )

    draft = JudgmentFactory(status="draft", created_by=editor, text="")
    services.judgment_attach_source(user=editor, judgment=draft, text=SOURCE)
    services.protected_person_save(
        user=editor, judgment=draft, name="Arbër Krasniqi", pseudonym="A.K.", role="defendant"
    )
    services.judgment_run_anonymiser(user=editor, judgment=draft)

    in_review = JudgmentFactory(status="draft", created_by=second_editor, text="")
    services.judgment_attach_source(user=second_editor, judgment=in_review, text=SOURCE)
    services.finding_add_manual(
        user=second_editor, judgment=in_review, text="Arbër Krasniqi", replacement="A.K."
    )
    services.judgment_submit_for_review(user=second_editor, judgment=in_review)

    with translation.override("en"):
        urls = {
            "judgment detail": reverse("caselaw:judgment_detail", args=[published.pk]),
            "print view": reverse("caselaw:judgment_print", args=[published.pk]),
            "editor dashboard": reverse("caselaw:editor_dashboard"),
            "new judgment form": reverse("caselaw:judgment_create"),
            "judgment form": reverse("caselaw:judgment_update", args=[published.pk]),
            "source form": reverse("caselaw:judgment_source", args=[draft.pk]),
            "review screen (draft)": reverse("caselaw:judgment_anonymise", args=[draft.pk]),
            "review screen (in review)": reverse("caselaw:judgment_anonymise", args=[in_review.pk]),
        }
    return urls


def _translations(language: str) -> list[str]:
    """Return every msgstr of the page language, from all catalogues."""
    folder = {"sq": "sq", "sr": "sr", "sr-latn": "sr_Latn"}[language]
    translations = []
    for directory in locale_dirs():
        path = directory / folder / "LC_MESSAGES" / "django.po"
        if path.exists():
            for entry in polib.pofile(str(path)):
                translations.append(entry.msgstr)
                translations.extend(entry.msgstr_plural.values())
    return translations


def _english_strings(language: str) -> set[str]:
    """Return the source strings whose presence on a page in `language` is a leak.

    A source string that is also part of a translation in that language ("Administrator"
    in Serbian Latin, say) proves nothing, so it is left out.
    """
    translations = _translations(language)
    return {
        source
        for source in english_ui_strings()
        if not any(source in translated for translated in translations)
    }


def _ui_text(content: bytes) -> str:
    """Return the visible text of a page without the values of text areas.

    A text area of the judgment form holds the English summary, which is content.
    """
    without_values = re.sub(rb"(<textarea\b[^>]*>).*?(</textarea>)", rb"\1\2", content, flags=re.S)
    return visible_text(without_values)


def _in_language(url: str, language: str) -> str:
    assert url.startswith("/en/")
    return f"/{language}/" + url.removeprefix("/en/")


def test_catalogue_covers_case_law_strings():
    sources = english_ui_strings()

    assert "Anonymise and publish" in sources
    assert "Unanonymised text. Kept only while a draft; deleted on publication." in sources


@pytest.mark.parametrize("language", PAGE_LANGUAGES)
def test_editor_pages_show_no_english(client_for, pages, language):
    client = client_for(Role.CASELAW_EDITOR)
    sources = _english_strings(language)
    assert len(sources) > 300

    for name, url in pages.items():
        response = client.get(_in_language(url, language))
        assert response.status_code == 200, name
        text = _ui_text(response.content)
        leaked = sorted(source for source in sources if source in text)
        assert leaked == [], name


@pytest.mark.parametrize(
    ("language", "expected"),
    [("sq", "Anonimizo dhe publiko"), ("sr", "Анонимизуј и објави"), ("sr-latn", "Anonimizuj")],
)
def test_dashboard_in_page_language(client_for, pages, language, expected):
    client = client_for(Role.CASELAW_EDITOR)

    response = client.get(_in_language(pages["editor dashboard"], language))

    assert expected in response.content.decode()


def test_form_error_is_translated(client_for, pages):
    client = client_for(Role.CASELAW_EDITOR)

    response = client.post(_in_language(pages["new judgment form"], "sr"), {})

    assert response.status_code == 400
    assert "Дајте пресуди наслов на бар једном језику." in response.content.decode()


def test_finding_kinds_translated(client_for, pages):
    client = client_for(Role.CASELAW_EDITOR)

    content = client.get(_in_language(pages["review screen (draft)"], "sr")).content.decode()

    assert "Број телефона" in content
    assert "Пуно име" in content
    assert ">phone<" not in content


@pytest.mark.parametrize(
    ("language", "expected", "unexpected"),
    [
        ("sr-latn", "Evropski sud za ljudska prava", "Европски суд"),
        ("sr", "Европски суд за људска права", "Evropski sud"),
    ],
)
def test_court_name_in_page_script(client_for, pages, language, expected, unexpected):
    client = client_for(Role.CASELAW_EDITOR)
    rantsev = Judgment.objects.get(case_number="no. 25965/04")
    with translation.override("en"):
        url = reverse("caselaw:judgment_detail", args=[rantsev.pk])

    content = client.get(_in_language(url, language)).content.decode()

    assert expected in content
    assert unexpected not in content
