"""One Tesseract run: the command it makes, the hOCR it returns, the errors it names."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from nuskha.ocr import tesseract
from nuskha.ocr.tesseract import OCRError, run_tesseract, tesseract_version
from nuskha.ocr.tests.conftest import RunOcr, assert_pure, render_page

HOCR = "<html><body><div class='ocr_page' title='bbox 0 0 10 10'></div></body></html>"


@pytest.fixture
def png(tmp_path: Path) -> Path:
    """A real, tiny image file (Tesseract is not run on it in the fast tests)."""
    path = tmp_path / "folio 1r.png"
    render_page("Казахстан", "DejaVu Serif 8", path, margin=10)
    return path


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """subprocess.run as tesseract.py calls it, answering with a little hOCR."""
    seen: list[dict[str, Any]] = []

    def fake_run(command: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
        seen.append({"command": command, **options})
        return subprocess.CompletedProcess(command, 0, stdout=HOCR, stderr="")

    monkeypatch.setattr("nuskha.ocr.tesseract.subprocess.run", fake_run)
    return seen


def test_it_asks_for_hocr_on_stdout_with_the_model(png: Path, calls: list[dict[str, Any]]) -> None:
    assert run_tesseract(png, "fas+ara") == HOCR
    command = calls[0]["command"]
    assert command[:5] == ["tesseract", str(png), "stdout", "-l", "fas+ara"]
    assert command[-2:] == ["-c", "tessedit_create_hocr=1"]


def test_it_segments_book_pages_automatically(png: Path, calls: list[dict[str, Any]]) -> None:
    run_tesseract(png, "rus")
    command = calls[0]["command"]
    assert command[command.index("--psm") + 1] == "3"


def test_it_runs_tesseract_on_one_thread(png: Path, calls: list[dict[str, Any]]) -> None:
    run_tesseract(png, "rus")
    assert calls[0]["env"]["OMP_THREAD_LIMIT"] == "1"
    assert "PATH" in calls[0]["env"]  # the rest of the environment is kept


def test_it_passes_the_resolution_timeout_and_tessdata_folder(
    png: Path, calls: list[dict[str, Any]], tmp_path: Path
) -> None:
    run_tesseract(png, "kaz", dpi=400, timeout=12, tessdata_dir=tmp_path)
    command, options = calls[0]["command"], calls[0]
    assert command[command.index("--dpi") + 1] == "400"
    assert command[command.index("--tessdata-dir") + 1] == str(tmp_path)
    assert options["timeout"] == 12


def test_it_leaves_the_resolution_to_the_file_by_default(
    png: Path, calls: list[dict[str, Any]]
) -> None:
    run_tesseract(png, "kaz")
    assert "--dpi" not in calls[0]["command"]


def test_it_names_the_file_and_model_when_the_image_is_missing(tmp_path: Path) -> None:
    missing = tmp_path / "f12v.tif"
    with pytest.raises(OCRError, match=r"f12v\.tif.*'fas'.*cannot be read"):
        run_tesseract(missing, "fas")


def test_it_refuses_a_file_that_is_not_an_image(png: Path, tmp_path: Path) -> None:
    # Tesseract would read this as a list of images to OCR, the other one included.
    listing = tmp_path / "upload.png"
    listing.write_text(f"{png}\n", encoding="utf-8")
    with pytest.raises(OCRError, match=r"upload\.png.*'rus'.*not an image"):
        run_tesseract(listing, "rus")


@pytest.mark.parametrize(
    "head",
    [
        b"\x89PNG\r\n\x1a\n",
        b"\xff\xd8\xff\xe0",
        b"II*\x00",
        b"MM\x00*",
        b"\x00\x00\x00\x0cjP  \r\n\x87\n",
        b"RIFF\x10\x00\x00\x00WEBPVP8 ",
        b"P5\n",
    ],
)
def test_it_takes_the_image_formats_tesseract_reads(
    head: bytes, tmp_path: Path, calls: list[dict[str, Any]]
) -> None:
    image = tmp_path / "page"
    image.write_bytes(head + b"\x00" * 32)
    assert run_tesseract(image, "eng") == HOCR


def test_it_says_when_tesseract_is_not_installed(
    png: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tesseract, "TESSERACT", "tesseract-not-installed-here")
    with pytest.raises(OCRError, match="not installed"):
        run_tesseract(png, "fas")


def test_it_fails_when_tesseract_writes_no_page(png: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_run(command: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(command, 0, stdout="", stderr="Empty page!!\n")

    monkeypatch.setattr("nuskha.ocr.tesseract.subprocess.run", fake_run)
    with pytest.raises(OCRError, match="no hOCR page.*Empty page"):
        run_tesseract(png, "fas")


# The real Tesseract.


@pytest.mark.slow
def test_it_returns_tesseracts_hocr(ocr_runs: RunOcr) -> None:
    run = ocr_runs("ru-Cyrl")
    assert run.hocr.startswith("<?xml")
    assert "ocr_page" in run.hocr and "ocrx_word" in run.hocr
    assert "Национальная" in run.hocr


@pytest.mark.slow
def test_it_names_the_file_and_the_missing_model(png: Path, models: set[str]) -> None:
    with pytest.raises(OCRError, match=r"folio 1r\.png.*'xyz'.*xyz") as error:
        run_tesseract(png, "xyz")
    assert "exit status" in str(error.value)


@pytest.mark.slow
def test_it_fails_when_one_of_several_models_is_missing(png: Path, models: set[str]) -> None:
    # Tesseract itself carries on with the models it has, and exits 0.
    with pytest.raises(OCRError, match=r"'rus\+xyz'.*Failed loading language 'xyz'"):
        run_tesseract(png, "rus+xyz")


@pytest.mark.slow
def test_it_stops_tesseract_after_the_timeout(png: Path, models: set[str]) -> None:
    with pytest.raises(OCRError, match=r"folio 1r\.png.*no answer after 0\.001 seconds"):
        run_tesseract(png, "rus", timeout=0.001)


@pytest.mark.slow
def test_it_fails_on_a_damaged_image(tmp_path: Path, models: set[str]) -> None:
    damaged = tmp_path / "damaged.png"
    damaged.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(OCRError, match=r"damaged\.png.*'rus'"):
        run_tesseract(damaged, "rus")


@pytest.mark.slow
def test_it_gives_tesseracts_version(models: set[str]) -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", tesseract_version())


@pytest.mark.slow
def test_it_does_not_import_django() -> None:
    assert_pure("nuskha.ocr.tesseract")
