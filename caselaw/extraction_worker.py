"""Child process that extracts the text of one PDF or DOCX document.

Run as `python extraction_worker.py KIND MEMORY_BYTES CPU_SECONDS MAX_PAGES
MAX_DOCX_BYTES MAX_TEXT_CHARS` with the document on stdin. It lowers its own resource
limits before reading the input, so a hostile document that exhausts memory or CPU
kills only this process. It writes one JSON object to stdout: {"text": ...} or
{"error": CODE}, where CODE is one of the ERROR_* values below.

This file imports neither Django nor the project, so it starts fast and receives no secret.
"""

import io
import json
import resource
import sys
import zipfile

ERROR_ENCRYPTED = "encrypted"
ERROR_TOO_MANY_PAGES = "too_many_pages"
ERROR_DOCX_TOO_LARGE = "docx_too_large"
ERROR_TEXT_TOO_LONG = "text_too_long"
ERROR_MEMORY = "memory"
ERROR_UNREADABLE = "unreadable"


def limit_resources(memory_bytes: int, cpu_seconds: int) -> None:
    """Cap the address space and CPU time of this process, and disable core dumps."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def near_memory_limit(memory_bytes: int) -> bool:
    """Return whether the peak address space came within 10 % of the limit.

    libxml2 reports a failed allocation as an XMLSyntaxError ("unknown error"), so the
    exception type alone cannot tell a damaged file from one that exhausted memory.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024 >= memory_bytes * 0.9
    except OSError:
        # NOTE: without /proc (not Linux) a parser's failed allocation is reported as an
        # unreadable document, not as a memory limit.
        pass
    return False


class ExtractionError(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def pdf_text(data: bytes, max_pages: int) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise ExtractionError(ERROR_ENCRYPTED)
    if len(reader.pages) > max_pages:
        raise ExtractionError(ERROR_TOO_MANY_PAGES)
    return "\n\n".join((page.extract_text() or "") for page in reader.pages)


def docx_text(data: bytes, max_uncompressed_bytes: int) -> str:
    import docx

    # zipfile stops reading a member at its declared size, so the declared sizes bound
    # what python-docx can inflate.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        uncompressed = sum(info.file_size for info in archive.infolist())
    if uncompressed > max_uncompressed_bytes:
        raise ExtractionError(ERROR_DOCX_TOO_LARGE)
    document = docx.Document(io.BytesIO(data))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(paragraphs)


def extract(kind, data, *, memory_bytes, max_pages, max_docx_bytes, max_chars) -> dict:
    """Return the result object for one document, with every parser error as a code."""
    try:
        text = pdf_text(data, max_pages) if kind == "pdf" else docx_text(data, max_docx_bytes)
    except ExtractionError as error:
        return {"error": error.code}
    except MemoryError:
        return {"error": ERROR_MEMORY}
    except Exception as error:  # Parsers raise many exception types on hostile input.
        if near_memory_limit(memory_bytes):
            return {"error": ERROR_MEMORY}
        return {"error": ERROR_UNREADABLE, "detail": type(error).__name__}
    if len(text) > max_chars:
        return {"error": ERROR_TEXT_TOO_LONG}
    return {"text": text}


def main(argv: list[str]) -> int:
    kind = argv[1]
    memory_bytes, cpu_seconds, max_pages, max_docx_bytes, max_chars = map(int, argv[2:7])
    limit_resources(memory_bytes, cpu_seconds)
    data = sys.stdin.buffer.read()
    result = extract(
        kind,
        data,
        memory_bytes=memory_bytes,
        max_pages=max_pages,
        max_docx_bytes=max_docx_bytes,
        max_chars=max_chars,
    )
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
