"""TEI P5 manuscript descriptions (msDesc): a Record out as a TEI document, and back in.

Pure Python over lxml, no Django. `tei_element()` gives one record as a complete `<TEI>`
document that validates against the msDesc schema union catalogues exchange
(../shared/schemas/msdesc.rng); `read_tei()` reads a TEI document, a TEI of TEIs or a
`teiCorpus` written by nuskha or by a partner, one `Parsed` per `<msDesc>`, so a bad
description is reported and the rest are read. What nuskha writes reads back as the same
record (see "What changes on the way back" below).

Crosswalk, TEI → Record (paths below `msDesc` unless they start at `TEI`):

    msIdentifier/country, settlement            written for the partners nuskha knows; not read
    msIdentifier/repository                     institution (its code)
    msIdentifier/idno[@type="shelfmark"]        shelfmark (required; else the first idno)
    msIdentifier/altIdentifier[@type="former"]  former_shelfmarks
    msIdentifier/altIdentifier[@type="control"] control_number
    msIdentifier/altIdentifier[@type="permalink"]/idno[@type="URI"]
                                                identifier_url
    @type                                       kind
    head/title[@type, @subtype, @xml:lang]      titles: title_type, form, language and script
    head/name[@type, @role]                     agents: kind, role;
      persName or orgName[@type, @xml:lang]       one per name form (form, language, script);
      date, idno[@type], note[@type="relator"]    dates, identifiers, relator_term
    msContents/summary/p                        notes
    msContents/textLang[@mainLang, @otherLangs] languages
    msContents/msItem                           contents (below)
    physDesc/objectDesc[@form]                  "codex", but for archival documents; not read
    …/objectDesc/supportDesc[@material]         physical.material: chart is paper, perg
                                                parchment, palm palm_leaf; others as they are
    …/supportDesc/extent (its own text)         physical.extent_as_written
    …/extent/measure[@type, @quantity]          physical.leaf_count ("leaves"), page_count
                                                ("pages")
    …/extent/dimensions[@unit="mm"]             physical.height_mm, width_mm (height, width)
    …/objectDesc/layoutDesc/layout              physical.lines_per_page (@writtenLines)
    physDesc/handDesc/handNote[@script]         physical.script_style; printed type
      or typeDesc/typeNote[@script]               (arabic_type, cyrillic_type...) in typeDesc
    physDesc/scriptDesc/scriptNote[@script]     scripts (ISO 15924)
    physDesc/decoDesc/decoNote                  physical.decoration
    physDesc/bindingDesc/binding/p              physical.binding
    history/origin/origDate                     date_as_written (its text); date_earliest_year
      [@when | @notBefore, @notAfter]             and date_latest_year (Gregorian years)
    history/origin/origPlace                    place_as_written
    history/provenance[@type]                   provenance: one per mark, kind from @type;
      and history/acquisition                     the last mark, if an acquisition
      locus, quote (p for acquisitions),          locus, text,
      date, placeName, note                       date_as_written, place, note
    additional/adminInfo/recordHist/source      where the description came from; not read
    msPart                                      parts:
      msIdentifier/altIdentifier/idno             label
      head/locus                                  locus
      msContents, physDesc                        contents, physical
      history/origin/origDate, origPlace          date_as_written, place_as_written
    TEI/teiHeader/profileDesc/textClass/keywords/term
                                                subjects

A content (msItem): locus (text as written; @from/@to when it reads as "ff. 1v–45r" or
"pp. 3–120"), author, title, respStmt[resp="scribe"]/persName, incipit, explicit,
colophon, note[@type="date"]/origDate (date_as_written), note (note), textLang/@mainLang
(language). Its title, incipit, explicit and colophon carry xml:lang: the content's
language with the script of the text.

Language tags: xml:lang is the record's language with its script as a BCP 47 subtag,
left out where it is the language's usual script (IANA's Suppress-Script: "fa", "ar",
"kk"), and given where it is not ("fa-Latn" for a romanised form, "kk-Arab"). Reading
splits the tag again; a tag without a script subtag takes the script of the text, else
the language's usual one.

What changes on the way back: the record read has source_format "tei" and its TEI
document as source; a language carrying its own script subtag comes back split
("fa-Latn" with script Latn reads as "fa" with Latn); an empty script is read from the
text; text is read with surrounding white space stripped (inside it, every character,
zero-width non-joiners included, is kept as written).

Several records are written as one `<TEI>` holding a `<TEI>` per record (TEI P5 3.0's
composite form): the msDesc schema's only start element is TEI and it defines no
teiCorpus, so a teiCorpus file would not validate against it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree

from nuskha.catalogue.formats.record import (
    AgentRef,
    Content,
    FormatError,
    Parsed,
    Part,
    Physical,
    ProvenanceMark,
    Record,
    Text,
    Title,
)
from nuskha.catalogue.formats.xml import parse_xml
from nuskha.text.scripts import script_of

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI_NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

KINDS = ("manuscript", "lithograph", "printed_book", "archival_document")

# IANA's Suppress-Script for the languages nuskha catalogues in most: a tag names the
# script only where it differs. A language missing here always gets its script subtag,
# which BCP 47 allows.
USUAL_SCRIPTS = {
    "fa": "Arab",
    "ar": "Arab",
    "kk": "Cyrl",
    "ky": "Cyrl",
    "ru": "Cyrl",
    "en": "Latn",
    "tr": "Latn",
    "la": "Latn",
    "de": "Latn",
    "fr": "Latn",
}
DETECTED_SCRIPTS = ("Arab", "Cyrl", "Latn")

# Our materials and the msDesc schema's suggested values for supportDesc/@material.
MATERIALS = {"paper": "chart", "parchment": "perg", "palm_leaf": "palm"}
MATERIALS_READ = {value: key for key, value in MATERIALS.items()} | {"unknown": ""}

# Kept simple: the partner libraries nuskha knows, by their ISIL. Others get no place.
INSTITUTION_PLACES = {
    "IR-NLAI": ("IR", "Iran", "Tehran"),
    "KZ-NALRK": ("KZ", "Kazakhstan", "Astana"),
}

FORMAT_NAMES = {"marc21": "MARC 21", "unimarc": "UNIMARC", "tei": "TEI"}

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_LOCUS = re.compile(
    r"^(?:ff?|fols?|folios?|pp?|pages?)\.?\s*(\d+[rvab]?)(?:\s*[-–—‒]\s*(\d+[rvab]?))?$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(-?\d{4,})(?:-|$)")


# Language tags ---------------------------------------------------------------------------


def language_tag(language: str, script: str) -> str:
    """The BCP 47 tag for text in this language and script: "fa", "fa-Latn", "kk-Arab"."""
    if not language and not script:
        return ""
    subtags = (language or "und").split("-")
    if not script or _script_subtag(subtags) or USUAL_SCRIPTS.get(subtags[0].lower()) == script:
        return language or "und"
    return "-".join([subtags[0], script, *subtags[1:]])


def split_language_tag(tag: str, text: str = "") -> tuple[str, str]:
    """The language and the ISO 15924 script of a BCP 47 tag: "fa-Latn" gives ("fa",
    "Latn"); a tag without a script takes the script of the text, else the usual one."""
    subtags = tag.split("-") if tag else []
    script = _script_subtag(subtags)
    language = "-".join(s for i, s in enumerate(subtags) if not (i == 1 and script))
    language = "" if language.lower() == "und" else language
    if script:
        return language, script.title()
    detected = script_of(text) if text else ""
    if detected in DETECTED_SCRIPTS:
        return language, detected
    return language, USUAL_SCRIPTS.get(language.split("-")[0].lower(), "")


def _script_subtag(subtags: list[str]) -> str:
    if len(subtags) > 1 and len(subtags[1]) == 4 and subtags[1].isalpha():
        return subtags[1]
    return ""


def _text_tag(language: str, text: str) -> str:
    """The tag for a content's text: its language, with the script its letters are in."""
    script = script_of(text)
    return language_tag(language, script if script in DETECTED_SCRIPTS else "")


# Writing ---------------------------------------------------------------------------------


def write_tei(records: Iterable[Record]) -> bytes:
    """One record as its TEI document; several (or none) as one TEI holding a TEI each."""
    documents = [tei_element(record) for record in records]
    root = documents[0] if len(documents) == 1 else _composite(documents)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def tei_element(record: Record) -> etree._Element:
    """The record as a complete TEI document: header, msDesc, and the empty text TEI asks."""
    tei = etree.Element(_tei("TEI"), nsmap={None: TEI_NS})
    header = _add(tei, "teiHeader")
    file_description = _add(header, "fileDesc")
    title = record.titles[0] if record.titles else None
    title_statement = _add(file_description, "titleStmt")
    if title is not None:
        _add(title_statement, "title", title.text, lang=language_tag(title.language, title.script))
    else:
        _add(title_statement, "title", record.shelfmark)
    _add(_add(file_description, "publicationStmt"), "p", "Exported from the nuskha catalogue.")
    _add(file_description, "sourceDesc").append(msdesc_element(record))
    if record.subjects:
        keywords = _add(_add(_add(header, "profileDesc"), "textClass"), "keywords")
        for subject in record.subjects:
            _add(keywords, "term", subject)
    _add_empty_text(tei)
    return tei


def _composite(documents: list[etree._Element]) -> etree._Element:
    tei = etree.Element(_tei("TEI"), nsmap={None: TEI_NS})
    file_description = _add(_add(tei, "teiHeader"), "fileDesc")
    _add(_add(file_description, "titleStmt"), "title", "Records exported from nuskha")
    _add(_add(file_description, "publicationStmt"), "p", "Exported from the nuskha catalogue.")
    source = f"{len(documents)} catalogue records follow, one TEI document each."
    _add(_add(file_description, "sourceDesc"), "p", source)
    if not documents:
        _add_empty_text(tei)  # a TEI holds a text or at least one TEI
    for document in documents:
        tei.append(document)
    etree.cleanup_namespaces(tei)
    return tei


def _add_empty_text(tei: etree._Element) -> None:
    _add(_add(_add(tei, "text"), "body"), "p")


def msdesc_element(record: Record) -> etree._Element:
    """The record's `<msDesc>` alone."""
    description = etree.Element(_tei("msDesc"), nsmap={None: TEI_NS})
    description.set("type", record.kind)
    description.append(_identifier(record))
    if record.titles or record.agents:
        description.append(_head(record))
    if record.notes or record.languages or record.contents:
        description.append(_ms_contents(record.contents, record.notes, record.languages))
    form = "" if record.kind == "archival_document" else "codex"
    description.append(_physical_description(record.physical, form, record.scripts))
    history = _history(record)
    if len(history):
        description.append(history)
    description.append(_additional(record))
    for part in record.parts:
        description.append(_ms_part(part))
    return description


def _identifier(record: Record) -> etree._Element:
    identifier = _element("msIdentifier")
    if record.institution in INSTITUTION_PLACES:
        code, country, settlement = INSTITUTION_PLACES[record.institution]
        _add(identifier, "country", country, key=code)
        _add(identifier, "settlement", settlement)
    if record.institution:
        _add(identifier, "repository", record.institution)
    if record.shelfmark:
        _add(identifier, "idno", record.shelfmark, type="shelfmark")
    for former in record.former_shelfmarks:
        _add(_add(identifier, "altIdentifier", type="former"), "idno", former, type="shelfmark")
    if record.control_number:
        _add(_add(identifier, "altIdentifier", type="control"), "idno", record.control_number)
    if record.identifier_url:
        alternative = _add(identifier, "altIdentifier", type="permalink")
        _add(alternative, "idno", record.identifier_url, type="URI")
    return identifier


def _head(record: Record) -> etree._Element:
    head = _element("head")
    for title in record.titles:
        _add(
            head,
            "title",
            title.text,
            type=title.title_type,
            subtype="" if title.form == "preferred" else title.form,
            lang=language_tag(title.language, title.script),
        )
    for agent in record.agents:
        head.append(_agent_name(agent))
    return head


def _agent_name(agent: AgentRef) -> etree._Element:
    is_corporate = agent.kind == "corporate"
    name = _element("name", type="org" if is_corporate else "person", role=agent.role)
    for form in agent.names:
        tag = "orgName" if is_corporate else "persName"
        _add(name, tag, form.text, type=form.form, lang=language_tag(form.language, form.script))
    if agent.dates:
        _add(name, "date", agent.dates)
    for scheme, value in agent.identifiers.items():
        _add(name, "idno", value, type=scheme)
    if agent.relator_term:
        _add(name, "note", agent.relator_term, type="relator")
    return name


def _ms_contents(contents: list[Content], notes: list[str], languages: list[str]) -> etree._Element:
    ms_contents = _element("msContents")
    if notes:
        summary = _add(ms_contents, "summary")
        for note in notes:
            _add(summary, "p", note)
    if languages:
        _add(
            ms_contents,
            "textLang",
            mainLang=languages[0],
            otherLangs=" ".join(languages[1:]),
        )
    for content in contents:
        ms_contents.append(_ms_item(content))
    return ms_contents


def _ms_item(content: Content) -> etree._Element:
    item = _element("msItem")
    if content.locus:
        item.append(_locus(content.locus))
    _add_if(item, "author", content.author)
    _add_if(item, "title", content.title, lang=_text_tag(content.language, content.title))
    if content.scribe:
        responsibility = _add(item, "respStmt")
        _add(responsibility, "resp", "scribe")
        _add(responsibility, "persName", content.scribe)
    for tag in ("incipit", "explicit", "colophon"):
        text = getattr(content, tag)
        _add_if(item, tag, text, lang=_text_tag(content.language, text))
    if content.date_as_written:
        _add(_add(item, "note", type="date"), "origDate", content.date_as_written)
    _add_if(item, "note", content.note)
    if content.language:
        _add(item, "textLang", mainLang=content.language)
    if len(item) == (1 if content.locus else 0):
        _add(item, "note")  # an msItem must hold more than its locus
    return item


def _locus(text: str) -> etree._Element:
    """A locus as written, with @from and @to where it reads as leaves or pages."""
    match = _LOCUS.match(text.translate(_DIGITS).strip())
    if match is None:
        return _element("locus", text=text)
    first, last = match.group(1), match.group(2) or match.group(1)
    return _element("locus", text=text, **{"from": first, "to": last})


def _physical_description(physical: Physical, form: str, scripts: list[str]) -> etree._Element:
    description = _element("physDesc")
    object_description = _add(description, "objectDesc", form=form)
    support = _support(physical)
    if len(support) or support.get("material"):
        object_description.append(support)
    if physical.lines_per_page is not None:
        layout = _add(object_description, "layoutDesc")
        _add(layout, "layout", writtenLines=str(physical.lines_per_page))
    if physical.script_style:
        _add_script_style(description, physical.script_style)
    if scripts:
        script_description = _add(description, "scriptDesc")
        for script in scripts:
            _add(script_description, "scriptNote", script=script)
    if physical.decoration:
        _add(_add(description, "decoDesc"), "decoNote", physical.decoration)
    if physical.binding:
        _add(_add(_add(description, "bindingDesc"), "binding"), "p", physical.binding)
    return description


def _add_script_style(description: etree._Element, style: str) -> None:
    # Type (Arabic, Cyrillic, Latin) is described in typeDesc; hands, lithographed
    # ones included, in handDesc.
    if style.endswith("_type"):
        _add(_add(description, "typeDesc"), "typeNote", script=style)
    else:
        _add(_add(description, "handDesc"), "handNote", script=style)


def _support(physical: Physical) -> etree._Element:
    support = _element("supportDesc", material=MATERIALS.get(physical.material, physical.material))
    extent = _extent(physical)
    if extent is not None:
        support.append(extent)
    return support


def _extent(physical: Physical) -> etree._Element | None:
    counts = [("leaves", "leaf", physical.leaf_count), ("pages", "page", physical.page_count)]
    sizes = [("height", physical.height_mm), ("width", physical.width_mm)]
    if not physical.extent_as_written and all(n is None for *_, n in counts + sizes):
        return None
    extent = _element("extent", physical.extent_as_written)
    for kind, unit, number in counts:
        if number is not None:
            _add(extent, "measure", str(number), type=kind, unit=unit, quantity=str(number))
    if any(number is not None for _, number in sizes):
        dimensions = _add(extent, "dimensions", type="leaf", unit="mm")
        for tag, number in sizes:
            if number is not None:
                _add(dimensions, tag, str(number))
    if physical.extent_as_written:
        for child in extent:
            child.tail = " "  # keeps the text as written apart from the figures
    return extent


def _history(record: Record) -> etree._Element:
    history = _element("history")
    origin = _origin(
        record.date_as_written,
        record.place_as_written,
        record.date_earliest_year,
        record.date_latest_year,
    )
    if origin is not None:
        history.append(origin)
    marks = record.provenance
    for position, mark in enumerate(marks):
        # history allows one acquisition, after every provenance: only the last mark can
        # be one without changing the order; an earlier acquisition stays a provenance.
        is_last_acquisition = position == len(marks) - 1 and mark.kind == "acquisition"
        history.append(_mark(mark, "acquisition" if is_last_acquisition else "provenance"))
    return history


def _origin(
    date: str, place: str, earliest: int | None = None, latest: int | None = None
) -> etree._Element | None:
    if not (date or place or earliest is not None or latest is not None):
        return None
    origin = _element("origin")
    if date or earliest is not None or latest is not None:
        _add(origin, "origDate", date, **_year_attributes(earliest, latest))
    _add_if(origin, "origPlace", place)
    return origin


def _year_attributes(earliest: int | None, latest: int | None) -> dict[str, str]:
    if earliest is not None and earliest == latest:
        return {"when": _gregorian_year(earliest)}
    attributes = {}
    if earliest is not None:
        attributes["notBefore"] = _gregorian_year(earliest)
    if latest is not None:
        attributes["notAfter"] = _gregorian_year(latest)
    return attributes


def _gregorian_year(year: int) -> str:
    """An xsd:gYear: four digits at least, so 940 is "0940"."""
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


def _mark(mark: ProvenanceMark, tag: str) -> etree._Element:
    element = _element(tag, type=mark.kind if tag == "provenance" else "")
    if mark.locus:
        element.append(_locus(mark.locus))
    # The text of a seal or a note is quoted as written; an acquisition is a statement.
    _add(element, "p" if mark.kind == "acquisition" else "quote", mark.text)
    _add_if(element, "date", mark.date_as_written)
    _add_if(element, "placeName", mark.place)
    _add_if(element, "note", mark.note)
    return element


def _additional(record: Record) -> etree._Element:
    additional = _element("additional")
    source = _add(_add(_add(additional, "adminInfo"), "recordHist"), "source")
    if record.source_format:
        name = FORMAT_NAMES.get(record.source_format, record.source_format)
        _add(source, "p", f"Converted by nuskha from the holding library's {name} record.")
    else:
        _add(source, "p", "Catalogued in nuskha.")
    return additional


def _ms_part(part: Part) -> etree._Element:
    ms_part = _element("msPart")
    alternative = _add(_add(ms_part, "msIdentifier"), "altIdentifier", type="partial")
    _add(alternative, "idno", part.label, type="part")
    if part.locus:
        _add(ms_part, "head").append(_locus(part.locus))
    if part.contents:
        ms_part.append(_ms_contents(part.contents, [], []))
    if part.physical != Physical():
        ms_part.append(_physical_description(part.physical, "", []))
    origin = _origin(part.date_as_written, part.place_as_written)
    if origin is not None:
        _add(ms_part, "history").append(origin)
    return ms_part


def _tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def _element(tag: str, text: str = "", **attributes: str) -> etree._Element:
    """A TEI element; `lang` is xml:lang, and empty attributes are left out."""
    element = etree.Element(_tei(tag))
    for name, value in attributes.items():
        if value:
            element.set(XML_LANG if name == "lang" else name, value)
    if text:
        element.text = text
    return element


def _add(parent: etree._Element, tag: str, text: str = "", **attributes: str) -> etree._Element:
    element = _element(tag, text, **attributes)
    parent.append(element)
    return element


def _add_if(parent: etree._Element, tag: str, text: str, **attributes: str) -> None:
    if text:
        _add(parent, tag, text, **attributes)


# Reading ---------------------------------------------------------------------------------


def read_tei(data: bytes) -> Iterator[Parsed]:
    """One Parsed per msDesc of a TEI document, a TEI of TEIs or a teiCorpus. A document
    that cannot be read at all raises FormatError here; a bad msDesc is reported in its
    Parsed and reading goes on."""
    root = _tei_root(data)
    return (_parsed(position, d) for position, d in enumerate(_descriptions(root), start=1))


def _tei_root(data: bytes) -> etree._Element:
    root = parse_xml(data, "the TEI document")
    document = root.getroottree().docinfo
    if document.doctype or document.internalDTD is not None:
        # parse_xml refuses entities; a DOCTYPE alone it lets through, and TEI needs none.
        raise FormatError("the TEI document has a DOCTYPE; DTDs are not accepted")
    if root.tag not in (_tei("TEI"), _tei("teiCorpus")):
        name = etree.QName(root)
        where = f"in {name.namespace}" if name.namespace else "in no namespace"
        raise FormatError(
            f"the document's root is <{name.localname}> {where}, not TEI or teiCorpus in {TEI_NS}"
        )
    return root


def _descriptions(root: etree._Element) -> Iterator[etree._Element]:
    return root.iter(_tei("msDesc"))


def _parsed(position: int, description: etree._Element) -> Parsed:
    try:
        record = record_from_msdesc(description)
    except FormatError as error:
        return Parsed(position, None, str(error), _label(description))
    return Parsed(position, record, label=record.shelfmark)


def _label(description: etree._Element) -> str:
    """What names a description that could not be read: its shelfmark, else its title."""
    for path in ("tei:msIdentifier/tei:idno", "tei:head/tei:title", "tei:head"):
        found = description.find(path, NS)
        if found is not None and _text(found):
            return _text(found)
    return ""


def record_from_msdesc(element: etree._Element) -> Record:
    """The record an msDesc describes, or FormatError naming the element and the reason."""
    if element.tag != _tei("msDesc"):
        raise FormatError(f"<{etree.QName(element).localname}>: not a TEI msDesc")
    identifier = element.find("tei:msIdentifier", NS)
    if identifier is None:
        raise FormatError("msDesc: no msIdentifier, so no shelfmark")
    contents = element.find("tei:msContents", NS)
    origin = element.find("tei:history/tei:origin", NS)
    earliest, latest = _years(origin)
    return Record(
        control_number=_alternative(identifier, "control"),
        institution=_institution(identifier),
        shelfmark=_shelfmark(identifier),
        former_shelfmarks=_alternatives(identifier, "former"),
        kind=element.get("type") if element.get("type") in KINDS else "manuscript",
        titles=_titles(element.find("tei:head", NS)),
        agents=[_agent(name) for name in element.findall("tei:head/tei:name", NS)],
        languages=_languages(contents),
        scripts=_scripts(element.find("tei:physDesc", NS)),
        date_as_written=_child_text(origin, "origDate"),
        date_earliest_year=earliest,
        date_latest_year=latest,
        place_as_written=_child_text(origin, "origPlace"),
        physical=_physical(element.find("tei:physDesc", NS)),
        contents=_contents(contents),
        parts=[_part(part) for part in element.findall("tei:msPart", NS)],
        provenance=_provenance(element.find("tei:history", NS)),
        subjects=_subjects(element),
        notes=_notes(contents),
        identifier_url=_permalink(identifier),
        source_format="tei",
        source=_source(element),
    )


def _shelfmark(identifier: etree._Element) -> str:
    idnos = identifier.findall("tei:idno", NS)
    if not idnos:
        raise FormatError("msDesc/msIdentifier: no idno, so no shelfmark")
    chosen = next((i for i in idnos if i.get("type") == "shelfmark"), None)
    chosen = chosen if chosen is not None else next((i for i in idnos if not i.get("type")), None)
    shelfmark = _text(chosen if chosen is not None else idnos[0])
    if not shelfmark:
        raise FormatError("msDesc/msIdentifier/idno: empty, so no shelfmark")
    return shelfmark


def _institution(identifier: etree._Element) -> str:
    for tag in ("repository", "institution"):
        if text := _child_text(identifier, tag):
            return text
    return ""


def _alternatives(identifier: etree._Element, kind: str) -> list[str]:
    path = f"tei:altIdentifier[@type='{kind}']/tei:idno"
    return [text for idno in identifier.findall(path, NS) if (text := _text(idno))]


def _alternative(identifier: etree._Element, kind: str) -> str:
    found = _alternatives(identifier, kind)
    return found[0] if found else ""


def _permalink(identifier: etree._Element) -> str:
    uri = identifier.find("tei:idno[@type='URI']", NS)
    return _alternative(identifier, "permalink") or (_text(uri) if uri is not None else "")


def _titles(head: etree._Element | None) -> list[Title]:
    if head is None:
        return []
    titles = [_title(element) for element in head.findall("tei:title", NS)]
    if titles or head.find("tei:name", NS) is not None or not _text(head):
        return titles
    # A partner's head is often a line of prose ("Shāhnāma; Persia, 17th century").
    language, script = split_language_tag(_language_of(head), _text(head))
    return [Title(_text(head), language, script)]


def _title(element: etree._Element) -> Title:
    text = _text(element)
    language, script = split_language_tag(_language_of(element), text)
    return Title(
        text,
        language,
        script,
        form=element.get("subtype") or "preferred",
        title_type=element.get("type") or "uniform",
    )


def _agent(name: etree._Element) -> AgentRef:
    forms = name.findall("tei:persName", NS) + name.findall("tei:orgName", NS)
    # A partner may write the name straight in <name>; its own text, not its date's.
    own_text = (name.text or "").strip()
    texts = [_text_form(form) for form in forms] or (
        [_text_form(name, own_text)] if own_text else []
    )
    identifiers = {idno.get("type", "local"): _text(idno) for idno in _children(name, "idno")}
    relator = name.find("tei:note[@type='relator']", NS)
    return AgentRef(
        role=name.get("role", ""),
        names=texts,
        kind="corporate" if name.get("type") == "org" else "person",
        dates=_child_text(name, "date"),
        identifiers=identifiers,
        relator_term=_text(relator) if relator is not None else "",
    )


def _text_form(element: etree._Element, text: str = "") -> Text:
    text = text or _text(element)
    language, script = split_language_tag(_language_of(element), text)
    return Text(text, language, script, form=element.get("type") or "preferred")


def _languages(contents: etree._Element | None) -> list[str]:
    language = contents.find("tei:textLang", NS) if contents is not None else None
    if language is None:
        return []
    main = language.get("mainLang", "")
    return [main, *language.get("otherLangs", "").split()] if main else []


def _scripts(physical: etree._Element | None) -> list[str]:
    if physical is None:
        return []
    notes = physical.findall("tei:scriptDesc/tei:scriptNote", NS)
    return [script for note in notes for script in note.get("script", "").split()]


def _notes(contents: etree._Element | None) -> list[str]:
    summary = contents.find("tei:summary", NS) if contents is not None else None
    if summary is None:
        return []
    paragraphs = [_text(p) for p in summary.findall("tei:p", NS)]
    return [text for text in paragraphs if text] or ([_text(summary)] if _text(summary) else [])


def _contents(contents: etree._Element | None) -> list[Content]:
    if contents is None:
        return []
    # A partner may nest msItems (a treatise within a collection): each becomes a content.
    return [_content(item) for item in contents.iter(_tei("msItem"))]


def _content(item: etree._Element) -> Content:
    title = item.find("tei:title", NS)
    language = item.find("tei:textLang", NS)
    date = item.find("tei:note[@type='date']", NS)
    notes = [_text(note) for note in _children(item, "note") if not note.get("type")]
    return Content(
        locus=_locus_text(item.find("tei:locus", NS)),
        title=_text(title) if title is not None else "",
        language=_content_language(language, title),
        author=_name_text(item.find("tei:author", NS)),
        incipit=_child_text(item, "incipit"),
        explicit=_child_text(item, "explicit"),
        colophon=_child_text(item, "colophon"),
        date_as_written=_text(date) if date is not None else "",
        scribe=_scribe(item),
        note="\n".join(note for note in notes if note),
    )


def _content_language(language: etree._Element | None, title: etree._Element | None) -> str:
    if language is not None and language.get("mainLang"):
        return language.get("mainLang", "")
    if title is not None:
        return split_language_tag(_language_of(title))[0]
    return ""


def _scribe(item: etree._Element) -> str:
    for responsibility in item.findall("tei:respStmt", NS):
        if _child_text(responsibility, "resp").lower() == "scribe":
            return _name_text(responsibility.find("tei:persName", NS))
    return ""


def _name_text(element: etree._Element | None) -> str:
    """A name's text; of a name given in several forms (persName children), the first."""
    if element is None:
        return ""
    form = element.find("tei:persName", NS)
    return _text(form if form is not None else element)


def _locus_text(locus: etree._Element | None) -> str:
    """The locus as written, or made from @from and @to when the element has no text."""
    if locus is None:
        return ""
    if text := _text(locus):
        return text
    first, last = locus.get("from", ""), locus.get("to", "")
    if not first:
        return ""
    is_folio = first[-1].isalpha()
    if not last or last == first:
        return f"{'f' if is_folio else 'p'}. {first}"
    return f"{'ff' if is_folio else 'pp'}. {first}–{last}"


def _physical(description: etree._Element | None) -> Physical:
    if description is None:
        return Physical()
    support = description.find("tei:objectDesc/tei:supportDesc", NS)
    extent = support.find("tei:extent", NS) if support is not None else None
    height, width = _dimensions(extent)
    return Physical(
        material=_material(support),
        height_mm=height,
        width_mm=width,
        leaf_count=_measure(extent, "leaves", ("leaf", "leaves", "folio", "folios")),
        page_count=_measure(extent, "pages", ("page", "pages")),
        lines_per_page=_lines(description),
        script_style=_script_style(description),
        decoration=_joined(description.find("tei:decoDesc", NS)),
        binding=_joined(description.find("tei:bindingDesc", NS)),
        extent_as_written=(extent.text or "").strip() if extent is not None else "",
    )


def _material(support: etree._Element | None) -> str:
    material = support.get("material", "") if support is not None else ""
    return MATERIALS_READ.get(material, material)


def _measure(extent: etree._Element | None, kind: str, units: tuple[str, ...]) -> int | None:
    if extent is None:
        return None
    for measure in extent.findall("tei:measure", NS):
        if measure.get("type") == kind or measure.get("unit") in units:
            return _whole_number(measure, measure.get("quantity") or _text(measure))
    return None


def _dimensions(extent: etree._Element | None) -> tuple[int | None, int | None]:
    sizes = extent.find("tei:dimensions", NS) if extent is not None else None
    if sizes is None:
        return None, None
    per_unit = 10 if sizes.get("unit") == "cm" else 1
    height = _millimetres(sizes.find("tei:height", NS), per_unit)
    return height, _millimetres(sizes.find("tei:width", NS), per_unit)


def _millimetres(element: etree._Element | None, per_unit: int) -> int | None:
    if element is None:
        return None
    value = element.get("quantity") or _text(element)
    try:
        return round(float(value) * per_unit)
    except ValueError:
        raise FormatError(f"{_path(element)}: “{value}” is not a number") from None


def _whole_number(element: etree._Element, value: str) -> int:
    if not value.strip().isdigit():
        raise FormatError(f"{_path(element)}: “{value}” is not a whole number")
    return int(value)


def _lines(description: etree._Element) -> int | None:
    layout = description.find("tei:objectDesc/tei:layoutDesc/tei:layout", NS)
    if layout is None:
        return None
    lines = layout.get("writtenLines") or layout.get("ruledLines") or ""
    # "20 25" gives a range: the first figure stands for it.
    return _whole_number(layout, lines.split()[0]) if lines.split() else None


def _script_style(description: etree._Element) -> str:
    for path in ("tei:handDesc/tei:handNote", "tei:typeDesc/tei:typeNote"):
        note = description.find(path, NS)
        if note is not None and note.get("script"):
            return note.get("script", "").split()[0]
    return ""


def _years(origin: etree._Element | None) -> tuple[int | None, int | None]:
    date = origin.find("tei:origDate", NS) if origin is not None else None
    if date is None:
        return None, None
    if date.get("when"):
        year = _year(date, "when")
        return year, year
    earliest = _year(date, "notBefore") if date.get("notBefore") else _year(date, "from")
    latest = _year(date, "notAfter") if date.get("notAfter") else _year(date, "to")
    return earliest, latest


def _year(date: etree._Element, attribute: str) -> int | None:
    value = date.get(attribute)
    if value is None:
        return None
    match = _YEAR.match(value.strip())
    if match is None:
        raise FormatError(f"{_path(date)}/@{attribute}: “{value}” is not a Gregorian year")
    return int(match.group(1))


def _provenance(history: etree._Element | None) -> list[ProvenanceMark]:
    if history is None:
        return []
    marks = history.findall("tei:provenance", NS) + history.findall("tei:acquisition", NS)
    return [_provenance_mark(mark) for mark in marks]


def _provenance_mark(element: etree._Element) -> ProvenanceMark:
    is_acquisition = element.tag == _tei("acquisition")
    quoted = element.find("tei:quote", NS)
    quoted = quoted if quoted is not None else element.find("tei:p", NS)
    return ProvenanceMark(
        kind="acquisition" if is_acquisition else element.get("type") or "other",
        # A partner's provenance is often prose: the whole of it is the text.
        text=_text(quoted if quoted is not None else element),
        date_as_written=_child_text(element, "date"),
        place=_child_text(element, "placeName"),
        locus=_locus_text(element.find("tei:locus", NS)),
        note=_child_text(element, "note"),
    )


def _part(element: etree._Element) -> Part:
    idno = element.find("tei:msIdentifier//tei:idno", NS)
    origin = element.find("tei:history/tei:origin", NS)
    return Part(
        label=_text(idno) if idno is not None else element.get("n", ""),
        locus=_locus_text(element.find("tei:head/tei:locus", NS)),
        date_as_written=_child_text(origin, "origDate"),
        place_as_written=_child_text(origin, "origPlace"),
        physical=_physical(element.find("tei:physDesc", NS)),
        contents=_contents(element.find("tei:msContents", NS)),
    )


def _subjects(description: etree._Element) -> list[str]:
    path = "ancestor::tei:TEI[1]/tei:teiHeader/tei:profileDesc/tei:textClass/tei:keywords/tei:term"
    return [text for term in description.xpath(path, namespaces=NS) if (text := _text(term))]


def _source(description: etree._Element) -> bytes:
    """The record as received: its own TEI document, or the msDesc where it stands alone."""
    documents = description.xpath("ancestor::tei:TEI[1]", namespaces=NS)
    return etree.tostring(documents[0] if documents else description, encoding="UTF-8")


def _children(parent: etree._Element, tag: str) -> list[etree._Element]:
    return parent.findall(f"tei:{tag}", NS)


def _child_text(parent: etree._Element | None, tag: str) -> str:
    child = parent.find(f"tei:{tag}", NS) if parent is not None else None
    return _text(child) if child is not None else ""


def _joined(parent: etree._Element | None) -> str:
    """A description given in one or more notes or paragraphs, a line each."""
    if parent is None:
        return ""
    texts = [_text(child) for child in parent if isinstance(child.tag, str)]
    return "\n".join(text for text in texts if text) or _text(parent)


def _text(element: etree._Element) -> str:
    """The element's text, its children's included, as written but for surrounding space."""
    return "".join(element.itertext()).strip()


def _language_of(element: etree._Element) -> str:
    """The xml:lang in force: the element's own, else its nearest ancestor's."""
    for node in (element, *element.iterancestors()):
        if XML_LANG in node.attrib:
            return node.get(XML_LANG, "")
    return ""


def _path(element: etree._Element) -> str:
    """Where an element stands, from its msDesc down, for error messages."""
    names = [etree.QName(element).localname]
    for ancestor in element.iterancestors():
        names.append(etree.QName(ancestor).localname)
        if ancestor.tag == _tei("msDesc"):
            break
    return "/".join(reversed(names))
