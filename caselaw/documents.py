"""Text extraction from uploaded source documents (PDF with pypdf, DOCX with python-docx).

The type is decided by the file's content, never by its name or declared content type,
and every failure becomes a ValidationError with a message for the editor. The parsers
run in a child process (caselaw/extraction_worker.py) with a wall-clock timeout, a CPU
time limit and an address-space limit, so a hostile document cannot hang or exhaust the
web worker.
"""

import io
import json
import logging
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from caselaw import extraction_worker

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 1000
MAX_DOCX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_TEXT_CHARS = 5_000_000
# Defaults for the settings CASELAW_EXTRACTION_TIMEOUT_SECONDS and
# CASELAW_EXTRACTION_MEMORY_BYTES.
# NOTE: both are estimates, not measured under load. A generated 1,000-page text PDF
# (40 lines a page) took about 6 s on a 2-core Xeon virtual machine; scanned or
# image-heavy PDFs were not measured.
EXTRACTION_TIMEOUT_SECONDS = 30
EXTRACTION_MEMORY_BYTES = 768 * 1024 * 1024
WORKER_PATH = Path(extraction_worker.__file__)

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
    text = _extract_in_child(data, kind)
    text = text.replace("\x00", "").strip()
    if not text:
        raise ValidationError(
            _("No text was found in the document. A scanned PDF needs text recognition first.")
        )
    return text, kind


def _limits() -> tuple[int, int]:
    timeout = getattr(settings, "CASELAW_EXTRACTION_TIMEOUT_SECONDS", EXTRACTION_TIMEOUT_SECONDS)
    memory = getattr(settings, "CASELAW_EXTRACTION_MEMORY_BYTES", EXTRACTION_MEMORY_BYTES)
    return int(timeout), int(memory)


def _extract_in_child(data: bytes, kind: str) -> str:
    """Run the parser for `kind` in a limited child process and return the text."""
    timeout, memory = _limits()
    command = [
        sys.executable,
        "-I",  # Isolated: the script folder (caselaw/selectors.py) must not shadow the stdlib.
        "-B",
        str(WORKER_PATH),
        kind,
        str(memory),
        str(timeout + 1),  # The CPU limit backs up the wall-clock timeout.
        str(MAX_PDF_PAGES),
        str(MAX_DOCX_UNCOMPRESSED_BYTES),
        str(MAX_TEXT_CHARS),
    ]
    # NOTE: uploads are not queued. Each concurrent upload starts its own child, so
    # the memory cap applies per upload, not to the machine.
    # The child gets a minimal environment: it needs no database URL or secret key.
    environment = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"}
    try:
        completed = subprocess.run(  # noqa: S603 - fixed command, document on stdin
            command, input=data, capture_output=True, timeout=timeout, env=environment
        )
    except subprocess.TimeoutExpired:
        logger.warning("Text extraction of a %s document timed out after %ss", kind, timeout)
        raise ValidationError(_timeout_message(timeout)) from None

    result = _worker_result(completed)
    if "text" in result:
        return result["text"]
    code = result.get("error")
    logger.warning("Text extraction of a %s document failed: %s", kind, code)
    raise ValidationError(_error_message(code, kind, timeout, memory))


def _worker_result(completed: subprocess.CompletedProcess) -> dict:
    """Return the worker's JSON result, or an error code for a child that died."""
    if completed.returncode == -signal.SIGXCPU:
        return {"error": "cpu"}
    if completed.returncode != 0:
        # Past the address-space limit, CPython can fail outside any handler (or be
        # killed), so a MemoryError in the traceback or a kill counts as memory.
        stderr = completed.stderr.decode(errors="replace")
        if "MemoryError" in stderr or completed.returncode == -signal.SIGKILL:
            return {"error": extraction_worker.ERROR_MEMORY}
        logger.warning("Extraction worker exited with %s", completed.returncode)
        return {"error": extraction_worker.ERROR_UNREADABLE}
    try:
        return json.loads(completed.stdout)
    except ValueError:
        return {"error": extraction_worker.ERROR_UNREADABLE}


def _timeout_message(timeout: int) -> str:
    return _(
        "Reading the document took longer than %(seconds)s seconds, so it was stopped. "
        "Upload a simpler copy (for example saved again as PDF or DOCX), or paste the text."
    ) % {"seconds": timeout}


def _error_message(code, kind: str, timeout: int, memory: int) -> str:
    if code == extraction_worker.ERROR_ENCRYPTED:
        return _("The PDF is encrypted; upload an unprotected copy.")
    if code == extraction_worker.ERROR_TOO_MANY_PAGES:
        return _("The PDF has more than %(max)s pages.") % {"max": MAX_PDF_PAGES}
    if code == extraction_worker.ERROR_DOCX_TOO_LARGE:
        return _("The DOCX document expands to an implausible size.")
    if code == extraction_worker.ERROR_TEXT_TOO_LONG:
        return _(
            "The document contains more than %(max)s characters of text; split it or "
            "paste the judgment's text."
        ) % {"max": f"{MAX_TEXT_CHARS:,}"}
    if code == "cpu":
        return _timeout_message(timeout)
    if code == extraction_worker.ERROR_MEMORY:
        return _(
            "Reading the document needed more than %(max)s MB of memory, so it was "
            "stopped. Upload a simpler copy, or paste the text."
        ) % {"max": memory // 1024 // 1024}
    return _("The %(type)s document could not be read; it may be damaged or protected.") % {
        "type": kind.upper()
    }
