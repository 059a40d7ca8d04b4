"""hOCR to PageText: words, boxes and text in reading order, safely parsed, stored as JSON."""

from __future__ import annotations

import json

import pytest

from nuskha.ocr.accuracy import character_error_rate
from nuskha.ocr.hocr import Box, HocrError, Line, PageText, Word, parse_hocr, parse_hocr_pages
from nuskha.ocr.tests.conftest import MEASURED, SAMPLES, RunOcr, assert_pure

# What Tesseract 5.3 writes for a Persian line (trimmed), plus what other pages bring:
# an empty word (a speck), a line of nothing but specks, a quoted image path with a ";".
TESSERACT_HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head>
  <title></title>
  <meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>
  <meta name='ocr-system' content='tesseract 5.3.0' />
 </head>
 <body>
  <div class='ocr_page' id='page_1' title='image "f 1r; recto.png"; bbox 0 0 893 275; ppageno 0'>
   <div class='ocr_carea' id='block_1_1' title="bbox 60 61 832 215">
    <p class='ocr_par' dir='rtl' id='par_1_1' lang='fas' title="bbox 60 61 832 215">
     <span class='ocr_line' id='line_1_1' title="bbox 452 61 832 115; baseline 0 -15">
      <span class='ocrx_word' id='word_1_1' title='bbox 665 61 832 112; x_wconf 86'>کتابخانه</span>
      <span class='ocrx_word' id='word_1_2' title='bbox 571 61 645 115; x_wconf 88'>ملی</span>
      <span class='ocrx_word' id='word_1_3' title='bbox 560 61 565 70; x_wconf 12'> </span>
      <span class='ocrx_word' id='word_1_4' title='bbox 452 61 550 115; x_wconf 83'>ایران</span>
     </span>
     <span class='ocr_line' id='line_1_2' title="bbox 60 130 100 140">
      <span class='ocrx_word' id='word_1_5' title='bbox 60 130 100 140; x_wconf 0'></span>
     </span>
     <span class='ocr_header' id='line_1_3' title="bbox 60 161 829 215">
      <span class='ocrx_word' id='word_1_6' title='bbox 769 161 829 215; x_wconf 56'
        ><strong>این</strong></span>
      <span class='ocrx_word' id='word_1_7' title='bbox 651 161 751 212; x_wconf 85'>کتاب</span>
     </span>
    </p>
   </div>
  </div>
 </body>
</html>
"""

EMPTY_PAGE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head><title></title></head>
 <body>
  <div class='ocr_page' id='page_1' title='image "blank.png"; bbox 0 0 1200 1800; ppageno 0'>
  </div>
 </body>
</html>
"""


def test_it_reads_the_page_size_from_the_page_bbox() -> None:
    page = parse_hocr(TESSERACT_HOCR)
    assert (page.width, page.height) == (893, 275)


def test_it_reads_lines_and_words_in_the_order_tesseract_gives() -> None:
    page = parse_hocr(TESSERACT_HOCR)
    assert [line.text for line in page.lines] == ["کتابخانه ملی ایران", "این کتاب"]
    # Right to left: the first word in reading order is the rightmost on the page.
    first, second, third = page.lines[0].words
    assert first.bbox.x > second.bbox.x > third.bbox.x


def test_it_gives_boxes_as_x_y_width_height() -> None:
    word = parse_hocr(TESSERACT_HOCR).lines[0].words[0]
    assert word == Word("کتابخانه", Box(665, 61, 167, 51), 86.0)
    assert parse_hocr(TESSERACT_HOCR).lines[0].bbox == Box(452, 61, 380, 54)


def test_it_joins_lines_by_newline_and_words_by_space() -> None:
    assert parse_hocr(TESSERACT_HOCR).text == "کتابخانه ملی ایران\nاین کتاب"


def test_it_drops_words_with_no_text_and_lines_with_no_words() -> None:
    page = parse_hocr(TESSERACT_HOCR)
    assert len(page.words) == 5
    assert all(word.text.strip() for word in page.words)


def test_it_reads_words_inside_formatting() -> None:
    assert parse_hocr(TESSERACT_HOCR).lines[1].words[0].text == "این"


def test_it_reads_a_page_with_no_words() -> None:
    page = parse_hocr(EMPTY_PAGE)
    assert page == PageText(1200, 1800, ())
    assert page.text == ""
    assert page.words == ()


def test_it_reads_bytes_as_tesseract_writes_them() -> None:
    assert parse_hocr(TESSERACT_HOCR.encode("utf-8")) == parse_hocr(TESSERACT_HOCR)


def test_a_word_without_a_box_takes_its_lines_box() -> None:
    hocr = (
        '<html><body><div class="ocr_page" title="bbox 0 0 100 50">'
        '<span class="ocr_line" title="bbox 5 5 95 25">'
        '<span class="ocrx_word">word</span></span></div></body></html>'
    )
    assert parse_hocr(hocr).words == (Word("word", Box(5, 5, 90, 20), None),)


def test_it_reads_hocr_written_as_html_not_xhtml() -> None:
    hocr = (
        "<html><body><div class=ocr_page title='image \"a;b.png\"; bbox 0 0 100 50'>"
        "<p><span class=ocr_line title='bbox 0 0 100 20'>"
        "<span class=ocrx_word title='bbox 0 0 40 20; x_wconf 91'>caf&eacute;<br>"
        "</div>"
    )
    assert parse_hocr(hocr).words == (Word("café", Box(0, 0, 40, 20), 91.0),)


def test_it_neither_reads_files_nor_expands_entities() -> None:
    hocr = """<?xml version="1.0"?>
<!DOCTYPE html [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
  <!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class="ocr_page" title="bbox 0 0 100 50"><span class="ocr_line" title="bbox 0 0 100 20">
<span class="ocrx_word" title="bbox 0 0 40 20">&secret;</span>
<span class="ocrx_word" title="bbox 50 0 90 20">&lol2;</span>
</span></div></body></html>"""
    text = parse_hocr(hocr).text
    assert "root:" not in text
    assert "lollol" not in text


def test_it_reads_every_page_of_a_multipage_document() -> None:
    body = EMPTY_PAGE.split("<body>")[1].split("</body>")[0]
    two_pages = EMPTY_PAGE.replace(body, body + body.replace("1200 1800", "600 900"))
    pages = parse_hocr_pages(two_pages)
    assert [(page.width, page.height) for page in pages] == [(1200, 1800), (600, 900)]
    with pytest.raises(HocrError, match="found 2"):
        parse_hocr(two_pages)


@pytest.mark.parametrize(
    ("hocr", "message"),
    [
        ("", "empty"),
        ("   \n", "empty"),
        ("<html><body><p>no OCR here</p></body></html>", "found 0"),
        ('<html><body><div class="ocr_page" title="ppageno 0"></div></body></html>', "bbox"),
    ],
)
def test_it_says_why_a_document_is_not_a_page(hocr: str, message: str) -> None:
    with pytest.raises(HocrError, match=message):
        parse_hocr(hocr)


def test_it_stores_a_page_as_json_and_reads_it_back() -> None:
    page = parse_hocr(TESSERACT_HOCR)
    stored = json.loads(json.dumps(page.to_dict(), ensure_ascii=False))
    assert PageText.from_dict(stored) == page
    assert stored["lines"][0]["words"][0] == {
        "text": "کتابخانه",
        "bbox": [665, 61, 167, 51],
        "confidence": 86.0,
    }


def test_it_stores_a_page_with_no_words_and_words_with_no_confidence() -> None:
    page = PageText(10, 10, (Line(Box(0, 0, 5, 5), (Word("x", Box(0, 0, 5, 5)),)),))
    assert PageText.from_dict(page.to_dict()) == page
    assert PageText.from_dict(PageText(3, 4).to_dict()) == PageText(3, 4)


@pytest.mark.parametrize(
    "stored",
    [
        {},
        {"width": 10, "height": 10},
        {"width": 10, "height": 10, "lines": [{"bbox": [0, 0, 1], "words": []}]},
        {"width": 10, "height": 10, "lines": [{"bbox": [0, 0, 1, 1], "words": [{}]}]},
        {"version": 99, "width": 10, "height": 10, "lines": []},
    ],
)
def test_it_refuses_a_malformed_stored_page(stored: dict[str, object]) -> None:
    with pytest.raises(HocrError):
        PageText.from_dict(stored)


def test_a_box_encloses_boxes() -> None:
    assert Box.enclosing([Box(10, 10, 5, 5), Box(0, 12, 3, 10)]) == Box(0, 10, 15, 12)
    with pytest.raises(ValueError):
        Box.enclosing([])


# Real Tesseract on pages drawn in the test: one run per sample per session.


@pytest.mark.slow
@pytest.mark.parametrize("key", list(SAMPLES))
def test_tesseract_hocr_gives_plausible_words_and_boxes(key: str, ocr_runs: RunOcr) -> None:
    run = ocr_runs(key)
    page = run.page
    assert (page.width, page.height) == (run.width, run.height)
    assert len(page.lines) == run.sample.text.count("\n") + 1
    for word in page.words:
        box = word.bbox
        assert 0 <= box.x and box.x + box.w <= page.width, word
        assert 0 <= box.y and box.y + box.h <= page.height, word
        assert box.w > 0 and box.h > 0, word
        assert word.confidence is not None and 0 <= word.confidence <= 100, word
    # The margins are 60 pixels: no word lies in them.
    assert Box.enclosing(word.bbox for word in page.words).x >= 50


@pytest.mark.slow
@pytest.mark.parametrize("key", list(SAMPLES))
def test_tesseract_reads_each_language_within_its_error_bound(key: str, ocr_runs: RunOcr) -> None:
    run = ocr_runs(key)
    sample = run.sample
    read = character_error_rate(sample.text, run.page.text)
    searched = character_error_rate(
        sample.text, run.page.text, normalise="search", lang=sample.language
    )
    MEASURED.append((key, read, searched, run.seconds))
    assert read <= sample.max_cer, f"{key}: {run.page.text!r}"
    assert searched <= sample.max_cer


@pytest.mark.slow
def test_right_to_left_lines_come_in_reading_order(ocr_runs: RunOcr) -> None:
    page = ocr_runs("fa-Arab").page
    first_line = page.lines[0].words
    assert first_line[0].text == "کتابخانه"
    assert first_line[0].bbox.x > first_line[-1].bbox.x


@pytest.mark.slow
def test_it_does_not_import_django() -> None:
    assert_pure("nuskha.ocr.hocr")
