"""Line wrapping of PdfDocument.text_block."""

import io

import pytest
from pypdf import PdfReader

from common.exports import PdfDocument

TEXT = (
    "Prokuroria e Shtetit ka ngritur aktakuza për trafikim me njerëz; "
    "Тужилаштво је подигло оптужнице за трговину људима. "
    * 6
    + "Fjalë-shumë-e-gjatë-pa-hapësira-" * 8
)


@pytest.fixture
def document():
    document = PdfDocument("Wrap", footnote="Footnote")
    document.pdf.set_font("DejaVu", "", 9)
    return document


def test_wrap_lines_fit_width(document):
    available = document.pdf.epw - 2 * document.pdf.c_margin
    lines = document.wrap_lines(TEXT)
    assert len(lines) > 3
    for line in lines:
        assert document.pdf.get_string_width(line) <= available + 0.01


def test_wrap_lines_keep_every_character(document):
    lines = document.wrap_lines(TEXT)
    assert "".join(lines).replace(" ", "") == TEXT.replace(" ", "")


def test_wrap_lines_keep_paragraph_breaks(document):
    assert document.wrap_lines("first\nsecond") == ["first", "second"]


def test_text_block_extracts(document):
    document.text_block("Përparim · Напредак · Progress", size=8)
    text = PdfReader(io.BytesIO(document.output())).pages[0].extract_text()
    assert "Përparim" in text
    assert "Напредак" in text
    assert "Footnote" in text
