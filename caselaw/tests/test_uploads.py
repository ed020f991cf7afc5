import io
import time
import zipfile
import zlib

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
    settings.PRIVATE_STORAGE_ROOT = tmp_path
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


def _slow_pdf(pages: int, operators: int) -> bytes:
    """Build a PDF whose pages all share one compressed stream of `operators` text operators.

    About 200 KB on disk, but extracting the text of 1,000 such pages takes hours.
    """
    content = b"BT /F1 12 Tf 10 10 Td " + b"(x) Tj " * operators + b"ET"
    stream = zlib.compress(content, 9)
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    kids = " ".join(f"{4 + index} 0 R" for index in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
    objects += [page + b"/Resources " + font + b" >>"] * pages

    output = io.BytesIO()
    output.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    output.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return output.getvalue()


def _docx_bomb(paragraphs: int) -> bytes:
    """Build a valid DOCX whose document.xml inflates to about 35 bytes per paragraph."""
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes("start")))
    head, tail = source.read("word/document.xml").split(b"<w:body>", 1)
    body = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * paragraphs
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for item in source.infolist():
            if item.filename == "word/document.xml":
                archive.writestr(item.filename, head + b"<w:body>" + body + tail)
            else:
                archive.writestr(item.filename, source.read(item.filename))
    return output.getvalue()


def test_pdf_helper_builds_readable_pdf():
    text, kind = documents.extract_text(SimpleUploadedFile("a.pdf", _slow_pdf(2, 3)))

    assert kind == "pdf"
    assert text == "xxx\n\nxxx"


def test_slow_pdf_stopped_at_timeout(settings):
    settings.CASELAW_EXTRACTION_TIMEOUT_SECONDS = 2
    upload = SimpleUploadedFile("slow.pdf", _slow_pdf(1000, 2_000_000))
    assert upload.size < documents.MAX_UPLOAD_BYTES

    started = time.monotonic()
    with pytest.raises(documents.ValidationError, match="longer than 2 seconds"):
        documents.extract_text(upload)
    assert time.monotonic() - started < 10


def test_docx_bomb_stopped_at_memory_limit(settings):
    settings.CASELAW_EXTRACTION_MEMORY_BYTES = 256 * 1024 * 1024
    upload = SimpleUploadedFile("bomb.docx", _docx_bomb(2_500_000))
    assert upload.size < 1024 * 1024

    with pytest.raises(documents.ValidationError, match="more than 256 MB of memory"):
        documents.extract_text(upload)


def test_docx_over_declared_size_cap(monkeypatch):
    monkeypatch.setattr(documents, "MAX_DOCX_UNCOMPRESSED_BYTES", 10_000)
    upload = SimpleUploadedFile("big.docx", _docx_bytes("x" * 20_000))

    with pytest.raises(documents.ValidationError, match="implausible size"):
        documents.extract_text(upload)


def test_corrupt_docx_is_unreadable():
    content = _docx_bytes("Aktgjykimi")
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            archive.writestr(item.filename, data)

    with pytest.raises(documents.ValidationError, match="DOCX document could not be read"):
        documents.extract_text(SimpleUploadedFile("cut.docx", output.getvalue()))


def test_text_over_limit_rejected(monkeypatch):
    monkeypatch.setattr(documents, "MAX_TEXT_CHARS", 100)
    upload = SimpleUploadedFile("long.docx", _docx_bytes("word " * 100))

    with pytest.raises(documents.ValidationError, match="more than 100 characters"):
        documents.extract_text(upload)


def test_slow_upload_is_form_error(client_for, draft, settings):
    settings.CASELAW_EXTRACTION_TIMEOUT_SECONDS = 1
    content = _slow_pdf(1000, 2_000_000)

    response = _upload(client_for(Role.CASELAW_EDITOR), draft, "slow.pdf", content)

    assert response.status_code == 400
    assert "longer than 1 seconds" in response.content.decode()
    draft.refresh_from_db()
    assert draft.source_text == ""
    assert not draft.source_file
