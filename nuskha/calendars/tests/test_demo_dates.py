"""Every date of the demo collection, as written, parses to the span the record gives.

The demo file is read with yaml from the repository, not through the catalogue's loader, so
this test needs no Django. A record's earliest and latest were converted by hand (see the
file's header); parse() must agree with them within two days, the most by which the tabular
Hijri calendar and a scribe's sighted month differ.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]  # no types-PyYAML in the lock file

from nuskha.calendars import parse

DEMO = Path(__file__).resolve().parents[2] / "catalogue" / "demo" / "collection.yaml"
TOLERANCE = datetime.timedelta(days=2)

# where in the file → why its as_written cannot agree with its earliest/latest. Empty:
# every demo date parses and agrees.
EXCEPTIONS: dict[str, str] = {}


def _date_mappings(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each `date` mapping with an as_written, in items, their contents and their parts."""
    if isinstance(node, dict):
        date = node.get("date")
        if isinstance(date, dict) and "as_written" in date:
            yield where, date
        for key, value in node.items():
            yield from _date_mappings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _date_mappings(value, f"{where}[{index}]")


def _demo_dates() -> list[tuple[str, dict[str, Any]]]:
    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    return list(_date_mappings(data["items"], "items"))


DEMO_DATES = _demo_dates()


def test_the_demo_has_dates_in_items_contents_and_parts() -> None:
    places = [where for where, _ in DEMO_DATES]
    assert len(places) > 50
    assert any(".contents[" in where for where in places)
    assert any(".parts[" in where for where in places)


@pytest.mark.parametrize(
    ("where", "date"), DEMO_DATES, ids=[f"{w} {d['as_written']}" for w, d in DEMO_DATES]
)
def test_each_demo_date_as_written_parses_to_the_records_span(
    where: str, date: dict[str, Any]
) -> None:
    if where in EXCEPTIONS:
        pytest.skip(EXCEPTIONS[where])
    span = parse(str(date["as_written"]))
    earliest, latest = (
        datetime.date.fromisoformat(str(date[key])) for key in ("earliest", "latest")
    )
    assert abs(span.earliest - earliest) <= TOLERANCE, (span.earliest, earliest)
    assert abs(span.latest - latest) <= TOLERANCE, (span.latest, latest)


def test_every_listed_exception_is_still_in_the_demo() -> None:
    assert set(EXCEPTIONS) <= {where for where, _ in DEMO_DATES}
