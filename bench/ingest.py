"""Benchmark: nuskha's ingest of page masters against the `vips` command line doing the
same conversion (and openssl and cp doing the same hashing and storing), in one run.

    .venv/bin/python bench/ingest.py                      # 200 masters of 6000x8000
    .venv/bin/python bench/ingest.py --pages 20           # a quick look
    .venv/bin/python bench/ingest.py --pages 20 --profile # and a cProfile of one more batch

Masters are generated (bench/masters.py): photographed folios of Naskh text with camera
noise, 6000x8000, in the mix a digitisation studio delivers, per ten pages: three 16-bit
RGB with a Display P3 profile (deflate), three 8-bit RGB with an sRGB profile (LZW), two
8-bit RGB without a profile (LZW), two 8-bit grey (deflate). One base master of each kind
is drawn once and kept (--masters); each page of the run is a copy with its own serial
in the TIFF's ImageDescription, so every master has its own SHA-256.

The run goes in batches of --batch pages, each a folder delivered for a new item. So that
the disk holds one batch at a time (the run needs about 4.5 GB besides the base masters,
well under 20 GB), each batch's masters are copied in before it and everything of it is
removed after. Both sides take every batch, one page after another (libvips' own threads
in each, two on two cores); which goes first alternates from batch to batch, and the
disk is synced before each side (untimed), so neither inherits the other's writeback.

nuskha: `nuskha.images.ingest.ingest(item, folder, user=...)`: header checks, SHA-256 of
each master, the pyramidal access copy (decode once, ICC to 8-bit sRGB, JPEG Q85 tiles
of 512, a TIFF page per level) and the 256-wide thumbnail in staging, the masters stored
as a new OCFL version (copied, hashed again and checked), Page rows recorded, derivatives
moved into place.

The command line, per master: `openssl dgst -sha256 master`; `cp master store/`; the same
hash of the copy (ours checks its stored copy too); the conversion, told which masters carry a
profile (no inspection counted): `vips icc_transform master access.tif[tile,pyramid,
compression=jpeg,Q=85,tile-width=512,tile-height=512,strip] srgb --embedded --intent
perceptual --depth 8` for a master with a profile, `vips colourspace master
access.tif[...] srgb` for one without (grey becomes 3-band sRGB, as ours does); then
`vipsthumbnail access.tif --size 256x -o thumbnail.jpg[Q=85,strip]`. Each a process of
its own, as a shell script would run them. The hash is OpenSSL's, as Python's hashlib in
ours is: Debian's sha256sum (coreutils 9.1, gnulib's SHA-256) takes 3 times as long and
would flatter ours.

Target (issue): nuskha's pages per minute at least 0.8x the command line's. Pages per
minute are wall time; CPU seconds per page (ours: this process, all threads; the command
line: its children) are printed beside them, and where each side's time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import masters  # noqa: E402
from instance import folder_bytes, load_average, make_item, open_instance  # noqa: E402

TARGET = 0.8
TIFF_OPTIONS = "[tile,pyramid,compression=jpeg,Q=85,tile-width=512,tile-height=512,strip]"


@dataclass
class Side:
    """Seconds (wall and CPU) one side spent, in all and per step."""

    wall: float = 0.0
    cpu: float = 0.0
    pages: int = 0
    steps: dict[str, list[float]] = field(default_factory=lambda: defaultdict(lambda: [0.0, 0.0]))
    by_kind: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def add_step(self, step: str, wall: float, cpu: float) -> None:
        self.steps[step][0] += wall
        self.steps[step][1] += cpu


@dataclass(frozen=True)
class Master:
    path: Path
    kind: masters.Kind


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# The command line


def command_line(batch: list[Master], out: Path, side: Side) -> None:
    store = out / "store"
    store.mkdir(parents=True)
    started, cpu = time.perf_counter(), children_cpu()
    for master in batch:
        access = out / master.path.stem / "access.tif"
        access.parent.mkdir()
        stored = store / master.path.name
        if master.kind.profile:
            convert = ["vips", "icc_transform", str(master.path), f"{access}{TIFF_OPTIONS}"]
            convert += ["srgb", "--embedded", "--intent", "perceptual", "--depth", "8"]
        else:
            convert = ["vips", "colourspace", str(master.path), f"{access}{TIFF_OPTIONS}", "srgb"]
        thumbnail = ["vipsthumbnail", str(access), "--size", "256x"]
        thumbnail += ["-o", f"{access.parent / 'thumbnail.jpg'}[Q=85,strip]"]
        steps = [
            ("hash on arrival", ["openssl", "dgst", "-sha256", str(master.path)]),
            ("store: copy", ["cp", str(master.path), str(stored)]),
            ("store: check the copy", ["openssl", "dgst", "-sha256", str(stored)]),
            ("access copy", convert),
            ("thumbnail", thumbnail),
        ]
        for step, command in steps:
            wall, step_cpu = run_timed(command)
            side.add_step(step, wall, step_cpu)
            if step == "access copy":
                side.by_kind[master.kind.name].append(wall)
    side.wall += time.perf_counter() - started
    side.cpu += children_cpu() - cpu
    side.pages += len(batch)


def run_timed(command: list[str]) -> tuple[float, float]:
    started, cpu = time.perf_counter(), children_cpu()
    result = subprocess.run(command, capture_output=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr.decode()[-2000:]}")
    return time.perf_counter() - started, children_cpu() - cpu


# nuskha


class Instrumented:
    """Wrap the functions ingest calls, to see where its time goes (seconds wall and CPU
    per step); the wrappers cost microseconds a call."""

    STEPS = [  # (module, class or "", function, step)
        ("nuskha.images.ingest", "", "inspect_image", "header check"),
        ("nuskha.images.ingest", "", "sha256_of", "hash on arrival"),
        ("nuskha.images.ingest", "", "build_access_copy", "access copy"),
        ("nuskha.images.ingest", "", "build_thumbnail", "thumbnail"),
        ("nuskha.preservation.storage", "MasterStore", "add_version", "store: OCFL version"),
        ("nuskha.preservation.storage", "", "sha256_of", "store: check the copy"),
        ("nuskha.images.ingest", "", "_record_pages", "record pages"),
    ]

    def __init__(self) -> None:
        import importlib

        self.side: Side | None = None
        self.kinds: dict[str, str] = {}
        for module, class_name, name, step in self.STEPS:
            owner = importlib.import_module(module)
            owner = getattr(owner, class_name) if class_name else owner
            setattr(owner, name, self._wrap(getattr(owner, name), step))

    def _wrap(self, function: Callable, step: str) -> Callable:
        def timed(*args, **kwargs):
            if self.side is None:
                return function(*args, **kwargs)
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                wall = time.perf_counter() - started
                self.side.add_step(step, wall, time.process_time() - cpu)
                if step == "access copy":
                    self.side.by_kind[self.kinds.get(Path(args[0]).name, "?")].append(wall)

        return timed


def nuskha_ingest(batch: list[Master], number: int, side: Side, instrumented: Instrumented) -> None:
    from nuskha.images.ingest import ingest

    item = make_item(f"MS-INGEST-{number:04d}")
    folder = batch[0].path.parent
    instrumented.side = side
    instrumented.kinds = {master.path.name: master.kind.name for master in batch}
    started, cpu = time.perf_counter(), time.process_time()
    result = ingest(item, folder, user="bench")
    side.wall += time.perf_counter() - started
    side.cpu += time.process_time() - cpu
    instrumented.side = None
    side.pages += len(batch)
    if len(result.added) != len(batch):
        raise SystemExit(f"batch {number}: {result.summary()}")


def remove_item(number: int) -> None:
    """Everything batch `number` left: its OCFL object, derivatives (Page rows stay)."""
    from nuskha.catalogue.models import Item
    from nuskha.images.ingest import master_store, object_id_for
    from nuskha.images.models import Page

    item = Item.objects.get(shelfmark=f"MS-INGEST-{number:04d}")
    store = master_store()
    shutil.rmtree(store.object_dir(object_id_for(item)), ignore_errors=True)
    for page in Page.objects.filter(item=item):
        shutil.rmtree(page.derivative_dir(), ignore_errors=True)


# The run


def deliver(bases: dict[str, Path], first: int, count: int, folder: Path) -> list[Master]:
    folder.mkdir(parents=True)
    batch = []
    for number in range(first, first + count):
        kind = masters.KINDS[masters.MIX[(number - 1) % len(masters.MIX)]]
        path = folder / f"{number:04d}.tif"
        masters.copy_with_serial(bases[kind.name], path, number)
        batch.append(Master(path, kind))
    return batch


def run(options: argparse.Namespace, folder: Path) -> None:
    print(f"{time.strftime('%H:%M:%S')} {load_average()}: setting up in {folder}")
    kinds = sorted(set(masters.MIX))
    drawn = masters.bases(Path(options.masters), kinds, options.width, options.height)
    bases = {kind: paths[0] for kind, paths in drawn.items()}
    instrumented = Instrumented()
    ours, theirs = Side(), Side()
    peak, master_bytes = 0, 0
    batches = range(0, options.pages, options.batch)
    print(f"{time.strftime('%H:%M:%S')} {load_average()}: {options.pages} pages in "
          f"{len(batches)} batches")  # fmt: skip
    for index, first in enumerate(batches):
        number = index + 1
        count = min(options.batch, options.pages - first)
        delivery = folder / f"delivery-{number:04d}"
        batch = deliver(bases, first + 1, count, delivery)
        master_bytes += sum(master.path.stat().st_size for master in batch)
        baseline = folder / f"command-line-{number:04d}"
        order = ["cli", "nuskha"] if index % 2 == 0 else ["nuskha", "cli"]
        for who in order:
            os.sync()  # neither side starts with the other's writes still to flush
            if who == "cli":
                command_line(batch, baseline, theirs)
            else:
                nuskha_ingest(batch, number, ours, instrumented)
        os.sync()
        peak = max(peak, folder_bytes(folder))
        shutil.rmtree(baseline)
        shutil.rmtree(delivery)
        remove_item(number)
        print(
            f"  batch {number}/{len(batches)}: nuskha {ours.pages / ours.wall * 60:.1f} "
            f"pages/min, command line {theirs.pages / theirs.wall * 60:.1f} so far "
            f"({load_average()})",
            flush=True,
        )
    base_bytes = sum(path.stat().st_size for path in bases.values())
    report(options, ours, theirs, master_bytes, peak, base_bytes)
    if options.profile:
        profile(options, folder, bases)


def report(
    options: argparse.Namespace,
    ours: Side,
    theirs: Side,
    master_bytes: int,
    peak: int,
    base_bytes: int,
) -> None:
    mix = ", ".join(
        f"{masters.MIX.count(name)} {kind.description}" for name, kind in masters.KINDS.items()
    )
    print(
        f"\n{options.pages} masters of {options.width}x{options.height}, per ten: {mix}; "
        f"{master_bytes / 1e9:.1f} GB of masters in all ({master_bytes / options.pages / 1e6:.0f} "
        f"MB each on average); batches of {options.batch}; both sides page after page; "
        f"{os.cpu_count()} cores; {load_average()}"
    )
    print(
        f"disk: at most {peak / 1e9:.1f} GB used by the run at a time, besides "
        f"{base_bytes / 1e9:.1f} GB of base masters"
    )
    header = (
        f"{'':<34} {'pages':>5} {'wall s':>8} {'pages/min':>9} {'vs CLI':>7} "
        f"{'CPU s':>8} {'CPU s/page':>10}"
    )
    print("\n" + header + "\n" + "-" * len(header))
    for label, side in (("nuskha ingest", ours), ("command line (vips, openssl, cp)", theirs)):
        rate = side.pages / side.wall * 60
        ratio = rate / (theirs.pages / theirs.wall * 60)
        print(
            f"{label:<34} {side.pages:>5} {side.wall:>8.1f} {rate:>9.1f} {ratio:>6.2f}x "
            f"{side.cpu:>8.1f} {side.cpu / side.pages:>10.2f}"
        )
    ratio = (ours.pages / ours.wall) / (theirs.pages / theirs.wall)
    cpu_ratio = (theirs.cpu / theirs.pages) / (ours.cpu / ours.pages)
    print(
        f"target: pages/min at least {TARGET}x the command line's: "
        f"{'met' if ratio >= TARGET else 'MISSED'} ({ratio:.2f}x; by CPU {cpu_ratio:.2f}x)"
    )
    steps = [
        "header check",
        "hash on arrival",
        "access copy",
        "thumbnail",
        "store: copy",
        "store: OCFL version",
        "store: check the copy",
        "record pages",
    ]
    print(f"\nseconds a page, wall (CPU)          {'nuskha':>16} {'command line':>16}")
    for step in steps:
        cells = []
        for side in (ours, theirs):
            wall, cpu = side.steps.get(step, (None, None))
            cells.append(f"{wall / side.pages:6.3f} ({cpu / side.pages:6.3f})" if wall else "")
        note = "  (includes the copy and its check)" if step == "store: OCFL version" else ""
        print(f"  {step:<34}{cells[0]:>16} {cells[1]:>16}{note}")
    for side, label in ((ours, "nuskha"), (theirs, "command line")):
        # Ours checks its copy inside add_version: counted there already.
        nested = {"store: check the copy"} if side is ours else set()
        counted = sum(wall for step, (wall, _) in side.steps.items() if step not in nested)
        print(f"  {'(' + label + ': the rest)':<34}{(side.wall - counted) / side.pages:>6.3f} s")
    print("\naccess copy by kind of master, wall s a page (mean):  nuskha  command line  ratio")
    for name, kind in masters.KINDS.items():
        mine, theirs_ = ours.by_kind.get(name, []), theirs.by_kind.get(name, [])
        if mine and theirs_:
            a, b = sum(mine) / len(mine), sum(theirs_) / len(theirs_)
            print(f"  {kind.description:<50} {a:7.2f} {b:13.2f} {b / a:6.2f}x")


def profile(options: argparse.Namespace, folder: Path, bases: dict[str, Path]) -> None:
    """cProfile over one more batch of nuskha's ingest (not counted above)."""
    from nuskha.images.ingest import ingest

    delivery = folder / "delivery-profile"
    batch = deliver(bases, 1, options.batch, delivery)
    item = make_item("MS-INGEST-PROFILE")
    os.sync()
    profiler = cProfile.Profile()
    profiler.enable()
    ingest(item, delivery, user="bench")
    profiler.disable()
    print(f"\nprofile: one more batch of {len(batch)} pages through nuskha's ingest")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(30)
        text = out.getvalue()
        print(f"  by {order}:\n" + text[text.index("   ncalls") :].rstrip())
    shutil.rmtree(delivery)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200, help="Masters to ingest.")
    parser.add_argument("--batch", type=int, default=10, help="Masters a batch (an ingest).")
    parser.add_argument("--width", type=int, default=6000)
    parser.add_argument("--height", type=int, default=8000)
    parser.add_argument("--keep", help="Folder to keep the instance in (default: a temporary one).")
    parser.add_argument(
        "--masters",
        default=str(Path(tempfile.gettempdir()) / "nuskha-bench-masters"),
        help="Folder for the generated base masters (kept between runs: drawing is slow).",
    )
    parser.add_argument(
        "--profile", action="store_true", help="Afterwards, cProfile one more batch of ours."
    )
    options = parser.parse_args()
    folder = Path(options.keep or tempfile.mkdtemp(prefix="nuskha-ingest-"))
    open_instance(folder)
    try:
        run(options, folder)
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
