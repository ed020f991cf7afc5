"""The uploaded source document: sent only to case-law editors while the judgment is a draft."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.audit import AuditAction, AuditEvent
from accounts.roles import Role
from caselaw import services
from caselaw.tests.factories import JudgmentFactory

pytestmark = pytest.mark.django_db

DOCUMENT = "%PDF-1.4 Aktgjykimi kundër Arbër Krasniqi".encode()
TEXT = "Aktgjykimi kundër Arbër Krasniqi."
READERS = (
    None,
    Role.PROJECT_STAFF,
    Role.LEGAL_PROFESSIONAL,
    Role.POLICE_INVESTIGATOR,
    Role.TRAINER,
    Role.CIVIL_SOCIETY_READER,
)


@pytest.fixture
def draft(editor):
    judgment = JudgmentFactory(status="draft", created_by=editor, text="")
    services.judgment_attach_source(
        user=editor,
        judgment=judgment,
        uploaded_file=SimpleUploadedFile("upload.pdf", DOCUMENT),
        extracted=(TEXT, "pdf"),
    )
    return judgment


def document_url(judgment) -> str:
    return reverse("caselaw:judgment_source_document", args=[judgment.pk])


def content_of(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("role", READERS, ids=lambda role: role or "anonymous")
def test_document_hidden_from_other_roles(role, draft, client_for):
    response = client_for(role).get(document_url(draft))

    assert response.status_code == 404
    assert DOCUMENT not in response.content


@pytest.mark.parametrize("role", [Role.CASELAW_EDITOR, Role.ADMINISTRATOR])
def test_editor_downloads_document(role, draft, client_for):
    response = client_for(role).get(document_url(draft))

    assert response.status_code == 200
    assert content_of(response) == DOCUMENT
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="judgment-{draft.pk}-source.pdf"'
    )
    assert "no-store" in response["Cache-Control"]


def test_document_download_is_audited(draft, client_for, users):
    client_for(Role.CASELAW_EDITOR).get(document_url(draft))

    event = AuditEvent.objects.get(action=AuditAction.VIEW_SOURCE_TEXT)
    assert event.user_id == users[Role.CASELAW_EDITOR].pk
    assert event.object_type == "caselaw.judgment"
    assert event.object_id == str(draft.pk)
    assert event.detail == {"part": "document"}


def test_source_text_opening_is_audited(draft, editor):
    services.judgment_open_source_text(user=editor, judgment=draft)

    event = AuditEvent.objects.get(action=AuditAction.VIEW_SOURCE_TEXT)
    assert event.user_id == editor.pk
    assert event.object_id == str(draft.pk)
    assert event.detail == {"part": "text"}


def test_document_stored_outside_media_root(draft, settings, private_storage_root):
    path = draft.source_file.path

    assert path.startswith(str(private_storage_root))
    assert not path.startswith(str(settings.MEDIA_ROOT))


@pytest.mark.parametrize("status", ["published", "withdrawn"])
def test_document_of_published_judgment_is_404(status, draft, client_for):
    # Publication deletes the file, and a file left behind must not be sent either.
    draft.status = status
    draft.save(update_fields=["status"])

    response = client_for(Role.CASELAW_EDITOR).get(document_url(draft))

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW_SOURCE_TEXT).exists()


def test_document_in_review_still_served(draft, client_for):
    draft.status = "in_review"
    draft.save(update_fields=["status"])

    response = client_for(Role.CASELAW_EDITOR).get(document_url(draft))

    assert response.status_code == 200


def test_draft_without_document_is_404(editor, client_for):
    judgment = JudgmentFactory(status="draft", created_by=editor, text="")

    response = client_for(Role.CASELAW_EDITOR).get(document_url(judgment))

    assert response.status_code == 404


def test_document_missing_from_storage_is_404(draft, client_for, caplog):
    draft.source_file.storage.delete(draft.source_file.name)

    response = client_for(Role.CASELAW_EDITOR).get(document_url(draft))

    assert response.status_code == 404
    assert f"judgment {draft.pk} is missing from storage" in caplog.text


def test_source_page_links_to_document(draft, client_for):
    response = client_for(Role.CASELAW_EDITOR).get(
        reverse("caselaw:judgment_source", args=[draft.pk])
    )

    assert document_url(draft) in response.content.decode()
    assert "/media/" not in response.content.decode()
