"""Page images rendered in the test, read by the real Tesseract once per session.

The images are drawn with pyvips (Pango) in tmp directories: no binary fixtures. Each
sample is a few lines of real text in one (language, script), with the character
error rate the tests accept for it; the session's measured rates are printed at the
end of the run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import pytest
import pyvips  # type: ignore[import-untyped]

from nuskha.ocr.hocr import PageText, parse_hocr
from nuskha.ocr.languages import installed_models, model_for
from nuskha.ocr.tesseract import run_tesseract

DPI = 300


@dataclass(frozen=True)
class Sample:
    language: str
    script: str
    font: str
    text: str
    max_cer: float  # the bound the test asserts, on NFC-normalised text

    @property
    def key(self) -> str:
        return f"{self.language}-{self.script}"


# Bounds leave room for other Tesseract builds and fonts: the rates measured with
# Debian's Tesseract 5.3 are printed at the end of the run.
# Cyrillic print is read almost perfectly; Persian and Arabic lose a digit or a ZWNJ
# here and there; Kazakh in Arabic script has only the script model, not a language one.
SAMPLES = {
    sample.key: sample
    for sample in [
        Sample(
            "fa",
            "Arab",
            "Noto Naskh Arabic 14",
            "کتابخانه ملی ایران\n"
            "این کتاب در سال ۱۳۴۰ چاپ شده است\n"
            "نسخه‌های خطی فارسی در کتابخانه نگهداری می‌شود",
            0.10,
        ),
        Sample(
            "ar",
            "Arab",
            "Noto Naskh Arabic 14",
            "المكتبة الوطنية\nكتاب الموسيقى الكبير لأبي نصر الفارابي",
            0.10,
        ),
        Sample(
            "kk",
            "Arab",
            "Noto Naskh Arabic 14",
            "قازاقستان رەسپۋبليكاسىنىڭ\nۇلتتىق كىتاپحاناسى",
            0.20,
        ),
        Sample(
            "ru",
            "Cyrl",
            "DejaVu Serif 12",
            "Национальная библиотека\nРеспублики Казахстан\nРукописи и старопечатные книги",
            0.05,
        ),
        Sample(
            "kk",
            "Cyrl",
            "DejaVu Serif 12",
            "Қазақстан Республикасының\nҰлттық кітапханасы\nҚолжазбалар мен көне кітаптар",
            0.05,
        ),
    ]
}


@dataclass(frozen=True)
class OcrRun:
    sample: Sample
    image: Path
    width: int
    height: int
    hocr: str
    seconds: float

    @property
    def page(self) -> PageText:
        return parse_hocr(self.hocr)


RunOcr = Callable[[str], OcrRun]

# (sample key, CER as read, CER as searched, seconds) for the summary at the end.
MEASURED: list[tuple[str, float, float, float]] = []


def render_page(text: str, font: str, path: Path, margin: int = 60) -> tuple[int, int]:
    """Black text on a white page with margins, written as a greyscale PNG at 300 dpi."""
    ink = pyvips.Image.text(
        f'<span foreground="black">{escape(text)}</span>', font=font, rgba=True, dpi=DPI
    )
    white = pyvips.Image.black(ink.width + 2 * margin, ink.height + 2 * margin, bands=3) + 255
    page = white.composite2(ink, "over", x=margin, y=margin).flatten(background=[255, 255, 255])
    # The PNG records 300 dpi, so Tesseract need not guess the resolution.
    page = page.colourspace("b-w").copy(xres=DPI / 25.4, yres=DPI / 25.4)
    page.write_to_file(str(path))
    return page.width, page.height


def tesseract_models() -> set[str]:
    if shutil.which("tesseract") is None:
        return set()
    return installed_models()


@pytest.fixture(scope="session")
def models() -> set[str]:
    found = tesseract_models()
    if not found:
        pytest.skip("tesseract is not installed")
    return found


@pytest.fixture(scope="session")
def ocr_runs(tmp_path_factory: pytest.TempPathFactory, models: set[str]) -> RunOcr:
    """A function giving the (cached) Tesseract run of a sample, by its key."""
    cache: dict[str, OcrRun] = {}
    folder = tmp_path_factory.mktemp("ocr-pages")

    def run(key: str) -> OcrRun:
        if key not in cache:
            sample = SAMPLES[key]
            model = model_for(sample.language, sample.script)
            if model not in models:
                pytest.skip(f"Tesseract model {model} is not installed")
            image = folder / f"{key}.png"
            width, height = render_page(sample.text, sample.font, image)
            started = time.perf_counter()
            hocr = run_tesseract(image, model)
            seconds = time.perf_counter() - started
            cache[key] = OcrRun(sample, image, width, height, hocr, seconds)
        return cache[key]

    return run


def assert_pure(module: str) -> None:
    """Importing `module` in a fresh interpreter leaves Django out (house style §2)."""
    check = f"import sys, {module}; sys.exit('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, f"{module} imports Django: {result.stderr}"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not MEASURED:
        return
    terminalreporter.section("OCR character error rate per (language, script)")
    terminalreporter.write_line(f"{'sample':10} {'CER read':>9} {'CER search':>11} {'seconds':>8}")
    for key, read, searched, seconds in sorted(MEASURED):
        terminalreporter.write_line(f"{key:10} {read:9.3f} {searched:11.3f} {seconds:8.2f}")
