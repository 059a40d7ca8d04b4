"""Benchmark: IIIF tiles and thumbnails from `nuskha serve`, against IIPImage serving the
same pyramids and pyvips cutting the same tiles in-process.

    .venv/bin/python bench/tiles.py                       # 4 pages an item, 8 rounds of 60 tiles
    .venv/bin/python bench/tiles.py --pages 2 --rounds 2 --tiles 20   # a quick look
    .venv/bin/python bench/tiles.py --keep /tmp/tiles --reuse         # measure kept pages again

Two published items, one open to everyone and one restricted, each get --pages generated
6000x8000 masters (bench/masters.py: a photographed folio of Naskh text with camera
noise) through nuskha's own ingest, so each page has its pyramidal access copy (JPEG
tiles of 512, one TIFF page per level). `nuskha serve --workers 1` (gunicorn, DEBUG off,
as in production) then answers requests one at a time: the open item's anonymously, the
restricted item's with a staff member's session cookie (a session made in the database
the server shares), keeping the image pass nuskha hands out with it as a browser keeps
cookies (nuskha/images/passes.py: five minutes, renewed by the next answer through Django).

Requests are 512x512 tiles drawn at random, without repeats, from every tile of every
level of the item's pages, written as OpenSeadragon 4 writes them from the info.json
(for tiles at full resolution that is `x,y,512,512/512,512/...`, not the canonical
`.../max/...`), and the `full/1000,/0/default.jpg` thumbnail of each page. Each round
empties nuskha's tile cache (<data dir>/cache/iiif), asks every request once (cold: not
rendered before; the access copies are in the OS page cache, and the worker has read each
pyramid's layout before, as a running server has), then again in a new order (warm),
then again by the canonical URL each answer named in its Link header (warm, canonical).

Server CPU per request is exact: the worker's POSIX process CPU clock (every thread,
to the nanosecond) read before the request and once the worker has gone quiet after it.
Wall ms is the client's, from connecting to the last byte.

In the same rounds the same requests go to IIPImage (Debian's iipsrv.fcgi 1.1, spoken to
over FastCGI directly, no web server in front; the same access copies; JPEG quality 85 as
ours; memcached off; OMP_WAIT_POLICY=passive, without which its OpenMP threads spin after
each resize, a quarter of a thumbnail's CPU): one instance with its tile cache off
(MAX_IMAGE_CACHE_SIZE=0) for cold, one with a 1 GB tile cache asked twice, the second time
measured, for warm. Its CPU is its process clock, read the same way. And pyvips in this
process cuts each request from the access copy (`new_from_file(page=level)`, crop, resize
if the size asks, jpegsave Q85; libvips' operation cache off), CPU by time.process_time
(all threads).

Targets (issue): cold tiles no more server CPU than IIPImage's (p50 and p95); warm open
tiles under 1 ms of server CPU (p95), as a reader's viewer asks for them. `--profile N`
then sends N cold tiles of each item through nuskha's WSGI application in this process:
their CPU with the database connection as configured and kept open, and a cProfile.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fastcgi  # noqa: E402
import masters  # noqa: E402
from instance import (  # noqa: E402
    children,
    cpu_seconds,
    free_port,
    load_average,
    make_item,
    mean,
    open_instance,
    percentile,
    settled_cpu_seconds,
    staff_session_cookie,
    start_server,
    stop,
)

PASS_COOKIE = "nuskha_image_pass"  # nuskha.images.tile_cache.PASS_COOKIE

IIPSRV = "/usr/lib/iipimage-server/iipsrv.fcgi"
WIDTH, HEIGHT = 6000, 8000
THUMBNAIL = "full/1000,/0/default.jpg"
KINDS = {"open": "MS-BENCH-OPEN", "restricted": "MS-BENCH-RESTRICTED"}
TILE_TARGET_WARM_MS = 1.0


@dataclass(frozen=True)
class PageImage:
    item_kind: str  # "open" or "restricted"
    image_id: str
    access_copy: Path
    width: int
    height: int
    levels: int
    info: dict


@dataclass
class Request:
    page: PageImage
    what: str  # "tile" or "thumbnail"
    path: str  # region/size/rotation/quality.format, as a viewer writes it
    level: int  # the pyramid level the tile is cut from (thumbnails: chosen on the fly)
    canonical: str = ""  # as the server's Link header names it

    @property
    def is_stored_tile(self) -> bool:
        """An interior tile: one stored tile of the pyramid as it is (edge tiles and the
        one-tile top level are cut and encoded again)."""
        return self.what == "tile" and "/512,512/" in self.path


@dataclass
class Sample:
    cpu_ms: float
    wall_ms: float
    size: int
    is_stored_tile: bool = False


@dataclass
class Figures:
    samples: dict[tuple, list[Sample]] = field(default_factory=dict)

    def add(self, key: tuple, sample: Sample, request: Request) -> None:
        sample.is_stored_tile = request.is_stored_tile
        self.samples.setdefault(key, []).append(sample)


# Setting up


def prepare(folder: Path, pages: int, masters_folder: Path, reuse: bool) -> list[PageImage]:
    from nuskha.catalogue.models import Item
    from nuskha.images.ingest import ingest
    from nuskha.images.models import Page

    found = list(Page.objects.filter(item__shelfmark__in=KINDS.values()))
    if reuse and len(found) == 2 * pages and all(p.access_copy.exists() for p in found):
        print(f"reusing {len(found)} ingested pages in {folder}")
    else:
        bases = masters.bases(masters_folder, ["rgb8"], WIDTH, HEIGHT, variants=2)["rgb8"]
        delivery = folder / "delivery"
        shutil.rmtree(delivery, ignore_errors=True)
        delivery.mkdir(parents=True)
        for number in range(1, pages + 1):
            masters.copy_with_serial(
                bases[number % len(bases)], delivery / f"{number:04d}.tif", number
            )
        for kind, shelfmark in KINDS.items():
            Item.objects.filter(shelfmark=shelfmark).delete()
            item = make_item(shelfmark, access=kind)
            started = time.perf_counter()
            ingest(item, delivery, user="bench")
            print(f"  ingested {pages} pages into the {kind} item in "
                  f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        shutil.rmtree(delivery)
    rows = Page.objects.filter(item__shelfmark__in=KINDS.values()).select_related("item")
    by_shelfmark = {shelfmark: kind for kind, shelfmark in KINDS.items()}
    return [
        PageImage(
            by_shelfmark[p.item.shelfmark],
            p.image_id,
            p.access_copy,
            p.width,
            p.height,
            p.pyramid_levels,
            {},
        )
        for p in rows.order_by("item__shelfmark", "position")
    ]


def viewer_tiles(page: PageImage) -> list[Request]:
    """Every tile of the page, as OpenSeadragon 4's IIIFTileSource.getTileUrl writes it
    from the info.json (levelSizes from `sizes` when they match the scale factors)."""
    info = page.info
    tile = info["tiles"][0]
    tile_width = tile["width"]
    tile_height = tile.get("height", tile_width)
    factors = sorted(tile["scaleFactors"])
    sizes = sorted((s["width"], s["height"]) for s in info.get("sizes", []))
    width, height = info["width"], info["height"]
    if sizes and sizes[-1][0] < width and sizes[-1][1] < height:
        sizes.append((width, height))
    requests = []
    for level, factor in enumerate(factors):
        scale = 1 / factor
        if len(sizes) == len(factors):
            level_width, level_height = sizes[len(sizes) - 1 - level]
        else:
            level_width, level_height = math.ceil(width * scale), math.ceil(height * scale)
        step_x, step_y = round(tile_width / scale), round(tile_height / scale)
        if level_width < tile_width and level_height < tile_height:
            size = (
                "max"
                if (level_width, level_height) == (width, height)
                else (f"{level_width},{level_height}")
            )
            requests.append(Request(page, "tile", f"full/{size}/0/default.jpg", level))
            continue
        for row in range(math.ceil(level_height / tile_height)):
            for column in range(math.ceil(level_width / tile_width)):
                x, y = column * step_x, row * step_y
                w, h = min(step_x, width - x), min(step_y, height - y)
                region = "full" if (x, y, w, h) == (0, 0, width, height) else f"{x},{y},{w},{h}"
                size_w = min(tile_width, level_width - column * tile_width)
                size_h = min(tile_height, level_height - row * tile_height)
                size = "max" if (size_w, size_h) == (width, height) else f"{size_w},{size_h}"
                requests.append(Request(page, "tile", f"{region}/{size}/0/default.jpg", level))
    return requests


def draw_requests(
    pages: list[PageImage], rounds: int, tiles: int, seed: int
) -> list[list[Request]]:
    """Each round: `tiles` tiles of each item (no tile twice in the run) and every
    page's thumbnail, shuffled."""
    rng = random.Random(seed)
    pools = {}
    for page in pages:
        pools.setdefault(page.item_kind, []).extend(viewer_tiles(page))
    for pool in pools.values():
        rng.shuffle(pool)
        if len(pool) < rounds * tiles:
            raise SystemExit(f"only {len(pool)} tiles in an item: ask for fewer rounds or tiles")
    plan = []
    for number in range(rounds):
        chosen = [r for pool in pools.values() for r in pool[number * tiles : (number + 1) * tiles]]
        chosen += [Request(page, "thumbnail", THUMBNAIL, -1) for page in pages]
        rng.shuffle(chosen)
        plan.append(chosen)
    return plan


# nuskha over HTTP


class Nuskha:
    def __init__(self, folder: Path, port: int, cookie: str) -> None:
        self.folder, self.port, self.cookie = folder, port, cookie
        self.image_pass = ""  # as a browser keeps the cookie from Set-Cookie
        self.server = start_server(folder, port, workers=1)
        workers = children(self.server.pid)
        if len(workers) != 1:
            raise SystemExit(f"expected one gunicorn worker, found {workers}")
        self.worker = workers[0]

    def get(self, path: str, restricted: bool) -> tuple[int, dict, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": f"{self.cookie}; {self.image_pass}"} if restricted else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith(PASS_COOKIE + "="):
                self.image_pass = value.split(";", 1)[0]
        return response.status, dict(response.getheaders()), body

    def measure(self, request: Request, canonical: bool = False) -> Sample:
        path = request.canonical if canonical else request.path
        url = f"/iiif/3/image/{request.page.image_id}/{path}"
        restricted = request.page.item_kind == "restricted"
        before = cpu_seconds(self.worker)
        started = time.perf_counter()
        status, headers, body = self.get(url, restricted)
        wall = time.perf_counter() - started
        cpu = settled_cpu_seconds(self.worker) - before
        if status != 200 or not body.startswith(b"\xff\xd8"):
            raise SystemExit(f"nuskha answered {status} to {url}: {body[:200]!r}")
        link = headers.get("Link", "")
        if link and not request.canonical:
            request.canonical = link.split(">", 1)[0].split(f"/{request.page.image_id}/", 1)[1]
        return Sample(cpu * 1000, wall * 1000, len(body))

    def info(self, page: PageImage) -> dict:
        status, _, body = self.get(
            f"/iiif/3/image/{page.image_id}/info.json", page.item_kind == "restricted"
        )
        if status != 200:
            raise SystemExit(f"info.json of {page.image_id}: {status} {body[:200]!r}")
        return json.loads(body)

    def clear_cache(self) -> None:
        shutil.rmtree(self.folder / "cache" / "iiif", ignore_errors=True)


# IIPImage over FastCGI


class IIPImage:
    def __init__(self, folder: Path, pages: list[PageImage], cache_mb: int, name: str) -> None:
        self.prefix = folder / "iip"
        self.prefix.mkdir(exist_ok=True)
        for page in pages:
            link = self.prefix / f"{page.image_id}.tif"
            if not link.is_symlink():
                link.symlink_to(page.access_copy)
        self.port = free_port()
        log = folder / f"iipsrv-{name}.log"
        environment = {
            **os.environ,
            "FILESYSTEM_PREFIX": f"{self.prefix}/",
            "MAX_IMAGE_CACHE_SIZE": str(cache_mb),
            "JPEG_QUALITY": "85",
            "MEMCACHED_SERVERS": "",  # none: otherwise it tries localhost
            "VERBOSITY": "0",
            # Its OpenMP threads otherwise spin after each parallel loop: a quarter of a
            # thumbnail's CPU, none of a tile's. IIPImage at its best, then.
            "OMP_WAIT_POLICY": "passive",
            "LOGFILE": str(log),
        }
        self.process = subprocess.Popen(
            [IIPSRV, "--bind", f"127.0.0.1:{self.port}"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait(log)

    def _wait(self, log: Path) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"iipsrv stopped (status {self.process.returncode}): see {log}")
            try:
                fastcgi.get("127.0.0.1", self.port, "", timeout=5)
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"iipsrv did not answer within 30 s: see {log}")

    def measure(self, request: Request) -> Sample:
        query = f"IIIF={request.page.image_id}.tif/{request.path}"
        before = cpu_seconds(self.process.pid)
        started = time.perf_counter()
        response = fastcgi.get("127.0.0.1", self.port, query)
        wall = time.perf_counter() - started
        cpu = settled_cpu_seconds(self.process.pid) - before
        if response.status != 200 or not response.body.startswith(b"\xff\xd8"):
            raise SystemExit(
                f"iipsrv answered {response.status} to {query}: {response.body[:200]!r}"
            )
        return Sample(cpu * 1000, wall * 1000, len(response.body))


# pyvips in this process


def pyvips_measure(request: Request) -> Sample:
    import pyvips

    from nuskha.images.iiif import parse_request
    from nuskha.images.rendering import choose_level

    page = request.page
    region, size, rotation, quality_format = request.path.split("/")
    started = time.perf_counter()
    cpu = time.process_time()
    plan = parse_request(region, size, rotation, quality_format, page.width, page.height)
    level = choose_level(plan.region, plan.size, page.levels)
    image = pyvips.Image.new_from_file(str(page.access_copy), page=level, access="random")
    x, y, w, h = plan.region
    left, top = x >> level, y >> level
    right = min(-(-(x + w) >> level), image.width)
    bottom = min(-(-(y + h) >> level), image.height)
    image = image.crop(left, top, right - left, bottom - top)
    if (image.width, image.height) != plan.size:
        image = image.resize(plan.size[0] / image.width, vscale=plan.size[1] / image.height)
    data = image.jpegsave_buffer(Q=85, strip=True)
    cpu = time.process_time() - cpu
    return Sample(cpu * 1000, (time.perf_counter() - started) * 1000, len(data))


# The run


def run(options: argparse.Namespace, folder: Path) -> None:
    import pyvips

    pyvips.cache_set_max(0)  # cold means cold for the in-process baseline too
    print(f"{time.strftime('%H:%M:%S')} {load_average()}: setting up in {folder}")
    pages = prepare(folder, options.pages, Path(options.masters), options.reuse)
    cookie = staff_session_cookie()
    nuskha = Nuskha(folder, int(os.environ["NUSKHA_BASE_URL"].rsplit(":", 1)[1]), cookie)
    cold_iip = IIPImage(folder, pages, cache_mb=0, name="cold")
    warm_iip = IIPImage(folder, pages, cache_mb=1024, name="warm")
    figures = Figures()
    try:
        for page in pages:
            page.info.update(nuskha.info(page))
        plan = draw_requests(pages, options.rounds, options.tiles, options.seed)
        warm_up(nuskha, cold_iip, warm_iip, pages)
        started = time.perf_counter()
        print(f"{time.strftime('%H:%M:%S')} {load_average()}: measuring {options.rounds} rounds "
              f"of {len(plan[0])} requests")  # fmt: skip
        for number, requests in enumerate(plan, start=1):
            measure_round(requests, nuskha, cold_iip, warm_iip, figures, random.Random(number))
            print(f"  round {number}/{options.rounds} done ({load_average()})", flush=True)
        seconds = time.perf_counter() - started
    finally:
        stop(nuskha.server)
        stop(cold_iip.process)
        stop(warm_iip.process)
    report(figures, options, pages, seconds)
    if options.profile:
        profile(pages, options.profile, options.seed)


def warm_up(nuskha: Nuskha, cold_iip: IIPImage, warm_iip: IIPImage, pages: list[PageImage]) -> None:
    """One tile and the thumbnail of each page through every path, then an empty tile
    cache: imports done, libvips started, each pyramid's layout read once, as in a
    server that has been running."""
    for page in pages:
        for request in (viewer_tiles(page)[0], Request(page, "thumbnail", THUMBNAIL, -1)):
            nuskha.measure(request)
            nuskha.measure(request, canonical=True)
            cold_iip.measure(request)
            warm_iip.measure(request)
            pyvips_measure(request)
    nuskha.clear_cache()


def measure_round(
    requests: list[Request],
    nuskha: Nuskha,
    cold_iip: IIPImage,
    warm_iip: IIPImage,
    figures: Figures,
    rng: random.Random,
) -> None:
    def each(server: str, state: str, order: list[Request], measure: Callable) -> None:
        for request in order:
            key = (server, state, request.page.item_kind, request.what)
            figures.add(key, measure(request), request)

    def shuffled() -> list[Request]:
        return rng.sample(requests, len(requests))

    nuskha.clear_cache()
    each("nuskha", "cold", requests, nuskha.measure)
    each("nuskha", "warm", shuffled(), nuskha.measure)
    each("nuskha", "warm canonical", shuffled(), partial(nuskha.measure, canonical=True))
    each("iip", "cold", requests, cold_iip.measure)
    for request in requests:
        warm_iip.measure(request)  # into its tile cache
    each("iip", "warm", shuffled(), warm_iip.measure)
    each("pyvips", "cold", requests, pyvips_measure)


# Reporting

ROWS = [
    ("nuskha", "cold", "nuskha serve, cold"),
    ("nuskha", "warm", "nuskha serve, warm"),
    ("nuskha", "warm canonical", "nuskha serve, warm, canonical URL"),
    ("iip", "cold", "IIPImage, cold (tile cache off)"),
    ("iip", "warm", "IIPImage, warm (1 GB tile cache)"),
    ("pyvips", "cold", "pyvips in-process, cold"),
]


def report(
    figures: Figures, options: argparse.Namespace, pages: list[PageImage], seconds: float
) -> None:
    per_item = len(pages) // 2
    print(
        f"\n{per_item} pages an item ({WIDTH}x{HEIGHT}, access copies "
        f"{mean([p.access_copy.stat().st_size for p in pages]) / 1e6:.1f} MB); {options.rounds} "
        f"rounds of {options.tiles} tiles an item and every page's thumbnail; 1 gunicorn worker; "
        f"{os.cpu_count()} cores; measured in {seconds:.0f} s; {load_average()}"
    )
    columns = ["p50", "p95", "mean", "|", "p50", "p95", "|"]
    header = (
        f"{'':<36} {'n':>4} | {'server CPU ms':^23} | {'wall ms':^15} | {'KB':>5}\n"
        f"{'':<36} {'':>4} | "
        + " ".join(f"{c:>7}" if c != "|" else c for c in columns)
        + f" {'mean':>5}"
    )
    verdicts = []
    for kind in ("open", "restricted"):
        for what in ("tile", "thumbnail"):
            title = "512x512 tiles" if what == "tile" else f"thumbnails ({THUMBNAIL})"
            print(f"\n{kind} item, {title}")
            print(header)
            print("-" * 88)
            for server, state, label in ROWS:
                samples = figures.samples.get((server, state, kind, what), [])
                cpu = [s.cpu_ms for s in samples]
                wall = [s.wall_ms for s in samples]
                print(
                    f"{label:<36} {len(samples):>4} | {percentile(cpu, 0.5):>7.2f} "
                    f"{percentile(cpu, 0.95):>7.2f} {mean(cpu):>7.2f} | "
                    f"{percentile(wall, 0.5):>7.2f} {percentile(wall, 0.95):>7.2f} | "
                    f"{mean([s.size for s in samples]) / 1000:>5.1f}"
                )
            if what == "tile":
                print(by_tile_kind(figures, kind))
            verdicts += ratios(figures, kind, what)
    print()
    for line in verdicts:
        print(line)


def by_tile_kind(figures: Figures, kind: str) -> str:
    """Cold server CPU p50 of stored tiles (sent as they are, or decoded and encoded once)
    and of tiles that are cut from the level and encoded again (edges, the top level)."""
    parts = []
    for is_stored, label in ((True, "stored tiles"), (False, "edge and top tiles")):
        figures_of = []
        for server, name in (("nuskha", "nuskha"), ("iip", "IIPImage"), ("pyvips", "pyvips")):
            samples = figures.samples.get((server, "cold", kind, "tile"), [])
            cpu = [s.cpu_ms for s in samples if s.is_stored_tile == is_stored]
            figures_of.append(f"{name} {percentile(cpu, 0.5):.2f}")
        parts.append(f"{label} (n={len(cpu)}): " + ", ".join(figures_of))
    return "  cold server CPU p50 ms, " + "; ".join(parts)


def ratios(figures: Figures, kind: str, what: str) -> list[str]:
    def cpu(server: str, state: str, share: float) -> float:
        samples = figures.samples.get((server, state, kind, what), [])
        return percentile([s.cpu_ms for s in samples], share)

    lines = []
    p50 = cpu("nuskha", "cold", 0.5) / cpu("iip", "cold", 0.5)
    p95 = cpu("nuskha", "cold", 0.95) / cpu("iip", "cold", 0.95)
    verdict = "met" if p50 <= 1 and p95 <= 1 else "MISSED"
    label = f"{kind} {what}s"
    if what == "tile":
        lines.append(
            f"cold {label}: server CPU vs IIPImage's p50 {p50:.2f}x, p95 {p95:.2f}x "
            f"-> target (no more than IIPImage's): {verdict}"
        )
    else:
        lines.append(f"cold {label}: server CPU vs IIPImage's p50 {p50:.2f}x, p95 {p95:.2f}x")
    if kind == "open" and what == "tile":
        for state in ("warm", "warm canonical"):
            p95_warm = cpu("nuskha", state, 0.95)
            verdict = "met" if p95_warm < TILE_TARGET_WARM_MS else "MISSED"
            lines.append(
                f"{state} open tiles: server CPU p50 {cpu('nuskha', state, 0.5):.2f} ms, "
                f"p95 {p95_warm:.2f} ms -> target (under {TILE_TARGET_WARM_MS:g} ms)"
                f"{' as viewers ask' if state == 'warm' else ', canonical URLs'}: {verdict}"
            )
    return lines


# Where a cold tile's CPU goes, in this process


def profile(pages: list[PageImage], count: int, seed: int) -> None:
    """Cold tiles through nuskha's WSGI application in this process (no gunicorn): their
    CPU as configured, with the database connection kept open between requests, and a
    cProfile of the configured run."""
    import cProfile
    import io
    import pstats

    from django.db import connections

    from nuskha.images import tile_cache
    from nuskha.wsgi import application

    cookie = staff_session_cookie()
    print(f"\nprofile: {count} cold tiles of each item through nuskha.wsgi.application in-process")
    for kind in ("open", "restricted"):
        requests = [r for p in pages if p.item_kind == kind for r in viewer_tiles(p)]
        random.Random(seed).shuffle(requests)
        requests = requests[:count]
        headers = {}
        if kind == "restricted":
            headers = {"HTTP_COOKIE": f"{cookie}; {image_pass(application, requests[-1], cookie)}"}
        call_wsgi(application, requests[-1], headers)  # imports, connection
        configured = connections["default"].settings_dict["CONN_MAX_AGE"]
        variants = (
            (0, "CONN_MAX_AGE=0"),
            (configured, f"as configured (CONN_MAX_AGE={configured})"),
        )
        for max_age, label in variants:
            connections["default"].close()
            connections["default"].settings_dict["CONN_MAX_AGE"] = max_age
            shutil.rmtree(tile_cache.cache_root(), ignore_errors=True)
            cpu = []
            for request in requests:
                started = time.process_time()
                call_wsgi(application, request, headers)
                cpu.append((time.process_time() - started) * 1000)
            print(f"  {kind}: {label:<32} CPU ms p50 {percentile(cpu, 0.5):.2f}, "
                  f"p95 {percentile(cpu, 0.95):.2f}, mean {mean(cpu):.2f}")  # fmt: skip
        connections["default"].close()
        connections["default"].settings_dict["CONN_MAX_AGE"] = configured
        shutil.rmtree(tile_cache.cache_root(), ignore_errors=True)
        profiler = cProfile.Profile()
        profiler.enable()
        for request in requests:
            call_wsgi(application, request, headers)
        profiler.disable()
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(22)
            text = out.getvalue()
            print(f"  cProfile, {kind} item, by {order}:")
            print(text[text.index("   ncalls") :].rstrip())


def image_pass(application: Callable, request: Request, cookie: str) -> str:
    """The image pass the viewer's first look at info.json hands a signed-in reader."""
    answer: list = []
    call_wsgi(application, request, {"HTTP_COOKIE": cookie}, "info.json", answer)
    for name, value in answer[1]:
        if name == "Set-Cookie" and value.strip().startswith(PASS_COOKIE + "="):
            return value.strip().split(";", 1)[0]
    raise SystemExit(f"no image pass for {request.page.image_id}")


def call_wsgi(
    application: Callable,
    request: Request,
    headers: dict[str, str],
    path: str = "",
    answer: list | None = None,
) -> None:
    import io

    path = f"/iiif/3/image/{request.page.image_id}/{path or request.path}"
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "RAW_URI": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **headers,
    }
    status: list = [] if answer is None else answer
    body = b"".join(application(environ, lambda *started: status.extend(started[:2])))
    is_image = body.startswith(b"\xff\xd8") or path.endswith("info.json")
    if not status[0].startswith("200") or not is_image:
        raise SystemExit(f"{path}: {status[0]} {body[:200]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=4, help="Pages in each item.")
    parser.add_argument("--rounds", type=int, default=8, help="Rounds (cache emptied before each).")
    parser.add_argument("--tiles", type=int, default=60, help="Tiles of each item per round.")
    parser.add_argument("--seed", type=int, default=1404)
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="Afterwards, N cold tiles of each item in-process: CPU with the database "
        "connection as configured and kept open, and a cProfile.",
    )
    parser.add_argument("--keep", help="Folder to keep the instance in (default: a temporary one).")
    parser.add_argument("--reuse", action="store_true", help="Reuse the pages ingested in --keep.")
    parser.add_argument(
        "--masters",
        default=str(Path(tempfile.gettempdir()) / "nuskha-bench-masters"),
        help="Folder for the generated base masters (kept between runs: drawing is slow).",
    )
    options = parser.parse_args()
    folder = Path(options.keep or tempfile.mkdtemp(prefix="nuskha-tiles-"))
    open_instance(folder, base_url=f"http://127.0.0.1:{free_port()}")
    try:
        run(options, folder)
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
