"""Every UI string is translated, and pages in sq, sr and sr-latn show no English."""

import html
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from accounts.roles import Role
from common.management.commands.compile_translations import locale_dirs

pytestmark = pytest.mark.django_db

TRANSLATED_LANGUAGES = ("sq", "sr")
PAGES = [
    ("/{lang}/", None),
    ("/{lang}/accounts/sign-in/", None),
    ("/{lang}/accounts/password/reset/", None),
    ("/{lang}/accounts/profile/", Role.LEGAL_PROFESSIONAL),
    ("/{lang}/accounts/password/change/", Role.LEGAL_PROFESSIONAL),
]


def catalogues():
    for directory in locale_dirs():
        for language in TRANSLATED_LANGUAGES:
            path = directory / language / "LC_MESSAGES" / "django.po"
            if path.exists():
                yield path


@pytest.mark.parametrize("path", list(catalogues()), ids=str)
def test_catalogue_is_complete(path: Path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [], f"untranslated in {path}"
    assert fuzzy == [], f"fuzzy in {path}"


def english_ui_strings() -> set[str]:
    """Return source strings that must not appear untranslated on a translated page."""
    strings = set()
    for path in catalogues():
        for entry in polib.pofile(str(path)):
            # Short strings ("Other", "Court") may occur inside other words or names.
            if len(entry.msgid) >= 12 and entry.msgstr and entry.msgstr != entry.msgid:
                strings.add(entry.msgid)
    return strings


def visible_text(content: bytes) -> str:
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", content.decode(), flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text))


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
@pytest.mark.parametrize(("url", "role"), PAGES)
def test_page_renders_in_each_language(client_for, language, url, role):
    client = client_for(role)
    response = client.get(url.format(lang=language))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize("language", ["sq", "sr", "sr-latn"])
@pytest.mark.parametrize(("url", "role"), PAGES)
def test_page_shows_no_untranslated_string(client_for, language, url, role):
    client = client_for(role)
    text = visible_text(client.get(url.format(lang=language)).content)
    leaked = sorted(source for source in english_ui_strings() if source in text)
    assert leaked == []


def test_serbian_latin_page_has_no_cyrillic(client):
    text = visible_text(client.get("/sr-latn/").content)
    # The language switcher names Serbian Cyrillic in its own script on purpose.
    text = text.replace("Српски", "")
    assert not re.search("[\u0400-\u04ff]", text)


def test_serbian_page_is_cyrillic(client):
    text = visible_text(client.get("/sr/").content)
    assert "Судска пракса" in text


def test_footer_carries_kosovo_footnote_in_page_language(client):
    assert "Resolution 1244" in client.get("/en/").content.decode()
    assert "Rezolutën 1244" in client.get("/sq/").content.decode()
    assert "Резолуцијом 1244" in client.get("/sr/").content.decode()
    assert "Rezolucijom 1244" in client.get("/sr-latn/").content.decode()


def test_language_switch_keeps_the_page(client):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/sq/accounts/password/reset/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/password/reset/"
