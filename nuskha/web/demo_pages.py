"""Page images for the demo collection: drawn from known text, ingested, and read.

catalogue/demo/pages.yaml (beside the demo collection) gives, for some demo items, the
text of a few pages.
load_demo_pages() draws each page with nuskha.images.specimens, ingests the item's pages
as staff would (nuskha.images.ingest: masters in OCFL, pyramid access copies), and has
Tesseract read them at once (nuskha.ocr.recognition), so the viewer and the full-text
search work as soon as `nuskha demo` serves. Nothing binary is kept in the repository.

Like loader.py it only adds: an item that has page images already is left as it is, so
a second run draws nothing and never replaces what staff ingested. Pages ingested but
not read (Tesseract missing, or a run stopped half way) are read by the next run. It
lives in `web`, which sits on top of the apps, because it uses images and ocr.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from nuskha.catalogue.models import Item
from nuskha.images.ingest import IngestError, ingest
from nuskha.images.models import Page
from nuskha.images.specimens import (
    Direction,
    SpecimenError,
    font_family,
    is_font_installed,
    page_text,
    render_page,
)
from nuskha.ocr.languages import UnknownLanguageError
from nuskha.ocr.recognition import recognise_item
from nuskha.ocr.tesseract import OCRError

PAGES_FILE = Path(__file__).resolve().parents[1] / "catalogue" / "demo" / "pages.yaml"
DEMO_USER = "nuskha demo"
# Fonts drawn instead of one that is not installed, by script; both come with the Debian
# packages `make setup` installs (fonts-noto-core, fonts-dejavu-core).
FALLBACK_FONTS = {"Arab": "Noto Naskh Arabic", "Cyrl": "DejaVu Serif", "Latn": "DejaVu Serif"}
PRINTED_KINDS = (Item.Kind.PRINTED_BOOK, Item.Kind.LITHOGRAPH)

Report = Callable[[int, int, str], None]  # (items done, items in all, what is being done)

_PAGE_KEYS = {
    "label",
    "lines",
    "language",
    "script",
    "font",
    "direction",
    "size",
    "justify",
    "line_height",
    "frame",
    "header",
    "footer",
}
_ITEM_KEYS = (_PAGE_KEYS - {"label", "lines", "header", "footer"}) | {
    "institution",
    "shelfmark",
    "pages",
}


class DemoPagesError(Exception):
    """pages.yaml cannot be drawn: the message names the item, the page and why."""


@dataclass(frozen=True)
class DemoPage:
    label: str
    lines: tuple[str, ...]
    language: str
    script: str
    font: str
    direction: Direction
    width: int
    height: int
    justify: bool = False
    line_height: float | None = None
    frame: tuple[int, int, int] | None = None
    header: str = ""
    footer: str = ""

    @property
    def text(self) -> str:
        """What the page says, in reading order: what OCR is compared with."""
        return page_text(self.lines, header=self.header, footer=self.footer)


@dataclass(frozen=True)
class DemoItemPages:
    institution: str
    shelfmark: str
    pages: tuple[DemoPage, ...]

    @property
    def name(self) -> str:
        return f"{self.institution} {self.shelfmark}"

    def file_names(self) -> list[str]:
        return [f"{number:03d}-{page.label}.jpg" for number, page in enumerate(self.pages, 1)]


@dataclass
class PagesReport:
    items: list[str] = field(default_factory=list)  # items whose pages were drawn now
    pages: int = 0
    read: int = 0
    kept: int = 0  # items that had their page images already
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        if not self.pages and not self.read:
            return f"Demo pages: nothing new ({self.kept} items have their page images)"
        if not self.pages:
            return f"Demo pages: {self.read} pages read in {self.seconds:.0f} s"
        done = "rendered, ingested and read" if self.read else "rendered and ingested"
        line = f"Demo pages: {self.pages} pages of {len(self.items)} items {done}"
        if self.read not in (0, self.pages):
            line += f" ({self.read} pages read)"
        return f"{line} in {self.seconds:.0f} s"


def read_pages_file(path: Path = PAGES_FILE) -> list[DemoItemPages]:
    with path.open(encoding="utf-8") as stream:
        data = yaml.safe_load(stream) or {}
    records = data.get("items") or []
    return [_item_pages(record, position) for position, record in enumerate(records, 1)]


def load_demo_pages(
    data_dir: Path,
    *,
    read_text: bool = True,
    report: Report | None = None,
    pages_file: Path = PAGES_FILE,
) -> PagesReport:
    """Draw, ingest and (with read_text) read the pages of demo items that have none."""
    report = report or (lambda done, total, message: None)
    started = time.perf_counter()
    result = PagesReport()
    staging = Path(data_dir) / "staging"
    staging.mkdir(parents=True, exist_ok=True)
    demos = read_pages_file(pages_file)
    for done, demo in enumerate(demos):
        item = Item.objects.filter(
            institution__code=demo.institution, shelfmark=demo.shelfmark
        ).first()
        if item is None:
            result.notes.append(f"{demo.name}: not in the catalogue; its pages are not drawn")
            continue
        if item.pages.exists():
            result.kept += 1
        else:
            report(done, len(demos), f"Drawing and ingesting the pages of {demo.name}")
            with tempfile.TemporaryDirectory(dir=staging, prefix="demo-pages-") as folder:
                _draw(demo, Path(folder), result)
                _ingest(item, demo, Path(folder))
            result.items.append(demo.name)
            result.pages += len(demo.pages)
        if read_text:
            report(done, len(demos), f"Reading the pages of {demo.name}")
            _read(item, demo, result)
    report(len(demos), len(demos), "Done")
    result.seconds = time.perf_counter() - started
    return result


def _draw(demo: DemoItemPages, folder: Path, result: PagesReport) -> None:
    for name, page in zip(demo.file_names(), demo.pages, strict=True):
        font = _available_font(page, demo, result)
        try:
            render_page(
                page.lines,
                font=font,
                path=folder / name,
                direction=page.direction,
                width_px=page.width,
                height_px=page.height,
                justify=page.justify,
                line_height=page.line_height,
                frame=page.frame,
                header=page.header,
                footer=page.footer,
            )
        except SpecimenError as error:
            raise DemoPagesError(f"{demo.name} page {page.label}: {error}") from None


def _available_font(page: DemoPage, demo: DemoItemPages, result: PagesReport) -> str:
    if is_font_installed(page.font):
        return page.font
    size = page.font.strip().removeprefix(font_family(page.font)).strip()
    font = f"{FALLBACK_FONTS.get(page.script, 'DejaVu Serif')} {size}".strip()
    note = f"{demo.name}: font {page.font!r} is not installed; drawn in {font!r}"
    if note not in result.notes:
        result.notes.append(note)
    return font


def _ingest(item: Item, demo: DemoItemPages, folder: Path) -> None:
    scheme = "page" if item.kind in PRINTED_KINDS else "folio"
    try:
        ingest(item, folder, user=DEMO_USER, scheme=scheme)
    except IngestError as error:
        raise DemoPagesError(f"{demo.name}: the ingest was refused: {error}") from None
    # Foliation and pagination as the book has them (1v, 511r; 3, 4), not counted from 1.
    labels = dict(zip(demo.file_names(), (page.label for page in demo.pages), strict=True))
    for page in Page.objects.filter(item=item, source_name__in=labels):
        if page.label != labels[page.source_name]:
            page.label = labels[page.source_name]
            page.save(update_fields=["label", "updated_at"])


def _read(item: Item, demo: DemoItemPages, result: PagesReport) -> None:
    unread = list(
        Page.objects.filter(
            item=item, source_name__in=demo.file_names(), recognised__isnull=True
        ).order_by("position")
    )
    if not unread:
        return
    try:
        result.read += recognise_item(item, pages=unread)
    except (OCRError, UnknownLanguageError) as error:
        result.notes.append(f"{demo.name}: the pages were not read: {error}")


# Reading pages.yaml ------------------------------------------------------------------------


def _item_pages(record: dict[str, Any], position: int) -> DemoItemPages:
    name = f"items[{position}] ({record.get('institution')} {record.get('shelfmark')})"
    _check_keys(record, _ITEM_KEYS, name)
    pages = []
    for number, page in enumerate(record.get("pages") or [], 1):
        where = f"{name} pages[{number}]"
        _check_keys(page, _PAGE_KEYS, where)
        pages.append(_page({**record, **page}, where))
    if not pages:
        raise DemoPagesError(f"{name}: no pages")
    return DemoItemPages(str(record["institution"]), str(record["shelfmark"]), tuple(pages))


def _page(values: dict[str, Any], where: str) -> DemoPage:
    try:
        width, height = values.get("size", (1600, 2200))
        direction: Direction = values["direction"]
        if direction not in ("rtl", "ltr"):
            raise ValueError(f"direction must be rtl or ltr, not {direction!r}")
        frame = values.get("frame")
        return DemoPage(
            label=str(values["label"]),
            lines=tuple(str(line) for line in values["lines"]),
            language=str(values["language"]),
            script=str(values["script"]),
            font=str(values["font"]),
            direction=direction,
            width=int(width),
            height=int(height),
            justify=bool(values.get("justify", False)),
            line_height=values.get("line_height"),
            frame=(int(frame[0]), int(frame[1]), int(frame[2])) if frame else None,
            header=str(values.get("header", "")),
            footer=str(values.get("footer", "")),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise DemoPagesError(f"{where}: {type(error).__name__}: {error}") from None


def _check_keys(record: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(record) - allowed
    if unknown:
        raise DemoPagesError(f"{where}: unknown fields {sorted(unknown)}")
