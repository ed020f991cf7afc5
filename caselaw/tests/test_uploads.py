import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from caselaw import documents
from caselaw.tests.factories import JudgmentFactory


def _docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_bytes(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, text)
    return bytes(pdf.output())


@pytest.fixture
def draft(editor):
    return JudgmentFactory(status="draft", created_by=editor, text="")


def _upload(client, judgment, name, content):
    with translation.override("en"):
        url = reverse("caselaw:judgment_source", args=[judgment.pk])
    return client.post(
        url,
        {"document": SimpleUploadedFile(name, content)},
    )


def test_docx_upload_extracts_text(client_for, draft):
    response = _upload(client_for(Role.CASELAW_EDITOR), draft, "a.docx", _docx_bytes("Aktgjykimi"))

    draft.refresh_from_db()
    assert response.status_code == 302
    assert "Aktgjykimi" in draft.source_text


def test_pdf_upload_extracts_text(client_for, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = _upload(client_for(Role.CASELAW_EDITOR), draft, "a.pdf", _pdf_bytes("Judgment text"))

    draft.refresh_from_db()
    assert response.status_code == 302
    assert "Judgment text" in draft.source_text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("evil.pdf", b"MZ\x90\x00 not a pdf at all", "neither"),
        ("notes.txt", b"plain text", "neither"),
        ("broken.pdf", b"%PDF-1.7\n%garbage without objects", "could not be read"),
        ("broken.docx", b"PK\x03\x04 truncated zip", "neither"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_bad_upload_is_form_error(name, content, message, client_for, draft):
    response = _upload(client_for(Role.CASELAW_EDITOR), draft, name, content)

    assert response.status_code == 400
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert draft.source_text == ""


def test_oversized_upload_rejected(monkeypatch):
    monkeypatch.setattr(documents, "MAX_UPLOAD_BYTES", 10)
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * 100)

    with pytest.raises(documents.ValidationError, match="maximum"):
        documents.extract_text(upload)
