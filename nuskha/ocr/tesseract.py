"""One Tesseract run: a page image in, hOCR text out, or an OCRError that says why not.

Pure Python over a subprocess (the `tesseract` command of Debian's tesseract-ocr): no
Django, no settings. Each run is one single-threaded process (OMP_THREAD_LIMIT=1): the
caller runs one per core. Pages are many and independent, so a process per page keeps
every core busy, where Tesseract's OpenMP threads parallelise only parts of one page
and compete with each other when several runs share the machine.

Page segmentation is mode 3 (fully automatic, no orientation detection). Mode 1 adds
orientation and script detection (osd.traineddata), which costs a second pass per page
and is unreliable on the short, sparse pages of manuscripts; page images reach OCR from
ingest already upright, so there is nothing for it to find.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

TESSERACT = "tesseract"
DEFAULT_PSM = 3

# The first bytes of the image formats Tesseract (Leptonica) reads. Tesseract reads any
# other file as a list of image paths to OCR in turn, so an upload that is a text file
# could make it read files elsewhere on the machine: such a file is refused first.
_IMAGE_SIGNATURES = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
    b"II+\x00",  # BigTIFF
    b"MM\x00+",
    b"\x00\x00\x00\x0cjP  \r\n\x87\n",  # JPEG 2000
    b"GIF87a",
    b"GIF89a",
    b"BM",  # BMP
    b"P1",  # PNM: bitmap, greymap, pixmap, plain and raw
    b"P2",
    b"P3",
    b"P4",
    b"P5",
    b"P6",
)


class OCRError(RuntimeError):
    """Tesseract could not read an image: the message names the file, the model and why."""


def run_tesseract(
    image: Path,
    model: str,
    *,
    dpi: int | None = None,
    timeout: float = 300,
    psm: int = DEFAULT_PSM,
    tessdata_dir: Path | None = None,
) -> str:
    """The hOCR (XHTML) Tesseract makes of `image` with `model` ("fas", "fas+ara").

    `dpi` tells Tesseract the scan resolution when the file does not record it (it
    guesses otherwise, and guesses badly on large manuscript leaves).
    """
    image = Path(image)
    what = f"OCR of {image} with model {model!r}"
    _check_image(image, what)
    arguments = [str(image), "stdout", "-l", model, "--psm", str(psm)]
    if dpi is not None:
        arguments += ["--dpi", str(dpi)]
    if tessdata_dir is not None:
        arguments += ["--tessdata-dir", str(tessdata_dir)]
    # -c rather than the "hocr" config file: configs live in the tessdata folder, which
    # a custom --tessdata-dir may not have.
    arguments += ["-c", "tessedit_create_hocr=1"]
    result = tesseract_command(arguments, what=what, timeout=timeout)
    _check_models_loaded(result.stderr, what)
    if "ocr_page" not in result.stdout:
        raise OCRError(f"{what} failed: Tesseract wrote no hOCR page. {_summary(result.stderr)}")
    return result.stdout


def tesseract_version() -> str:
    """The version of the tesseract command, as "5.3.0"."""
    result = tesseract_command(["--version"], what="asking Tesseract its version", timeout=30)
    for line in (result.stdout + "\n" + result.stderr).splitlines():
        if line.lower().startswith("tesseract "):
            return line.split()[1].lstrip("v")
    raise OCRError(f"Tesseract printed no version: {_summary(result.stdout + result.stderr)}")


def tesseract_command(
    arguments: Sequence[str], *, what: str, timeout: float
) -> subprocess.CompletedProcess[str]:
    """Run `tesseract` with arguments, one thread; OCRError naming `what` on failure."""
    try:
        result = subprocess.run(
            [TESSERACT, *arguments],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=_environment(),
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise OCRError(f"{what} failed: the tesseract command is not installed") from None
    except subprocess.TimeoutExpired:
        # subprocess.run has already killed the process.
        raise OCRError(f"{what} failed: no answer after {timeout:g} seconds") from None
    if result.returncode != 0:
        raise OCRError(
            f"{what} failed (exit status {result.returncode}): {_summary(result.stderr)}"
        )
    return result


def _environment() -> dict[str, str]:
    # One thread per process: OpenMP's threads fight over the cores when the caller
    # already runs one Tesseract per core, and make each run slower, not faster.
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def _check_image(image: Path, what: str) -> None:
    try:
        with image.open("rb") as file:
            head = file.read(16)
    except OSError as error:
        raise OCRError(f"{what} failed: the image cannot be read ({error.strerror})") from None
    if not head.startswith(_IMAGE_SIGNATURES) and not _is_webp(head):
        raise OCRError(f"{what} failed: the file is not an image Tesseract reads")


def _is_webp(head: bytes) -> bool:
    return head.startswith(b"RIFF") and head[8:12] == b"WEBP"


def _check_models_loaded(stderr: str, what: str) -> None:
    # With "fas+xyz" Tesseract loads what it can, says so on stderr and exits 0: a page
    # read with half its models is a failure, not a result.
    for line in stderr.splitlines():
        if line.startswith("Failed loading language"):
            raise OCRError(f"{what} failed: {line.strip()} (is its traineddata installed?)")


def _summary(stderr: str) -> str:
    """The lines of Tesseract's stderr worth showing: not its resolution chatter."""
    noise = ("Warning: Invalid resolution", "Estimating resolution", "Detected ")
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    useful = [line for line in lines if not line.startswith(noise)]
    return " ".join(useful[-4:]) or "no message"
