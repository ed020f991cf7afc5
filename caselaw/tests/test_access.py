"""Role by role: which judgments each page and endpoint shows."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from caselaw.tests.factories import JudgmentFactory

ANONYMOUS = None
EVERYTHING = {"public", "professional", "restricted_police", "draft", "in_review", "withdrawn"}
# Which of the `judgments_by_access` records each role may open.
EXPECTED_VISIBLE = {
    ANONYMOUS: {"public"},
    Role.CIVIL_SOCIETY_READER: {"public"},
    Role.LEGAL_PROFESSIONAL: {"public", "professional"},
    Role.TRAINER: {"public", "professional"},
    Role.POLICE_INVESTIGATOR: {"public", "professional", "restricted_police"},
    Role.PROJECT_STAFF: {"public", "professional"},
    Role.CASELAW_EDITOR: EVERYTHING,
    Role.ADMINISTRATOR: EVERYTHING,
}


@pytest.mark.parametrize("role", list(EXPECTED_VISIBLE), ids=lambda r: str(r or "anonymous"))
def test_detail_page_per_role(role, client_for, judgments_by_access):
    client = client_for(role)
    for name, judgment in judgments_by_access.items():
        response = client.get(reverse("caselaw:judgment_detail", args=[judgment.pk]))
        expected = 200 if name in EXPECTED_VISIBLE[role] else 404
        assert response.status_code == expected, name


@pytest.mark.parametrize("role", list(EXPECTED_VISIBLE), ids=lambda r: str(r or "anonymous"))
def test_api_detail_per_role(role, client_for, judgments_by_access):
    client = client_for(role)
    for name, judgment in judgments_by_access.items():
        response = client.get(f"/api/v1/judgments/{judgment.pk}/")
        expected = 200 if name in EXPECTED_VISIBLE[role] else 404
        assert response.status_code == expected, name


@pytest.mark.parametrize("role", list(EXPECTED_VISIBLE), ids=lambda r: str(r or "anonymous"))
def test_lists_show_only_visible(role, client_for, judgments_by_access):
    client = client_for(role)
    expected_ids = {judgments_by_access[name].pk for name in EXPECTED_VISIBLE[role]}

    api_ids = {
        row["id"]
        for row in client.get("/api/v1/judgments/?page_size=100&decision_type=judgment").json()[
            "results"
        ]
    }
    page = client.get(reverse("caselaw:judgment_search")).content.decode()

    assert api_ids == expected_ids
    for name, judgment in judgments_by_access.items():
        if name not in EXPECTED_VISIBLE[role]:
            assert f'judgments/{judgment.pk}/"' not in page, name


@pytest.mark.parametrize("url_name", ["judgment_print", "judgment_pdf"])
def test_print_and_pdf_hide_drafts(url_name, client_for, judgments_by_access):
    client = client_for(Role.LEGAL_PROFESSIONAL)
    draft = judgments_by_access["draft"]
    public = judgments_by_access["public"]

    assert client.get(reverse(f"caselaw:{url_name}", args=[draft.pk])).status_code == 404
    assert client.get(reverse(f"caselaw:{url_name}", args=[public.pk])).status_code == 200


def test_pdf_is_a_pdf(client, judgments_by_access):
    response = client.get(reverse("caselaw:judgment_pdf", args=[judgments_by_access["public"].pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("role", [ANONYMOUS, Role.LEGAL_PROFESSIONAL, Role.CASELAW_EDITOR])
def test_source_text_never_in_api(role, client_for, editor):
    judgment = JudgmentFactory(status="draft", source_text="Real name Arbër Krasniqi")
    client = client_for(role)

    detail = client.get(f"/api/v1/judgments/{judgment.pk}/")
    listing = client.get("/api/v1/judgments/")

    assert "Krasniqi" not in detail.content.decode()
    assert "Krasniqi" not in listing.content.decode()
    assert "source_text" not in detail.content.decode()


def test_editor_pages_reject_readers(client_for, judgments_by_access):
    draft = judgments_by_access["draft"]
    urls = [
        reverse("caselaw:editor_dashboard"),
        reverse("caselaw:judgment_create"),
        reverse("caselaw:judgment_update", args=[draft.pk]),
        reverse("caselaw:judgment_anonymise", args=[draft.pk]),
        reverse("caselaw:judgment_source", args=[draft.pk]),
    ]
    reader = client_for(Role.LEGAL_PROFESSIONAL)
    for url in urls:
        assert reader.get(url).status_code == 403, url
    anonymous = client_for(None)
    for url in urls:
        assert anonymous.get(url).status_code == 302, url


def test_related_decision_hidden_from_reader(client_for, judgments_by_access):
    public = judgments_by_access["public"]
    draft = judgments_by_access["draft"]
    draft.appeal_of = public
    draft.save()

    page = client_for(Role.LEGAL_PROFESSIONAL).get(
        reverse("caselaw:judgment_detail", args=[public.pk])
    )

    assert page.context["reviewed_by"] == []


def test_api_write_needs_editor(client_for, judgments_by_access):
    public = judgments_by_access["public"]
    reader = client_for(Role.LEGAL_PROFESSIONAL)

    response = reader.patch(
        f"/api/v1/judgments/{public.pk}/", {"ecli": "X"}, content_type="application/json"
    )

    assert response.status_code == 403


def test_api_editor_creates_draft(client_for, judgments_by_access):
    court = judgments_by_access["public"].court
    editor = client_for(Role.CASELAW_EDITOR)
    payload = {
        "case_number": "PKR 1/2025",
        "court": court.pk,
        "decision_date": "2025-01-10",
        "decision_type": "judgment",
        "instance": "first",
        "outcome": "conviction",
        "original_language": "sq",
        "title_sq": "Aktgjykim",
    }

    response = editor.post("/api/v1/judgments/", payload, content_type="application/json")

    assert response.status_code == 201, response.content
    assert client_for(None).get(f"/api/v1/judgments/{response.json()['id']}/").status_code == 404


def test_api_rejects_restricted_without_roles(client_for, judgments_by_access):
    public = judgments_by_access["public"]
    editor = client_for(Role.CASELAW_EDITOR)

    response = editor.patch(
        f"/api/v1/judgments/{public.pk}/",
        {"access_level": "restricted"},
        content_type="application/json",
    )

    assert response.status_code == 400
