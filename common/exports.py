"""Export helpers shared by the apps: CSV, XLSX and PDF files in the reader's language.

Every exported document that names Kosovo carries the Council of Europe status footnote
(`kosovo_footnote()`), and every export is logged by the caller with the user id.
"""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.http import HttpResponse, StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils.text import get_valid_filename

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# A cell starting with one of these is read as a formula by spreadsheet programs
# (OWASP "CSV injection"); such text cells are prefixed with an apostrophe.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def kosovo_footnote() -> str:
    """Return the status footnote in the active language."""
    return render_to_string("includes/kosovo_footnote.txt").strip()


def neutralise_formula(value):
    """Return `value` safe to open in a spreadsheet: text starting a formula gets a `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{get_valid_filename(filename)}"'
    return response


class _Echo:
    """A file-like object whose write() returns the line, for streaming csv.writer output."""

    def write(self, value):
        return value


def csv_rows(header: Sequence[str], rows: Iterable[Sequence]) -> Iterator[str]:
    """Yield CSV lines: a UTF-8 byte-order mark (so Excel reads UTF-8), the header, the rows."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow([neutralise_formula(str(cell)) for cell in header])
    for row in rows:
        yield writer.writerow(
            ["" if cell is None else neutralise_formula(_plain(cell)) for cell in row]
        )


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence]
) -> StreamingHttpResponse:
    """Stream a CSV download; memory stays flat whatever the number of rows."""
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def xlsx_workbook():
    from openpyxl import Workbook

    return Workbook()


def xlsx_add_sheet(
    workbook, title: str, header: Sequence[str], rows: Iterable[Sequence], *, first=False
):
    """Add a sheet with a bold, frozen header row and an autofilter; cells keep their types.

    Numbers, dates and booleans are written as such (not as text), so readers can sort and
    sum them. Text that would start a formula is neutralised.
    """
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    # Excel forbids these characters in sheet titles and limits them to 31 characters.
    safe_title = "".join(" " if char in "[]:*?/\\" else char for char in title)[:31] or "Sheet"
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = safe_title
    sheet.append([str(cell) for cell in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(cell)) for cell in header]
    row_count = 0
    for row in rows:
        values = [neutralise_formula(cell) for cell in row]
        sheet.append(values)
        row_count += 1
        for index, value in enumerate(values):
            if index < len(widths):
                widths[index] = max(widths[index], min(len(str(value or "")), 60))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{row_count + 1}"
    return sheet


def xlsx_response(filename: str, workbook) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    return _attachment(response, filename)


class PdfDocument:
    """A4 PDF with embedded DejaVu fonts, so Albanian and Cyrillic text render and extract.

    Usage: doc = PdfDocument(title); doc.heading(...); doc.paragraph(...); doc.table(...);
    return doc.response("name.pdf"). The Kosovo status footnote is printed on every page.
    """

    def __init__(self, title: str, *, footnote: str | None = None, landscape: bool = False):
        from fpdf import FPDF

        footnote_text = kosovo_footnote() if footnote is None else footnote

        document = self

        class _Pdf(FPDF):
            def footer(self):
                self.set_y(-18)
                self.set_font("DejaVu", size=7)
                # Wrapped once: the same footnote is printed on every page.
                if document._footnote_lines is None:
                    document._footnote_lines = document.wrap_lines(footnote_text)
                for line in document._footnote_lines:
                    self.cell(0, 3.2, line, new_x="LMARGIN", new_y="NEXT")
                self.set_y(-8)
                self.cell(0, 4, f"{self.page_no()}/{{nb}}", align="R")

        self._footnote_lines: list[str] | None = None
        self._widths: dict[tuple, float] = {}

        self.pdf = _Pdf(orientation="L" if landscape else "P", format="A4")
        self.pdf.add_font("DejaVu", "", str(FONTS_DIR / "DejaVuSans.ttf"))
        self.pdf.add_font("DejaVu", "B", str(FONTS_DIR / "DejaVuSans-Bold.ttf"))
        self.pdf.set_title(title)
        self.pdf.set_auto_page_break(auto=True, margin=22)
        self.pdf.add_page()
        self.pdf.set_font("DejaVu", "B", 15)
        self.pdf.multi_cell(0, 8, title)
        self.pdf.ln(2)

    def heading(self, text: str, size: int = 12) -> None:
        self.pdf.ln(2)
        self.pdf.set_font("DejaVu", "B", size)
        self.pdf.multi_cell(0, 6.5, text)
        self.pdf.ln(1)

    def paragraph(self, text: str, size: int = 10) -> None:
        self.pdf.set_font("DejaVu", "", size)
        self.pdf.multi_cell(0, 5, text)
        self.pdf.ln(1.5)

    def wrap_lines(self, text: str, width: float = 0) -> list[str]:
        """Split `text` into lines that fit `width` mm (0: up to the right margin) in the
        current font, breaking at spaces, and inside a word only when it is wider than a line.

        Each word is measured once, so the time is linear in the length of the text, whereas
        fpdf2's multi_cell (2.8) measures the line again for every character it adds.
        """
        pdf = self.pdf
        available = (width or pdf.w - pdf.r_margin - pdf.x) - 2 * pdf.c_margin
        space_width = self._string_width(" ")
        lines = []
        for paragraph in text.split("\n"):
            words: list[str] = []
            line_width = 0.0
            for word in paragraph.split(" "):
                word_width = self._string_width(word)
                if word_width > available:
                    if words:
                        lines.append(" ".join(words))
                    *full, word = self._split_long_word(word, available)
                    lines.extend(full)
                    words, line_width = [word], self._string_width(word)
                elif words and line_width + space_width + word_width > available:
                    lines.append(" ".join(words))
                    words, line_width = [word], word_width
                else:
                    line_width += word_width + (space_width if words else 0)
                    words.append(word)
            lines.append(" ".join(words))
        return lines

    def _string_width(self, text: str) -> float:
        # Reports repeat the same words thousands of times, and fpdf2's get_string_width
        # copies the graphics state on every call, so widths are cached per font and size.
        pdf = self.pdf
        key = (pdf.font_family, pdf.font_style, pdf.font_size_pt, text)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = pdf.get_string_width(text)
        return width

    def _split_long_word(self, word: str, available: float) -> list[str]:
        pieces, piece, piece_width = [], "", 0.0
        for char in word:
            char_width = self._string_width(char)
            if piece and piece_width + char_width > available:
                pieces.append(piece)
                piece, piece_width = "", 0.0
            piece += char
            piece_width += char_width
        pieces.append(piece)
        return pieces

    def text_block(self, text: str, *, size: float = 10, line_height: float = 5, style="") -> None:
        """Write `text` from the left margin in lines wrapped by `wrap_lines` (fast for long
        reports; `paragraph` keeps fpdf2's own line breaking)."""
        self.pdf.set_font("DejaVu", style, size)
        self.pdf.set_x(self.pdf.l_margin)
        for line in self.wrap_lines(text):
            self.pdf.cell(0, line_height, line, new_x="LMARGIN", new_y="NEXT")

    def table(
        self, header: Sequence[str], rows: Iterable[Sequence], col_widths=None, size=8
    ) -> None:
        self.pdf.set_font("DejaVu", "", size)
        with self.pdf.table(col_widths=col_widths, text_align="LEFT", line_height=4.5) as table:
            heading_row = table.row()
            for cell in header:
                heading_row.cell(str(cell))
            for row in rows:
                data_row = table.row()
                for cell in row:
                    data_row.cell("" if cell is None else str(_plain(cell)))
        self.pdf.ln(2)

    def image(self, png_bytes: bytes, width: float = 170) -> None:
        self.pdf.image(io.BytesIO(png_bytes), w=width)
        self.pdf.ln(2)

    def output(self) -> bytes:
        return bytes(self.pdf.output())

    def response(self, filename: str) -> HttpResponse:
        return _attachment(HttpResponse(self.output(), content_type="application/pdf"), filename)
