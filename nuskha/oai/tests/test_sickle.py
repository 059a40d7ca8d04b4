"""A real OAI-PMH client, Sickle, harvests a running server over HTTP: every format
page by page, identifiers, single records, sets, deleted records and errors."""

from __future__ import annotations

from typing import Any

import pytest
from sickle import Sickle, oaiexceptions

pytestmark = pytest.mark.slow


@pytest.fixture
def sickle(live_server: Any) -> Sickle:
    return Sickle(live_server.url + "/oai", max_retries=0, timeout=30)


@pytest.mark.parametrize(("prefix", "title_field"), [("oai_dc", "title"), ("tei", "title")])
def test_sickle_harvests_every_record_page_by_page(
    sickle: Sickle, catalogue: dict[str, Any], prefix: str, title_field: str
) -> None:
    records = list(sickle.ListRecords(metadataPrefix=prefix))
    assert [r.header.identifier for r in records] == catalogue["order"]
    assert {r.header.identifier for r in records if r.deleted} == catalogue["deleted"]
    titles = {t for r in records if not r.deleted for t in r.metadata[title_field]}
    assert {"شاهنامه", "دیوان حافظ", "Шежіре", "Қисса"} <= titles


def test_sickle_harvests_marcxml_by_post(live_server: Any, catalogue: dict[str, Any]) -> None:
    sickle = Sickle(live_server.url + "/oai", http_method="POST", max_retries=0)
    records = list(sickle.ListRecords(metadataPrefix="marc21"))
    assert [r.header.identifier for r in records] == catalogue["order"]
    subfields = [s for r in records if not r.deleted for s in r.metadata["subfield"]]
    assert "دیوان حافظ" in subfields and "Қисса" in subfields


def test_sickle_lists_identifiers_and_sets_within_a_set(
    sickle: Sickle, catalogue: dict[str, Any]
) -> None:
    headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="institution:IR-NLAI"))
    assert [h.identifier for h in headers] == catalogue["order"][:3]
    assert [h.deleted for h in headers] == [False, False, True]
    assert headers[0].setSpecs == [
        "institution:IR-NLAI",
        "institution:IR-NLAI:collection:persian-poetry",
    ]
    assert headers[0].datestamp == "2024-05-01T10:00:00Z"
    sets = {s.setSpec: s.setName for s in sickle.ListSets()}
    assert sets == {
        "institution:IR-NLAI": "National Library and Archives of Iran",
        "institution:IR-NLAI:collection:persian-poetry": "Persian poetry",
        "institution:KZ-NALRK": "National Academic Library of Kazakhstan",
    }


def test_sickle_gets_single_records_and_deleted_ones(
    sickle: Sickle, catalogue: dict[str, Any]
) -> None:
    names = catalogue["names"]
    record = sickle.GetRecord(identifier=names[3], metadataPrefix="oai_dc")
    assert not record.deleted and record.metadata["title"] == ["Шежіре"]
    assert sickle.GetRecord(identifier=names[4], metadataPrefix="tei").deleted
    identify = sickle.Identify()
    assert identify.deletedRecord == "persistent"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"


def test_sickle_hears_the_errors(sickle: Sickle, catalogue: dict[str, Any]) -> None:
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        sickle.GetRecord(identifier="oai:nlrk.kz:1", metadataPrefix="oai_dc")
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        sickle.GetRecord(identifier=catalogue["names"][0], metadataPrefix="mods")
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        next(sickle.ListRecords(metadataPrefix="oai_dc", **{"from": "2030-01-01"}))
