"""Benchmark: nuskha.text.fold against hazm's normaliser and a bare str.translate, same run.

Run with `make bench-text` (it builds .venv-bench with the `bench` extra, which brings
hazm). The corpus is at least 5 MB (UTF-8) of the demo collection's own Persian, Arabic,
Chagatai, Kazakh (Cyrillic and Arabic script) and Russian text, with the variants real
records have: Arabic letters for Persian ones, Arabic-Indic and Persian digits, ZWNJ
written as a space or left out, diacritics, capitals. Each record is folded on its own,
as the indexer does; the same corpus as one long string is measured too.

Targets (issue 3): fold at least 10x hazm's characters per second, and at most 2x the
bare translate's time.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nuskha.text import fold  # noqa: E402

DEMO = ROOT / "nuskha" / "catalogue" / "demo" / "collection.yaml"
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_INDIC = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩")
# The baseline of the issue: Arabic yeh and kaf to Persian, both Eastern digit sets to ASCII.
BARE_TABLE = {ord("ي"): "ی", ord("ك"): "ک"}
BARE_TABLE |= {0x06F0 + d: str(d) for d in range(10)} | {0x0660 + d: str(d) for d in range(10)}


def strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def _non_latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    other = [c for c in letters if "\u0400" <= c <= "\u06ff"]
    return len(other) / len(letters) if letters else 0.0


def variants(text: str, rng: random.Random) -> list[str]:
    """The spellings the same text turns up in, in records from different places."""
    arabic_letters = text.replace("ی", "ي").replace("ک", "ك")
    return [
        text,
        arabic_letters,
        text.translate(ARABIC_INDIC),
        text.replace("\u200c", " "),
        text.replace("\u200c", ""),
        text.upper() if rng.random() < 0.5 else text,
        "".join(
            c + ("\u064e" if rng.random() < 0.1 and "\u0621" <= c <= "\u064a" else "") for c in text
        ),
        text.translate(PERSIAN_DIGITS) if text.isascii() else text,
    ]


def corpus(min_bytes: int, seed: int = 1404) -> list[str]:
    rng = random.Random(seed)
    demo = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    # The demo's English notes are left out: the corpus is Persian, Arabic, Kazakh, Russian.
    base = [s for s in strings(demo) if len(s) > 3 and _non_latin_share(s) > 0.5]
    records: list[str] = []
    size = 0
    while size < min_bytes:
        text = rng.choice(base)
        for variant in variants(text, rng):
            records.append(variant)
            size += len(variant.encode("utf-8"))
    rng.shuffle(records)
    return records


def best_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def script_shares(records: list[str]) -> str:
    counts = {"Arabic script": 0, "Cyrillic": 0, "Latin": 0}
    for record in records:
        for c in record:
            if "\u0600" <= c <= "\u06ff":
                counts["Arabic script"] += 1
            elif "\u0400" <= c <= "\u04ff":
                counts["Cyrillic"] += 1
            elif c.isalpha() and c.isascii() or "\u00c0" <= c <= "\u024f":
                counts["Latin"] += 1
    letters = sum(counts.values())
    return ", ".join(f"{name} {100 * n / letters:.0f}%" for name, n in counts.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0, help="corpus size (default 5)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each; the best counts")
    options = parser.parse_args()

    from hazm import Normalizer  # the bench extra; imported here so --help works without it

    records = corpus(int(options.megabytes * 1_000_000))
    characters = sum(map(len, records))
    size = sum(len(r.encode("utf-8")) for r in records)
    print(f"corpus: {len(records):,} records, {characters:,} characters, {size / 1e6:.2f} MB UTF-8")
    print(f"letters: {script_shares(records)}")

    hazm = Normalizer()
    per_record = {
        "nuskha fold": best_time(lambda: [fold(r) for r in records], options.repeat),
        "bare translate": best_time(
            lambda: [r.translate(BARE_TABLE).casefold() for r in records], options.repeat
        ),
        "hazm normalize": best_time(lambda: [hazm.normalize(r) for r in records], 1),
    }
    whole = "\n".join(records)
    one_string = {
        "nuskha fold": best_time(lambda: fold(whole), options.repeat),
        "bare translate": best_time(lambda: whole.translate(BARE_TABLE).casefold(), options.repeat),
        "hazm normalize": best_time(lambda: hazm.normalize(whole), 1),
    }
    ok = True
    for label, timings in (("each record on its own", per_record), ("one long string", one_string)):
        print(f"\n{label}:")
        for name, seconds in timings.items():
            print(
                f"  {name:<16} {seconds:8.3f} s  {characters / seconds / 1e6:7.2f} M characters/s"
            )
        vs_hazm = timings["hazm normalize"] / timings["nuskha fold"]
        vs_bare = timings["nuskha fold"] / timings["bare translate"]
        ok &= vs_hazm >= 10 and vs_bare <= 2
        print(
            f"  fold is {vs_hazm:.1f}x hazm (target >= 10x): {'met' if vs_hazm >= 10 else 'MISSED'}"
        )
        print(
            f"  fold takes {vs_bare:.2f}x the bare translate's time (target <= 2x): "
            f"{'met' if vs_bare <= 2 else 'MISSED'}"
        )
    print(f"\n(best of {options.repeat} runs for fold and translate, one run for hazm)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
