"""The harvester, against a partner repository stood in for at its real boundary (the HTTP
client): what it stores, updates, deletes, links and refuses. tests/test_two_nodes.py runs
it end to end over HTTP between two live instances."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import RequestFactory
from lxml import etree

from nuskha.catalogue.admin import ItemAdmin
from nuskha.catalogue.conftest import make_agent, make_work
from nuskha.catalogue.formats.marc21 import marcxml_element
from nuskha.catalogue.formats.record import AgentRef, Content, Record, Text, Title
from nuskha.catalogue.models import ContentItem, Item
from nuskha.oai.harvesting import harvest
from nuskha.oai.models import HarvestedRecord, HarvestRun, HarvestSource
from nuskha.search.service import SearchRequest, search

pytestmark = pytest.mark.django_db(transaction=True)

BASE_URL = "https://partner.example.kz/oai"
OAI = "http://www.openarchives.org/OAI/2.0/"


@dataclass
class Header:
    identifier: str
    datestamp: str
    deleted: bool = False


@dataclass
class OaiRecord:
    header: Header
    xml: Any


@dataclass
class Partner:
    """The partner's repository as sickle shows it: Identify and ListRecords."""

    records: list[OaiRecord] = field(default_factory=list)
    asked: list[dict[str, Any]] = field(default_factory=list)

    def Identify(self) -> Any:  # noqa: N802 (sickle's name)
        return type("Identify", (), {"granularity": "YYYY-MM-DDThh:mm:ssZ"})()

    def ListRecords(self, **arguments: Any) -> Any:  # noqa: N802
        self.asked.append(arguments)
        return iter(self.records)


def kazakh_record(number: int, **changes: Any) -> Record:
    record = Record(
        control_number=f"RK-{number}",
        institution="KZ-NALRK",
        shelfmark=f"Қ-0{number}",
        titles=[Title("بوستان", "fa", "Arab"), Title("Бостан", "kk", "Cyrl", "variant")],
        agents=[AgentRef("author", [Text("ابوالقاسم فردوسی", "fa", "Arab")])],
        languages=["fa"],
        contents=[Content(locus="ff. 1v–120r", title="شاهنامه")],
        identifier_url=f"https://kazneb.kz/ms/{number}",
    )
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def oai_record(record: Record, datestamp: str = "2026-11-20T10:00:00Z") -> OaiRecord:
    root = etree.Element(f"{{{OAI}}}record")
    metadata = etree.SubElement(root, f"{{{OAI}}}metadata")
    metadata.append(marcxml_element(record))
    identifier = f"oai:kz.example:KZ-NALRK:{record.control_number}"
    return OaiRecord(Header(identifier, datestamp), root)


def deleted(number: int) -> OaiRecord:
    header = Header(f"oai:kz.example:KZ-NALRK:RK-{number}", "2026-11-21T09:00:00Z", True)
    return OaiRecord(header, etree.Element(f"{{{OAI}}}record"))


def test_a_partners_records_are_stored_as_held_by_the_partner(kazakh_library) -> None:
    partner = Partner([oai_record(kazakh_record(101)), oai_record(kazakh_record(102))])
    report = harvest(BASE_URL, client=partner)
    assert (report.created, report.updated, report.errors) == (2, 0, [])
    item = Item.objects.get(shelfmark="Қ-0101")
    assert item.institution == kazakh_library
    assert item.harvested_record.home_url == "https://kazneb.kz/ms/101"
    assert [hit.item.shelfmark for hit in search(SearchRequest(query="Бостан")).hits] == [
        "Қ-0101",
        "Қ-0102",
    ]
    run = HarvestRun.objects.get()
    assert (run.created, run.updated, run.errors, run.failure) == (2, 0, [], "")


def test_a_second_harvest_asks_from_the_last_datestamp_and_updates(kazakh_library) -> None:
    partner = Partner([oai_record(kazakh_record(101))])
    harvest(BASE_URL, client=partner)
    partner.records = [oai_record(kazakh_record(101, titles=[Title("بستان", "fa", "Arab")]))]
    report = harvest(BASE_URL, client=partner)
    assert partner.asked[1]["from"] == "2026-11-20T10:00:00Z"
    assert (report.created, report.updated) == (0, 1)
    assert Item.objects.get().titles.get().text == "بستان"
    assert HarvestedRecord.objects.count() == 1


def test_a_deleted_record_removes_the_copy(kazakh_library) -> None:
    partner = Partner([oai_record(kazakh_record(101)), oai_record(kazakh_record(102))])
    harvest(BASE_URL, client=partner)
    partner.records = [deleted(101)]
    report = harvest(BASE_URL, client=partner)
    assert report.deleted == 1
    assert list(Item.objects.values_list("shelfmark", flat=True)) == ["Қ-0102"]


def test_a_bad_record_is_reported_and_the_others_are_stored(kazakh_library) -> None:
    broken = oai_record(kazakh_record(103))
    broken.xml = etree.Element(f"{{{OAI}}}record")  # no metadata at all
    partner = Partner([oai_record(kazakh_record(101)), broken, oai_record(kazakh_record(102))])
    report = harvest(BASE_URL, client=partner)
    assert report.created == 2
    assert len(report.errors) == 1 and "RK-103" in report.errors[0]
    assert HarvestRun.objects.get().errors == report.errors


def test_only_a_web_address_becomes_the_link_home(kazakh_library) -> None:
    record = kazakh_record(101, identifier_url="javascript:alert(1)")
    harvest(BASE_URL, client=Partner([oai_record(record)]))
    assert HarvestedRecord.objects.get().home_url == ""


def test_a_copy_links_to_the_local_work_by_its_title_and_author(kazakh_library) -> None:
    ferdowsi = make_agent()  # ابوالقاسم فردوسی, the authority the partner names too
    shahnama = make_work(author=ferdowsi)
    make_work(identifier="other-shahnama", author=None)  # same title, no author: not it
    harvest(BASE_URL, client=Partner([oai_record(kazakh_record(101))]))
    assert ContentItem.objects.get().work == shahnama


def test_a_copy_that_matches_no_work_stays_unlinked_for_staff(
    kazakh_library, administrator
) -> None:
    harvest(BASE_URL, client=Partner([oai_record(kazakh_record(101))]))
    assert ContentItem.objects.get().work is None
    from django.test import Client

    client = Client()
    client.force_login(administrator)
    page = client.get("/staff/oai/harvestedrecord/?linked=no")
    assert page.status_code == 200 and "RK-101" in page.content.decode()


def test_a_harvested_copy_is_read_only_here(kazakh_library, administrator) -> None:
    harvest(BASE_URL, client=Partner([oai_record(kazakh_record(101))]))
    request = RequestFactory().get("/staff/")
    request.user = administrator
    admin = ItemAdmin(Item, None)
    assert not admin.has_change_permission(request, Item.objects.get())


def test_harvested_records_are_never_served_back(kazakh_library, client) -> None:
    harvest(BASE_URL, client=Partner([oai_record(kazakh_record(101))]))
    page = client.get("/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    assert "noRecordsMatch" in page.content.decode()


def test_a_source_cannot_be_dropped_while_its_copies_remain(kazakh_library) -> None:
    from django.db.models import ProtectedError

    harvest(BASE_URL, client=Partner([oai_record(kazakh_record(101))]))
    with pytest.raises(ProtectedError):
        HarvestSource.objects.get().delete()


def test_a_record_that_failed_is_asked_for_again_next_time(kazakh_library) -> None:
    broken = oai_record(kazakh_record(103), datestamp="2026-11-20T08:00:00Z")
    broken.xml = etree.Element(f"{{{OAI}}}record")
    later = oai_record(kazakh_record(101), datestamp="2026-11-20T10:00:00Z")
    partner = Partner([broken, later])
    harvest(BASE_URL, client=partner)
    harvest(BASE_URL, client=partner)
    assert partner.asked[1]["from"] == "2026-11-20T07:59:59Z"
