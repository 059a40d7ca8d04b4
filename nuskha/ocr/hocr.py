"""hOCR (Tesseract's XHTML with word boxes) read into PageText: lines, words, boxes.

Pure Python over lxml. Boxes are x, y, w, h in the page image's pixels, as IIIF's
`#xywh=` fragments want them. Words keep the order Tesseract gives, which for
right-to-left lines is the logical (reading) order, not left to right on the page.
PageText goes to JSON and back through to_dict() and from_dict(), so a page is parsed
once and stored.

hOCR from Tesseract carries a DOCTYPE naming the XHTML DTD. The parser neither loads it
nor resolves entities nor touches the network, so a crafted file cannot read local
files or expand entities without end; hOCR that is not well-formed XML (other OCR
engines write HTML) falls back to lxml's HTML parser with the network off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# lxml ships no type hints and the project does not install lxml-stubs.
import lxml.html  # type: ignore[import-untyped]
from lxml import etree

# Tesseract writes ocr_line for most lines and these for lines it took as headings,
# captions and text floating beside the columns; all hold words alike.
LINE_CLASSES = frozenset({"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"})
WORD_CLASS = "ocrx_word"
PAGE_CLASS = "ocr_page"
FORMAT_VERSION = 1  # of to_dict()'s output: bump it, and read the old one, if it changes

# One property of an hOCR title: a name, then values up to the next ";" outside quotes
# (the page's image path is quoted and may hold a ";").
_PROPERTY = re.compile(r'\s*([A-Za-z_]\w*)((?:[^;"]|"(?:[^"\\]|\\.)*")*)')


class HocrError(ValueError):
    """The hOCR (or its stored dictionary) cannot be read as a page."""


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in image pixels: left, top, width, height."""

    x: int
    y: int
    w: int
    h: int

    @classmethod
    def from_corners(cls, x0: int, y0: int, x1: int, y1: int) -> Box:
        """hOCR's bbox (left, top, right, bottom) as a Box."""
        return cls(x0, y0, max(x1 - x0, 0), max(y1 - y0, 0))

    @classmethod
    def enclosing(cls, boxes: Iterable[Box]) -> Box:
        """The smallest box holding all of `boxes` (at least one)."""
        boxes = list(boxes)
        if not boxes:
            raise ValueError("no boxes to enclose")
        left = min(box.x for box in boxes)
        top = min(box.y for box in boxes)
        right = max(box.x + box.w for box in boxes)
        bottom = max(box.y + box.h for box in boxes)
        return cls(left, top, right - left, bottom - top)

    def as_list(self) -> list[int]:
        return [self.x, self.y, self.w, self.h]


@dataclass(frozen=True, slots=True)
class Word:
    """A word as Tesseract read it, its box, and Tesseract's confidence (0-100)."""

    text: str
    bbox: Box
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text: its box and its words in reading order."""

    bbox: Box
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


@dataclass(frozen=True, slots=True)
class PageText:
    """The text of one page image: its size in pixels and its lines of words."""

    width: int
    height: int
    lines: tuple[Line, ...] = ()

    @property
    def text(self) -> str:
        """Lines joined by newlines, words by spaces, in reading order."""
        return "\n".join(line.text for line in self.lines)

    @property
    def words(self) -> tuple[Word, ...]:
        """Every word of the page in reading order."""
        return tuple(word for line in self.lines for word in line.words)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary; from_dict() reads it back."""
        return {
            "version": FORMAT_VERSION,
            "width": self.width,
            "height": self.height,
            "lines": [
                {"bbox": line.bbox.as_list(), "words": [_word_to_dict(w) for w in line.words]}
                for line in self.lines
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageText:
        """The page to_dict() stored."""
        version = data.get("version", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            raise HocrError(f"stored page text has unknown version {version!r}")
        try:
            lines = tuple(
                Line(_box_from_list(line["bbox"]), tuple(_word_from_dict(w) for w in line["words"]))
                for line in data["lines"]
            )
            return cls(int(data["width"]), int(data["height"]), lines)
        except (KeyError, TypeError, ValueError) as error:
            raise HocrError(f"stored page text is malformed: {error!r}") from None


def parse_hocr(hocr: str | bytes) -> PageText:
    """The one page of an hOCR document (Tesseract writes one per image)."""
    pages = parse_hocr_pages(hocr)
    if len(pages) != 1:
        raise HocrError(f"expected one ocr_page, found {len(pages)}: use parse_hocr_pages()")
    return pages[0]


def parse_hocr_pages(hocr: str | bytes) -> list[PageText]:
    """Every page of an hOCR document (a multi-page TIFF gives several)."""
    root = _parse_document(hocr)
    return [_page(element) for element in _with_class(root.iter(), {PAGE_CLASS})]


def _parse_document(hocr: str | bytes) -> Any:
    data = hocr.encode("utf-8") if isinstance(hocr, str) else hocr
    if not data.strip():
        raise HocrError("the hOCR is empty")
    try:
        return etree.fromstring(data, parser=_xml_parser())
    except etree.XMLSyntaxError:
        pass
    try:
        return lxml.html.document_fromstring(data, parser=_html_parser())
    except (etree.ParserError, ValueError) as error:
        raise HocrError(f"the hOCR is neither XHTML nor HTML: {error}") from None


def _xml_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _html_parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(no_network=True, huge_tree=False)


def _page(element: Any) -> PageText:
    properties = _title_properties(element)
    bbox = _bbox(properties)
    if bbox is None:
        raise HocrError("the ocr_page has no bbox, so the page size is unknown")
    lines = tuple(
        line
        for line_element in _with_class(element.iter(), LINE_CLASSES)
        if (line := _line(line_element, bbox)).words
    )
    return PageText(bbox.x + bbox.w, bbox.y + bbox.h, lines)


def _line(element: Any, page_box: Box) -> Line:
    # A line or word with no bbox (never from Tesseract, possible from other engines)
    # takes its parent's: a box too large beats a word that cannot be shown at all.
    line_box = _bbox(_title_properties(element)) or page_box
    words = []
    for word_element in _with_class(element.iter(), {WORD_CLASS}):
        text = " ".join("".join(word_element.itertext()).split())
        if not text:
            continue  # Tesseract writes empty words for specks it could not read
        properties = _title_properties(word_element)
        confidence = _number(properties.get("x_wconf"))
        words.append(Word(text, _bbox(properties) or line_box, confidence))
    return Line(line_box, tuple(words))


def _with_class(elements: Iterable[Any], classes: frozenset[str] | set[str]) -> Iterator[Any]:
    for element in elements:
        # Comments and processing instructions have a non-string tag and no classes.
        if isinstance(element.tag, str) and classes & set((element.get("class") or "").split()):
            yield element


def _title_properties(element: Any) -> dict[str, str]:
    title = element.get("title") or ""
    return {m.group(1): m.group(2).strip() for m in _PROPERTY.finditer(title) if m.group(1)}


def _bbox(properties: dict[str, str]) -> Box | None:
    values = properties.get("bbox", "").split()
    if len(values) != 4:
        return None
    try:
        x0, y0, x1, y1 = (int(float(value)) for value in values)
    except ValueError:
        return None
    return Box.from_corners(x0, y0, x1, y1)


def _number(value: str | None) -> float | None:
    try:
        return float(value.split()[0]) if value else None
    except ValueError:
        return None


def _word_to_dict(word: Word) -> dict[str, Any]:
    return {"text": word.text, "bbox": word.bbox.as_list(), "confidence": word.confidence}


def _word_from_dict(data: dict[str, Any]) -> Word:
    confidence = data.get("confidence")
    return Word(
        str(data["text"]),
        _box_from_list(data["bbox"]),
        None if confidence is None else float(confidence),
    )


def _box_from_list(values: list[int]) -> Box:
    x, y, w, h = (int(value) for value in values)
    return Box(x, y, w, h)
