"""Benchmark: harvesting every record over OAI-PMH from `nuskha serve`, against writing
the same records to MARCXML in-process (the ceiling).

    .venv/bin/python bench/oai.py                        # 100,000 records
    .venv/bin/python bench/oai.py --records 20000 --workers 2
    .venv/bin/python bench/oai.py --keep /tmp/oai --reuse  # measure a kept database again

Records are generated straight into the catalogue tables (executemany, 5,000 at a time):
a Persian or Arabic title with its romanisation, an author (and for some a scribe) from
a pool of authorities named in Arabic script and in romanisation, one content entry with
locus, title, incipit (and for some an explicit), one to three subjects labelled in
Persian and English, languages, script, physical description (material, leaves,
dimensions, lines, script style, binding), the date as written in Hijri years with its
span, place, sets (institution and collection), and an edit time that orders the OAI
list differently from the ids. The search index is not built: OAI-PMH does not read it.

`nuskha serve` (gunicorn, DEBUG off) then serves the database on a free port, and sickle
harvests `ListRecords(metadataPrefix="marc21")` to the end, page by page, counting the
records; a thread sums the RSS of the gunicorn master and its workers from /proc every
0.2 s. The ceiling, in this process after the harvest: the same records loaded a page at
a time with `with_interchange_relations`, turned into plain records (`record_of`), MARCXML
elements (`marcxml_element`) and bytes (`etree.tostring`), with no HTTP, no OAI envelope
and no client. Target (issue 5): at least 1,000 records/s harvested. `--profile` runs
cProfile over ListRecords pages answered in-process and prints where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import os
import pstats
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET = 1_000  # records per second (issue 5)
BASE_URL = "http://127.0.0.1:8000"
BATCH = 5_000

INSTITUTIONS = [(1, "IR-NLAI", "IR", "Asia/Tehran"), (2, "KZ-NALRK", "KZ", "Asia/Almaty")]
COLLECTIONS = [(1, 1, "manuscripts"), (2, 1, "lithographs"), (3, 2, "manuscripts")]
# (Persian, romanised as a cataloguer writes it)
TITLE_HEADS = [
    ("دیوان", "Dīvān"),
    ("کلیات", "Kullīyāt"),
    ("رساله", "Risālah"),
    ("شرح", "Sharḥ"),
    ("تفسیر", "Tafsīr"),
    ("تاریخ", "Tārīkh"),
    ("مثنوی", "Masnavī"),
    ("منتخب", "Muntakhab"),
    ("تذکره", "Tazkirah"),
    ("مجموعه", "Majmūʿah"),
    ("جنگ", "Jung"),
    ("کتاب", "Kitāb"),
]
TITLE_TOPICS = [
    ("حافظ", "Ḥāfiẓ"),
    ("سعدی", "Saʿdī"),
    ("طب", "ṭibb"),
    ("نجوم", "nujūm"),
    ("موسیقی", "mūsīqī"),
    ("حکمت", "ḥikmat"),
    ("عرفان", "ʿirfān"),
    ("اخلاق", "akhlāq"),
    ("منطق", "manṭiq"),
    ("فقه", "fiqh"),
    ("شعرا", "shuʿarā"),
    ("ملوک عجم", "mulūk-i ʿAjam"),
    ("انبیا", "anbiyā"),
    ("هیئت", "hayʾat"),
    ("گلستان", "Gulistān"),
    ("بوستان", "Būstān"),
]
TITLE_QUALIFIERS = [
    ("", ""),
    ("شیرازی", "Shīrāzī"),
    ("منظوم", "manẓūm"),
    ("مختصر", "mukhtaṣar"),
    ("قدیم", "qadīm"),
]
ARABIC_TITLES = [
    ("كتاب الشفاء", "Kitāb al-Shifāʾ"),
    ("القانون في الطب", "al-Qānūn fī al-ṭibb"),
    ("إحياء علوم الدين", "Iḥyāʾ ʿulūm al-dīn"),
    ("تهافت الفلاسفة", "Tahāfut al-falāsifah"),
    ("كتاب الموسيقى الكبير", "Kitāb al-mūsīqī al-kabīr"),
    ("شرح الإشارات والتنبيهات", "Sharḥ al-Ishārāt wa-al-tanbīhāt"),
    ("مقامات الحريري", "Maqāmāt al-Ḥarīrī"),
    ("ألفية ابن مالك", "Alfīyat Ibn Mālik"),
]
GIVEN_NAMES = [
    ("محمد", "Muḥammad"),
    ("علی", "ʿAlī"),
    ("حسن", "Ḥasan"),
    ("حسین", "Ḥusayn"),
    ("احمد", "Aḥmad"),
    ("عبدالله", "ʿAbd Allāh"),
    ("محمود", "Maḥmūd"),
    ("یوسف", "Yūsuf"),
    ("ابراهیم", "Ibrāhīm"),
    ("جعفر", "Jaʿfar"),
    ("نصرالله", "Naṣr Allāh"),
    ("عبدالرحمن", "ʿAbd al-Raḥmān"),
]
NISBAS = [
    ("اصفهانی", "Iṣfahānī"),
    ("شیرازی", "Shīrāzī"),
    ("تبریزی", "Tabrīzī"),
    ("هروی", "Haravī"),
    ("بخاری", "Bukhārī"),
    ("سمرقندی", "Samarqandī"),
    ("کاشانی", "Kāshānī"),
    ("قزوینی", "Qazvīnī"),
    ("نیشابوری", "Nīshābūrī"),
    ("طوسی", "Ṭūsī"),
    ("خوارزمی", "Khvārazmī"),
    ("یزدی", "Yazdī"),
]
INCIPITS = [
    "بسم الله الرحمن الرحیم",
    "سپاس و ستایش مر خدای را جل جلاله که آفریننده جهان است",
    "حمد بی‌حد و ثنای بی‌عد مر خداوندی را سزاست",
    "الحمد لله رب العالمین و الصلاة و السلام علی خیر خلقه محمد و آله اجمعین",
    "به نام خداوند جان و خرد کزین برتر اندیشه برنگذرد",
    "اما بعد چنین گوید بنده کمترین",
]
EXPLICIT = "تمت الکتاب بعون الملک الوهاب"
PLACES = ["اصفهان", "تبریز", "هرات", "بخارا", "شیراز", "قزوین", "مشهد", "سمرقند", ""]
STYLES = ["nastaliq", "naskh", "shikasta", "thuluth", ""]
BINDINGS = [
    "Brown morocco, blind-stamped, with flap.",
    "Lacquered pasteboard covers with floral decoration.",
    "Red leather over pasteboard; rebacked.",
    "",
]
SUBJECTS = [
    ("poetry", "شعر", "Poetry"),
    ("history", "تاریخ", "History"),
    ("medicine", "پزشکی", "Medicine"),
    ("astronomy", "نجوم", "Astronomy"),
    ("music", "موسیقی", "Music"),
    ("philosophy", "فلسفه", "Philosophy"),
    ("sufism", "عرفان و تصوف", "Sufism"),
    ("ethics", "اخلاق", "Ethics"),
    ("logic", "منطق", "Logic"),
    ("jurisprudence", "فقه", "Islamic law"),
    ("grammar", "صرف و نحو", "Arabic grammar"),
    ("biography", "تذکره‌نویسی", "Biography"),
]
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


# Generating records -------------------------------------------------------------------


def agents() -> list[tuple[int, str, str, str]]:
    """(id, name in Arabic script, romanised name, dates): every given name, father's
    name and nisba combined, 1,728 authorities."""
    rng = random.Random(5)
    found = []
    for number, ((given, given_latin), (father, father_latin), (nisba, nisba_latin)) in enumerate(
        itertools.product(GIVEN_NAMES, GIVEN_NAMES, NISBAS), start=1
    ):
        died = rng.randint(700, 1300)
        found.append(
            (
                number,
                f"{given} بن {father} {nisba}",
                f"{nisba_latin}, {given_latin} ibn {father_latin}",
                f"d. {died} AH / {round(died * 0.97 + 622)}",
            )
        )
    return found


def records(count: int, seed: int = 1404) -> Iterator[dict]:
    rng = random.Random(seed)
    agent_count = len(GIVEN_NAMES) ** 2 * len(NISBAS)
    edited = datetime(2020, 1, 1)
    for number in range(1, count + 1):
        title, romanised, language = _title(rng)
        collection = rng.choices(COLLECTIONS, weights=(6, 1, 3))[0]
        year = rng.randint(1300, 1900)
        hijri = round((year - 622) / 0.97)
        leaves = rng.randint(12, 600)
        yield {
            "id": number,
            "institution": collection[1],
            "collection": collection[0],
            "shelfmark": f"MS {number // 1000}-{number:06d}",
            "kind": "lithograph" if collection[2] == "lithographs" else "manuscript",
            "material": rng.choices(["paper", "parchment"], weights=(9, 1))[0],
            "leaves": leaves,
            "height": rng.randint(150, 350),
            "width": rng.randint(100, 250),
            "lines": rng.randint(9, 25),
            "style": rng.choice(STYLES),
            "binding": rng.choice(BINDINGS),
            "date_as_written": f"{hijri} ق".translate(PERSIAN_DIGITS),
            "year": year,
            "place": rng.choice(PLACES),
            "note": "Seal impressions on f. 1r." if rng.random() < 0.2 else "",
            # Edited over four years in no particular order: the OAI list is not id order.
            "updated_at": edited
            + timedelta(seconds=rng.randint(0, 4 * 365 * 86400), microseconds=number),
            "title": title,
            "romanised": romanised,
            "language": language,
            "author": rng.randint(1, agent_count),
            "scribe": rng.randint(1, agent_count) if rng.random() < 0.3 else None,
            "incipit": rng.choice(INCIPITS) + " " + title,
            "explicit": EXPLICIT if rng.random() < 0.5 else "",
            "subjects": rng.sample(range(1, len(SUBJECTS) + 1), rng.randint(1, 3)),
            "languages": [language, "ar"]
            if language == "fa" and rng.random() < 0.2
            else [language],
        }


def _title(rng: random.Random) -> tuple[str, str, str]:
    if rng.random() < 0.2:
        title, romanised = rng.choice(ARABIC_TITLES)
        return title, romanised, "ar"
    (head, head_latin), (topic, topic_latin) = rng.choice(TITLE_HEADS), rng.choice(TITLE_TOPICS)
    qualifier, qualifier_latin = rng.choice(TITLE_QUALIFIERS)
    title = f"{head} {topic} {qualifier}".strip()
    romanised = f"{head_latin}-i {topic_latin} {qualifier_latin}".strip()
    return title, romanised, "fa"


# Writing them into the catalogue ------------------------------------------------------


def build(count: int) -> float:
    """Write the authorities, then the records, straight into the catalogue tables."""
    from django.db import connection, transaction

    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT code, id FROM catalogue_language")
        languages = dict(cursor.fetchall())
        cursor.execute("SELECT code, id FROM catalogue_script")
        scripts = dict(cursor.fetchall())
        _write_authorities(cursor, languages, scripts)
    generated = records(count)
    done = 0
    while chunk := list(itertools.islice(generated, BATCH)):
        with transaction.atomic(), connection.cursor() as cursor:
            _write_items(cursor, chunk)
            _write_descriptions(cursor, chunk, languages, scripts)
        done += len(chunk)
        print(f"\r  written {done:,} / {count:,}", end="", flush=True)
    print()
    return time.perf_counter() - start


def _write_authorities(cursor: Any, languages: dict[str, int], scripts: dict[str, int]) -> None:
    cursor.executemany(
        "INSERT INTO catalogue_institution (id, code, country, time_zone, website) "
        "VALUES (%s, %s, %s, %s, '')",
        INSTITUTIONS,
    )
    cursor.executemany(
        "INSERT INTO catalogue_collection (id, institution_id, code, description) "
        "VALUES (%s, %s, %s, '')",
        COLLECTIONS,
    )
    cursor.executemany(
        "INSERT INTO catalogue_subject (id, code) VALUES (%s, %s)",
        [(number, code) for number, (code, _fa, _en) in enumerate(SUBJECTS, start=1)],
    )
    cursor.executemany(
        "INSERT INTO catalogue_subjectlabel (subject_id, language_id, text) VALUES (%s, %s, %s)",
        [
            (number, languages[language], text)
            for number, (_code, fa, en) in enumerate(SUBJECTS, start=1)
            for language, text in (("fa", fa), ("en", en))
        ],
    )
    found = agents()
    cursor.executemany(
        "INSERT INTO catalogue_agent (id, identifier, kind, dates, viaf, wikidata, note) "
        "VALUES (%s, %s, 'person', %s, '', '', '')",
        [(number, f"agent-{number}", dates) for number, _name, _latin, dates in found],
    )
    cursor.executemany(
        "INSERT INTO catalogue_agentname (agent_id, text, language_id, script_id, form_type, "
        "position) VALUES (%s, %s, %s, %s, %s, %s)",
        [
            row
            for number, name, latin, _dates in found
            for row in (
                (number, name, languages["fa"], scripts["Arab"], "preferred", 0),
                (number, latin, languages["fa"], scripts["Latn"], "romanised", 1),
            )
        ],
    )


def _write_items(cursor: Any, chunk: list[dict]) -> None:
    cursor.executemany(
        "INSERT INTO catalogue_item (id, institution_id, collection_id, shelfmark, kind, "
        "status, access, is_shareable, material, leaf_count, page_count, lines_per_page, "
        "height_mm, width_mm, script_style, decoration, binding, date_as_written, "
        "date_earliest, date_latest, date_certainty, place_as_written, notes, created_at, "
        "updated_at, max_image_pixels) VALUES (%s, %s, %s, %s, %s, 'published', 'open', "
        "false, %s, %s, NULL, %s, %s, %s, %s, '', %s, %s, %s, %s, 'approximate', %s, %s, %s, "
        "%s, NULL)",
        [
            (
                r["id"],
                r["institution"],
                r["collection"],
                r["shelfmark"],
                r["kind"],
                r["material"],
                r["leaves"],
                r["lines"],
                r["height"],
                r["width"],
                r["style"],
                r["binding"],
                r["date_as_written"],
                # A Hijri year runs over two years of the common era.
                date(r["year"], 1, 1).isoformat(),
                date(r["year"] + 1, 12, 31).isoformat(),
                r["place"],
                r["note"],
                # As Django writes a datetime to SQLite: str() of the naive UTC value.
                str(r["updated_at"]),
                str(r["updated_at"]),
            )
            for r in chunk
        ],
    )


def _write_descriptions(
    cursor: Any, chunk: list[dict], languages: dict[str, int], scripts: dict[str, int]
) -> None:
    cursor.executemany(
        "INSERT INTO catalogue_title (item_id, text, language_id, script_id, title_type, "
        "position) VALUES (%s, %s, %s, %s, %s, %s)",
        [
            row
            for r in chunk
            for row in (
                (r["id"], r["title"], languages[r["language"]], scripts["Arab"], "uniform", 0),
                (
                    r["id"],
                    r["romanised"],
                    languages[r["language"]],
                    scripts["Latn"],
                    "romanised",
                    1,
                ),
            )
        ],
    )
    cursor.executemany(
        "INSERT INTO catalogue_itemagent (item_id, agent_id, role, name_as_written, note, "
        "position) VALUES (%s, %s, %s, '', '', %s)",
        [(r["id"], r["author"], "author", 0) for r in chunk]
        + [(r["id"], r["scribe"], "scribe", 1) for r in chunk if r["scribe"]],
    )
    cursor.executemany(
        "INSERT INTO catalogue_contentitem (item_id, position, locus, title_as_written, "
        "language_id, incipit, explicit, colophon, note, date_as_written, date_earliest, "
        "date_latest, date_certainty) VALUES (%s, 0, %s, %s, %s, %s, %s, '', '', '', NULL, "
        "NULL, '')",
        [
            (
                r["id"],
                f"ff. 1v–{r['leaves']}r",
                r["title"],
                languages[r["language"]],
                r["incipit"],
                r["explicit"],
            )
            for r in chunk
        ],
    )
    _write_links(
        cursor,
        "languages",
        "language_id",
        [(r["id"], languages[code]) for r in chunk for code in r["languages"]],
    )
    _write_links(cursor, "scripts", "script_id", [(r["id"], scripts["Arab"]) for r in chunk])
    _write_links(
        cursor,
        "subjects",
        "subject_id",
        [(r["id"], subject) for r in chunk for subject in r["subjects"]],
    )


def _write_links(cursor: Any, table: str, column: str, rows: list[tuple[int, int]]) -> None:
    cursor.executemany(
        f"INSERT INTO catalogue_item_{table} (item_id, {column}) VALUES (%s, %s)", rows
    )


def _holds(count: int) -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM catalogue_item")
        return cursor.fetchone()[0] == count


# Serving and harvesting ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(folder: Path, port: int, workers: int | None) -> subprocess.Popen:
    command = [str(ROOT / ".venv/bin/nuskha"), "serve", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers)] if workers else []
    log = (folder / "serve.log").open("wb")
    server = subprocess.Popen(command, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/oai?verb=Identify"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"nuskha serve did not answer within 60 s: see {folder / 'serve.log'}")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()  # gunicorn's master stops its workers on SIGTERM
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


class ServerSampler(threading.Thread):
    """The summed RSS of a process and its children, read from /proc every 0.2 s, and
    the CPU time they used between the first sample and the last."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.processes = 0
        self.peaks_of_each: dict[int, int] = {}  # VmHWM: each process's own peak RSS
        self.cpu_first: dict[int, float] = {}
        self.cpu_last: dict[int, float] = {}
        self._finished = threading.Event()

    def run(self) -> None:
        while not self._finished.is_set():
            self.sample()
            self._finished.wait(0.2)

    def sample(self) -> int:
        pids = [self.pid, *children(self.pid)]
        total = 0
        for pid in pids:
            status = proc_status(pid)
            total += status.get("VmRSS", 0)
            self.peaks_of_each[pid] = max(self.peaks_of_each.get(pid, 0), status.get("VmHWM", 0))
            self.cpu_last[pid] = cpu_seconds(pid)
            self.cpu_first.setdefault(pid, self.cpu_last[pid])
        self.peak = max(self.peak, total)
        self.processes = max(self.processes, len(pids))
        return total

    def stop(self) -> None:
        self._finished.set()
        self.join()
        self.sample()

    def cpu(self) -> float:
        return sum(self.cpu_last[pid] - self.cpu_first[pid] for pid in self.cpu_last)


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(child) for child in task.read_text().split()]
    return found


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (0 when it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in bytes (0 when it has gone)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {
        name: int(value.split()[0]) * 1024
        for name, _, value in (line.partition(":") for line in lines)
        if name in ("VmRSS", "VmHWM")
    }


def harvest(url: str) -> dict:
    from sickle import Sickle

    start, cpu = time.perf_counter(), time.process_time()
    count = deleted = 0
    for record in Sickle(url, max_retries=0, timeout=120).ListRecords(metadataPrefix="marc21"):
        count += 1
        deleted += record.deleted
    return {
        "records": count,
        "deleted": deleted,
        "seconds": time.perf_counter() - start,
        "client_cpu": time.process_time() - cpu,
    }


# The ceiling: the same records written in-process -------------------------------------


def ceiling(page_size: int) -> dict:
    """Every served item loaded a page at a time (with_interchange_relations), as a plain
    record (record_of), a MARCXML element (marcxml_element) and its bytes; each step timed."""
    from django.conf import settings
    from lxml import etree

    from nuskha.catalogue.formats.marc21 import marcxml_element
    from nuskha.catalogue.interchange import record_of, with_interchange_relations
    from nuskha.catalogue.models import Item
    from nuskha.oai.repository import served_items

    ids = list(served_items().order_by("updated_at", "pk").values_list("pk", flat=True))
    steps = dict.fromkeys(("load", "record_of", "marcxml_element", "tostring"), 0.0)
    written, cpu = 0, time.process_time()
    for first in range(0, len(ids), page_size):
        clock = time.perf_counter()
        items = list(
            with_interchange_relations(Item.objects.filter(pk__in=ids[first : first + page_size]))
        )
        steps["load"] += time.perf_counter() - clock
        for item in items:
            times = [time.perf_counter()]
            record = record_of(item, settings.BASE_URL)
            times.append(time.perf_counter())
            element = marcxml_element(record)
            times.append(time.perf_counter())
            written += len(etree.tostring(element, encoding="UTF-8"))
            times.append(time.perf_counter())
            for step, (before, after) in zip(
                list(steps)[1:], itertools.pairwise(times), strict=True
            ):
                steps[step] += after - before
    return {
        "records": len(ids),
        "seconds": sum(steps.values()),
        "cpu": time.process_time() - cpu,
        "steps": steps,
        "bytes": written,
    }


# Profiling a page ----------------------------------------------------------------------


def profile(pages: int) -> None:
    """cProfile over ListRecords pages answered in-process (no HTTP): where a page's
    time goes, by function, cumulative and own."""
    from django.test import Client

    from nuskha.oai import listing

    client = Client()
    url = "/oai?verb=ListRecords&metadataPrefix=marc21"
    client.get(url)  # imports and first-use caches out of the way
    profiler = cProfile.Profile()
    clock = time.perf_counter()
    profiler.enable()
    for _ in range(pages):
        response = client.get(url)
        token = _token(response.content)
        url = f"/oai?verb=ListRecords&resumptionToken={token}"
    profiler.disable()
    seconds = time.perf_counter() - clock
    size = listing.RECORDS_PER_PAGE
    print(
        f"\nprofile: {pages} pages of {size} records in-process, {seconds * 1000 / pages:,.0f} ms "
        f"a page, {pages * size / seconds:,.0f} records/s (under cProfile)"
    )
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(25)
        print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


def _token(content: bytes) -> str:
    from lxml import etree

    found = etree.fromstring(content).find(".//{*}resumptionToken")
    return found.text if found is not None else ""


# Report ---------------------------------------------------------------------------------


def report(options: argparse.Namespace, built: float | None, result: dict) -> None:
    harvested, best, memory = result["harvest"], result["ceiling"], result["memory"]
    load = os.getloadavg()
    built_text = f"{built:,.0f} s" if built else "reused"
    print(
        f"\n{options.records:,} records (written: {built_text}); page size "
        f"{result['page_size']}; gunicorn workers {memory['processes'] - 1}; "
        f"{os.cpu_count()} cores; load average (1 min) {harvested['load'][0]:.2f} as the "
        f"harvest began, {harvested['load'][1]:.2f} as it ended, {best['load']:.2f} after the "
        f"ceiling (5 min {load[1]:.2f}, 15 min {load[2]:.2f})"
    )
    rate = harvested["records"] / harvested["seconds"]
    best_rate = best["records"] / best["seconds"]
    harvest_cpu = harvested["server_cpu"] + harvested["client_cpu"]
    header = (
        f"{'':<30} {'records':>9} {'seconds':>8} {'records/s':>10} {'vs ceiling':>10} "
        f"{'CPU s':>7} {'records/CPU s':>13}"
    )
    print(header)
    print("-" * len(header))
    print(
        f"{'harvest: sickle over HTTP':<30} {harvested['records']:>9,} "
        f"{harvested['seconds']:>8.1f} {rate:>10,.0f} {rate / best_rate:>9.2f}x "
        f"{harvest_cpu:>7.1f} {harvested['records'] / harvest_cpu:>13,.0f}"
    )
    print(
        f"{'ceiling: MARCXML in-process':<30} {best['records']:>9,} "
        f"{best['seconds']:>8.1f} {best_rate:>10,.0f} {1:>9.2f}x "
        f"{best['cpu']:>7.1f} {best['records'] / best['cpu']:>13,.0f}"
    )
    steps = ", ".join(
        f"{step} {seconds * 1e3 / best['records']:.2f}" for step, seconds in best["steps"].items()
    )
    print(f"  ceiling per record (ms): {steps}; {best['bytes'] / best['records']:,.0f} bytes")
    print(
        f"  harvest CPU: server {harvested['server_cpu']:.1f} s, client (sickle) "
        f"{harvested['client_cpu']:.1f} s; deleted records {harvested['deleted']:,}"
    )
    print(
        f"  server peak memory: {memory['peak'] / 1e6:,.0f} MB summed RSS of "
        f"{memory['processes']} processes (master and workers; {memory['idle'] / 1e6:,.0f} MB "
        f"before the harvest; sum of each one's VmHWM {memory['hwm'] / 1e6:,.0f} MB)"
    )
    complete = harvested["records"] == options.records
    print(f"  every record harvested: {'yes' if complete else 'NO'}")
    print(f"target ≥ {TARGET:,} records/s: {'met' if rate >= TARGET and complete else 'MISSED'}")


# Running --------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000, help="Records to generate.")
    parser.add_argument("--keep", help="Folder to keep the database in (default: a temporary one).")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Measure the database kept in --keep if it holds --records records.",
    )
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (default: nuskha serve's, 2 × cores + 1)."
    )
    parser.add_argument(
        "--profile",
        type=int,
        metavar="PAGES",
        default=0,
        help="Also profile this many ListRecords pages in-process with cProfile.",
    )
    options = parser.parse_args()
    folder = Path(options.keep or tempfile.mkdtemp(prefix="nuskha-bench-oai-"))
    folder.mkdir(parents=True, exist_ok=True)
    # As in production: DEBUG off, so Django keeps no query log; the server gets the same.
    os.environ["NUSKHA_DATA_DIR"] = str(folder)
    os.environ["NUSKHA_DEBUG"] = "false"
    os.environ.setdefault("NUSKHA_SECRET_KEY", "benchmark-only-" + "x" * 40)
    os.environ.setdefault("NUSKHA_BASE_URL", BASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nuskha.settings")
    try:
        run(options, folder)
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)


def run(options: argparse.Namespace, folder: Path) -> None:
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    from nuskha.oai import listing

    call_command("migrate", verbosity=0)
    built = None
    if not (options.reuse and _holds(options.records)):
        if not _holds(0):
            raise SystemExit(f"{folder} already holds records: give an empty --keep folder")
        print(f"writing {options.records:,} records in {folder}")
        built = build(options.records)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("ANALYZE")
    connection.close()
    result: dict[str, Any] = {"page_size": listing.RECORDS_PER_PAGE}
    result["harvest"], result["memory"] = serve_and_harvest(folder, options.workers)
    result["ceiling"] = ceiling(listing.RECORDS_PER_PAGE)
    result["ceiling"]["load"] = os.getloadavg()[0]
    report(options, built, result)
    if options.profile:
        profile(options.profile)


def serve_and_harvest(folder: Path, workers: int | None) -> tuple[dict, dict]:
    port = free_port()
    server = start_server(folder, port, workers)
    sampler = ServerSampler(server.pid)
    try:
        idle = sampler.sample()
        sampler.start()
        print(f"harvesting http://127.0.0.1:{port}/oai ...", flush=True)
        load = os.getloadavg()[0]
        harvested = harvest(f"http://127.0.0.1:{port}/oai")
        harvested["load"] = (load, os.getloadavg()[0])
        sampler.stop()
    finally:
        stop_server(server)
    memory = {
        "peak": sampler.peak,
        "idle": idle,
        "processes": sampler.processes,
        "hwm": sum(sampler.peaks_of_each.values()),
    }
    harvested["server_cpu"] = sampler.cpu()
    return harvested, memory


if __name__ == "__main__":
    main()
