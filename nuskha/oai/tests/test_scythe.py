"""A second real client, oaipmh-scythe (maintained, on httpx), harvests the running
server page by page: the same lists Sickle reads (test_sickle.py), by another reader."""

from __future__ import annotations

from typing import Any

import pytest
from oaipmh_scythe import Scythe

pytestmark = pytest.mark.slow


@pytest.fixture
def scythe(live_server: Any) -> Any:
    with Scythe(live_server.url + "/oai", timeout=30) as client:
        yield client


@pytest.mark.parametrize("prefix", ["oai_dc", "marc21", "tei"])
def test_scythe_harvests_every_record_page_by_page(
    scythe: Any,
    catalogue: dict[str, Any],
    prefix: str,
) -> None:
    records = list(scythe.list_records(metadata_prefix=prefix))
    assert [r.header.identifier for r in records] == catalogue["order"]
    assert {r.header.identifier for r in records if r.deleted} == catalogue["deleted"]
    assert all(r.metadata for r in records if not r.deleted)


def test_scythe_lists_identifiers_selectively(scythe: Any, catalogue: dict[str, Any]) -> None:
    headers = list(scythe.list_identifiers(metadata_prefix="oai_dc", set_="institution:KZ-NALRK"))
    assert [h.identifier for h in headers] == [
        name for name in catalogue["order"] if ":KZ-NALRK:" in name
    ]
