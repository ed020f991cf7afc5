import re

import pytest

from accounts.roles import Role
from common.script_middleware import latinise_html

pytestmark = pytest.mark.django_db


def test_latinise_keeps_switcher_name():
    html = '<button lang="sr">Српски</button><p>Основни суд у Призрену</p>'
    assert latinise_html(html) == '<button lang="sr">Српски</button><p>Osnovni sud u Prizrenu</p>'


def test_serbian_latin_page_shows_stored_cyrillic_in_latin(client_for):
    client = client_for(Role.LEGAL_PROFESSIONAL)
    page = client.get("/sr-latn/accounts/profile/").content.decode()
    # Institution names are stored in Cyrillic for Serbian and listed in the profile form.
    assert "Kancelarija glavnog državnog tužioca" in page
    assert not re.search("[\u0400-\u04ff]", page.replace("Српски", ""))


def test_serbian_cyrillic_page_is_untouched(client_for):
    page = client_for(Role.LEGAL_PROFESSIONAL).get("/sr/accounts/profile/").content.decode()
    assert "Канцеларија главног државног тужиоца" in page


def test_serbian_latin_page_declares_its_new_length(client):
    # A Cyrillic query is echoed in the page, which becomes shorter once in Latin.
    response = client.get("/sr-latn/caselaw/", {"q": "трговина људима"})
    assert response.status_code == 200
    assert "trgovina ljudima" in response.content.decode()
    assert int(response["Content-Length"]) == len(response.content)
