"""Simple Dublin Core as OAI-PMH's `oai_dc`: a Record out, for harvesters and aggregators.

Pure Python over lxml, no Django. `oai_dc_element()` gives one record as `<oai_dc:dc>`
with the oai_dc and dc namespaces and the schemaLocation OAI-PMH asks for; it validates
against oai_dc.xsd (../shared/schemas/). Export only: Dublin Core is too flat to read a
record back from (no roles, no parts, no loci).

Crosswalk, Record → oai_dc:

    titles                          dc:title: every title, xml:lang with its script ("fa-Latn")
    agents in the role author       dc:creator: every name form, each with its xml:lang
    agents in other roles but owner dc:contributor: every name form (simple DC cannot say
                                    the role)
    subjects                        dc:subject: each heading as written
    notes                           dc:description: one per note
    contents, parts' contents       dc:description: one per content,
                                    "[part label, ]locus: title (author)"
    date_as_written                 dc:date: as written
    date_earliest_year, _latest_    dc:date: ISO 8601 years, "1601", "1592/1689", "1592/.."
    kind                            dc:type: "Text" (DCMI Type Vocabulary), then the kind
                                    ("manuscript", "printed book")
    physical                        dc:format: the extent as written (else "512 leaves",
                                    "160 pages"); "340 × 220 mm"; the material ("paper")
    identifier_url, shelfmark       dc:identifier: the permalink, then the shelfmark
    institution (and shelfmark)     dc:source: the original the digital record stands for,
                                    "IR-NLAI, MS 5-10234"
    languages                       dc:language: the BCP 47 tags as catalogued

Left out, on purpose: owners (a former owner is the item's history, not a contribution
to it: DCMI's contributor "made contributions to the resource"), place of production
(simple DC has no element for it; dc:coverage is the subject's place), rights (the
Record carries none; access is decided in nuskha.access), former shelfmarks, provenance
marks, decoration and binding.

Several records are written inside a plain `<records>` element: oai_dc defines no
container, since OAI-PMH wraps each record itself. Each `<oai_dc:dc>` inside still
validates on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lxml import etree

from nuskha.catalogue.formats.record import Content, Physical, Record
from nuskha.catalogue.formats.tei import language_tag

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

KIND_NAMES = {
    "manuscript": "manuscript",
    "lithograph": "lithograph",
    "printed_book": "printed book",
    "archival_document": "archival document",
}
MATERIAL_NAMES = {"palm_leaf": "palm leaf"}
LEFT_OUT_ROLES = {"owner"}

# (element, value, xml:lang)
Statement = tuple[str, str, str]


def write_dc(records: Iterable[Record]) -> bytes:
    """One record as its `<oai_dc:dc>`; several (or none) inside a `<records>` element."""
    elements = [oai_dc_element(record) for record in records]
    if len(elements) == 1:
        root = elements[0]
    else:
        root = etree.Element("records")
        root.extend(elements)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def oai_dc_element(record: Record) -> etree._Element:
    """The record as `<oai_dc:dc>`, ready to stand in an OAI-PMH `<metadata>`."""
    dc = etree.Element(
        f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS}
    )
    dc.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    for name, value, language in statements(record):
        element = etree.SubElement(dc, f"{{{DC_NS}}}{name}")
        element.text = value
        if language:
            element.set(XML_LANG, language)
    return dc


def statements(record: Record) -> Iterator[Statement]:
    """Every (element, value, xml:lang) the record gives, in the order they are written."""
    for found in (
        _titles(record),
        _names(record, creators=True),
        _names(record, creators=False),
        (("subject", subject, "") for subject in record.subjects),
        (("description", note, "") for note in record.notes),
        _contents(record),
        _dates(record),
        _types(record),
        _formats(record.physical),
        _identifiers(record),
        _sources(record),
        (("language", language, "") for language in record.languages),
    ):
        yield from (statement for statement in found if statement[1])


def _titles(record: Record) -> Iterator[Statement]:
    for title in record.titles:
        yield "title", title.text, language_tag(title.language, title.script)


def _names(record: Record, creators: bool) -> Iterator[Statement]:
    element = "creator" if creators else "contributor"
    for agent in record.agents:
        if (agent.role == "author") != creators or agent.role in LEFT_OUT_ROLES:
            continue
        for name in agent.names:
            yield element, name.text, language_tag(name.language, name.script)


def _contents(record: Record) -> Iterator[Statement]:
    for content in record.contents:
        yield "description", content_summary(content), ""
    for part in record.parts:
        for content in part.contents:
            yield "description", content_summary(content, part.label), ""


def content_summary(content: Content, part_label: str = "") -> str:
    """One line for a content: "Part I, ff. 1r–48v: كتاب إحصاء العلوم (الفارابي)"."""
    where = ", ".join(text for text in (part_label, content.locus) if text)
    what = content.title + (f" ({content.author})" if content.author else "")
    if not what.strip():
        return ""
    return f"{where}: {what.strip()}" if where else what.strip()


def _dates(record: Record) -> Iterator[Statement]:
    yield "date", record.date_as_written, ""
    yield "date", year_span(record.date_earliest_year, record.date_latest_year), ""


def year_span(earliest: int | None, latest: int | None) -> str:
    """The years as ISO 8601: one year, or an interval open at an unknown end."""
    if earliest is None and latest is None:
        return ""
    if earliest == latest:
        return _year(earliest)
    return f"{_year(earliest) or '..'}/{_year(latest) or '..'}"


def _year(year: int | None) -> str:
    if year is None:
        return ""
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


def _types(record: Record) -> Iterator[Statement]:
    yield "type", "Text", ""
    yield "type", KIND_NAMES.get(record.kind, record.kind.replace("_", " ")), ""


def _formats(physical: Physical) -> Iterator[Statement]:
    yield "format", physical.extent_as_written or _extent(physical), ""
    if physical.height_mm is not None and physical.width_mm is not None:
        yield "format", f"{physical.height_mm} × {physical.width_mm} mm", ""
    material = MATERIAL_NAMES.get(physical.material, physical.material)
    yield "format", material, ""


def _extent(physical: Physical) -> str:
    counts = [
        f"{physical.leaf_count} leaves" if physical.leaf_count is not None else "",
        f"{physical.page_count} pages" if physical.page_count is not None else "",
    ]
    return ", ".join(count for count in counts if count)


def _identifiers(record: Record) -> Iterator[Statement]:
    yield "identifier", record.identifier_url, ""
    yield "identifier", record.shelfmark, ""


def _sources(record: Record) -> Iterator[Statement]:
    # The OAI record describes the digitised item; its source is the original on the shelf.
    if record.institution:
        yield "source", ", ".join(t for t in (record.institution, record.shelfmark) if t), ""
