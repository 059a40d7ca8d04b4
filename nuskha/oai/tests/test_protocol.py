"""The pure OAI-PMH rules: verbs and arguments, datestamps, identifiers, set specs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from nuskha.oai import protocol
from nuskha.oai.protocol import Datestamp, Request, SetSpec


def parse(query: str) -> Request | list[protocol.Error]:
    given: dict[str, list[str]] = {}
    for pair in filter(None, query.split("&")):
        name, _, value = pair.partition("=")
        given.setdefault(name, []).append(value)
    return protocol.parse_request(given)


def codes(query: str) -> list[str]:
    parsed = parse(query)
    assert isinstance(parsed, list), f"{query} was accepted"
    return [error.code for error in parsed]


@pytest.mark.parametrize(
    "query",
    [
        "verb=Identify",
        "verb=ListMetadataFormats",
        "verb=ListMetadataFormats&identifier=oai:nuskha.localhost:IR-NLAI:7",
        "verb=ListSets",
        "verb=ListSets&resumptionToken=abc",
        "verb=GetRecord&identifier=oai:x.org:A:1&metadataPrefix=oai_dc",
        "verb=ListIdentifiers&metadataPrefix=marc21",
        "verb=ListRecords&metadataPrefix=tei&set=institution:IR-NLAI&from=2024-01-01",
        "verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T00:00:00Z&until=2024-01-01T00:00:00Z",
        "verb=ListRecords&resumptionToken=abc",
        "verb=ListRecords&metadataPrefix=mods",  # legal, though not a format here
    ],
)
def test_it_accepts_legal_requests(query: str) -> None:
    assert isinstance(parse(query), Request)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["badVerb"]),
        ("verb=Frobnicate", ["badVerb"]),
        ("verb=identify", ["badVerb"]),
        ("verb=Identify&verb=Identify", ["badVerb"]),
        ("metadataPrefix=oai_dc", ["badVerb"]),
    ],
)
def test_it_rejects_a_bad_verb(query: str, expected: list[str]) -> None:
    assert codes(query) == expected


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("verb=Identify&set=x", "an argument the verb does not take"),
        ("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=marc21", "a repeated argument"),
        ("verb=ListRecords", "a missing metadataPrefix"),
        ("verb=ListRecords&metadataPrefix=", "an empty metadataPrefix"),
        ("verb=GetRecord&metadataPrefix=oai_dc", "a missing identifier"),
        ("verb=GetRecord&identifier=oai:x.org:A:1", "a missing metadataPrefix"),
        ("verb=ListRecords&resumptionToken=abc&metadataPrefix=oai_dc", "a token with others"),
        ("verb=ListSets&resumptionToken=abc&set=x", "a token with others"),
        ("verb=ListRecords&metadataPrefix=oai dc", "an illegal metadataPrefix"),
        ("verb=ListRecords&metadataPrefix=oai_dc&set=a b", "an illegal setSpec"),
        ("verb=ListRecords&metadataPrefix=oai_dc&set=", "an empty setSpec"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=yesterday", "a date that is none"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2024-02-30", "a day that does not exist"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=", "an empty from"),
        ("verb=ListRecords&metadataPrefix=oai_dc&until=2024-01-01T10:00Z", "minutes only"),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T10:00:00.5Z",
            "finer than seconds",
        ),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T10:00:00+01:00", "not in UTC"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T10:00:00", "no Z"),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01&until=2024-02-01T00:00:00Z",
            "mixed granularities",
        ),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2024-02-01&until=2024-01-01", "from > until"),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T10:00:01Z"
            "&until=2024-01-01T10:00:00Z",
            "from > until",
        ),
    ],
)
def test_it_rejects_a_bad_argument(query: str, why: str) -> None:
    assert set(codes(query)) == {"badArgument"}, why


def test_it_reports_every_bad_argument_at_once() -> None:
    errors = codes("verb=ListRecords&from=soon&set=a b")
    assert errors == ["badArgument", "badArgument", "badArgument"]


def test_it_keeps_the_arguments_as_given_for_the_echo() -> None:
    parsed = parse("verb=ListIdentifiers&metadataPrefix=oai_dc&set=institution:IR-NLAI")
    assert isinstance(parsed, Request)
    assert parsed.arguments == {"metadataPrefix": "oai_dc", "set": "institution:IR-NLAI"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-01", Datestamp(datetime(2024, 5, 1, tzinfo=UTC), protocol.DAY)),
        (
            "2024-05-01T10:20:30Z",
            Datestamp(datetime(2024, 5, 1, 10, 20, 30, tzinfo=UTC), protocol.SECOND),
        ),
        ("2024-5-1", None),
        ("2024-05-01T24:00:00Z", None),
        ("2024-05-01 10:20:30Z", None),
        ("٢٠٢٤-٠٥-٠١", None),  # Arabic-Indic digits are digits to \d, not to the protocol
    ],
)
def test_it_reads_datestamps_at_day_and_second_granularity(
    value: str, expected: Datestamp | None
) -> None:
    assert protocol.parse_datestamp(value) == expected


@pytest.mark.parametrize(
    ("until", "first_left_out"),
    [
        ("2024-05-01", datetime(2024, 5, 2, tzinfo=UTC)),
        ("2024-05-01T10:00:00Z", datetime(2024, 5, 1, 10, 0, 1, tzinfo=UTC)),
        ("9999-12-31", None),
    ],
)
def test_until_takes_in_the_whole_day_or_second_it_names(
    until: str, first_left_out: datetime | None
) -> None:
    assert protocol.upper_bound(protocol.parse_datestamp(until)) == first_left_out


def test_datestamps_are_written_in_utc_to_the_second_with_z() -> None:
    from zoneinfo import ZoneInfo

    tehran = datetime(2024, 5, 1, 13, 30, 15, 999999, tzinfo=ZoneInfo("Asia/Tehran"))
    assert protocol.format_datestamp(tehran) == "2024-05-01T10:00:15Z"


@pytest.mark.parametrize(
    ("institution", "item_id", "identifier"),
    [
        ("IR-NLAI", 7, "oai:nuskha.localhost:IR-NLAI:7"),
        ("KZ-NALRK", 123456, "oai:nuskha.localhost:KZ-NALRK:123456"),
        ("DE-B:1", 2, "oai:nuskha.localhost:DE-B%3A1:2"),
        ("AB CD", 3, "oai:nuskha.localhost:AB%20CD:3"),
    ],
)
def test_identifiers_go_both_ways(institution: str, item_id: int, identifier: str) -> None:
    assert protocol.make_identifier("nuskha.localhost", institution, item_id) == identifier
    assert protocol.parse_identifier("nuskha.localhost", identifier) == (institution, item_id)


@pytest.mark.parametrize(
    "identifier",
    [
        "",
        "oai:other.org:IR-NLAI:7",
        "oai:nuskha.localhost:IR-NLAI",
        "oai:nuskha.localhost::7",
        "oai:nuskha.localhost:IR-NLAI:seven",
        "oai:nuskha.localhost:IR-NLAI:۷",
        "nuskha.localhost:IR-NLAI:7",
    ],
)
def test_it_refuses_identifiers_that_are_not_this_repositorys(identifier: str) -> None:
    assert protocol.parse_identifier("nuskha.localhost", identifier) is None


@pytest.mark.parametrize(
    ("spec", "text"),
    [
        (SetSpec("IR-NLAI"), "institution:IR-NLAI"),
        (SetSpec("IR-NLAI", "persian-poetry"), "institution:IR-NLAI:collection:persian-poetry"),
        (SetSpec("DE-B/1"), "institution:DE-B~2F1"),
        (SetSpec("A~B", "x:y"), "institution:A~7EB:collection:x~3Ay"),
    ],
)
def test_set_specs_go_both_ways(spec: SetSpec, text: str) -> None:
    assert str(spec) == text
    assert protocol.parse_set_spec(text) == spec


@pytest.mark.parametrize(
    "text",
    ["institution", "institution:", "collection:x", "institution:A:collection", "foo:A:bar:B"],
)
def test_it_knows_no_other_sets(text: str) -> None:
    assert protocol.parse_set_spec(text) is None


def test_a_collection_set_lies_within_its_institutions() -> None:
    assert SetSpec("IR-NLAI", "poetry").ancestors() == [
        SetSpec("IR-NLAI"),
        SetSpec("IR-NLAI", "poetry"),
    ]


def test_it_disseminates_three_formats() -> None:
    assert list(protocol.METADATA_FORMATS) == ["oai_dc", "marc21", "tei"]
    marc = protocol.METADATA_FORMATS["marc21"]
    assert marc.namespace == "http://www.loc.gov/MARC21/slim"
    assert marc.schema == "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd"
    assert protocol.METADATA_FORMATS["tei"].namespace == "http://www.tei-c.org/ns/1.0"
