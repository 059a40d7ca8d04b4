"""A plain record becomes one item, whole or not at all, and an item becomes a record."""

from __future__ import annotations

import pytest

from nuskha.catalogue.formats.record import (
    AgentRef,
    Content,
    Part,
    Physical,
    ProvenanceMark,
    Record,
    Text,
    Title,
)
from nuskha.catalogue.interchange import ImportError_, record_of, store_record
from nuskha.catalogue.models import Agent, Item, SourceRecord
from nuskha.search.service import SearchRequest, search

ZWNJ = "\u200c"
pytestmark = pytest.mark.django_db


def persian_manuscript(**changes) -> Record:
    record = Record(
        control_number="ocm0001",
        shelfmark="MS 7-2210",
        former_shelfmarks=["Majlis 14"],
        titles=[
            Title(f"دیوان حافظ می{ZWNJ}خواند", "fa", "Arab"),
            Title("Dīvān-i Ḥāfiẓ", "fa-Latn", "Latn", "romanised"),
            Title("Divan-i Hafiz", "fa-Latn", "Latn", "machine_romanised"),
        ],
        agents=[
            AgentRef(
                "author",
                [Text("حافظ شیرازی", "fa", "Arab"), Text("Ḥāfiẓ Shīrāzī", "fa-Latn", "Latn")],
                dates="d. 792 AH",
                identifiers={"viaf": "96994063"},
            ),
            AgentRef("scribe", [Text("علي كاتب", "ar", "Arab")]),
        ],
        languages=["fa"],
        date_as_written="1010 AH",
        place_as_written="اصفهان",
        physical=Physical(material="paper", leaf_count=212, height_mm=240, width_mm=160),
        contents=[Content(locus="ff. 1v–200r", title="غزلیات", incipit="الا یا ایها الساقی")],
        parts=[Part("A", locus="ff. 201r–212v", contents=[Content(title="رباعیات")])],
        provenance=[ProvenanceMark("seal", "مهر کتابخانه")],
        subjects=["Persian poetry"],
        notes=["Bought in 1935."],
        source_format="marc21",
        source=b"00000nam a2200000 a 4500",
    )
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def test_a_record_becomes_an_item_with_everything_it_holds(iran_library) -> None:
    stored = store_record(persian_manuscript(), iran_library)
    item = stored.item
    assert stored.created
    assert [t.text for t in item.titles.all()] == [
        f"دیوان حافظ می{ZWNJ}خواند",  # the ZWNJ as written
        "Dīvān-i Ḥāfiẓ",
    ]  # the machine-made romanisation is not kept: it can be made again
    assert [(a.role, a.name_as_written) for a in item.agents.all()] == [
        ("author", "حافظ شیرازی"),
        ("scribe", "علي كاتب"),  # Arabic-letter spelling as written
    ]
    assert item.date_earliest.year == 1601
    assert item.leaf_count == 212 and item.material == "paper"
    assert item.contents.count() == 2 and item.parts.get().contents.count() == 1
    assert item.provenance.get().kind == "seal"
    assert item.former_shelfmarks.get().shelfmark == "Majlis 14"
    assert item.source_record.control_number == "ocm0001"


def test_importing_again_updates_instead_of_duplicating(iran_library) -> None:
    first = store_record(persian_manuscript(), iran_library).item
    again = store_record(
        persian_manuscript(titles=[Title("دیوان خواجه حافظ", "fa", "Arab")]), iran_library
    )
    assert not again.created and again.item.pk == first.pk
    assert Item.objects.count() == 1 and SourceRecord.objects.count() == 1
    assert [t.text for t in again.item.titles.all()] == ["دیوان خواجه حافظ"]


def test_an_agent_is_matched_by_viaf_then_by_a_name_that_folds_alike(iran_library) -> None:
    store_record(persian_manuscript(), iran_library)
    other = persian_manuscript(control_number="ocm0002", shelfmark="MS 7-2211")
    other.agents[1].names = [Text("علی کاتب", "fa", "Arab")]  # Persian letters this time
    store_record(other, iran_library)
    assert Agent.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"shelfmark": ""}, "shelfmark"),
        ({"titles": []}, "titles"),
        ({"contents": [Content(locus="ff. 9z–1")]}, "locus"),
    ],
)
def test_a_bad_record_is_refused_naming_the_field_and_nothing_is_stored(
    iran_library, changes, message
) -> None:
    with pytest.raises(ImportError_, match=message):
        store_record(persian_manuscript(**changes), iran_library)
    assert Item.objects.count() == 0 and Agent.objects.count() == 0


def test_a_shelfmark_catalogued_here_is_not_overwritten_by_an_import(iran_library) -> None:
    Item.objects.create(institution=iran_library, shelfmark="MS 7-2210")
    with pytest.raises(ImportError_, match="already item"):
        store_record(persian_manuscript(), iran_library)


@pytest.mark.django_db(transaction=True)
def test_an_imported_record_is_found_by_search(iran_library) -> None:
    store_record(persian_manuscript(), iran_library)
    results = search(SearchRequest(query="كاتب"))
    assert [hit.item.shelfmark for hit in results.hits] == ["MS 7-2210"]


def test_an_item_becomes_a_record_with_its_source(iran_library) -> None:
    item = store_record(persian_manuscript(), iran_library).item
    record = record_of(item, "https://nuskha.example.org/")
    assert record.control_number == "ocm0001"
    assert record.identifier_url == f"https://nuskha.example.org/items/{item.pk}"
    assert record.titles[0].text == f"دیوان حافظ می{ZWNJ}خواند"
    assert record.titles[1].form == "romanised"
    assert record.agents[0].identifiers["viaf"] == "96994063"
    assert [c.title for c in record.contents] == ["غزلیات"]
    assert [c.title for c in record.parts[0].contents] == ["رباعیات"]
    assert record.source == b"00000nam a2200000 a 4500"
    assert record.subjects == ["Persian poetry"]
