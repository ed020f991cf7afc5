"""Text extraction from uploaded source documents (PDF with pypdf, DOCX with python-docx).

The type is decided by the file's content, never by its name or declared content type,
and every failure becomes a ValidationError with a message for the editor.
"""

import io
import logging
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 1000
MAX_DOCX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024

PDF = "pdf"
DOCX = "docx"


def sniff_type(head: bytes, data: bytes) -> str | None:
    """Return "pdf" or "docx" from the content, or None for any other type."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return DOCX
        except zipfile.BadZipFile:
            return None
    return None


def extract_text(uploaded_file) -> tuple[str, str]:
    """Return (text, type) of an uploaded PDF or DOCX, or raise ValidationError."""
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the maximum is %(max)s MB.")
            % {"size": round(size / 1024 / 1024, 1), "max": MAX_UPLOAD_BYTES // 1024 // 1024}
        )
    uploaded_file.seek(0)
    data = uploaded_file.read(MAX_UPLOAD_BYTES + 1)
    uploaded_file.seek(0)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is larger than %(max)s MB.") % {"max": MAX_UPLOAD_BYTES // 1024 // 1024}
        )
    if not data:
        raise ValidationError(_("The file is empty."))

    kind = sniff_type(data[:8], data)
    if kind is None:
        raise ValidationError(
            _("Only PDF and DOCX documents can be uploaded; this file is neither.")
        )
    try:
        text = _pdf_text(data) if kind == PDF else _docx_text(data)
    except ValidationError:
        raise
    except Exception:  # Parsers raise many exception types on hostile input.
        logger.warning("Could not read an uploaded %s document", kind, exc_info=True)
        raise ValidationError(
            _("The %(type)s document could not be read; it may be damaged or protected.")
            % {"type": kind.upper()}
        ) from None
    text = text.replace("\x00", "").strip()
    if not text:
        raise ValidationError(
            _("No text was found in the document. A scanned PDF needs text recognition first.")
        )
    return text, kind


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise ValidationError(_("The PDF is encrypted; upload an unprotected copy."))
    if len(reader.pages) > MAX_PDF_PAGES:
        raise ValidationError(_("The PDF has more than %(max)s pages.") % {"max": MAX_PDF_PAGES})
    # NOTE: pypdf has no time limit; a page count cap bounds the work but a single
    # hostile page can still be slow. Moving extraction to a worker would bound it.
    return "\n\n".join((page.extract_text() or "") for page in reader.pages)


def _docx_text(data: bytes) -> str:
    import docx

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        uncompressed = sum(info.file_size for info in archive.infolist())
    if uncompressed > MAX_DOCX_UNCOMPRESSED_BYTES:
        raise ValidationError(_("The DOCX document expands to an implausible size."))
    document = docx.Document(io.BytesIO(data))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(paragraphs)
