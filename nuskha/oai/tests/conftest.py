"""Helpers for the OAI-PMH tests: the published schemas, loaded offline, and builders
for items with collections and datestamps of the tests' choosing.

The schemas live in ../shared/schemas beside the repository (see its README). Without
that folder the validating tests skip, saying why, except in CI, where they fail.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from lxml import etree

from nuskha.catalogue.conftest import make_item
from nuskha.catalogue.models import Collection, CollectionName, Institution, Item, Language
from nuskha.conftest import load_relax_ng, load_xml_schema, make_institution
from nuskha.oai import listing
from nuskha.oai.models import HarvestedRecord, HarvestSource
from nuskha.oai.responses import OAI

TEI = "http://www.tei-c.org/ns/1.0"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
NS = {"oai": OAI, "tei": TEI, "marc": "http://www.loc.gov/MARC21/slim", "oai_dc": OAI_DC}


@pytest.fixture(scope="session")
def oai_schema() -> etree.XMLSchema:
    return load_xml_schema("oai-validate-all.xsd")


@pytest.fixture(scope="session")
def msdesc_schema() -> etree.RelaxNG:
    return load_relax_ng("msdesc.rng")


@pytest.fixture
def validate(oai_schema: etree.XMLSchema, msdesc_schema: etree.RelaxNG) -> Any:
    """Checks a response: the envelope and oai_dc or MARCXML metadata against the OAI
    driver schema; each TEI payload against msdesc.rng, and the envelope without it."""

    def check(content: bytes) -> etree._Element:
        root = etree.fromstring(content)
        for metadata in root.iterfind(".//oai:metadata", NS):
            payload = metadata[0]
            if payload.tag == f"{{{TEI}}}TEI":
                assert msdesc_schema.validate(payload), msdesc_schema.error_log
                # The driver schema knows no TEI: an empty oai_dc:dc stands in for it.
                metadata.replace(payload, etree.Element(f"{{{OAI_DC}}}dc"))
        assert oai_schema.validate(root), oai_schema.error_log
        return etree.fromstring(content)

    return check


def make_collection(
    institution: Institution, code: str = "persian-poetry", name: str = "Persian poetry"
) -> Collection:
    collection = Collection.objects.create(institution=institution, code=code)
    CollectionName.objects.create(
        collection=collection, language=Language.objects.get(code="en"), text=name
    )
    return collection


def stamp(item: Item, when: str) -> Item:
    """Give the item this datestamp (updated_at is otherwise the time of its last save)."""
    instant = datetime.fromisoformat(when.replace("Z", "+00:00"))
    Item.objects.filter(pk=item.pk).update(updated_at=instant)
    item.refresh_from_db()
    return item


def stamped_item(institution: Institution, shelfmark: str, when: str, **fields: Any) -> Item:
    return stamp(make_item(institution, shelfmark=shelfmark, **fields), when)


@pytest.fixture
def catalogue(transactional_db: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Seven records of two libraries on several pages: five to read, one withdrawn,
    one deleted; and a partner's record harvested here, which must not come back."""
    monkeypatch.setattr(listing, "RECORDS_PER_PAGE", 2)
    monkeypatch.setattr(listing, "IDENTIFIERS_PER_PAGE", 3)
    iran = make_institution("IR-NLAI", "IR", en="National Library and Archives of Iran")
    kazakh = make_institution("KZ-NALRK", "KZ", en="National Academic Library of Kazakhstan")
    poetry = make_collection(iran)
    made = [
        stamped_item(iran, "MS 1", "2024-05-01T10:00:00Z", collection=poetry),
        stamped_item(iran, "MS 2", "2024-05-02T10:00:00Z", title="دیوان حافظ"),
        stamped_item(iran, "MS 3", "2024-05-03T10:00:00Z", status=Item.Status.WITHDRAWN),
        stamped_item(kazakh, "Ms 4", "2024-05-04T10:00:00Z", title="Шежіре"),
        stamped_item(kazakh, "Ms 5", "2024-05-05T10:00:00Z", title="Бабырнама"),
        stamped_item(kazakh, "Ms 6", "2024-05-06T10:00:00Z", title="Қисса"),
    ]
    names = [f"oai:nuskha.localhost:{i.institution.code}:{i.pk}" for i in made]
    made[4].delete()  # deleted now: its tombstone is the newest record
    partner = stamped_item(kazakh, "Ms 7", "2024-05-07T10:00:00Z")
    source = HarvestSource.objects.create(base_url="https://nlrk.kz/oai")
    HarvestedRecord.objects.create(
        item=partner, source=source, oai_identifier="oai:nlrk.kz:1", datestamp=partner.updated_at
    )
    order = [names[i] for i in (0, 1, 2, 3, 5, 4)]
    return {"names": names, "order": order, "deleted": {names[2], names[4]}}
