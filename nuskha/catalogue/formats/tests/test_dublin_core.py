"""oai_dc: every export validates against oai_dc.xsd, carries OAI-PMH's namespaces and
schemaLocation, and says what the crosswalk table in dublin_core.py promises."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace

import pytest
from lxml import etree

from nuskha.catalogue.formats.dublin_core import (
    DC_NS,
    OAI_DC_NS,
    SCHEMA_LOCATION,
    XSI_NS,
    content_summary,
    oai_dc_element,
    write_dc,
    year_span,
)
from nuskha.catalogue.formats.record import Content, Physical, Record, Title
from nuskha.catalogue.formats.tests.test_tei import (
    RECORDS,
    ZWNJ,
    kazakh_chrestomathy,
    majmua,
    minimal,
    shahnama,
)
from nuskha.conftest import load_xml_schema

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def oai_dc_schema() -> etree.XMLSchema:
    return load_xml_schema("oai_dc.xsd")


def values(record: Record, element: str) -> list[tuple[str, str | None]]:
    """(text, xml:lang) of every dc:<element> of the record, in order."""
    dc = oai_dc_element(record)
    return [(e.text or "", e.get(XML_LANG)) for e in dc.findall(f"{{{DC_NS}}}{element}")]


def texts(record: Record, element: str) -> list[str]:
    return [text for text, _ in values(record, element)]


@pytest.mark.parametrize("build", RECORDS, ids=lambda build: build.__name__)
def test_every_export_validates_against_oai_dc(
    build: Callable[[], Record], oai_dc_schema: etree.XMLSchema
) -> None:
    document = etree.fromstring(write_dc([build()]))
    assert oai_dc_schema.validate(document), oai_dc_schema.error_log


def test_the_record_carries_the_namespaces_and_schema_location_oai_pmh_asks_for() -> None:
    dc = oai_dc_element(minimal())
    assert dc.tag == f"{{{OAI_DC_NS}}}dc"
    assert dc.nsmap == {"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS}
    assert dc.get(f"{{{XSI_NS}}}schemaLocation") == SCHEMA_LOCATION
    assert SCHEMA_LOCATION == (
        "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )


@pytest.mark.parametrize(
    "element, expected",
    [
        (
            "title",
            [
                ("شاهنامه", "fa"),
                ("Shāhnāma", "fa-Latn"),
                ("کتاب شاهنامه", "fa"),
                ("Шахнама", "kk"),
                ("The Book of Kings", "en"),
            ],
        ),
        (
            "creator",
            [("ابوالقاسم فردوسی", "fa"), ("Firdawsī, Abū al-Qāsim", "fa-Latn"), ("Фирдауси", "kk")],
        ),
        # The scribe and the illuminator; the owner made no contribution to the text.
        ("contributor", [("حسن بن محمدحسین الکاتب الاصفهانی", "fa"), ("عبدالوهاب مذهب", "fa")]),
        ("subject", [("Poetry", None), ("Epic", None)]),
        ("date", [("ربیع الاول ۱۰۱۰ ق", None), ("1601", None)]),
        ("type", [("Text", None), ("manuscript", None)]),
        ("format", [("512 leaves", None), ("340 × 220 mm", None), ("paper", None)]),
        ("identifier", [("https://nuskha.example.org/items/17", None), ("MS 5-10234", None)]),
        ("source", [("IR-NLAI, MS 5-10234", None)]),
        ("language", [("fa", None)]),
        ("publisher", []),
        ("rights", []),
        ("coverage", []),
    ],
)
def test_the_shahnama_says_what_the_crosswalk_promises(
    element: str, expected: list[tuple[str, str | None]]
) -> None:
    assert values(shahnama(), element) == expected


def test_descriptions_are_the_notes_then_a_line_per_content() -> None:
    assert texts(shahnama(), "description") == [
        "Shahnama completed by Ferdowsi in 400 AH / 1010.",
        "Foliated in Persian.",
        "ff. 1v–511r: شاهنامه حکیم فردوسی (فردوسی)",
        "ff. 511v–512v: هجونامه",
    ]


def test_the_contents_of_parts_are_described_with_their_label() -> None:
    assert texts(majmua(), "description")[-2:] == [
        "Part I, ff. 1r–48v: كتاب إحصاء العلوم لأبي نصر الفارابي",
        "Part II, ff. 49r–76v: رسالة في أقسام العلوم العقلية للشيخ الرئيس",
    ]


@pytest.mark.parametrize(
    "content, label, summary",
    [
        (Content(locus="f. 1r", title="فهرست"), "", "f. 1r: فهرست"),
        (Content(title="غزلیات", author="حافظ"), "", "غزلیات (حافظ)"),
        (Content(locus="pp. 1–32", title="حال‌احوال"), "Part I", "Part I, pp. 1–32: حال‌احوال"),
        (Content(locus="f. 1r"), "", ""),  # a locus alone says nothing about the contents
    ],
)
def test_a_content_is_summarised_in_one_line(content: Content, label: str, summary: str) -> None:
    assert content_summary(content, label) == summary


@pytest.mark.parametrize(
    "earliest, latest, span",
    [
        (1601, 1601, "1601"),
        (1592, 1689, "1592/1689"),
        (940, 1020, "0940/1020"),
        (1592, None, "1592/.."),
        (None, 1689, "../1689"),
        (None, None, ""),
    ],
)
def test_years_are_written_as_iso_8601(earliest: int | None, latest: int | None, span: str) -> None:
    assert year_span(earliest, latest) == span


@pytest.mark.parametrize(
    "kind, name",
    [
        ("manuscript", "manuscript"),
        ("lithograph", "lithograph"),
        ("printed_book", "printed book"),
        ("archival_document", "archival document"),
    ],
)
def test_the_type_is_text_then_the_kind(kind: str, name: str) -> None:
    assert texts(replace(minimal(), kind=kind), "type") == ["Text", name]


@pytest.mark.parametrize(
    "physical, formats",
    [
        (Physical(page_count=160, extent_as_written="160 с."), ["160 с."]),  # as received
        (Physical(leaf_count=76, page_count=4), ["76 leaves, 4 pages"]),
        (Physical(height_mm=210), []),  # half a size is no size
        (Physical(material="palm_leaf"), ["palm leaf"]),
    ],
)
def test_the_format_gives_extent_size_and_material(physical: Physical, formats: list[str]) -> None:
    assert texts(replace(minimal(), physical=physical), "format") == formats


def test_a_minimal_record_gives_its_title_type_and_identifier_only() -> None:
    dc = oai_dc_element(minimal())
    assert [(etree.QName(e).localname, e.text, e.get(XML_LANG)) for e in dc] == [
        ("title", "گلستان", "fa"),
        ("type", "Text", None),
        ("type", "manuscript", None),
        ("identifier", "MS 5-00001", None),
    ]


def test_a_printed_book_has_its_languages_and_cyrillic_titles() -> None:
    record = kazakh_chrestomathy()
    assert texts(record, "language") == ["kk", "ru"]
    assert values(record, "title")[:2] == [
        ("Киргизская хрестоматія", "ru"),
        ("Kirgizskai͡a khrestomatīi͡a", "ru-Latn"),
    ]
    assert texts(record, "contributor") == ["Типографія Б. Бреслина"]  # the printer


def test_text_survives_exactly() -> None:
    title = f"ديوان خواجه حافظ شيرازي می{ZWNJ}خواند"
    data = write_dc([replace(minimal(), titles=[Title(title, "fa", "Arab")])])
    assert title.encode() in data
    assert etree.fromstring(data).findtext(f"{{{DC_NS}}}title") == title


def test_several_records_are_written_inside_records_each_valid(
    oai_dc_schema: etree.XMLSchema,
) -> None:
    root = etree.fromstring(write_dc(build() for build in RECORDS))
    assert root.tag == "records" and len(root) == len(RECORDS)
    for dc in root:
        assert oai_dc_schema.validate(dc), oai_dc_schema.error_log


def test_the_module_does_not_import_django() -> None:
    check = "import sys, nuskha.catalogue.formats.dublin_core; sys.exit('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
