"""Specimen pages: drawn to the size asked, text inside the margins, set to its side."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import pyvips

from nuskha.images.specimens import (
    PAPER,
    SpecimenError,
    font_family,
    is_font_installed,
    page_text,
    render_page,
    resized_font,
)

PERSIAN = ["به نام خداوند جان و خرد", "کزین برتر اندیشه برنگذرد"]
RUSSIAN = ["Страна, извѣстная подъ именемъ", "Алтышара"]
MARGINS = (200, 150, 240, 150)  # top, right, bottom, left


def ink_box(path: Path) -> tuple[int, int, int, int]:
    """left, top, width, height of what is not paper on the page."""
    image = pyvips.Image.new_from_file(str(path))
    return image.find_trim(background=list(PAPER), threshold=60)


def test_it_draws_a_jpeg_page_of_the_size_asked_at_300_dpi(tmp_path: Path) -> None:
    path = tmp_path / "page.jpg"
    size = render_page(
        PERSIAN, font="Noto Naskh Arabic 14", path=path, width_px=1000, height_px=1400
    )
    image = pyvips.Image.new_from_file(str(path))
    assert size == (image.width, image.height) == (1000, 1400)
    assert image.get("vips-loader") == "jpegload"
    assert image.bands == 3
    assert round(image.xres * 25.4) == 300


def test_a_tif_path_gives_a_tiff(tmp_path: Path) -> None:
    path = tmp_path / "page.tif"
    render_page(
        RUSSIAN, font="DejaVu Serif 12", path=path, direction="ltr", width_px=800, height_px=900
    )
    assert pyvips.Image.new_from_file(str(path)).get("vips-loader") == "tiffload"


@pytest.mark.parametrize(
    "lines, font, direction",
    [(PERSIAN, "Noto Naskh Arabic 14", "rtl"), (RUSSIAN, "DejaVu Serif 12", "ltr")],
)
def test_the_text_sits_inside_the_margins(
    tmp_path: Path, lines: list[str], font: str, direction: str
) -> None:
    path = tmp_path / "page.jpg"
    render_page(
        lines,
        font=font,
        path=path,
        direction=direction,
        width_px=1200,
        height_px=1600,
        margins=MARGINS,
    )
    left, top, width, height = ink_box(path)
    assert left >= 150 - 2 and left + width <= 1200 - 150 + 2
    assert top >= 200 - 2 and top + height <= 1600 - 240


def test_right_to_left_text_is_set_against_the_right_margin(tmp_path: Path) -> None:
    path = tmp_path / "page.jpg"
    render_page(
        PERSIAN,
        font="Noto Naskh Arabic 12",
        path=path,
        direction="rtl",
        width_px=1600,
        height_px=1200,
        margins=MARGINS,
    )
    left, _, width, _ = ink_box(path)
    assert 1600 - 150 - (left + width) < 20  # flush right
    assert left - 150 > 200  # short lines leave the left of the block empty


def test_left_to_right_text_is_set_against_the_left_margin(tmp_path: Path) -> None:
    path = tmp_path / "page.jpg"
    render_page(
        RUSSIAN,
        font="DejaVu Serif 12",
        path=path,
        direction="ltr",
        width_px=1600,
        height_px=1200,
        margins=MARGINS,
    )
    left, _, width, _ = ink_box(path)
    assert left - 150 < 20  # flush left
    assert 1600 - 150 - (left + width) > 200


def test_long_paragraphs_are_wrapped_to_the_text_block(tmp_path: Path) -> None:
    path = tmp_path / "page.jpg"
    paragraph = " ".join(RUSSIAN * 12)
    render_page(
        [paragraph],
        font="DejaVu Serif 12",
        path=path,
        direction="ltr",
        width_px=1200,
        height_px=1600,
        margins=MARGINS,
        justify=True,
    )
    left, _, width, height = ink_box(path)
    assert left + width <= 1200 - 150 + 2
    assert height > 4 * 50  # several lines of 12-point type at 300 dpi


def test_a_frame_header_and_footer_are_drawn_in_the_margins(tmp_path: Path) -> None:
    plain, framed = tmp_path / "plain.jpg", tmp_path / "framed.jpg"
    for path, extras in [(plain, {}), (framed, {"header": "شاهنامه", "footer": "۱"})]:
        render_page(
            PERSIAN,
            font="Noto Naskh Arabic 14",
            path=path,
            width_px=1200,
            height_px=1600,
            margins=MARGINS,
            frame=(38, 68, 140) if extras else None,
            **extras,
        )
    left, top, width, height = ink_box(framed)
    assert left < 150 and left + width > 1200 - 150  # the rules lie outside the text block
    assert top < 200 and top + height > 1600 - 240
    assert ink_box(plain)[0] >= 150 - 2


def test_text_that_does_not_fit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SpecimenError, match="need"):
        render_page(
            RUSSIAN * 40,
            font="DejaVu Serif 12",
            path=tmp_path / "page.jpg",
            direction="ltr",
            width_px=800,
            height_px=800,
        )
    assert not (tmp_path / "page.jpg").exists()


def test_an_unknown_direction_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SpecimenError, match="direction"):
        render_page(RUSSIAN, font="DejaVu Serif 12", path=tmp_path / "page.jpg", direction="ttb")  # type: ignore[arg-type]


def test_page_text_is_the_header_lines_and_footer_in_reading_order() -> None:
    assert page_text(["a", "b"], header="head", footer="3") == "head\na\nb\n3"
    assert page_text(["a", "b"]) == "a\nb"


@pytest.mark.parametrize(
    "font, factor, expected",
    [
        ("Nazli 15", 0.8, "Nazli 12"),
        ("Noto Naskh Arabic 14", 1.0, "Noto Naskh Arabic 14"),
        ("DejaVu Serif 10.5", 2, "DejaVu Serif 21"),
    ],
)
def test_resized_font(font: str, factor: float, expected: str) -> None:
    assert resized_font(font, factor) == expected


def test_a_font_without_a_size_cannot_be_resized() -> None:
    with pytest.raises(SpecimenError, match="size"):
        resized_font("Nazli", 0.8)


def test_font_family_drops_the_size() -> None:
    assert font_family("Noto Naskh Arabic 14") == "Noto Naskh Arabic"
    assert font_family("Nazli") == "Nazli"


def test_it_knows_which_fonts_are_installed() -> None:
    if not is_font_installed("DejaVu Serif 12"):
        pytest.skip("fontconfig or fonts-dejavu-core is not installed")
    assert is_font_installed("Noto Naskh Arabic 14")  # fonts-noto-core, as DejaVu: make setup
    assert not is_font_installed("No Such Family 12")


def test_the_module_does_not_import_django() -> None:
    check = "import sys, nuskha.images.specimens; sys.exit('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
