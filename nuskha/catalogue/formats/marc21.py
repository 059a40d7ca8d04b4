"""MARC 21 to and from the catalogue's Record: binary (ISO 2709) and MARCXML, with the
original script carried in 880 fields.

Pure Python over pymarc and lxml: no Django. Readers yield one `Parsed` per record, so a
bad record is reported by position and the rest are read. `to_marc` starts from the
record as it was received (`Record.source`) and merges the catalogue's values into it: a
crosswalked field whose values the catalogue left alone is written back byte for byte;
one that changed is replaced; every other field (035, 040, 9XX, notes outside the
crosswalk...) stays where it was, so an import followed by an export loses nothing.
CROSSWALK below is the field-by-field table that docs/reference/crosswalks.md is written
from; CONVENTIONS lists the rules that no single field states.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from datetime import date
from typing import Any

import pymarc
from lxml import etree
from pymarc import Field, Indicators, Subfield
from pymarc import exceptions as marc_errors

from nuskha.catalogue.formats.record import (
    AgentRef,
    Content,
    FormatError,
    Parsed,
    Record,
    Text,
    Title,
)
from nuskha.catalogue.formats.xml import parse_xml
from nuskha.catalogue.loci import LocusError, parse_locus
from nuskha.catalogue.reference_data import LANGUAGES, SCRIPTS
from nuskha.text import transliterate
from nuskha.text.scripts import script_of

SLIM = "http://www.loc.gov/MARC21/slim"

# (MARC, Record, on import, on export): the table docs/reference/crosswalks.md is written from.
CROSSWALK: tuple[tuple[str, str, str, str], ...] = (
    ("Leader/06", "kind",
     "t manuscript; a printed_book, or lithograph when a 340 $d names lithography; "
     "p archival_document; any other code manuscript",
     "manuscript t, printed_book and lithograph a, archival_document p; written only when "
     "the leader says another kind"),
    ("Leader/09", "-",
     "decided per record (record_encoding): a UTF-8; blank MARC-8, unless the bytes are "
     "valid UTF-8 with no MARC-8 escape",
     "always a (UTF-8)"),
    ("001", "control_number", "as written, trimmed", "replaced when changed"),
    ("008/06-14", "date_earliest_year, date_latest_year",
     "s e t r p c d u: Date 1 (16uu is 1600-1699); q m i k: Date 1 to Date 2; n b: none",
     "s YYYY when the years agree, q YYYYYYYY when they differ (uuuu for a missing one), "
     "n with no years"),
    ("008/35-37, 041 $a", "languages",
     "MARC codes to BCP 47 (per fa, ara ar, kaz kk, rus ru, chg chg, tur tr, eng en, uzb uz, "
     "tat tt, and reference_data.LANGUAGES); unknown codes kept as the code; und, mul, zxx "
     "and blanks skipped; 041 $a 'perara' read as two codes",
     "008/35-37 the first language (und with none); 041 0_ $a each language when there "
     "is more than one"),
    ("100, 110 / 700, 710", "agents",
     "one AgentRef per role of the field: names $a $b $c $q (persons) or $a $b (bodies); "
     "$d dates; $e terms and $4 codes (aut cre author, scr scribe, trl translator, cmm cwt "
     "commentator, ilu ill illuminator, bnd binder, fmo own owner, pat patron, prt printer, "
     "edt editor); other terms and codes in relator_term; no relator: author on 1XX, role "
     "'' on 7XX; $0 $1 VIAF, Wikidata, ISNI, LC URIs and (CODE)id to identifiers; a 7XX "
     "with $t is a work, not an agent",
     "the first author as 100/110 when there is no main entry, every other agent 700/710; "
     "agents that differ only in role share a field; $a name, $d, $e term, $4 code, $0/$1"),
    ("245", "titles",
     "the title proper: Title(uniform, preferred); $a $n $p joined by '. ', $b by ': '",
     "the first title; 'A: B' as $a A $b B (' :' and ' /' when Leader/18 is a or i)"),
    ("130, 240", "titles",
     "the uniform title of the work: Title(uniform, preferred) from $a $n $p $k",
     "a later preferred title: 240 with a main entry, else 130"),
    ("246", "titles",
     "Title(form variant): ind2 1 translated; $i naming a colophon colophon; $i "
     "'supplied'/'devised' supplied; else uniform",
     "variants, colophon, supplied and translated titles: 246 3_ (ind2 1 for translated; "
     "$i 'Title from colophon:', 'Supplied title:')"),
    ("260, 264 $a $c", "place_as_written, date_as_written",
     "the first 264 _0, else 264 _1, else 260; ISBD punctuation at the end removed",
     "replaced in that field (its ISBD punctuation kept), or a new 264 _0 (_1 for printed "
     "books and lithographs)"),
    ("300 $a $c", "physical.extent_as_written, leaf_count, page_count, height_mm, width_mm",
     "$a as written; '286 leaves', '212 ff.', '۲۸۶ برگ' leaves; '572 p.', '412 pages' "
     "pages; $c '24 x 16 cm' or '255 x 170 mm' height and width in mm",
     "$a the extent as written while it agrees with the counts, else 'N leaves'/'N pages'; "
     "$c 'H x W cm'"),
    ("340 $a $d", "physical.material, kind",
     "$a paper, parchment or vellum, palm leaf, silk, mixed; two materials mixed; else "
     "other; $d naming lithography makes a printed book a lithograph",
     "$a the material; $d lithography for a lithograph"),
    ("500, 510", "notes", "500 '$3: $a'; 510 '$a, $c'", "new notes as 500 $a"),
    ("505", "contents",
     "basic $a split on ' -- ', '(ff. 1v-45r)' at the end the locus, ' / ' the author; "
     "enhanced $g locus (or note), $t title, $r author",
     "new contents as one enhanced 505 00: $g locus $t title $r author, ' --' between"),
    ("546 $a $b", "physical.script_style, scripts, notes",
     "a hand named in $a (naskh, nastaʿlīq, shikasta, thuluth, muḥaqqaq, rayḥānī, kufic, "
     "tawqīʿ, riqāʿ, dīwānī, maghribī, in Latin or Persian) is the script_style; $b script "
     "names or ISO 15924 codes the scripts (else the scripts of the 880s); a 546 naming "
     "neither is a note",
     "the hand replaced where the note names it, else '<Hand> script'; $b script names"),
    ("600, 610, 650, 651", "subjects",
     "main subfields, then $v $x $y $z, joined by ' -- '",
     "new headings as 650 _4: $a, then $x for each further part"),
    ("852 $a; $k $h $i $j $m", "institution; shelfmark",
     "$a the holding institution; the call-number subfields joined by spaces",
     "$a; a changed shelfmark as $j (ind1 4)"),
    ("856 $u", "identifier_url", "the first 856 whose ind2 is not 2", "856 4_ $u"),
    ("880 ($6)", "titles, agents: original-script forms",
     "linked by $6 (245 $6 880-01, 880 $6 245-01/(3/r); the 880 form is the preferred "
     "form, script from the code ((3 Arab, (N (Q Cyrl, (B Latn, (2 Hebr, (S Grek), in the "
     "record's first language; the Latin regular field is the romanised form (form and "
     "title_type 'romanised'); an 880 of another field counts as that field (a note, a "
     "heading); an 880 with no regular field stands for the tag its $6 names",
     "a title or name not in Latin script goes to an 880 linked both ways, the regular field "
     "taking the romanised form (see CONVENTIONS)"),
    ("883, $8 N\\p", "form 'machine_romanised'",
     "a regular field linked by $8 to an 883 with ind1 0 or 1 holds a machine romanisation",
     "a machine romanisation is marked $8 N\\p, with one 883 1_ $8 N\\p $a machine "
     "romanisation from the original script $q nuskha"),
)  # fmt: skip

CONVENTIONS: tuple[str, ...] = (
    "Merging: to_marc reads the record's source again and compares what it says with the "
    "Record, part by part. Fields whose values are unchanged are written back as they "
    "came; changed ones are replaced (245, 130 and 240 keep their indicators and other "
    "subfields, $c, $h..., and their $6 occurrence number; 008, 041, 260/264, 300, 340, "
    "546, 852 and 856 are edited in place, keeping the ISBD punctuation that ended a "
    "replaced value). Fields outside the crosswalk are never touched. New fields go in "
    "tag order, 880s in the order of the tags they stand for.",
    "Original script: the regular field takes the cataloguer's romanised form (form "
    "'romanised', or title_type 'romanised'); without one, "
    "nuskha.text.transliterate(original, 'Latn', language), marked as machine-made with "
    "$8 N\\p and an 883. A machine romanisation read back (form 'machine_romanised') is "
    "made again from the original rather than copied. New $6 occurrence numbers follow "
    "the record's highest; an orientation /r is added for Arabic and Hebrew script.",
    "Order: in Record.titles a romanised form follows the title it romanises, and forms "
    "of one title in different non-Latin scripts follow one another; each such group is "
    "one field and its 880s. Titles read back in the order 245, 130/240, 246.",
    "Language: titles and names read from MARC take the record's first language "
    "(008/35-37 or 041), whatever their script.",
    "Not crosswalked (kept as received, never written from the Record): former_shelfmarks, "
    "parts, provenance (561 stays in the record), physical.lines_per_page, decoration and "
    "binding, contents' incipits, explicits, colophons, dates, scribes and languages, and "
    "variant or translated name forms (authority data). 7XX name-title entries, 111/711 "
    "and 655 are kept as received.",
    "Text is stored as written: ZWNJ and Arabic-letter spellings (ي ك ى) in Persian are "
    "neither folded nor normalised.",
    "A new record (one with no MARC source) has Leader 'ntm a22 c 4500' (no ISBD "
    "punctuation) and an 008 dated the day it is written.",
)

# --- Code tables --------------------------------------------------------------------------

_RELATOR_CODES = {
    "aut": "author", "cre": "author", "scr": "scribe", "trl": "translator",
    "cmm": "commentator", "cwt": "commentator", "ilu": "illuminator", "ill": "illuminator",
    "bnd": "binder", "fmo": "owner", "own": "owner", "pat": "patron", "prt": "printer",
    "edt": "editor",
}  # fmt: skip
_RELATOR_TERMS = {
    "author": "author", "creator": "author", "scribe": "scribe", "copyist": "scribe",
    "translator": "translator", "commentator": "commentator",
    "commentator for written text": "commentator", "illuminator": "illuminator",
    "illustrator": "illuminator", "binder": "binder", "bookbinder": "binder",
    "former owner": "owner", "owner": "owner", "patron": "patron", "printer": "printer",
    "editor": "editor",
}  # fmt: skip
# What a role is written as. ill is the code for illustrator: an illuminator is ilu.
_ROLE_RELATORS = {
    "author": ("author", "aut"), "scribe": ("scribe", "scr"),
    "translator": ("translator", "trl"), "commentator": ("commentator", "cmm"),
    "illuminator": ("illuminator", "ilu"), "binder": ("binder", "bnd"),
    "owner": ("former owner", "fmo"), "patron": ("patron", "pat"),
    "printer": ("printer", "prt"), "editor": ("editor", "edt"),
}  # fmt: skip

# MARC codes beyond reference_data.LANGUAGES that partners' manuscripts use.
_MORE_LANGUAGES = (
    ("ur", "urd"), ("ps", "pus"), ("ku", "kur"), ("he", "heb"), ("hi", "hin"), ("sa", "san"),
    ("hy", "arm"), ("ka", "geo"), ("el", "gre"), ("mn", "mon"), ("tk", "tuk"), ("ba", "bak"),
)  # fmt: skip
_LANGUAGE_TAGS = {marc: tag for tag, marc, *_names in LANGUAGES} | {
    marc: tag for tag, marc in _MORE_LANGUAGES
}
_MARC_LANGUAGES = {tag: marc for marc, tag in _LANGUAGE_TAGS.items()}
_NO_LANGUAGE = {"", "und", "mul", "zxx", "|||"}

# Script identification codes of $6 (MARC 21 Specifications, alternate graphic
# representation) to ISO 15924, and back.
_SCRIPT_CODES = {"(3": "Arab", "(N": "Cyrl", "(Q": "Cyrl", "(B": "Latn", "(2": "Hebr", "(S": "Grek"}
_MARC_SCRIPTS = {"Arab": "(3", "Aran": "(3", "Cyrl": "(N", "Latn": "(B", "Hebr": "(2", "Grek": "(S"}
_RIGHT_TO_LEFT = {"Arab", "Aran", "Hebr", "Syrc", "Thaa"}
_SCRIPT_NAMES = {name.lower(): code for code, name in SCRIPTS}
_SCRIPT_LABELS = dict(SCRIPTS)

# A hand's name is a whole word, in Latin or Arabic script (نسخ is not نسخه).
_WORD_START = r"(?<![\w\u0600-\u06ff])"
_WORD_END = r"(?![\w\u0600-\u06ff])"
_YEH = "[یي]"
# (code, label written to 546, pattern): hands in Latin transcription and in Persian.
_SCRIPT_STYLES: tuple[tuple[str, str, str], ...] = (
    ("nastaliq", "nastaʿlīq", rf"nasta[ʿʻ'’`]?l[iīy]{{1,2}}q|nastaleeq|نستعل{_YEH}ق"),
    ("naskh", "naskh", r"naskh[iī]?|نسخ"),
    ("shikasta", "shikasta", r"sh[iea]kast[ae]h?|شکسته|شكسته"),
    ("thuluth", "thuluth", r"thulu?th|sul[uü]s|ثلث"),
    ("muhaqqaq", "muḥaqqaq", r"mu[hḥ]aqqaq|محقق"),
    ("rayhani", "rayḥānī", rf"ra[iy][hḥ][aā]n[iī]?|ر{_YEH}حان{_YEH}?"),
    ("kufic", "kufic", rf"k[uū]f[iī]c?|[کك]وف{_YEH}"),
    ("tawqi", "tawqīʿ", rf"tawq[iī][ʿʻ'’]?|توق{_YEH}ع"),
    ("riqa", "riqāʿ", r"riq[aā][ʿʻ'’]?|ruq[ʿʻ'’]?ah?|رقاع|رقعه"),
    ("diwani", "dīwānī", rf"d[iī][wv][aā]n[iī]|د{_YEH}وان{_YEH}"),
    ("maghribi", "maghribī", rf"maghrib[iī]|مغرب{_YEH}"),
    ("arabic_type", "Arabic type", r"arabic type"),
)
_STYLE_PATTERNS = [
    (code, re.compile(f"{_WORD_START}(?:{pattern}){_WORD_END}", re.IGNORECASE))
    for code, _label, pattern in _SCRIPT_STYLES
]
_STYLE_LABELS = {code: label for code, label, _pattern in _SCRIPT_STYLES} | {
    "lithographic_nastaliq": "lithographed nastaʿlīq",
    "lithographic_naskh": "lithographed naskh",
}
_LITHOGRAPH = re.compile(r"litho|چاپ سنگی", re.IGNORECASE)

_MATERIALS = (
    ("parchment", r"parchment|vellum"), ("palm_leaf", r"palm"), ("silk", r"silk"),
    ("paper", r"paper"), ("mixed", r"mixed"),
)  # fmt: skip
_MATERIAL_LABELS = {"palm_leaf": "palm leaf", "mixed": "mixed materials"}

_KINDS = {"t": "manuscript", "a": "printed_book", "p": "archival_document"}
_LEADER_TYPES = {
    "manuscript": "t",
    "printed_book": "a",
    "lithograph": "a",
    "archival_document": "p",
}

# A new record: manuscript language material, monograph, UTF-8, no ISBD punctuation (c).
_NEW_LEADER = "00000ntm a2200000 c 4500"
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_MACHINE_NOTE = "machine romanisation from the original script"

# --- Reading binary MARC ------------------------------------------------------------------


def read_marc(data: bytes) -> Iterator[Parsed]:
    """Each record of a binary MARC 21 file, in order; a bad one is reported, not raised.

    Records are cut at the record terminator rather than by their stated length, so a
    record whose length is wrong spoils only itself.
    """
    for position, chunk in enumerate(_chunks(data), start=1):
        yield _parsed_chunk(position, chunk)


def record_encoding(chunk: bytes) -> str:
    """ "utf-8" or "marc-8": how to read one binary record.

    Leader/09 'a' means UTF-8. A blank Leader/09 is often wrong: a record with non-ASCII
    bytes that decode as UTF-8 and no MARC-8 escape sequence (ESC, which UTF-8 text never
    holds) is read as UTF-8; pymarc would otherwise garble it as MARC-8.
    """
    if chunk[9:10] == b"a":
        return "utf-8"
    if chunk.isascii() or b"\x1b" in chunk:
        return "marc-8"
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError:
        return "marc-8"
    return "utf-8"


def _chunks(data: bytes) -> Iterator[bytes]:
    pieces = data.split(b"\x1d")
    for index, piece in enumerate(pieces):
        piece = piece.lstrip(b"\r\n\t \x00")
        if not piece:
            continue
        is_last = index == len(pieces) - 1
        yield piece if is_last else piece + b"\x1d"


def _parsed_chunk(position: int, chunk: bytes) -> Parsed:
    label = _control_number_in(chunk)
    marc, error = _parse_chunk(chunk)
    if marc is None:
        return Parsed(position, None, error, label)
    try:
        record = _record(marc)
    except FormatError as reason:
        return Parsed(position, None, str(reason), label)
    record.source, record.source_format = chunk, "marc21"
    return Parsed(position, record, "", record.control_number or label)


def _parse_chunk(chunk: bytes) -> tuple[pymarc.Record | None, str]:
    """The record in chunk, or None and why it cannot be read."""
    is_utf8 = record_encoding(chunk) == "utf-8"
    reader = pymarc.MARCReader(
        chunk, to_unicode=True, force_utf8=is_utf8, hide_utf8_warnings=True, permissive=True
    )
    marc = next(reader, None)
    if marc is None:
        return None, _reason(reader.current_exception, chunk)
    return marc, ""


_READER_ERRORS: dict[type[Exception], str] = {
    marc_errors.RecordLengthInvalid: "leader: the record length (bytes 0-4) is not a number",
    marc_errors.TruncatedRecord: "leader: the record is shorter than its stated length",
    marc_errors.EndOfRecordNotFound: "leader: the stated length does not end at the record "
    "terminator",
    marc_errors.RecordLeaderInvalid: "leader: shorter than 24 characters",
    marc_errors.BaseAddressNotFound: "leader: no base address of data (bytes 12-16)",
    marc_errors.BaseAddressInvalid: "leader: the base address of data (bytes 12-16) lies "
    "beyond the record",
    marc_errors.RecordDirectoryInvalid: "directory: its length is not a multiple of 12",
    marc_errors.NoFieldsFound: "directory: the record has no fields",
}


def _reason(error: Exception | None, chunk: bytes) -> str:
    if error is None:
        return "the record is empty"
    if isinstance(error, UnicodeDecodeError):
        return _undecodable_field(chunk)
    for kind, message in _READER_ERRORS.items():
        if isinstance(error, kind):
            return message
    if isinstance(error, ValueError):
        return f"directory: an entry's length or offset is not a number ({error})"
    return f"{type(error).__name__}: {error}"


def _directory(chunk: bytes) -> list[tuple[str, bytes]]:
    """(tag, data) for each directory entry; ValueError or IndexError when it is unreadable."""
    base = int(chunk[12:17])
    directory = chunk[24 : base - 1]
    entries = []
    for start in range(0, len(directory) - len(directory) % 12, 12):
        entry = directory[start : start + 12]
        length, offset = int(entry[3:7]), int(entry[7:12])
        data = chunk[base + offset : base + offset + length - 1]
        entries.append((entry[:3].decode("ascii", "replace"), data))
    return entries


def _control_number_in(chunk: bytes) -> str:
    """The 001 of a record that may not be readable, to name it in an error."""
    try:
        entries = _directory(chunk)
    except (ValueError, IndexError):
        return ""
    for tag, data in entries:
        if tag == "001":
            return data.decode("utf-8", "replace").strip()
    return ""


def _undecodable_field(chunk: bytes) -> str:
    try:
        entries = _directory(chunk)
    except (ValueError, IndexError):
        entries = []
    for tag, data in entries:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            where = f"byte {error.start} of the field"
            return f"{tag}: not valid UTF-8 ({where}), though Leader/09 says UTF-8"
    return "the record is not valid UTF-8, though Leader/09 says UTF-8"


# --- Reading MARCXML ----------------------------------------------------------------------


def read_marcxml(data: bytes) -> Iterator[Parsed]:
    """Each record of a MARCXML <collection> (or a single <record>), in order.

    A document that is not well-formed, or that has a DOCTYPE or entities, raises
    FormatError at once; a bad record within a good document is reported in its Parsed.
    """
    root = parse_xml(data, "the MARCXML document")  # refuses DOCTYPEs and entities
    name = _marcxml_name(root)
    if name == "record":
        return _parsed_elements([root])
    if name == "collection":
        return _parsed_elements([child for child in root if _marcxml_name(child) == "record"])
    raise FormatError(f"the MARCXML document's root is {root.tag}, not a collection or record")


def _marcxml_name(element: etree._Element) -> str:
    """The local name of a MARCXML element ('' for another namespace, a comment...)."""
    if not isinstance(element.tag, str):
        return ""
    name = etree.QName(element)
    return name.localname if name.namespace in (SLIM, None) else ""


def _parsed_elements(elements: list[etree._Element]) -> Iterator[Parsed]:
    for position, element in enumerate(elements, start=1):
        label = _controlfield_text(element, "001")
        try:
            marc = _marc_from_element(element)
            record = record_from_marc(marc)
        except FormatError as reason:
            yield Parsed(position, None, str(reason), label)
            continue
        yield Parsed(position, record, "", record.control_number or label)


def _controlfield_text(element: etree._Element, tag: str) -> str:
    for child in element:
        if _marcxml_name(child) == "controlfield" and child.get("tag") == tag:
            return (child.text or "").strip()
    return ""


def _marc_from_element(element: etree._Element) -> pymarc.Record:
    leader = ""
    fields = []
    for child in element:
        name = _marcxml_name(child)
        if name == "leader":
            leader = child.text or ""
        elif name == "controlfield":
            fields.append(_controlfield(child))
        elif name == "datafield":
            fields.append(_datafield(child))
    if len(leader) != 24:
        raise FormatError(f"leader: {len(leader)} characters, not 24")
    marc = pymarc.Record(leader=leader)
    marc.fields = fields
    return marc


def _controlfield(element: etree._Element) -> Field:
    tag = element.get("tag", "")
    if not (len(tag) == 3 and tag.isdigit() and tag < "010"):
        raise FormatError(f"controlfield {tag or '(no tag)'}: control fields are 001-009")
    return Field(tag=tag, data=element.text or "")


def _datafield(element: etree._Element) -> Field:
    tag = element.get("tag", "")
    if not re.fullmatch(r"[0-9A-Za-z]{3}", tag) or (tag.isdigit() and tag < "010"):
        raise FormatError(f"datafield {tag or '(no tag)'}: not a data field tag")
    indicators = (element.get("ind1", " "), element.get("ind2", " "))
    if any(len(indicator) != 1 for indicator in indicators):
        raise FormatError(f"{tag}: an indicator must be one character, not {indicators}")
    subfields = []
    for child in element:
        if _marcxml_name(child) != "subfield":
            continue
        code = child.get("code", "")
        if len(code) != 1:
            raise FormatError(f"{tag}: a subfield code must be one character, not {code!r}")
        subfields.append(Subfield(code, child.text or ""))
    return Field(tag, Indicators(*indicators), subfields)


# --- From MARC to the Record --------------------------------------------------------------


def record_from_marc(marc: pymarc.Record) -> Record:
    """The Record a MARC record describes, with the MARC record kept as its source."""
    record = _record(marc)
    record.source, record.source_format = _transmission_bytes(marc), "marc21"
    return record


def _record(marc: pymarc.Record) -> Record:
    record, units = _read(marc)
    if not any(unit.tag == "245" and unit.items for unit in units):
        raise FormatError("245: no title ($a is empty or the field is missing)")
    return record


@dataclass
class _Link:
    """A parsed $6: the linked tag, occurrence number and script of an 880 pair."""

    tag: str
    occurrence: str
    script: str = ""


@dataclass
class _Unit:
    """A field with the 880s that give it in other scripts: read, kept or replaced together.

    An 880 that no field links to stands alone, read as the tag its $6 names.
    """

    field: Field
    tag: str
    originals: list[Field] = dataclass_field(default_factory=list)
    section: str = ""
    items: list[Any] = dataclass_field(default_factory=list)

    @property
    def fields(self) -> list[Field]:
        return [self.field, *self.originals]


@dataclass
class _Context:
    language: str  # the record's first language: the language of its titles and names
    machine_links: set[str]  # $8 link numbers of fields that an 883 says are machine-made


def _read(marc: pymarc.Record) -> tuple[Record, list[_Unit]]:
    """The Record and the units it was read from (to_marc compares the two)."""
    record = Record()
    for scalar in _SCALARS:
        scalar.read(marc, record)
    units = _units(marc)
    context = _Context(record.languages[0] if record.languages else "", _machine_links(marc))
    for section in _SECTIONS:
        section_units = [unit for unit in units if section.accepts(unit)]
        for unit in section_units:
            unit.section, unit.items = section.name, section.read(unit, context)
        ordered = sorted(section_units, key=section.order)
        setattr(record, section.name, [item for unit in ordered for item in unit.items])
    return record, units


_LINKAGE = re.compile(r"(\d{3})-(\d{2,})(?:/([^/]*))?")


def _linkage(field: Field) -> _Link | None:
    if field.is_control_field():
        return None
    match = _LINKAGE.match(_first_value(field, "6"))
    if match is None:
        return None
    return _Link(match[1], match[2], _SCRIPT_CODES.get(match[3] or "", ""))


def _units(marc: pymarc.Record) -> list[_Unit]:
    """Each field with the 880s linked to it, in field order; unlinked 880s at the end."""
    alternates: dict[tuple[str, str], list[Field]] = {}
    loose = []
    for field in marc.get_fields("880"):
        link = _linkage(field)
        if link and link.occurrence.strip("0"):
            alternates.setdefault((link.tag, link.occurrence), []).append(field)
        else:
            loose.append(field)
    units = []
    for field in marc.fields:
        if field.tag == "880":
            continue
        link = _linkage(field)
        key = (field.tag, link.occurrence) if link and link.tag == "880" else ("", "")
        units.append(_Unit(field, field.tag, alternates.pop(key, [])))
    strays = loose + [field for fields in alternates.values() for field in fields]
    for field in sorted(strays, key=marc.fields.index):
        link = _linkage(field)
        units.append(_Unit(field, link.tag if link else "880"))
    return units


def _field_script(field: Field, text: str) -> str:
    link = _linkage(field) if field.tag == "880" else None
    return link.script if link and link.script else script_of(text)


def _machine_links(marc: pymarc.Record) -> set[str]:
    links: set[str] = set()
    for field in marc.get_fields("883"):
        if field.indicator1 in ("0", "1"):
            links.update(link for link, kind in _field_links(field) if kind == "p")
    return links


def _field_links(field: Field) -> list[tuple[str, str]]:
    """(link number, link type) of each $8 (field link and sequence number, e.g. 1\\p)."""
    if field.is_control_field():
        return []
    found = []
    for value in field.get_subfields("8"):
        match = re.match(r"(\d+)(?:\.\d+)?(?:\\(\w))?", value)
        if match:
            found.append((match[1], match[2] or ""))
    return found


def _is_machine_made(field: Field, context: _Context) -> bool:
    return any(link in context.machine_links for link, kind in _field_links(field) if kind == "p")


# Cleaning what MARC adds around values: ISBD separators and the full stop ending a field.
_TRAILING = re.compile(r"[\s,;:/=،؛]+$")
_ABBREVIATIONS = {"cent", "approx", "illus", "facsim", "fols", "misc"}


def _clean(value: str) -> str:
    """value without the ISBD punctuation that ends it; a full stop after an initial or an
    abbreviation (A.H., ca., 17th cent.) stays."""
    text = _TRAILING.sub("", value.strip())
    if text.endswith(".") and not text.endswith("..") and _ends_a_sentence(text[:-1]):
        text = _TRAILING.sub("", text[:-1])
    return text


def _ends_a_sentence(text: str) -> bool:
    """Whether a full stop after text ends the field rather than an abbreviation: not after
    A.H or ه.ق, a Latin word of under four letters (ca., Jr.), or one Arabic letter (ق.)."""
    tokens = text.split()
    if not tokens or "." in tokens[-1]:
        return False
    token = tokens[-1]
    if token[-1].isdigit() or token[-1] in ")]":
        return True
    letters = re.search(r"[^\W\d_]+$", token)
    if letters is None:
        return False
    if script_of(letters.group()) == "Arab":
        return len(letters.group()) >= 2
    return len(letters.group()) >= 4 and letters.group().lower() not in _ABBREVIATIONS


def _joined(field: Field, codes: str, separator: str = " ") -> str:
    return _clean(separator.join(value for value in field.get_subfields(*codes) if value.strip()))


def _first_field(marc: pymarc.Record, tag: str) -> Field | None:
    fields = marc.get_fields(tag)
    return fields[0] if fields else None


def _first_value(field: Field, code: str) -> str:
    # A loop, not field.get_subfields(code)[0]: every field's $6 is read on each export.
    for subfield in field.subfields:
        if subfield.code == code:
            return subfield.value
    return ""


# Titles


def _read_titles(unit: _Unit, context: _Context) -> list[Title]:
    title_type, form = _title_kind(unit)
    text = _title_text(unit.field, unit.tag)
    if not unit.originals:
        if not text:
            return []
        script = _field_script(unit.field, text)
        return [Title(text, context.language, script, form, title_type=title_type)]
    titles = [
        Title(original, context.language, _field_script(field, original), form, title_type)
        for field in unit.originals
        if (original := _title_text(field, unit.tag))
    ]
    if text:
        titles.append(_romanised_title(unit.field, text, context, title_type))
    return titles


def _romanised_title(field: Field, text: str, context: _Context, title_type: str) -> Title:
    form = _romanised_form(field, text, context)
    return Title(
        text,
        context.language,
        script_of(text),
        form,
        title_type=title_type if form == "variant" else "romanised",
    )


def _romanised_form(field: Field, text: str, context: _Context) -> str:
    """How the regular field of an 880 pair came about: romanised by a cataloguer or by
    machine, or (not in Latin script) a variant."""
    if script_of(text) != "Latn":
        return "variant"
    return "machine_romanised" if _is_machine_made(field, context) else "romanised"


def _title_kind(unit: _Unit) -> tuple[str, str]:
    """(title_type, form) of the titles a field gives."""
    if unit.tag != "246":
        return "uniform", "preferred"
    display = _first_value(unit.field, "i").lower()
    if unit.field.indicator2 == "1":
        return "translated", "variant"
    if "colophon" in display:
        return "colophon", "variant"
    if "supplied" in display or "devised" in display:
        return "supplied", "variant"
    return "uniform", "variant"


def _title_text(field: Field, tag: str) -> str:
    """The title with its parts: $a, $n, $p (and $k of a uniform title) joined by '. ',
    the remainder of the title ($b) by ': '."""
    codes = "anpk" if tag in ("130", "240") else "abnp"
    text = ""
    for subfield in field.subfields:
        piece = _clean(subfield.value) if subfield.code in codes else ""
        if piece:
            text += (": " if subfield.code == "b" else ". ") * bool(text) + piece
    return text


# Agents


def _read_agents(unit: _Unit, context: _Context) -> list[AgentRef]:
    field = unit.field
    roles, unknown = _roles(field)
    if not roles:
        roles = ["author"] if unit.tag in ("100", "110") and not unknown else [""]
    kind = "corporate" if unit.tag.endswith("10") else "person"
    names = _name_forms(unit, context)
    dates = _joined(field, "d") or next((_joined(f, "d") for f in unit.originals), "")
    identifiers = _identifiers(field)
    return [
        AgentRef(
            role, [replace(n) for n in names], kind, dates, dict(identifiers), "" if i else unknown
        )
        for i, role in enumerate(roles)
    ]


def _is_agent(unit: _Unit) -> bool:
    """A name, not a name-title entry: 700 $a $t is a work in the volume, not an agent."""
    return "t" not in unit.field


def _name_text(field: Field, tag: str) -> str:
    return _joined(field, "ab" if tag.endswith("10") else "abcq")


def _name_forms(unit: _Unit, context: _Context) -> list[Text]:
    text = _name_text(unit.field, unit.tag)
    if not unit.originals:
        return [Text(text, context.language, _field_script(unit.field, text))] if text else []
    names = [
        Text(name, context.language, _field_script(field, name))
        for field in unit.originals
        if (name := _name_text(field, unit.tag))
    ]
    if text:
        form = _romanised_form(unit.field, text, context)
        names.append(Text(text, context.language, script_of(text), form))
    return names


def _roles(field: Field) -> tuple[list[str], str]:
    """Our roles for the field's $e terms and $4 codes, and the terms that are none of them."""
    roles: list[str] = []
    unknown: list[str] = []
    for subfield in field.subfields:
        if subfield.code == "e":
            term = _clean(subfield.value)
            role = _RELATOR_TERMS.get(term.lower())
        elif subfield.code == "4":
            term = subfield.value.strip().rstrip("./").rsplit("/", 1)[-1]
            role = _RELATOR_CODES.get(term.lower())
        else:
            continue
        if role and role not in roles:
            roles.append(role)
        elif not role and term and term not in unknown:
            unknown.append(term)
    return roles, ", ".join(unknown)


_IDENTIFIER_URIS = (
    ("viaf", r"viaf\.org/viaf/(\d+)"),
    ("wikidata", r"wikidata\.org/(?:entity|wiki)/(Q\d+)"),
    ("isni", r"isni\.org/isni/(\w+)"),
    ("lc", r"id\.loc\.gov/(?:authorities|rwo)/names/(\w+)"),
)


def _identifiers(field: Field) -> dict[str, str]:
    identifiers: dict[str, str] = {}
    for value in field.get_subfields("0", "1"):
        key, identifier = _identifier(value.strip())
        identifiers.setdefault(key, identifier)
    return identifiers


def _identifier(value: str) -> tuple[str, str]:
    for key, pattern in _IDENTIFIER_URIS:
        if match := re.search(pattern, value):
            return key, match[1]
    if match := re.fullmatch(r"\(([^)]+)\)\s*(.+)", value):
        prefix = match[1].lower()
        return ("gnd" if prefix == "de-588" else "viaf" if prefix == "viaf" else prefix), match[2]
    return ("uri" if value.startswith("http") else "local"), value


# Contents, notes and subjects


def _read_contents(unit: _Unit, context: _Context) -> list[Content]:
    field = unit.field
    if any(subfield.code in "tgr" for subfield in field.subfields):
        return _enhanced_contents(field)
    parts = re.split(r"\s*--\s*", " ".join(field.get_subfields("a")))
    return [content for part in parts if (content := _basic_content(part))]


def _basic_content(part: str) -> Content | None:
    text = _clean(part)
    locus = ""
    if match := re.search(r"\s*\(([^()]*)\)$", text):
        if _is_locus(match[1]):
            locus, text = match[1].strip(), _clean(text[: match.start()])
    title, _slash, author = text.partition(" / ")
    if not (title or locus):
        return None
    return Content(locus=locus, title=_clean(title), author=_clean(author))


def _enhanced_contents(field: Field) -> list[Content]:
    """Contents from $g, $t, $r; ' --' at the end of a subfield closes one content."""
    contents: list[Content] = []
    current = Content()
    for subfield in field.subfields:
        if subfield.code == "t" and current.title:  # a missing ' --'
            contents.append(current)
            current = Content()
        _fill_content(current, subfield.code, _clean(re.sub(r"\s*--\s*$", "", subfield.value)))
        if subfield.value.rstrip().endswith("--"):
            contents.append(current)
            current = Content()
    contents.append(current)
    return [content for content in contents if content.title or content.locus]


def _fill_content(content: Content, code: str, value: str) -> None:
    if code == "t":
        content.title = value
    elif code == "r":
        content.author = value
    elif code == "g" and _is_locus(value) and not content.locus:
        content.locus = value
    elif code == "g":
        content.note = f"{content.note} {value}".strip()


def _is_locus(text: str) -> bool:
    try:
        parse_locus(text.strip())
    except LocusError:
        return False
    return True


def _read_notes(unit: _Unit, context: _Context) -> list[str]:
    return [note for field in unit.fields if (note := _note_text(field, unit.tag))]


def _note_text(field: Field, tag: str) -> str:
    if tag == "510":
        return ", ".join(piece for v in field.get_subfields("a", "c") if (piece := _clean(v)))
    text = " ".join(value.strip() for value in field.get_subfields("a") if value.strip())
    materials = _clean(_first_value(field, "3"))
    return f"{materials}: {text}" if materials and text else text


def _is_note(unit: _Unit) -> bool:
    return unit.tag != "546" or not _is_script_note(unit.field)


def _read_subjects(unit: _Unit, context: _Context) -> list[str]:
    return [heading for field in unit.fields if (heading := _heading(field))]


def _heading(field: Field) -> str:
    main: list[str] = []
    subdivisions: list[str] = []
    for subfield in field.subfields:
        if subfield.code in "vxyz":
            subdivisions.append(_clean(subfield.value))
        elif subfield.code.isalpha() and subfield.code != "e" and not subdivisions:
            main.append(subfield.value.strip())
    return " -- ".join(piece for piece in [_clean(" ".join(main)), *subdivisions] if piece)


# --- Sections: which fields carry which part of the Record --------------------------------


@dataclass(frozen=True)
class _Section:
    """A list in the Record, carried by repeatable fields: each field (with its 880s)
    gives some of the list's items, and new items become new fields."""

    name: str
    tags: frozenset[str]
    read: Callable[[_Unit, _Context], list[Any]]
    write: Callable[[list[Any], _Output], None]  # adds a field (or 880 pair) per new item
    accepts_unit: Callable[[_Unit], bool] = lambda unit: True
    order: Callable[[_Unit], int] = lambda unit: 0
    required: str = ""  # a tag the record cannot do without (245 for the titles)

    def accepts(self, unit: _Unit) -> bool:
        return unit.tag in self.tags and self.accepts_unit(unit)


@dataclass(frozen=True)
class _Scalar:
    """Values carried by one non-repeating field (or a position of the leader or 008)."""

    values: Callable[[Record], object]
    read: Callable[[pymarc.Record, Record], None]
    write: Callable[[pymarc.Record, Record], None]


# Control number, kind, material


def _read_control_number(marc: pymarc.Record, record: Record) -> None:
    field = _first_field(marc, "001")
    record.control_number = (field.data or "").strip() if field else ""


def _write_control_number(marc: pymarc.Record, record: Record) -> None:
    marc.remove_fields("001")
    if record.control_number:
        _insert(marc, Field(tag="001", data=record.control_number))


def _read_kind(marc: pymarc.Record, record: Record) -> None:
    record.kind = _KINDS.get(marc.leader[6], "manuscript")
    if record.kind == "printed_book" and _lithograph_subfields(marc):
        record.kind = "lithograph"


def _write_kind(marc: pymarc.Record, record: Record) -> None:
    code = _LEADER_TYPES.get(record.kind, "t")
    # A leader that already says the kind keeps its code (d, manuscript music, is a manuscript).
    if _KINDS.get(marc.leader[6], "manuscript") != _KINDS[code]:
        marc.leader = _leader_with(marc.leader, 6, code)
    is_lithograph = bool(_lithograph_subfields(marc))
    if record.kind == "lithograph" and not is_lithograph:
        _ensure_field(marc, "340").add_subfield("d", "lithography")
    elif record.kind != "lithograph" and is_lithograph:
        for field, subfield in _lithograph_subfields(marc):
            field.subfields.remove(subfield)
        _drop_empty(marc, "340")


def _leader_with(leader: pymarc.Leader, position: int, value: str) -> pymarc.Leader:
    text = str(leader)
    return pymarc.Leader(text[:position] + value + text[position + len(value) :])


def _lithograph_subfields(marc: pymarc.Record) -> list[tuple[Field, Subfield]]:
    return [
        (field, subfield)
        for field in marc.get_fields("340")
        for subfield in field.subfields
        if subfield.code == "d" and "lithograph" in subfield.value.lower()
    ]


def _read_material(marc: pymarc.Record, record: Record) -> None:
    field = _first_field(marc, "340")
    values = field.get_subfields("a") if field else []
    materials = {_material(value) for value in values}
    record.physical.material = (
        "" if not materials else materials.pop() if len(materials) == 1 else "mixed"
    )


def _material(text: str) -> str:
    for code, pattern in _MATERIALS:
        if re.search(pattern, text, re.IGNORECASE):
            return code
    return "other"


def _write_material(marc: pymarc.Record, record: Record) -> None:
    field = _ensure_field(marc, "340")
    while "a" in field:
        field.delete_subfield("a")
    material = record.physical.material
    if material:
        field.add_subfield("a", _MATERIAL_LABELS.get(material, material), pos=0)
    _drop_empty(marc, "340")


# Dates and languages (008, 041)


def _read_dates(marc: pymarc.Record, record: Record) -> None:
    field = _first_field(marc, "008")
    data = (field.data or "") if field else ""
    record.date_earliest_year, record.date_latest_year = _years(data[6:7], data[7:11], data[11:15])


def _years(kind: str, date1: str, date2: str) -> tuple[int | None, int | None]:
    first, second = _year_span(date1), _year_span(date2)
    if kind in ("q", "m", "i", "k"):
        return (first[0] if first else None), (second[1] if second else None)
    if kind in ("s", "e", "t", "r", "p", "c", "d", "u") and first:
        return first
    return None, None


def _year_span(text: str) -> tuple[int, int] | None:
    """'1601' is 1601-1601, '16uu' 1600-1699; blanks, fill and 9999 give nothing."""
    if not re.fullmatch(r"\d{1,4}u*", text) or len(text) != 4 or text == "9999":
        return None
    return int(text.replace("u", "0")), int(text.replace("u", "9"))


def _write_dates(marc: pymarc.Record, record: Record) -> None:
    coded = _coded_years(record.date_earliest_year, record.date_latest_year)
    _set_008(marc, 6, coded)


def _coded_years(earliest: int | None, latest: int | None) -> str:
    def year(value: int | None) -> str:
        return f"{value:04d}" if value is not None and 0 <= value <= 9999 else "uuuu"

    if earliest is None and latest is None:
        return "nuuuuuuuu"
    if earliest == latest:
        return f"s{year(earliest)}    "
    return f"q{year(earliest)}{year(latest)}"


def _set_008(marc: pymarc.Record, position: int, value: str) -> None:
    field = _first_field(marc, "008")
    if field is None:
        field = Field(tag="008", data=_new_008())
        _insert(marc, field)
    data = (field.data or "").ljust(40)
    field.data = data[:position] + value + data[position + len(value) :]


def _new_008() -> str:
    # Books 008 for manuscript language material: place unknown (xx), positions 18-34 not
    # coded (|), language und, cataloguing source other (d).
    entered = date.today().strftime("%y%m%d")
    return f"{entered}nuuuuuuuuxx {'|' * 17}und d"


def _read_languages(marc: pymarc.Record, record: Record) -> None:
    field = _first_field(marc, "008")
    codes = [((field.data or "") if field else "")[35:38]]
    for language_field in marc.get_fields("041"):
        for value in language_field.get_subfields("a"):
            value = value.strip()
            codes.extend(value[i : i + 3] for i in range(0, len(value), 3))
    tags = [
        _language_tag(code.strip().lower())
        for code in codes
        if code.strip().lower() not in _NO_LANGUAGE
    ]
    record.languages = list(dict.fromkeys(tags))


def _language_tag(marc_code: str) -> str:
    """The BCP 47 tag for a MARC language code; a code we do not know is kept as it is."""
    return _LANGUAGE_TAGS.get(marc_code, marc_code)


def _marc_language(tag: str) -> str:
    """The MARC language code for a BCP 47 tag ("fa-Latn" is per); "und" when unknown."""
    base = tag.split("-")[0].lower()
    if base in _MARC_LANGUAGES:
        return _MARC_LANGUAGES[base]
    return base if len(base) == 3 else "und"


def _write_languages(marc: pymarc.Record, record: Record) -> None:
    codes = list(dict.fromkeys(_marc_language(tag) for tag in record.languages))
    _set_008(marc, 35, codes[0] if codes else "und")
    fields = marc.get_fields("041")
    for field in fields:
        while "a" in field:
            field.delete_subfield("a")
    if len(codes) > 1:
        field = fields[0] if fields else _ensure_field(marc, "041", Indicators("0", " "))
        for position, code in enumerate(codes):
            field.add_subfield("a", code, pos=position)
    _drop_empty(marc, "041")


# Production (260/264)


def _production_field(marc: pymarc.Record) -> Field | None:
    fields = marc.get_fields("264")
    for second in ("0", "1"):
        for field in fields:
            if field.indicator2 == second:
                return field
    return _first_field(marc, "260")


def _read_production(marc: pymarc.Record, record: Record) -> None:
    field = _production_field(marc)
    record.place_as_written = _clean(_first_value(field, "a")) if field else ""
    record.date_as_written = _clean(_first_value(field, "c")) if field else ""


def _write_production(marc: pymarc.Record, record: Record) -> None:
    field = _production_field(marc)
    if field is None:
        second = "1" if record.kind in ("printed_book", "lithograph") else "0"
        field = _new_field(marc, "264", Indicators(" ", second))
    _set_subfield(field, "a", record.place_as_written)
    _set_subfield(field, "c", record.date_as_written)
    _drop_empty(marc, field.tag)


# Physical description (300)

_UNITS = (
    ("leaves", r"leaves|leaf|ff?\.|fols?\.?|folios?|برگ|ورق|л\."),
    ("pages", r"p\.|pp\.|pages?|صفحه|ص\.?|с\."),
)


def _read_extent(marc: pymarc.Record, record: Record) -> None:
    field = _first_field(marc, "300")
    physical = record.physical
    physical.extent_as_written = _joined(field, "a") if field else ""
    physical.leaf_count, physical.page_count = _counts(physical.extent_as_written)
    physical.height_mm, physical.width_mm = _dimensions(_joined(field, "c") if field else "")


def _counts(extent: str) -> tuple[int | None, int | None]:
    """(leaves, pages) that an extent such as '286 leaves' or 'iii, 572 p.' states."""
    text = extent.translate(_DIGITS)
    counts: dict[str, int | None] = {"leaves": None, "pages": None}
    for unit, words in _UNITS:
        if match := re.search(rf"(\d+)(?:,\s*[ivxlc]+)?\s*(?:{words})(?!\w)", text, re.IGNORECASE):
            counts[unit] = int(match[1])
    return counts["leaves"], counts["pages"]


def _dimensions(text: str) -> tuple[int | None, int | None]:
    text = text.translate(_DIGITS).replace(",", ".").replace("٫", ".")  # Arabic decimal point
    number = r"(\d+(?:\.\d+)?)"
    if match := re.search(rf"{number}\s*[x×X]\s*{number}\s*(cm|mm)", text):
        scale = 10 if match[3] == "cm" else 1
        return round(float(match[1]) * scale), round(float(match[2]) * scale)
    if match := re.search(rf"{number}\s*(cm|mm)", text):
        return round(float(match[1]) * (10 if match[2] == "cm" else 1)), None
    return None, None


def _write_extent(marc: pymarc.Record, record: Record) -> None:
    physical = record.physical
    field = _ensure_field(marc, "300")
    _set_subfield(
        field,
        "a",
        _extent_text(physical.extent_as_written, physical.leaf_count, physical.page_count),
    )
    dimensions = (physical.height_mm, physical.width_mm)
    if _dimensions(_joined(field, "c")) != dimensions:
        _set_subfield(field, "c", _dimensions_text(*dimensions))
    _drop_empty(marc, "300")


def _extent_text(written: str, leaves: int | None, pages: int | None) -> str:
    if _counts(written) == (leaves, pages) or (leaves is None and pages is None):
        return written
    return f"{leaves} leaves" if leaves is not None else f"{pages} pages"


def _dimensions_text(height: int | None, width: int | None) -> str:
    def centimetres(millimetres: int) -> str:
        return f"{millimetres / 10:g}"

    if height is None:
        return ""
    if width is None:
        return f"{centimetres(height)} cm"
    return f"{centimetres(height)} x {centimetres(width)} cm"


# Hand and scripts (546)


def _is_script_note(field: Field) -> bool:
    return "b" in field or bool(_style_match(" ".join(field.get_subfields("a"))))


def _style_match(text: str) -> tuple[str, re.Match[str]] | None:
    """The hand the text names first, with where it names it."""
    found = [
        (match.start(), code, match)
        for code, pattern in _STYLE_PATTERNS
        if (match := pattern.search(text))
    ]
    if not found:
        return None
    _start, code, match = min(found, key=lambda item: item[0])
    if code in ("naskh", "nastaliq") and _LITHOGRAPH.search(text):
        code = f"lithographic_{code}"
    return code, match


def _script_notes(marc: pymarc.Record) -> list[Field]:
    return [field for field in marc.get_fields("546") if _is_script_note(field)]


def _read_script(marc: pymarc.Record, record: Record) -> None:
    fields = _script_notes(marc)
    styles = [
        found[0] for field in fields if (found := _style_match(" ".join(field.get_subfields("a"))))
    ]
    record.physical.script_style = styles[0] if styles else ""
    scripts = [_script_code(value) for field in fields for value in field.get_subfields("b")]
    record.scripts = list(dict.fromkeys(code for code in scripts if code)) or _scripts_of_880s(marc)


def _script_code(name: str) -> str:
    text = _clean(name)
    if re.fullmatch(r"[A-Z][a-z]{3}", text):
        return text
    return _SCRIPT_NAMES.get(text.lower(), "")


def _scripts_of_880s(marc: pymarc.Record) -> list[str]:
    links = [_linkage(field) for field in marc.get_fields("880")]
    return list(dict.fromkeys(link.script for link in links if link and link.script))


def _write_script(marc: pymarc.Record, record: Record) -> None:
    view = Record()
    _read_script(marc, view)
    fields = _script_notes(marc)
    field = fields[0] if fields else _new_field(marc, "546")
    style = record.physical.script_style
    if view.physical.script_style != style:
        _set_subfield(field, "a", _style_text(_joined(field, "a"), style))
    if view.scripts != record.scripts:
        while "b" in field:
            field.delete_subfield("b")
        for code in record.scripts:
            field.add_subfield("b", _SCRIPT_LABELS.get(code, code))
    _drop_empty(marc, "546")


def _style_text(text: str, style: str) -> str:
    """text with the hand it names replaced by style's label ('Persian; naskh script')."""
    label = _STYLE_LABELS.get(style, style)
    found = _style_match(text)
    if found and style:
        match = found[1]
        return text[: match.start()] + label + text[match.end() :]
    if found:
        return ""
    return f"{label[:1].upper()}{label[1:]} script" if style else text


# Holdings (852) and the record's address (856)


def _read_holding(marc: pymarc.Record, record: Record) -> None:
    field = _first_field(marc, "852")
    record.institution = _clean(_first_value(field, "a")) if field else ""
    record.shelfmark = _joined(field, "khijm") if field else ""


def _write_holding(marc: pymarc.Record, record: Record) -> None:
    field = _ensure_field(marc, "852", Indicators("4", " "))
    _set_subfield(field, "a", record.institution)
    if _joined(field, "khijm") != record.shelfmark:
        for code in "khijm":
            while code in field:
                field.delete_subfield(code)
        if record.shelfmark:
            field.indicators = Indicators("4", field.indicator2)
            field.add_subfield("j", record.shelfmark, pos=_position_after(field, "abcdefg"))
    _drop_empty(marc, "852")


def _url_field(marc: pymarc.Record) -> Field | None:
    for field in marc.get_fields("856"):
        if "u" in field and field.indicator2 != "2":
            return field
    return None


def _read_url(marc: pymarc.Record, record: Record) -> None:
    field = _url_field(marc)
    record.identifier_url = _first_value(field, "u").strip() if field else ""


def _write_url(marc: pymarc.Record, record: Record) -> None:
    field = _url_field(marc) or _new_field(marc, "856", Indicators("4", " "))
    _set_subfield(field, "u", record.identifier_url)
    _drop_empty(marc, "856")


# Editing fields in place


def _ensure_field(marc: pymarc.Record, tag: str, indicators: Indicators | None = None) -> Field:
    return _first_field(marc, tag) or _new_field(marc, tag, indicators)


def _new_field(marc: pymarc.Record, tag: str, indicators: Indicators | None = None) -> Field:
    field = Field(tag, indicators or Indicators(" ", " "), [])
    _insert(marc, field)
    return field


def _drop_empty(marc: pymarc.Record, tag: str) -> None:
    """A data field left with nothing but its linkage goes (MARCXML forbids an empty
    field), and the 880s that gave it in other scripts with it."""
    for field in marc.get_fields(tag):
        if not any(subfield.code not in "68" for subfield in field.subfields):
            link = _linkage(field)
            for alternate in marc.get_fields("880"):
                other = _linkage(alternate)
                if link and other and (other.tag, other.occurrence) == (tag, link.occurrence):
                    marc.remove_field(alternate)
            marc.remove_field(field)


def _set_subfield(field: Field, code: str, value: str) -> None:
    """Put value in the field's first $code, keeping the ISBD punctuation that ended the old
    value; add the subfield in code order, or take it out when value is empty."""
    for index, subfield in enumerate(field.subfields):
        if subfield.code != code:
            continue
        if not value:
            del field.subfields[index]
        elif _clean(subfield.value) != value:
            field.subfields[index] = Subfield(code, value + _ending(subfield.value))
        return
    if value:
        earlier = [i for i, s in enumerate(field.subfields) if s.code in "68" or s.code < code]
        field.add_subfield(code, value, pos=earlier[-1] + 1 if earlier else 0)


def _ending(value: str) -> str:
    """The ISBD punctuation after the value proper (' :' of 'Iṣfahān :')."""
    text = value.lstrip()
    cleaned = _clean(text)
    return text[len(cleaned) :] if text.startswith(cleaned) else ""


def _position_after(field: Field, codes: str) -> int:
    """The position after the last subfield whose code is in codes."""
    positions = [i + 1 for i, subfield in enumerate(field.subfields) if subfield.code in codes]
    return positions[-1] if positions else 0


def _insert(marc: pymarc.Record, field: Field) -> None:
    """Insert field in tag order, after the fields of its tag; an 880 among the 880s in
    the order of the tags they stand for."""
    tag, linked = _order_key(field)
    position = len(marc.fields)
    for index, existing in enumerate(marc.fields):
        # _order_key(existing) > (tag, linked), with the 880's linkage read only for an 880
        if existing.tag > tag or (
            existing.tag == tag == "880" and _order_key(existing)[1] > linked
        ):
            position = index
            break
    marc.fields.insert(position, field)


def _order_key(field: Field) -> tuple[str, str]:
    link = _linkage(field) if field.tag == "880" else None
    return field.tag, (link.tag if link else "")


_SCALARS: tuple[_Scalar, ...] = (
    _Scalar(lambda r: r.control_number, _read_control_number, _write_control_number),
    _Scalar(lambda r: r.physical.material, _read_material, _write_material),
    _Scalar(lambda r: r.kind, _read_kind, _write_kind),
    _Scalar(lambda r: (r.date_earliest_year, r.date_latest_year), _read_dates, _write_dates),
    _Scalar(lambda r: r.languages, _read_languages, _write_languages),
    _Scalar(lambda r: (r.place_as_written, r.date_as_written), _read_production, _write_production),
    _Scalar(
        lambda r: (
            r.physical.extent_as_written,
            r.physical.leaf_count,
            r.physical.page_count,
            r.physical.height_mm,
            r.physical.width_mm,
        ),
        _read_extent,
        _write_extent,
    ),
    _Scalar(lambda r: (r.physical.script_style, r.scripts), _read_script, _write_script),
    _Scalar(lambda r: (r.institution, r.shelfmark), _read_holding, _write_holding),
    _Scalar(lambda r: r.identifier_url, _read_url, _write_url),
)


# --- From the Record to MARC --------------------------------------------------------------


def to_marc(record: Record) -> pymarc.Record:
    """The MARC record for record: its source with the catalogue's values merged in, or a
    new record when it has no MARC source."""
    marc = _starting_record(record)
    view, units = _read(marc)
    links_before = _links_in_use(marc)
    for scalar in _SCALARS:
        if scalar.values(view) != scalar.values(record):
            scalar.write(marc, record)
    output = _Output(marc, units)
    for section in _SECTIONS:
        _reconcile(section, output, getattr(record, section.name))
    output.finish()
    _drop_orphaned_provenance(marc, links_before)
    if not _has_title_unit(marc):
        raise FormatError("245: the record has no title to write")
    marc.leader = _leader_with(marc.leader, 9, "a")
    return marc


def _has_title_unit(marc: pymarc.Record) -> bool:
    """Whether _units(marc) has a 245 unit, without building them: a 245, or an 880
    that stands for one (only a 245 can claim such an 880, so with none it stands alone)."""
    for field in marc.fields:
        if field.tag == "245":
            return True
        if field.tag == "880" and (link := _linkage(field)) and link.tag == "245":
            return True
    return False


def _starting_record(record: Record) -> pymarc.Record:
    if record.source_format == "marc21" and record.source:
        marc, error = _parse_chunk(record.source)
        if marc is None:
            raise FormatError(f"the record's MARC source cannot be read: {error}")
        return marc
    marc = pymarc.Record(leader=_NEW_LEADER)
    marc.fields = [Field(tag="008", data=_new_008())]
    return marc


class _Output:
    """The MARC record being written: where new fields go, and the numbers that link
    them ($6 occurrence numbers, $8 link numbers)."""

    def __init__(self, marc: pymarc.Record, units: list[_Unit]) -> None:
        self.marc = marc
        self.units = units
        self.dropped: list[_Unit] = []
        self._occurrence = max(
            (int(link.occurrence) for f in marc.fields if (link := _linkage(f))), default=0
        )
        self._link = max((int(link) for link, _kind in _links_in_use(marc)), default=0)
        self._machine_link = ""

    def has(self, *tags: str) -> bool:
        return any(field.tag in tags for field in self.marc.fields)

    def drop(self, unit: _Unit) -> None:
        for field in unit.fields:
            self.marc.remove_field(field)
        self.dropped.append(unit)

    def template(self, tag: str) -> _Unit | None:
        """A dropped unit of tag whose indicators and other subfields a new field keeps."""
        for unit in self.dropped:
            if unit.tag == tag and unit.field.tag == tag:
                self.dropped.remove(unit)
                return unit
        return None

    def add(self, fields: list[Field]) -> None:
        for field in fields:
            _insert(self.marc, field)

    def next_occurrence(self) -> str:
        self._occurrence += 1
        return f"{self._occurrence:02d}"

    def machine_mark(self) -> Subfield:
        """The $8 that marks a field as romanised by machine (one 883 explains them all)."""
        if not self._machine_link:
            self._link += 1
            self._machine_link = str(self._link)
        return Subfield("8", f"{self._machine_link}\\p")

    def finish(self) -> None:
        if self._machine_link:
            subfields = [
                Subfield("8", f"{self._machine_link}\\p"),
                Subfield("a", _MACHINE_NOTE),
                Subfield("q", "nuskha"),
            ]
            _insert(self.marc, Field("883", Indicators("1", " "), subfields))


def _links_in_use(marc: pymarc.Record) -> set[tuple[str, str]]:
    return {link for field in marc.fields if field.tag != "883" for link in _field_links(field)}


def _drop_orphaned_provenance(marc: pymarc.Record, links_before: set[tuple[str, str]]) -> None:
    """An 883 whose fields this export replaced no longer describes anything."""
    if not links_before:  # only links the record had before can be orphaned (a new record)
        return
    now = _links_in_use(marc)
    for field in marc.get_fields("883"):
        links = set(_field_links(field))
        if links and links <= links_before and not links & now:
            marc.remove_field(field)


def _reconcile(section: _Section, output: _Output, current: list[Any]) -> None:
    """Keep each unit whose items the Record still has, drop the others, and write the
    items no unit holds as new fields."""
    remaining = list(current)
    units = [unit for unit in output.units if unit.section == section.name]
    kept = [unit for unit in units if _take(remaining, unit.items)]
    if section.required and current and not remaining:
        if not any(unit.tag == section.required for unit in kept):
            # The field it requires went and nothing new can take its place (the title
            # proper was deleted, a 246 stays): write the whole list anew, first item first.
            kept, remaining = [], list(current)
    kept_ids = {id(unit) for unit in kept}
    for unit in units:
        if id(unit) not in kept_ids:
            output.drop(unit)
    section.write(remaining, output)


def _take(remaining: list[Any], items: list[Any]) -> bool:
    """Remove items from remaining if every one of them is there."""
    left = list(remaining)
    for item in items:
        if item not in left:
            return False
        left.remove(item)
    remaining[:] = left
    return True


# Forms of a title or a name: what the regular field carries and what goes to 880


@dataclass
class _Forms:
    latin: str  # the text of the regular field
    is_machine_made: bool
    originals: list[Text]  # forms in other scripts, one 880 each


def _script(text: Text) -> str:
    return text.script or script_of(text.text)


def _is_romanised(text: Text) -> bool:
    return text.form in ("romanised", "machine_romanised") or (
        isinstance(text, Title) and text.title_type == "romanised"
    )


def _forms(texts: Sequence[Text]) -> _Forms:
    originals = [t for t in texts if not _is_romanised(t) and _script(t) != "Latn"]
    plain = [t for t in texts if not _is_romanised(t) and _script(t) == "Latn"]
    by_cataloguer = [t for t in texts if _is_romanised(t) and t.form != "machine_romanised"]
    by_machine = [t for t in texts if t.form == "machine_romanised"]
    if plain:
        return _Forms(plain[0].text, False, originals)
    if by_cataloguer:
        return _Forms(by_cataloguer[0].text, False, originals)
    if originals:
        return _Forms(_romanise(originals[0]), True, originals)
    return _Forms(by_machine[0].text if by_machine else "", bool(by_machine), [])


def _romanise(text: Text) -> str:
    language = text.language.split("-")[0] or None
    try:
        return transliterate(text.text, "Latn", language)
    except ValueError:  # a language the tables do not cover: go by the script
        return transliterate(text.text, "Latn", None)


def _linked_fields(
    tag: str,
    indicators: Indicators,
    forms: _Forms,
    body: Callable[[str, str], list[Subfield]],
    output: _Output,
    occurrence: str = "",
) -> list[Field]:
    """The regular field (romanised) and an 880 for each original-script form. body gives
    the subfields for a text in a script."""
    head = [output.machine_mark()] if forms.is_machine_made else []
    if not forms.originals:
        return [Field(tag, indicators, head + body(forms.latin, "Latn"))]
    occurrence = occurrence or output.next_occurrence()
    linked = [Subfield("6", f"880-{occurrence}"), *head, *body(forms.latin, "Latn")]
    fields = [Field(tag, indicators, linked)]
    for original in forms.originals:
        script = _script(original)
        linkage = f"{tag}-{occurrence}/{_MARC_SCRIPTS.get(script, '')}"
        linkage += "/r" if script in _RIGHT_TO_LEFT else ""
        subfields = [Subfield("6", linkage), *body(original.text, script)]
        fields.append(Field("880", indicators, subfields))
    return fields


# Titles


def _write_titles(titles: list[Title], output: _Output) -> None:
    for group in _title_groups(titles):
        output.add(_title_fields(group, output))


def _title_groups(titles: list[Title]) -> list[list[Title]]:
    groups: list[list[Title]] = []
    for title in titles:
        if groups and _joins(groups[-1], title):
            groups[-1].append(title)
        else:
            groups.append([title])
    return groups


def _joins(group: list[Title], title: Title) -> bool:
    """Whether title is another form of the group's title: its romanisation, or the same
    title in another non-Latin script."""
    head = group[0]
    if _is_romanised(head) or _script(head) == "Latn" or any(map(_is_romanised, group)):
        return False
    if _is_romanised(title):
        return True
    same_kind = (title.title_type, title.form) == (head.title_type, head.form)
    return same_kind and _script(title) not in {"Latn", *map(_script, group)}


def _title_fields(group: list[Title], output: _Output) -> list[Field]:
    head = group[0]
    tag = _title_tag(head, output)
    template = output.template(tag) if tag in ("245", "130", "240") else None
    indicators = (template and template.field.indicators) or _title_indicators(tag, head, output)
    isbd = _has_isbd_punctuation(output.marc)

    def body(text: str, script: str) -> list[Subfield]:
        extras = _template_subfields(template, script)
        return _title_subfields(tag, text, head, isbd, bool(extras)) + extras

    link = _linkage(template.field) if template else None
    occurrence = link.occurrence if link and link.tag == "880" else ""
    return _linked_fields(tag, indicators, _forms(group), body, output, occurrence)


def _template_subfields(template: _Unit | None, script: str) -> list[Subfield]:
    """What a replaced title field held besides the title ($c, $h, $f...): from the field
    itself for the Latin form, from its 880 in the same script for an original."""
    if template is None:
        return []
    if script == "Latn":
        return _other_subfields(template.field, "abnpk68")
    for original in template.originals:
        if _field_script(original, _title_text(original, template.tag)) == script:
            return _other_subfields(original, "abnpk68")
    return []


_VARIANT_TYPES = ("colophon", "supplied", "translated")


def _title_tag(head: Title, output: _Output) -> str:
    """245 for the first title; 246 for variants; the uniform title of the work (240, or
    130 without a main entry) for a further preferred title."""
    if not output.has("245"):
        return "245"
    if head.form == "variant" or _is_romanised(head) or head.title_type in _VARIANT_TYPES:
        return "246"
    if not output.has("130", "240"):
        return "240" if output.has("100", "110", "111") else "130"
    return "246"


def _title_indicators(tag: str, head: Title, output: _Output) -> Indicators:
    if tag == "245":
        return Indicators("1" if output.has("100", "110", "111", "130") else "0", "0")
    if tag == "246":
        return Indicators("3", "1" if head.title_type == "translated" else " ")
    return Indicators("1", "0") if tag == "240" else Indicators("0", " ")


_DISPLAY_TEXTS = {"colophon": "Title from colophon:", "supplied": "Supplied title:"}


def _title_subfields(
    tag: str, text: str, head: Title, isbd: bool, has_more: bool
) -> list[Subfield]:
    """$a (and $b after ': ') of a title; with ISBD punctuation, ' :' before $b and ' /'
    before the statement of responsibility that follows."""
    if tag in ("130", "240"):
        return [Subfield("a", text)]
    title, _colon, remainder = text.partition(": ")
    display = _DISPLAY_TEXTS.get(head.title_type) if tag == "246" else None
    subfields = [Subfield("i", display)] if display else []
    subfields.append(Subfield("a", title + (" :" if isbd and remainder else "")))
    if remainder:
        subfields.append(Subfield("b", remainder))
    if isbd and has_more and tag == "245":
        subfields[-1] = Subfield(subfields[-1].code, subfields[-1].value + " /")
    return subfields


def _has_isbd_punctuation(marc: pymarc.Record) -> bool:
    return marc.leader[18] in ("a", "i")


def _other_subfields(field: Field, codes: str) -> list[Subfield]:
    return [subfield for subfield in field.subfields if subfield.code not in codes]


# Agents


def _write_agents(agents: list[AgentRef], output: _Output) -> None:
    for group in _agent_groups(agents):
        output.add(_agent_fields(group, output))


def _agent_groups(agents: list[AgentRef]) -> list[list[AgentRef]]:
    groups: list[list[AgentRef]] = []
    for agent in agents:
        if groups and _same_agent(groups[-1][0], agent) and agent.role not in _roles_of(groups[-1]):
            groups[-1].append(agent)
        else:
            groups.append([agent])
    return groups


def _roles_of(group: list[AgentRef]) -> set[str]:
    return {agent.role for agent in group}


def _same_agent(one: AgentRef, other: AgentRef) -> bool:
    return (one.names, one.kind, one.dates, one.identifiers) == (
        other.names,
        other.kind,
        other.dates,
        other.identifiers,
    )


def _agent_fields(group: list[AgentRef], output: _Output) -> list[Field]:
    head = group[0]
    names = [name for name in head.names if name.form in _EXPORTED_NAME_FORMS]
    forms = _forms(names)
    if not forms.latin:
        return []
    is_main = "author" in {a.role for a in group} and not output.has("100", "110", "111", "130")
    tag = ("1" if is_main else "7") + ("10" if head.kind == "corporate" else "00")
    indicators = Indicators(_name_indicator(head.kind, forms.latin), " ")
    roles = _relator_subfields(group)

    def body(name: str, script: str) -> list[Subfield]:
        dates = [Subfield("d", head.dates)] if head.dates else []
        return [Subfield("a", name), *dates, *roles]

    fields = _linked_fields(tag, indicators, forms, body, output)
    fields[0].subfields.extend(_identifier_subfields(head.identifiers))
    return fields


def _name_indicator(kind: str, name: str) -> str:
    """First indicator of X00/X10: 2 a name in direct order (bodies), 1 a surname first
    (inverted, with a comma), 0 a forename (most Persian and Arabic names)."""
    if kind == "corporate":
        return "2"
    return "1" if "," in name else "0"


_EXPORTED_NAME_FORMS = ("preferred", "romanised", "machine_romanised")


def _relator_subfields(group: list[AgentRef]) -> list[Subfield]:
    relators = [_ROLE_RELATORS[a.role] for a in group if a.role in _ROLE_RELATORS]
    terms = [Subfield("e", term) for term, _code in relators]
    terms += [Subfield("e", a.relator_term) for a in group if a.relator_term]
    return terms + [Subfield("4", code) for _term, code in relators]


def _identifier_subfields(identifiers: dict[str, str]) -> list[Subfield]:
    uris = {
        "viaf": ("1", "http://viaf.org/viaf/{}"),
        "wikidata": ("1", "http://www.wikidata.org/entity/{}"),
        "isni": ("1", "https://isni.org/isni/{}"),
        "lc": ("0", "http://id.loc.gov/authorities/names/{}"),
        "gnd": ("0", "(DE-588){}"),
        "uri": ("0", "{}"),
        "local": ("0", "{}"),
    }
    subfields = []
    for key, value in identifiers.items():
        code, pattern = uris.get(key, ("0", f"({key}){{}}"))
        subfields.append(Subfield(code, pattern.format(value)))
    return sorted(subfields, key=lambda subfield: subfield.code)


# Contents, notes and subjects


def _write_contents(contents: list[Content], output: _Output) -> None:
    """One enhanced 505 for every new content: $g locus, $t title, $r author."""
    written = [content for content in contents if content.title or content.locus]
    subfields: list[Subfield] = []
    for number, content in enumerate(written, start=1):
        parts = [("g", content.locus), ("t", content.title), ("r", content.author)]
        pieces = [Subfield(code, value) for code, value in parts if value]
        if number < len(written):
            pieces[-1] = Subfield(pieces[-1].code, pieces[-1].value + " --")
        subfields.extend(pieces)
    if subfields:
        output.add([Field("505", Indicators("0", "0"), subfields)])


def _write_notes(notes: list[str], output: _Output) -> None:
    for note in filter(None, notes):
        output.add([Field("500", Indicators(" ", " "), [Subfield("a", note)])])


def _write_subjects(subjects: list[str], output: _Output) -> None:
    for heading in subjects:
        main, *subdivisions = [piece for piece in heading.split(" -- ") if piece] or [""]
        if main:
            subfields = [Subfield("a", main), *(Subfield("x", piece) for piece in subdivisions)]
            output.add([Field("650", Indicators(" ", "4"), subfields)])


_TITLE_ORDER = {"245": 0, "130": 1, "240": 1, "246": 2}

# Agents come first: the titles need to know whether the record has a main entry (1XX).
_SECTIONS: tuple[_Section, ...] = (
    _Section(
        "agents", frozenset({"100", "110", "700", "710"}), _read_agents, _write_agents, _is_agent
    ),
    _Section(
        "titles",
        frozenset(_TITLE_ORDER),
        _read_titles,
        _write_titles,
        order=lambda unit: _TITLE_ORDER[unit.tag],
        required="245",
    ),
    _Section("contents", frozenset({"505"}), _read_contents, _write_contents),
    _Section("notes", frozenset({"500", "510", "546"}), _read_notes, _write_notes, _is_note),
    _Section("subjects", frozenset({"600", "610", "650", "651"}), _read_subjects, _write_subjects),
)


# --- Writing ------------------------------------------------------------------------------


def write_marc(records: Iterable[Record]) -> bytes:
    """Binary MARC 21 (ISO 2709) in UTF-8, Leader/09 'a'."""
    return b"".join(_transmission_bytes(to_marc(record)) for record in records)


def write_marcxml(records: Iterable[Record]) -> bytes:
    """A MARCXML <collection> in the MARC 21 slim namespace."""
    collection = etree.Element(f"{{{SLIM}}}collection", nsmap={None: SLIM})
    for record in records:
        collection.append(marcxml_element(record))
    document: bytes = etree.tostring(collection, xml_declaration=True, encoding="UTF-8")
    return document


def marcxml_element(record: Record) -> etree._Element:
    """One <record> in the MARC 21 slim namespace, as an OAI-PMH payload carries it."""
    return _element(to_marc(record))


def _element(marc: pymarc.Record) -> etree._Element:
    try:
        leader = _leader_with_lengths(marc)
    except ValueError:
        raise FormatError("leader: holds a character XML cannot carry") from None
    document = _document(marc, leader)
    if document is not None:
        try:
            return etree.fromstring(document)
        except etree.XMLSyntaxError:
            pass  # a character XML cannot carry: built field by field, the error names it
    return _built_element(marc, leader)


class _NotPlainText(Exception):
    """A value _document() cannot write as the element-by-element build would."""


def _document(marc: pymarc.Record, leader: str) -> bytes | None:
    """The <record> as XML text, for lxml to parse in one go: twice as fast as
    building it element by element, which an OAI-PMH page does hundreds of times.
    None when a value is empty or not text: lxml keeps an empty text node that a parsed
    document cannot have, so only the element-by-element build writes those alike."""
    try:
        parts = [f'<record xmlns="{SLIM}"><leader>{_xml_text(leader)}</leader>']
        for field in marc.fields:
            if field.is_control_field():
                text = _xml_text(field.data)
                parts.append(
                    f'<controlfield tag="{_xml_attribute(field.tag)}">{text}</controlfield>'
                )
                continue
            tag, first, second = map(
                _xml_attribute, (field.tag, field.indicator1, field.indicator2)
            )
            parts.append(f'<datafield tag="{tag}" ind1="{first}" ind2="{second}">')
            parts.extend(
                f'<subfield code="{_xml_attribute(subfield.code)}">{_xml_text(subfield.value)}'
                "</subfield>"
                for subfield in field.subfields
            )
            parts.append("</datafield>")
        parts.append("</record>")
        return "".join(parts).encode("utf-8")
    except (_NotPlainText, ValueError):
        return None


def _xml_text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise _NotPlainText
    # A carriage return as a reference, or parsing would make it a line feed.
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\r", "&#13;")


def _xml_attribute(value: Any) -> str:
    if not isinstance(value, str):
        raise _NotPlainText
    if value.isalnum() or value == " ":  # a tag, an indicator, a subfield code: nearly always
        return value
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    # Whitespace as references, or parsing would make each one a space.
    return escaped.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


def _built_element(marc: pymarc.Record, leader: str) -> etree._Element:
    element = etree.Element(f"{{{SLIM}}}record", nsmap={None: SLIM})
    try:
        etree.SubElement(element, f"{{{SLIM}}}leader").text = leader
    except ValueError:
        raise FormatError("leader: holds a character XML cannot carry") from None
    for field in marc.fields:
        try:
            _add_field_element(element, field)
        except ValueError:  # a control character (a stray MARC-8 escape...) XML cannot hold
            raise FormatError(f"{field.tag}: holds a character XML cannot carry") from None
    return element


def _add_field_element(element: etree._Element, field: Field) -> None:
    if field.is_control_field():
        child = etree.SubElement(element, f"{{{SLIM}}}controlfield", tag=field.tag)
        child.text = field.data or ""
        return
    attributes = {"tag": field.tag, "ind1": field.indicator1, "ind2": field.indicator2}
    child = etree.SubElement(element, f"{{{SLIM}}}datafield", attributes)
    for subfield in field.subfields:
        item = etree.SubElement(child, f"{{{SLIM}}}subfield", code=subfield.code)
        item.text = subfield.value


def _leader_with_lengths(marc: pymarc.Record) -> str:
    try:
        return _transmission_bytes(marc)[:24].decode("ascii")
    except FormatError:  # too long for ISO 2709, which MARCXML does not mind
        leader = str(marc.leader)
        return f"00000{leader[5:9]}a{leader[10:12]}00000{leader[17:]}"


def _transmission_bytes(marc: pymarc.Record) -> bytes:
    """The record in ISO 2709, UTF-8; FormatError when it is too long for the format."""
    data = [(field.tag, field.as_marc("utf-8")) for field in marc.fields]
    directory = b""
    offset = 0
    for tag, encoded in data:
        if len(encoded) > 9999:
            raise FormatError(f"{tag}: {len(encoded)} bytes, more than a MARC 21 field holds")
        directory += f"{tag}{len(encoded):04d}{offset:05d}".encode("ascii")
        offset += len(encoded)
    base = 24 + len(directory) + 1
    length = base + offset + 1
    if length > 99999:
        raise FormatError(f"the record is {length} bytes, more than MARC 21 allows (99999)")
    leader = str(marc.leader)
    leader = f"{length:05d}{leader[5:9]}a{leader[10:12]}{base:05d}{leader[17:]}"
    body = b"".join(encoded for _tag, encoded in data)
    return leader.encode("ascii") + directory + b"\x1e" + body + b"\x1d"
