"""Specimen pages: known text drawn as a book page, for the demo and for OCR checks.

Pure Python over pyvips (Pango draws the text); no Django. A page is paper-coloured,
with a text block inside margins: right-aligned for right-to-left text, wrapped by Pango
to the block's width, optionally justified, with an optional running head above and a
page number or folio mark below. Because the text is known, what OCR reads from the
page can be compared with it (nuskha.ocr.accuracy); `page_text()` gives the text in the
order a reader (and Tesseract) meets it.

Pango takes a font description ("Noto Naskh Arabic 14"); a family that is not
installed is silently replaced by another, so `is_font_installed()` lets a caller check
first (Debian: fonts-noto-core has Noto Naskh Arabic, fonts-farsiweb Nazli, Titr and
Homa, fonts-dejavu-core DejaVu Serif).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from functools import cache
from html import escape
from pathlib import Path
from typing import Literal

import pyvips  # type: ignore[import-untyped]

Direction = Literal["rtl", "ltr"]
Colour = tuple[int, int, int]

PAPER: Colour = (244, 236, 216)  # cream, as old paper photographs
INK: Colour = (38, 30, 24)  # iron-gall brown-black, dark enough to read as black
JPEG_QUALITY = 90
_SIZE = re.compile(r"^(?P<family>.*?)\s+(?P<size>\d+(?:\.\d+)?)$")


class SpecimenError(ValueError):
    """The page cannot be drawn as asked: the message says what does not fit or exist."""


def render_page(
    lines: Sequence[str],
    *,
    font: str,
    path: Path,
    direction: Direction = "rtl",
    width_px: int = 1600,
    height_px: int = 2200,
    dpi: int = 300,
    paper: Colour = PAPER,
    ink: Colour = INK,
    margins: tuple[int, int, int, int] | None = None,
    justify: bool = False,
    line_height: float | None = None,
    frame: Colour | None = None,
    header: str = "",
    footer: str = "",
) -> tuple[int, int]:
    """Draw `lines` as a page and save it (JPEG, or TIFF for a .tif path); its size.

    Each line is a paragraph: Pango wraps it to the text block, so verse is given one
    line per hemistich and prose one line per paragraph. `margins` are (top, right,
    bottom, left) in pixels, about a tenth of the width by default. `line_height` spaces
    the lines (1.5: half as much again as the font asks; Naskh's tall letters need it
    for Tesseract to keep neighbouring lines apart). `frame` rules a double border in
    that colour around the text block, as a manuscript's jadval. The header is centred
    above the block, the footer centred below it, both smaller than the text.
    """
    if direction not in ("rtl", "ltr"):
        raise SpecimenError(f"direction must be 'rtl' or 'ltr', not {direction!r}")
    top, right, bottom, left = margins or _default_margins(width_px, height_px)
    block_width = width_px - left - right
    if block_width <= 0 or height_px - top - bottom <= 0:
        raise SpecimenError(f"margins {margins} leave no room on a {width_px}x{height_px} page")
    blank = pyvips.Image.black(width_px, height_px, bands=3).new_from_image(list(paper))
    page = blank.copy(interpretation="srgb")
    block = _text(
        "\n".join(lines),
        font=font,
        width=block_width,
        dpi=dpi,
        ink=ink,
        justify=justify,
        line_height=line_height,
    )
    if block.height > height_px - top - bottom:
        raise SpecimenError(
            f"{len(lines)} lines in {font!r} need {block.height} px; the text block of a "
            f"{width_px}x{height_px} page has {height_px - top - bottom}"
        )
    # Pango aligns each paragraph to its own start ("low" is right for Arabic script):
    # the block of a right-to-left page goes to the right margin.
    x = left + block_width - block.width if direction == "rtl" else left
    page = page.composite2(block, "over", x=x, y=top)
    if frame is not None:
        page = _ruled(page, frame, (top, right, bottom, left), gap=max(8, width_px // 40))
    small = resized_font(font, 0.8)
    if header:
        page = _centred(page, header, small, dpi, ink, y=max(0, top // 2 - _line_px(small, dpi)))
    if footer:
        page = _centred(page, footer, small, dpi, ink, y=height_px - bottom // 2)
    page = page.flatten(background=list(paper)).cast("uchar")
    _save(page.copy(xres=dpi / 25.4, yres=dpi / 25.4), Path(path))
    return page.width, page.height


def page_text(lines: Sequence[str], *, header: str = "", footer: str = "") -> str:
    """The text of a page drawn by render_page(), in reading order, one line each."""
    return "\n".join(part for part in [header, *lines, footer] if part)


def resized_font(font: str, factor: float) -> str:
    """The Pango font description with its size multiplied ("Nazli 15", 0.8: "Nazli 12")."""
    match = _SIZE.match(font.strip())
    if match is None:
        raise SpecimenError(f"font {font!r} gives no size: write it as 'Family 14'")
    size = max(1, round(float(match["size"]) * factor))
    return f"{match['family']} {size}"


def font_family(font: str) -> str:
    """The family of a Pango font description: "Noto Naskh Arabic 14" gives "Noto Naskh Arabic"."""
    match = _SIZE.match(font.strip())
    return match["family"] if match else font.strip()


@cache
def installed_font_families() -> frozenset[str]:
    """The font families fontconfig knows (`fc-list`), or none when it is not installed."""
    if shutil.which("fc-list") is None:
        return frozenset()
    listing = subprocess.run(
        ["fc-list", ":", "family"], capture_output=True, text=True, check=False, timeout=60
    ).stdout
    return frozenset(
        name.strip().casefold() for line in listing.splitlines() for name in line.split(",")
    )


def is_font_installed(font: str) -> bool:
    """Whether the family of `font` is installed, so Pango will not draw another."""
    return font_family(font).casefold() in installed_font_families()


def _default_margins(width: int, height: int) -> tuple[int, int, int, int]:
    side = width // 10
    return (height // 10, side, height // 9, side)


def _text(
    text: str,
    *,
    font: str,
    width: int,
    dpi: int,
    ink: Colour,
    justify: bool,
    line_height: float | None = None,
) -> pyvips.Image:
    red, green, blue = ink
    spacing = f' line_height="{line_height:g}"' if line_height else ""
    markup = f'<span foreground="#{red:02x}{green:02x}{blue:02x}"{spacing}>{escape(text)}</span>'
    return pyvips.Image.text(
        markup, font=font, width=width, dpi=dpi, rgba=True, justify=justify, align="low"
    )


def _centred(
    page: pyvips.Image, text: str, font: str, dpi: int, ink: Colour, *, y: int
) -> pyvips.Image:
    line = _text(text, font=font, width=page.width, dpi=dpi, ink=ink, justify=False)
    y = min(y, page.height - line.height)
    return page.composite2(line, "over", x=(page.width - line.width) // 2, y=y)


def _ruled(
    page: pyvips.Image, colour: Colour, margins: tuple[int, int, int, int], *, gap: int
) -> pyvips.Image:
    """A thick rule and a thin one around the text block, `gap` pixels outside it."""
    top, right, bottom, left = margins
    ink = [*colour, 255] if page.bands == 4 else list(colour)
    for offset, thickness in ((gap, 2), (gap + 10, 5)):
        for step in range(thickness):
            inset = offset + step
            page = page.draw_rect(
                ink,
                left - inset,
                top - inset,
                page.width - left - right + 2 * inset,
                page.height - top - bottom + 2 * inset,
                fill=False,
            )
    return page


def _line_px(font: str, dpi: int) -> int:
    """Roughly the height of one line of `font`: its size in points at `dpi`."""
    match = _SIZE.match(font.strip())
    points = float(match["size"]) if match else 12.0
    return round(points * dpi / 72)


def _save(page: pyvips.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in (".tif", ".tiff"):
        page.tiffsave(str(path), compression="deflate")
    else:
        page.jpegsave(str(path), Q=JPEG_QUALITY, strip=False)
