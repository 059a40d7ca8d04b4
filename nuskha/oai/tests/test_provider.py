"""The /oai endpoint: every verb, selective harvesting, paging with resumption tokens,
deleted records and every error condition, each response checked against the schemas."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from nuskha.catalogue.conftest import make_item
from nuskha.catalogue.models import Institution, Item
from nuskha.conftest import make_institution
from nuskha.oai import listing, resumption
from nuskha.oai.models import HarvestedRecord, HarvestSource, Tombstone
from nuskha.oai.tests.conftest import NS, make_collection, stamp, stamped_item

Validate = Callable[[bytes], etree._Element]
REPOSITORY = "oai:nuskha.localhost"


@pytest.fixture
def ask(client: Client, validate: Validate) -> Callable[..., etree._Element]:
    """Sends an OAI-PMH request (GET, or POST with post=True) and checks its answer."""

    def send(post: bool = False, **arguments: str) -> etree._Element:
        method = client.post if post else client.get
        response = method("/oai", arguments)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        return validate(response.content)

    return send


def error_codes(root: etree._Element) -> list[str]:
    return [error.get("code") for error in root.iterfind("oai:error", NS)]


def request_element(root: etree._Element) -> etree._Element:
    found = root.find("oai:request", NS)
    assert found is not None
    return found


def identifiers(root: etree._Element) -> list[str]:
    return [e.text for e in root.iterfind(".//oai:header/oai:identifier", NS)]


def deleted(root: etree._Element) -> list[str]:
    path = ".//oai:header[@status='deleted']/oai:identifier"
    return [e.text for e in root.iterfind(path, NS)]


def token_of(root: etree._Element) -> etree._Element | None:
    return root.find(".//oai:resumptionToken", NS)


def identifier(item: Item) -> str:
    return f"{REPOSITORY}:{item.institution.code}:{item.pk}"


def harvested(item: Item) -> Item:
    source, _ = HarvestSource.objects.get_or_create(base_url="https://nuskha.nlrk.kz/oai")
    HarvestedRecord.objects.create(
        item=item,
        source=source,
        oai_identifier=f"oai:nlrk.kz:KZ-NALRK:{item.pk}",
        datestamp=timezone.now(),
    )
    return item


@pytest.fixture
def collection(iran_library: Institution) -> Any:
    return make_collection(iran_library)


@pytest.fixture
def items(iran_library: Institution, kazakh_library: Institution, collection: Any) -> list[Item]:
    """Four items of two libraries, a day apart, the first in a collection."""
    return [
        stamped_item(iran_library, "MS 1", "2024-05-01T10:00:00Z", collection=collection),
        stamped_item(iran_library, "MS 2", "2024-05-02T10:00:00Z"),
        stamped_item(kazakh_library, "Ms 3", "2024-05-03T10:00:00Z", title="Шежіре"),
        stamped_item(kazakh_library, "Ms 4", "2024-05-04T10:00:00Z", title="Бабырнама"),
    ]


# Identify ----------------------------------------------------------------------------------


def test_identify_describes_the_repository(ask: Any, items: list[Item], settings: Any) -> None:
    root = ask(verb="Identify")
    identify = root.find("oai:Identify", NS)
    text = {child.tag.split("}")[1]: child.text for child in identify}
    assert text["baseURL"] == settings.BASE_URL + "/oai"
    assert text["protocolVersion"] == "2.0"
    assert text["adminEmail"] == settings.OAI_ADMIN_EMAIL
    assert text["earliestDatestamp"] == "2024-05-01T10:00:00Z"
    assert text["deletedRecord"] == "persistent"
    assert text["granularity"] == "YYYY-MM-DDThh:mm:ssZ"
    assert "National Library and Archives of Iran" in text["repositoryName"]
    description = identify.find("oai:description", NS)[0]
    assert [child.text for child in description] == [
        "oai",
        "nuskha.localhost",
        ":",
        identifier(items[0]),
    ]
    assert request_element(root).attrib == {"verb": "Identify"}


def test_the_earliest_datestamp_counts_deletions(ask: Any, items: list[Item]) -> None:
    Tombstone.objects.create(
        item_id=999999,
        institution_code="IR-NLAI",
        oai_identifier=f"{REPOSITORY}:IR-NLAI:999999",
        datestamp=timezone.now().replace(year=2020),
    )
    root = ask(verb="Identify")
    assert root.findtext(".//oai:earliestDatestamp", namespaces=NS).startswith("2020-")


def test_identify_takes_the_repository_id_from_the_settings(
    ask: Any, db: Any, settings: Any
) -> None:
    settings.OAI_REPOSITORY_ID = "nlai.ir"
    root = ask(verb="Identify")
    assert root.findtext(".//{*}repositoryIdentifier") == "nlai.ir"
    assert root.findtext(".//{*}sampleIdentifier").startswith("oai:nlai.ir:")


# ListMetadataFormats and ListSets ----------------------------------------------------------


def test_it_lists_its_three_formats(ask: Any, items: list[Item]) -> None:
    for arguments in ({}, {"identifier": identifier(items[0])}):
        root = ask(verb="ListMetadataFormats", **arguments)
        prefixes = root.findall(".//oai:metadataPrefix", NS)
        assert [p.text for p in prefixes] == ["oai_dc", "marc21", "tei"]


def test_a_deleted_record_still_has_its_formats(ask: Any, items: list[Item]) -> None:
    gone = identifier(items[1])
    items[1].delete()
    root = ask(verb="ListMetadataFormats", identifier=gone)
    assert len(root.findall(".//oai:metadataFormat", NS)) == 3


def test_it_lists_sets_of_institutions_and_their_collections(ask: Any, items: list[Item]) -> None:
    root = ask(verb="ListSets")
    sets = [
        (s.findtext("oai:setSpec", namespaces=NS), s.findtext("oai:setName", namespaces=NS))
        for s in root.iterfind(".//oai:set", NS)
    ]
    assert sets == [
        ("institution:IR-NLAI", "National Library and Archives of Iran"),
        ("institution:IR-NLAI:collection:persian-poetry", "Persian poetry"),
        ("institution:KZ-NALRK", "National Academic Library of the Republic of Kazakhstan"),
    ]


def test_a_partner_with_only_harvested_records_has_no_set_here(ask: Any, items: list[Item]) -> None:
    partner = make_institution("TJ-NLT", "TJ", en="National Library of Tajikistan")
    harvested(make_item(partner, shelfmark="T 1"))
    root = ask(verb="ListSets")
    assert "institution:TJ-NLT" not in [s.text for s in root.iterfind(".//oai:setSpec", NS)]


# GetRecord ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "payload"),
    [("oai_dc", "oai_dc:dc"), ("marc21", "marc:record"), ("tei", "tei:TEI")],
)
def test_it_gives_a_record_in_each_format(
    ask: Any, items: list[Item], prefix: str, payload: str
) -> None:
    root = ask(verb="GetRecord", identifier=identifier(items[0]), metadataPrefix=prefix)
    header = root.find(".//oai:header", NS)
    assert header.get("status") is None
    assert header.findtext("oai:identifier", namespaces=NS) == identifier(items[0])
    assert header.findtext("oai:datestamp", namespaces=NS) == "2024-05-01T10:00:00Z"
    assert [s.text for s in header.iterfind("oai:setSpec", NS)] == [
        "institution:IR-NLAI",
        "institution:IR-NLAI:collection:persian-poetry",
    ]
    assert root.find(f".//oai:metadata/{payload}", NS) is not None
    assert request_element(root).attrib == {
        "verb": "GetRecord",
        "identifier": identifier(items[0]),
        "metadataPrefix": prefix,
    }


@pytest.mark.parametrize(
    "change",
    [
        {"status": Item.Status.DRAFT},
        {"status": Item.Status.WITHDRAWN},
        {"access": Item.Access.RESTRICTED},
    ],
)
def test_a_record_readers_may_not_see_is_reported_deleted(
    ask: Any, items: list[Item], change: dict[str, str]
) -> None:
    Item.objects.filter(pk=items[0].pk).update(**change)
    root = ask(verb="GetRecord", identifier=identifier(items[0]), metadataPrefix="marc21")
    assert deleted(root) == [identifier(items[0])]
    assert root.find(".//oai:metadata", NS) is None


def test_a_deleted_item_is_reported_deleted(ask: Any, items: list[Item]) -> None:
    gone = identifier(items[0])
    items[0].delete()
    root = ask(verb="GetRecord", identifier=gone, metadataPrefix="oai_dc")
    assert deleted(root) == [gone]
    assert [s.text for s in root.iterfind(".//oai:setSpec", NS)] == [
        "institution:IR-NLAI",
        "institution:IR-NLAI:collection:persian-poetry",
    ]
    assert root.find(".//oai:metadata", NS) is None


@pytest.mark.parametrize(
    "wrong",
    [
        lambda item: "oai:nuskha.localhost:IR-NLAI",
        lambda item: "not an identifier at all",
        lambda item: f"oai:another.org:IR-NLAI:{item.pk}",
        lambda item: f"oai:nuskha.localhost:KZ-NALRK:{item.pk}",  # another library's number
        lambda item: "oai:nuskha.localhost:IR-NLAI:999999999",
    ],
)
def test_it_does_not_know_an_identifier_that_is_not_its_own(
    ask: Any, items: list[Item], wrong: Callable[[Item], str]
) -> None:
    root = ask(verb="GetRecord", identifier=wrong(items[0]), metadataPrefix="oai_dc")
    assert error_codes(root) == ["idDoesNotExist"]
    # Only badVerb and badArgument leave the request unechoed (3.6).
    assert request_element(root).get("verb") == "GetRecord"


def test_it_never_serves_a_harvested_record(ask: Any, items: list[Item]) -> None:
    harvested(items[2])
    root = ask(verb="GetRecord", identifier=identifier(items[2]), metadataPrefix="oai_dc")
    assert error_codes(root) == ["idDoesNotExist"]
    root = ask(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert identifier(items[2]) not in identifiers(root)
    root = ask(verb="ListMetadataFormats", identifier=identifier(items[2]))
    assert error_codes(root) == ["idDoesNotExist"]


def test_it_cannot_disseminate_an_unknown_format(ask: Any, items: list[Item]) -> None:
    root = ask(verb="GetRecord", identifier=identifier(items[0]), metadataPrefix="mods")
    assert error_codes(root) == ["cannotDisseminateFormat"]
    assert request_element(root).get("metadataPrefix") == "mods"
    for verb in ("ListRecords", "ListIdentifiers"):
        assert error_codes(ask(verb=verb, metadataPrefix="mods")) == ["cannotDisseminateFormat"]


# Lists and selective harvesting ------------------------------------------------------------


def test_it_lists_records_in_datestamp_order_with_their_metadata(
    ask: Any, items: list[Item]
) -> None:
    root = ask(verb="ListRecords", metadataPrefix="marc21")
    assert identifiers(root) == [identifier(item) for item in items]
    assert len(root.findall(".//oai:metadata/marc:record", NS)) == 4
    assert token_of(root) is None  # a complete list in one response has no token


def test_lists_report_deleted_and_hidden_records_as_deleted(ask: Any, items: list[Item]) -> None:
    gone = identifier(items[1])
    items[1].delete()
    Item.objects.filter(pk=items[3].pk).update(status=Item.Status.WITHDRAWN)
    for verb in ("ListIdentifiers", "ListRecords"):
        root = ask(verb=verb, metadataPrefix="oai_dc")
        assert deleted(root) == [identifier(items[3]), gone]  # deleted now: the newest
    root = ask(verb="ListRecords", metadataPrefix="oai_dc")
    assert len(root.findall(".//oai:metadata", NS)) == 2


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        ({"from": "2024-05-02"}, [1, 2, 3]),
        ({"until": "2024-05-02"}, [0, 1]),
        ({"from": "2024-05-02", "until": "2024-05-03"}, [1, 2]),
        ({"from": "2024-05-02T10:00:00Z", "until": "2024-05-03T10:00:00Z"}, [1, 2]),
        ({"from": "2024-05-02T10:00:01Z", "until": "2024-05-03T09:59:59Z"}, []),
        ({"from": "2024-05-02", "until": "2024-05-02"}, [1]),
        ({"set": "institution:IR-NLAI"}, [0, 1]),
        ({"set": "institution:KZ-NALRK", "from": "2024-05-04"}, [3]),
        ({"set": "institution:IR-NLAI:collection:persian-poetry"}, [0]),
        ({"set": "institution:IR-NLAI:collection:other"}, []),
        ({"set": "institution:XX-NONE"}, []),
        ({"set": "shelf:A"}, []),
    ],
)
def test_it_harvests_selectively_by_date_and_set(
    ask: Any, items: list[Item], selection: dict[str, str], expected: list[int]
) -> None:
    root = ask(verb="ListIdentifiers", metadataPrefix="oai_dc", **selection)
    if not expected:
        assert error_codes(root) == ["noRecordsMatch"]
        assert request_element(root).get("verb") == "ListIdentifiers"
    else:
        assert identifiers(root) == [identifier(items[i]) for i in expected]


def test_a_record_changed_a_fraction_into_the_until_second_is_in(
    ask: Any, items: list[Item]
) -> None:
    stamp(items[0], "2024-05-01T10:00:00.750000Z")  # written 2024-05-01T10:00:00Z
    root = ask(verb="ListIdentifiers", metadataPrefix="oai_dc", until="2024-05-01T10:00:00Z")
    assert identifiers(root) == [identifier(items[0])]


def test_selective_harvesting_applies_to_deleted_records(ask: Any, items: list[Item]) -> None:
    gone = identifier(items[0])
    items[0].delete()
    today = timezone.now().date().isoformat()
    cases = [
        ({"set": "institution:IR-NLAI:collection:persian-poetry"}, [gone]),
        ({"set": "institution:IR-NLAI"}, [identifier(items[1]), gone]),
        ({"set": "institution:KZ-NALRK", "from": today}, None),
        ({"from": today}, [gone]),
        ({"until": "2024-05-31"}, [identifier(i) for i in items[1:]]),
    ]
    for selection, expected in cases:
        root = ask(verb="ListIdentifiers", metadataPrefix="oai_dc", **selection)
        if expected is None:
            assert error_codes(root) == ["noRecordsMatch"], selection
        else:
            assert identifiers(root) == expected, selection


def test_an_empty_repository_has_no_records_to_match(ask: Any, db: Any) -> None:
    root = ask(verb="ListRecords", metadataPrefix="oai_dc")
    assert error_codes(root) == ["noRecordsMatch"]


# Paging -----------------------------------------------------------------------------------


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing, "RECORDS_PER_PAGE", 2)
    monkeypatch.setattr(listing, "IDENTIFIERS_PER_PAGE", 3)


def harvest(ask: Any, verb: str, **arguments: str) -> list[etree._Element]:
    pages = [ask(verb=verb, **arguments)]
    while (token := token_of(pages[-1])) is not None and token.text:
        pages.append(ask(verb=verb, resumptionToken=token.text))
    return pages


def many_items(institution: Institution, count: int) -> list[Item]:
    return [
        stamped_item(institution, f"MS {n}", f"2024-06-{n + 1:02d}T08:00:00Z") for n in range(count)
    ]


@pytest.mark.parametrize(("verb", "per_page"), [("ListRecords", 2), ("ListIdentifiers", 3)])
def test_it_pages_a_long_list_with_resumption_tokens(
    ask: Any, iran_library: Institution, small_pages: None, verb: str, per_page: int
) -> None:
    made = many_items(iran_library, 7)
    pages = harvest(ask, verb, metadataPrefix="tei")
    assert sum((identifiers(page) for page in pages), []) == [identifier(i) for i in made]
    tokens = [token_of(page) for page in pages]
    assert [len(identifiers(page)) for page in pages[:-1]] == [per_page] * (len(pages) - 1)
    assert [int(t.get("cursor")) for t in tokens] == list(range(0, 7, per_page))
    assert {t.get("completeListSize") for t in tokens} == {"7"}
    assert all(t.get("expirationDate").endswith("Z") for t in tokens[:-1])
    assert tokens[-1].text is None and tokens[-1].get("expirationDate") is None


def test_a_token_is_the_only_argument_echoed_when_resuming(
    ask: Any, iran_library: Institution, small_pages: None
) -> None:
    many_items(iran_library, 3)
    token = token_of(ask(verb="ListRecords", metadataPrefix="oai_dc")).text
    root = ask(verb="ListRecords", resumptionToken=token)
    assert request_element(root).attrib == {"verb": "ListRecords", "resumptionToken": token}


def test_paging_is_stable_while_records_change(
    ask: Any, iran_library: Institution, small_pages: None
) -> None:
    made = many_items(iran_library, 6)
    names = [identifier(i) for i in made]
    first = ask(verb="ListIdentifiers", metadataPrefix="oai_dc")
    made[0].save()  # seen already: comes round again at the end, with its new datestamp
    made[4].delete()  # not seen yet: reported deleted at the end
    pages = [first, *harvest(ask, "ListIdentifiers", resumptionToken=token_of(first).text)]
    seen = sum((identifiers(page) for page in pages), [])
    assert seen[:3] == names[:3]
    assert set(names) <= set(seen)
    assert seen[-2:] == [names[0], names[4]]
    assert deleted(pages[-1]) == [names[4]]


def test_a_token_gives_the_same_page_twice(
    ask: Any, iran_library: Institution, small_pages: None
) -> None:
    many_items(iran_library, 5)
    token = token_of(ask(verb="ListRecords", metadataPrefix="oai_dc")).text
    again = [identifiers(ask(verb="ListRecords", resumptionToken=token)) for _ in range(2)]
    assert again[0] == again[1] and len(again[0]) == 2


def test_it_counts_the_list_once_not_on_every_page(
    ask: Any,
    iran_library: Institution,
    small_pages: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    many_items(iran_library, 5)
    counted: list[int] = []
    original = listing.count
    monkeypatch.setattr(listing, "count", lambda s: counted.append(1) or original(s))
    harvest(ask, "ListRecords", metadataPrefix="oai_dc")
    assert counted == [1]


def test_a_page_costs_the_same_queries_however_many_records_it_holds(
    client: Client, iran_library: Institution
) -> None:
    many_items(iran_library, 2)
    with CaptureQueriesContext(connection) as small:
        client.get("/oai", {"verb": "ListRecords", "metadataPrefix": "marc21"})
    many_items(make_institution("KZ-NALRK", "KZ"), 12)
    with CaptureQueriesContext(connection) as large:
        client.get("/oai", {"verb": "ListRecords", "metadataPrefix": "marc21"})
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda token: token[:-2],
        lambda token: token + "x",
        lambda token: "made-up-token",
    ],
)
def test_it_refuses_a_tampered_or_unknown_token(
    ask: Any, iran_library: Institution, small_pages: None, spoil: Callable[[str], str]
) -> None:
    many_items(iran_library, 3)
    token = token_of(ask(verb="ListRecords", metadataPrefix="oai_dc")).text
    root = ask(verb="ListRecords", resumptionToken=spoil(token))
    assert error_codes(root) == ["badResumptionToken"]


def test_it_refuses_an_expired_token(
    ask: Any, iran_library: Institution, small_pages: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    many_items(iran_library, 3)
    monkeypatch.setattr(resumption, "LIFETIME", timedelta(seconds=-1))
    token = token_of(ask(verb="ListRecords", metadataPrefix="oai_dc")).text
    root = ask(verb="ListRecords", resumptionToken=token)
    assert error_codes(root) == ["badResumptionToken"]
    assert "expired" in root.findtext("oai:error", namespaces=NS)


def test_it_refuses_a_token_of_the_other_list_verb(
    ask: Any, iran_library: Institution, small_pages: None
) -> None:
    many_items(iran_library, 4)
    token = token_of(ask(verb="ListIdentifiers", metadataPrefix="oai_dc")).text
    root = ask(verb="ListRecords", resumptionToken=token)
    assert error_codes(root) == ["badResumptionToken"]
    root = ask(verb="ListSets", resumptionToken=token)
    assert error_codes(root) == ["badResumptionToken"]


# Requests and errors ------------------------------------------------------------------------


def test_it_answers_post_as_it_answers_get(ask: Any, items: list[Item]) -> None:
    by_get = ask(verb="ListIdentifiers", metadataPrefix="oai_dc", set="institution:IR-NLAI")
    by_post = ask(
        post=True, verb="ListIdentifiers", metadataPrefix="oai_dc", set="institution:IR-NLAI"
    )
    assert identifiers(by_post) == identifiers(by_get) == [identifier(i) for i in items[:2]]


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Frobnicate"}, "badVerb"),
        ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-01"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
            "badArgument",
        ),
        ({"verb": "GetRecord", "identifier": "oai:nuskha.localhost:IR-NLAI:1"}, "badArgument"),
    ],
)
def test_bad_verbs_and_arguments_are_answered_without_echoing_the_request(
    ask: Any, db: Any, arguments: dict[str, str], code: str, settings: Any
) -> None:
    root = ask(**arguments)
    assert set(error_codes(root)) == {code}
    assert request_element(root).attrib == {}
    assert request_element(root).text == settings.BASE_URL + "/oai"


def test_a_repeated_argument_is_a_bad_argument(client: Client, validate: Validate, db: Any) -> None:
    response = client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=marc21")
    assert error_codes(validate(response.content)) == ["badArgument"]
    response = client.get("/oai?verb=Identify&verb=Identify")
    assert error_codes(validate(response.content)) == ["badVerb"]


def test_it_answers_only_get_and_post(client: Client, db: Any) -> None:
    assert client.put("/oai?verb=Identify").status_code == 405
