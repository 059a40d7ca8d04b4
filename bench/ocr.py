"""Benchmark: nuskha's OCR of page images against the `tesseract` command line run over the
same page images with the same settings, in one run.

    .venv/bin/python bench/ocr.py                  # 40 pages: 20 Persian, 20 Russian
    .venv/bin/python bench/ocr.py --pages 4        # a quick look

Pages are drawn with nuskha's own specimen renderer (nuskha.images.specimens, Pango):
2500x3500 pixels at 300 dpi, a full justified text block of real prose, repeated to fill
it, from the texts of the demo collection (nuskha/catalogue/demo/pages.yaml): for half the
pages Saadi's Gulistan in Noto Naskh Arabic 12 (read with the `fas` model), for the other
half Valikhanov's 1904 essay in DejaVu Serif 10 (`rus`). Each language's pages go through
nuskha's ingest into an item of their own, so each has its access copy.

nuskha: `nuskha.ocr.recognition.recognise_pages(pages, model=..., workers=2)`: per page
its access copy's full-size level turned into an uncompressed grey TIFF, then
`tesseract IMG stdout -l MODEL --psm 3 --dpi 300 -c tessedit_create_hocr=1` with
OMP_THREAD_LIMIT=1, the hOCR parsed; two pages at a time. The command line: the same
tesseract command with the same environment over the same grey TIFFs (made beforehand,
by the same function, untimed), two at a time (a pool of two threads, each running one
process and waiting for it, as `xargs -P 2` would), hOCR kept in memory.

The two sides take turns, --chunk pages at a time (Persian pages, then Russian), and go
first every other turn, so that a burst of the machine's other work falls on both alike
(the machine is shared, and the benchmark runs under nice). Pages a minute
are wall time; CPU seconds per page (ours: this process, all threads, and its tesseract
children; the command line: its children) are printed beside them. As a check that both
read the same thing, the recognised text of each page is compared between the two and
its character error rate against the drawn text is printed (not the point here).

Target (issue): nuskha's pages per minute at least 0.9x the command line's, on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from instance import ROOT, load_average, make_item, open_instance  # noqa: E402

TARGET = 0.9
WORKERS = 2
WIDTH, HEIGHT, DPI = 2500, 3500, 300
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
TESSERACT_SETTINGS = ["--psm", "3", "--dpi", str(DPI), "-c", "tessedit_create_hocr=1"]


@dataclass(frozen=True)
class Language:
    code: str
    model: str
    font: str
    direction: str
    shelfmark: str  # the item in pages.yaml whose text is drawn


LANGUAGES = [
    Language("fa", "fas", "Noto Naskh Arabic 12", "rtl", "LITH 6-01577"),
    Language("ru", "rus", "DejaVu Serif 10", "ltr", "СК-1904-02"),
]


@dataclass
class Side:
    wall: float = 0.0
    cpu: float = 0.0
    own_cpu: float = 0.0  # of the cpu: this process's own (not its tesseract children)
    pages: int = 0
    texts: dict[str, str] = field(default_factory=dict)  # image id -> recognised text
    steps: dict[str, float] = field(default_factory=dict)  # thread-seconds per step

    def add_step(self, step: str, seconds: float) -> None:
        self.steps[step] = self.steps.get(step, 0.0) + seconds


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# The pages


def paragraphs(shelfmark: str) -> list[str]:
    import yaml

    data = yaml.safe_load((ROOT / "nuskha/catalogue/demo/pages.yaml").read_text("utf-8"))
    for item in data["items"]:
        if item["shelfmark"] == shelfmark:
            return [line for page in item["pages"] for line in page["lines"]]
    raise SystemExit(f"no item {shelfmark} in pages.yaml")


def draw_pages(language: Language, count: int, folder: Path) -> dict[str, str]:
    """`count` full pages of the language's prose in folder (TIFF); file name -> text."""
    from nuskha.images.specimens import SpecimenError, page_text, render_page

    source = paragraphs(language.shelfmark)
    folder.mkdir(parents=True)

    def draw(number: int, lines: int) -> str | None:
        start = (number * 3) % len(source)
        chosen = [source[(start + i) % len(source)] for i in range(lines)]
        # A page number below the block, as printed: no two pages are the same image.
        footer = str(number).translate(PERSIAN_DIGITS) if language.code == "fa" else str(number)
        try:
            render_page(
                chosen, font=language.font, path=folder / f"{number:04d}.tif",
                direction=language.direction, width_px=WIDTH, height_px=HEIGHT, dpi=DPI,
                justify=True, footer=footer,
            )  # fmt: skip
        except SpecimenError:  # more lines than the text block holds
            return None
        return page_text(chosen, footer=footer)

    # As many paragraphs as fill the first page (a bisection), then as many as fit each.
    low, high = 1, 200
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if draw(1, middle) is not None else (low, middle - 1)
    texts = {}
    lines = low
    for number in range(1, count + 1):
        while (text := draw(number, lines)) is None:
            lines -= 1
        texts[f"{number:04d}.tif"] = text
    return texts


def prepare(options: argparse.Namespace, folder: Path) -> dict[str, tuple[list, dict[str, str]]]:
    """Each language's ingested Page rows and the text drawn on each page (by image id)."""
    from nuskha.images.ingest import ingest
    from nuskha.images.models import Page

    prepared = {}
    per_language = [options.pages // 2 + options.pages % 2, options.pages // 2]
    for language, count in zip(LANGUAGES, per_language, strict=True):
        if not count:
            continue
        delivery = folder / f"pages-{language.code}"
        drawn = draw_pages(language, count, delivery)
        item = make_item(f"OCR-BENCH-{language.code}", kind="manuscript")
        ingest(item, delivery, user="bench")
        pages = list(Page.objects.filter(item=item).order_by("position"))
        prepared[language.code] = (pages, {p.image_id: drawn[p.source_name] for p in pages})
        shutil.rmtree(delivery)
        print(f"  drew and ingested {count} {language.code} pages ({load_average()})", flush=True)
    return prepared


# Both sides


def nuskha_side(pages: list, model: str, side: Side) -> None:
    from nuskha.ocr.recognition import recognise_pages

    started, cpu, children = time.perf_counter(), time.process_time(), children_cpu()
    read = recognise_pages(pages, model=model, workers=WORKERS)
    side.wall += time.perf_counter() - started
    side.own_cpu += time.process_time() - cpu
    side.cpu += time.process_time() - cpu + children_cpu() - children
    side.pages += len(pages)
    side.texts.update({page.image_id: text.text for page, text in zip(pages, read, strict=True)})


def command_line_side(images: dict[str, Path], model: str, side: Side) -> None:
    from nuskha.ocr.hocr import parse_hocr

    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def tesseract(image: Path) -> str:
        command = ["tesseract", str(image), "stdout", "-l", model, *TESSERACT_SETTINGS]
        result = subprocess.run(command, capture_output=True, env=environment, check=False)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)}: {result.stderr.decode()[-1000:]}")
        return result.stdout.decode()

    started, children = time.perf_counter(), children_cpu()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        hocr = list(pool.map(tesseract, images.values()))
    side.wall += time.perf_counter() - started
    side.cpu += children_cpu() - children
    side.pages += len(images)
    # Parsed afterwards, untimed: only to compare what both sides read.
    side.texts.update(
        {image_id: parse_hocr(text).text for image_id, text in zip(images, hocr, strict=True)}
    )


def grey_images(pages: list, folder: Path) -> dict[str, Path]:
    """The image nuskha hands Tesseract for each page, made the same way, by image id."""
    from nuskha.ocr.recognition import _grey_full_size

    folder.mkdir(parents=True, exist_ok=True)
    images = {}
    for page in pages:
        images[page.image_id] = folder / f"{page.image_id}.tif"
        _grey_full_size(page.access_copy, images[page.image_id])
    return images


class Instrumented:
    """Thread-seconds in each step of ours (they overlap: two pages run at once)."""

    def __init__(self, side: Side) -> None:
        import nuskha.ocr.recognition as recognition

        for name, step in (
            ("_grey_full_size", "grey TIFF from the access copy"),
            ("run_tesseract", "tesseract"),
            ("parse_hocr", "parse hOCR"),
        ):
            setattr(recognition, name, self._wrap(getattr(recognition, name), step, side))

    @staticmethod
    def _wrap(function: Callable, step: str, side: Side) -> Callable:
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                side.add_step(step, time.perf_counter() - started)

        return timed


def run(options: argparse.Namespace, folder: Path) -> None:
    from nuskha.ocr.languages import installed_models

    missing = {language.model for language in LANGUAGES} - installed_models()
    if missing:
        raise SystemExit(f"Tesseract models not installed: {', '.join(sorted(missing))}")
    print(f"{time.strftime('%H:%M:%S')} {load_average()}: drawing {options.pages} pages")
    prepared = prepare(options, folder)
    drawn: dict[str, str] = {}
    images = {}
    for code, (pages, texts) in prepared.items():
        drawn.update(texts)
        images[code] = grey_images(pages, folder / f"grey-{code}")
    ours, theirs = Side(), Side()
    Instrumented(ours)
    # Small chunks, the two sides taking turns (each going first every other chunk): the
    # machine is shared, and a burst of someone else's work then falls on both alike.
    chunks = [
        (language, pages[i : i + options.chunk])
        for language in LANGUAGES
        if language.code in prepared
        for pages in [prepared[language.code][0]]
        for i in range(0, len(pages), options.chunk)
    ]
    for index, (language, chunk) in enumerate(chunks):
        order = ["cli", "nuskha"] if index % 2 == 0 else ["nuskha", "cli"]
        for who in order:
            if who == "cli":
                chunk_images = {
                    page.image_id: images[language.code][page.image_id] for page in chunk
                }
                command_line_side(chunk_images, language.model, theirs)
            else:
                nuskha_side(chunk, language.model, ours)
        print(
            f"  chunk {index + 1}/{len(chunks)} ({language.code}): nuskha "
            f"{ours.pages / ours.wall * 60:.1f} pages/min, command line "
            f"{theirs.pages / theirs.wall * 60:.1f} so far ({load_average()})",
            flush=True,
        )
    report(options, ours, theirs, prepared, drawn)


def report(
    options: argparse.Namespace, ours: Side, theirs: Side, prepared: dict, drawn: dict[str, str]
) -> None:
    from nuskha.ocr.accuracy import character_error_rate
    from nuskha.ocr.tesseract import tesseract_version

    counts = ", ".join(f"{len(pages)} {code}" for code, (pages, _) in prepared.items())
    print(
        f"\n{options.pages} pages ({counts}) of {WIDTH}x{HEIGHT} at {DPI} dpi; tesseract "
        f"{tesseract_version()}, {WORKERS} at a time, OMP_THREAD_LIMIT=1; "
        f"{os.cpu_count()} cores; {load_average()}"
    )
    header = (
        f"{'':<30} {'pages':>5} {'wall s':>8} {'pages/min':>9} {'vs CLI':>7} "
        f"{'CPU s':>8} {'CPU s/page':>10}"
    )
    print("\n" + header + "\n" + "-" * len(header))
    cli_rate = theirs.pages / theirs.wall * 60
    for label, side in (("nuskha recognise_pages", ours), ("tesseract command line", theirs)):
        rate = side.pages / side.wall * 60
        print(
            f"{label:<30} {side.pages:>5} {side.wall:>8.1f} {rate:>9.2f} {rate / cli_rate:>6.2f}x "
            f"{side.cpu:>8.1f} {side.cpu / side.pages:>10.2f}"
        )
    ratio = (ours.pages / ours.wall * 60) / cli_rate
    print(
        f"target: pages/min at least {TARGET}x the command line's: "
        f"{'met' if ratio >= TARGET else 'MISSED'} ({ratio:.2f}x)"
    )
    print(
        f"ours, CPU s a page: {ours.own_cpu / ours.pages:.2f} in this process (grey TIFFs, "
        f"hOCR), {(ours.cpu - ours.own_cpu) / ours.pages:.2f} in tesseract; the command "
        f"line's tesseract {theirs.cpu / theirs.pages:.2f}"
    )
    print("\nours, thread-seconds a page (two pages at a time, so they overlap):")
    for step, seconds in ours.steps.items():
        print(f"  {step:<34} {seconds / ours.pages:7.2f}")
    same = sum(ours.texts[key] == theirs.texts.get(key) for key in ours.texts)
    print(f"\nsame text read by both: {same} of {len(ours.texts)} pages")
    for code, (pages, _) in prepared.items():
        rates = [character_error_rate(drawn[p.image_id], ours.texts[p.image_id]) for p in pages]
        characters = sum(len(drawn[p.image_id]) for p in pages) / len(pages)
        print(
            f"  {code}: {characters:,.0f} characters a page; character error rate (nfc) mean "
            f"{sum(rates) / len(rates):.3f}, worst {max(rates):.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40, help="Pages, half in each language.")
    parser.add_argument(
        "--chunk", type=int, default=4, help="Pages each side reads before the other's turn."
    )
    parser.add_argument("--keep", help="Folder to keep the instance in (default: a temporary one).")
    options = parser.parse_args()
    folder = Path(options.keep or tempfile.mkdtemp(prefix="nuskha-ocr-"))
    if options.keep and (folder / "nuskha.sqlite3").exists():
        raise SystemExit(f"{folder} holds an instance already: give an empty or new folder")
    open_instance(folder)
    try:
        run(options, folder)
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
