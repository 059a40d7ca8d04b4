"""UNIMARC import: IranMARC (Iran), RUSMARC (Russia, Kazakhstan) and UNIMARC proper, read
from ISO 2709 or UNIMARC XML into plain `record.Record` values. Pure Python over pymarc
and lxml; nothing here imports Django.

Reading. `read_unimarc()` cuts the file at each record terminator (1D) rather than
trusting each leader's length, so a record whose length is wrong is reported on its own
and the records after it are still read. Each record's leader and directory are checked
before pymarc sees it, so an error names the field whose bytes do not add up. A file that
begins with "<" is read as UNIMARC XML. Every record gives one `Parsed`, in file order.

Character set, per record. UNIMARC declares it in 100 $a/26-29 (G0 to G3, two characters
each; 30-33 for additional sets), not in leader/09 as MARC 21 does. The rule:

1. Bytes that are valid UTF-8 are UTF-8, whatever 100 declares: exports from Iran are
   UTF-8 in practice, and legacy 8-bit Persian or Russian text is practically never
   valid UTF-8 by accident.
2. Otherwise a declared set Python can decode is used: "89" (Windows-1251, the RUSMARC
   code seen in Russian exports as "0189"); "01" (ISO 646) only if the bytes are ASCII.
3. Otherwise, when 100 declares nothing else ("50" that lied, "01", blank or no 100) or
   the record is in an Arabic-script language (101 $a per, ara, urd... or 100 $a/34-35
   "fa"), the bytes are Windows-1256, the code page of Iranian legacy systems. It spells
   Persian yeh and kaf with Arabic ي (U+064A) and ك (U+0643) or ک: kept as they are.
4. Otherwise (ISO 5426, ISO 5427 and the other ISO bibliographic sets, which Python has
   no codec for) the record is refused with an error naming 100.

Text is kept as written: no folding, no normalisation; ZWNJ and Arabic-letter ي ك
survive. Only whitespace, a trailing ISBD separator (" /", " :", " ;", " =") and the
non-sorting markers (U+0088/U+0089, ESC H/ESC I, MARC 21's U+0098/U+009C) are taken off.

Kind, from leader/06 (type of record) and 106 $a/0 (form of item):

| leader/06 | 106 $a/0 | 215, 300 | kind |
| --- | --- | --- | --- |
| b, d, f (manuscript text, music, map) | | | manuscript |
| a, c, e (printed text, music, map) | h (handwritten) | | manuscript |
| a, c, e | not h | say lithographed [1] | lithograph |
| a, c, e | not h | | printed_book |
| anything else | | | refused: "leader/06: ..." |

Crosswalk, UNIMARC to Record (the notes in brackets follow the table):

| UNIMARC | Record |
| --- | --- |
| 001 | control_number (and Parsed.label) |
| 100 $a/8 type of date, /9-12 date 1, /13-16 date 2 | date_earliest_year, date_latest_year [2] |
| 100 $a/34-35 script of title (ba, ca, fa...) | scripts (Latn, Cyrl, Arab...) |
| 101 $a | languages, ISO 639-2 to BCP 47 [3] |
| 106 $a/0 with leader/06 | kind (table above) |
| 200 $a, $c, $e, $h, $i (required) | titles[0]: "uniform" or "supplied", "preferred" [4] |
| 200 $d with its $z | titles: "translated", language from $z |
| 200 repeated (alternative script) | titles: "romanised" in Latin, else "variant" [5] |
| 200 $f, $g | notes: "Statement of responsibility: $f ; $g" |
| 500 $a $h $i $l, language $m | titles: "uniform", form "variant" |
| 510 parallel title, $z | titles: "translated" |
| 512-517 cover...other variant titles | titles: "uniform", form "variant" |
| 532 expanded title | titles: "uniform", form "variant" |
| 540 title supplied by the cataloguer | titles: "supplied", form "variant" |
| 541 translated title, $z | titles: "translated" |
| 210 $a (else $e), $d (else $h); 214 [6] | place_as_written, date_as_written |
| 210 $c, $g; 214 ind2 1 or 3 $c | agents: printer, corporate [7] |
| 215 $a | physical.extent_as_written, leaf_count, page_count [8] |
| 215 $d | physical.height_mm, width_mm [9] |
| 300-3XX but 317, 327 | notes, one per field ($2-$9 left out) |
| 317 provenance note | provenance: ProvenanceMark(kind "other", text $a) |
| 327 contents note $a | contents: one Content per " -- " part |
| 600 (with $f), 601, 602, 605-608 + $j $x $y $z | subjects: joined with " -- " |
| 700, 701 $a $b $c $d $f $g $3 $4 | agents: person, role from $4, else author [10] |
| 702 | agents: role from $4, else "" ("secondary responsibility") |
| 710, 711 / 712 (names, meetings) | agents: corporate, as 700, 701 / 702 |
| 7XX repeated with one $6 link | one agent, a name form per field [5] |
| 7XX $4 relator code | role [11] |
| 7XX $4 080 author of introduction | notes: "Author of introduction: name (dates)" |
| 852 $j (else $h $i); 899 when no 852 | shelfmark, from the first that gives one |
| 852 $a, else 801 $b (ind2 0 first) | institution |
| 856 $u | identifier_url (the first) |
| the record | source_format "unimarc", source [12] |

1. چاپ سنگی, литограф..., тас баспа or lithograph in 215 or a 300 note.
2. Gregorian, as UNIMARC prescribes. Types d, e, h, i, j, k: date 1 alone; a, b, c, f, g:
   date 1 to date 2 (9999: still open). Unknown digits (blank, "-", "?", "u") give the
   widest span: "18--" is 1800 to 1899. Type u, or no 100: no years.
3. per → fa, ara → ar, kaz → kk, rus → ru, tur → tr, eng → en, uzb → uz, chg stays, and
   the rest of reference_data.LANGUAGES; unknown codes are kept as they are. The title
   proper takes the first language.
4. Joined as ISBD joins them: repeated $a " ; ", $c ". ", $e " : ", $h ". ", $i ", ".
   "supplied" when the whole title is in square brackets.
5. The form is "romanised" when the repeat is in Latin script and the first is not.
6. 214 (UNIMARC 2012 production statement) fills what 210 does not give: ind2 1
   publication first, then 0 production, 3 manufacture, 2 distribution, 4 copyright.
7. The press of a printed or lithographed book published and printed it; not made for
   manuscripts; "s.n.", "б. и.", "بی‌نا" (no name) are skipped.
8. Leaves: "286 л.", "286 leaves", "ff.", "۲۸۶ برگ", "گ.", "ورق", "парақ"; pages: "с.",
   "p.", "pages", "ص.", "صفحه", "б.", "бет". A list ("[2], 286, [2] с.") is summed.
9. "24 cm", "24x16 см", "24 × 16 см", "۲۴×۱۶ س‌م", mm too; the first figure is the height.
10. Name "$a $d, $b, $c" (with "، " after an Arabic-script entry, as NLAI writes); $g
    (expanded forenames) gives a variant "$a, $g"; $f → dates; $3 → identifiers
    ["authority"]. One agent per $4 code: an author who also translated has two roles.
11. 070 author; 730 translator; 210, 212 commentator; 340 editor; 700 scribe, 170
    calligrapher → scribe; 390 former owner → owner; 610 printer, 620 printer of plates,
    510 lithographer → printer; 430 illuminator, 440 illustrator → illuminator; 723
    sponsor, 400 funder → patron; 110 binder. Any other code: role "" and relator_term
    its term (or "relator code NNN").
12. The ISO 2709 bytes as received; for UNIMARC XML, the record element.

Not crosswalked: 010 and other identifiers, 102, 105, 11X-14X coded data (material,
binding), 225/4XX series and links, 610 uncontrolled terms, 675/686 classification,
9XX local fields. They stay in `source`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pymarc
from lxml import etree

from nuskha.catalogue.formats.record import (
    AgentRef,
    Content,
    FormatError,
    Parsed,
    Physical,
    ProvenanceMark,
    Record,
    Text,
    Title,
)
from nuskha.catalogue.formats.xml import parse_xml
from nuskha.catalogue.reference_data import LANGUAGES
from nuskha.text.scripts import script_of

# ISO 2709 framing ---------------------------------------------------------------------

RECORD_TERMINATOR = b"\x1d"
FIELD_TERMINATOR = 0x1E
SUBFIELD_DELIMITER = b"\x1f"
LEADER_LENGTH = 24
ENTRY_LENGTH = 12
# Line breaks, blanks and a DOS end-of-file mark are often left between exported records.
BETWEEN_RECORDS = b"\r\n\t \x00\x1a"
UTF8_BOM = b"\xef\xbb\xbf"

# 100 $a/26-33: code → (what it is, the Python codec, or "" when Python has none).
CHARACTER_SETS = {
    "01": ("ISO 646 (basic Latin)", "ascii"),
    "02": ("ISO registration #37 (basic Cyrillic)", ""),
    "03": ("ISO 5426 (extended Latin)", ""),
    "04": ("ISO 5427 (extended Cyrillic)", ""),
    "05": ("ISO 5428 (Greek)", ""),
    "06": ("ISO 6438 (African)", ""),
    "07": ("ISO 10586 (Georgian)", ""),
    "08": ("ISO 8957 (Hebrew), table 1", ""),
    "09": ("ISO 8957 (Hebrew), table 2", ""),
    "11": ("ISO 5426-2 (Latin, minor European languages)", ""),
    "50": ("ISO 10646 (Unicode, UTF-8)", "utf-8"),
    "89": ("Windows-1251 (RUSMARC)", "cp1251"),
}
LEGACY_ARABIC_SCRIPT = "cp1256"
ARABIC_SCRIPT_LANGUAGES = {"per", "fas", "ara", "urd", "pus", "ota", "chg", "uig", "snd", "prs"}


def read_unimarc(data: bytes) -> Iterator[Parsed]:
    """One Parsed per record of an ISO 2709 file, in file order: the record, or the
    field and the reason it could not be read (with its 001, when that can be read)."""
    if data.lstrip(BETWEEN_RECORDS).removeprefix(UTF8_BOM).startswith(b"<"):
        yield from read_unimarc_xml(data)
        return
    for position, (raw, is_terminated) in enumerate(split_records(data), start=1):
        yield parsed_from_bytes(position, raw, is_terminated)


def split_records(data: bytes) -> Iterator[tuple[bytes, bool]]:
    """Each record's bytes with its terminator, and whether the file gave one (the last
    record of a cut-off file has none)."""
    start = 0
    while start < len(data):
        end = data.find(RECORD_TERMINATOR, start)
        is_terminated = end >= 0
        stop = end + 1 if is_terminated else len(data)
        piece, start = data[start:stop].lstrip(BETWEEN_RECORDS), stop
        if piece.rstrip(BETWEEN_RECORDS + RECORD_TERMINATOR):
            yield (piece if is_terminated else piece + RECORD_TERMINATOR), is_terminated


def parsed_from_bytes(position: int, raw: bytes, is_terminated: bool = True) -> Parsed:
    label = label_of(raw)
    try:
        if not is_terminated:
            raise FormatError(
                f"leader: the file ends {len(raw) - 1} bytes into this record, "
                "before its record terminator (the file is cut off)"
            )
        record = record_from_unimarc(marc_from_bytes(raw))
    except FormatError as error:
        return Parsed(position, None, str(error), label)
    record.source = raw
    return Parsed(position, record, label=record.control_number or label)


def marc_from_bytes(raw: bytes) -> pymarc.Record:
    """One ISO 2709 record as a pymarc record, its text decoded by the character-set rule
    in the module docstring."""
    entries = fields_of(raw)
    encoding = encoding_of(raw, entries)
    if encoding != "utf-8" and raw[9:10] == b"a":
        raw = raw[:9] + b" " + raw[10:]  # leader/09 "a" would make pymarc decode UTF-8
    try:
        return pymarc.Record(
            raw, to_unicode=True, force_utf8=encoding == "utf-8", file_encoding=encoding
        )
    except (pymarc.PymarcException, ValueError, IndexError) as error:
        raise FormatError(f"record: pymarc cannot read it ({error!r})") from None


@dataclass(frozen=True)
class Entry:
    """A field as the directory locates it: its tag and its bytes, terminator removed."""

    tag: str
    data: bytes


def fields_of(raw: bytes) -> list[Entry]:
    """The record's fields; FormatError naming the leader, the directory or the field
    whose bytes do not add up."""
    base = base_address_of(leader_of(raw), len(raw))
    if raw[base - 1] != FIELD_TERMINATOR:
        raise FormatError(f"directory: no field terminator at the base address ({base})")
    directory = raw[LEADER_LENGTH : base - 1]
    if not directory or len(directory) % ENTRY_LENGTH:
        raise FormatError(
            f"directory: {len(directory)} bytes, not a whole number of 12-byte entries"
        )
    return [
        entry_of(raw, base, number, directory[start : start + ENTRY_LENGTH])
        for number, start in enumerate(range(0, len(directory), ENTRY_LENGTH), start=1)
    ]


def leader_of(raw: bytes) -> str:
    if len(raw) <= LEADER_LENGTH + 1:
        raise FormatError(f"leader: the record is {len(raw)} bytes, too short for a leader")
    leader = raw[:LEADER_LENGTH].decode("ascii", "replace")
    if not leader[:5].isdigit():
        raise FormatError(f"leader: the record length {leader[:5]!r} is not a number")
    if int(leader[:5]) != len(raw):
        raise FormatError(
            f"leader: gives the record length as {int(leader[:5])} bytes, "
            f"but the record is {len(raw)} bytes up to its terminator"
        )
    return leader


def base_address_of(leader: str, size: int) -> int:
    if not leader[12:17].isdigit():
        raise FormatError(f"leader: the base address {leader[12:17]!r} is not a number")
    base = int(leader[12:17])
    if not LEADER_LENGTH < base < size:
        raise FormatError(f"leader: the base address {base} is outside the record")
    return base


def entry_of(raw: bytes, base: int, number: int, entry: bytes) -> Entry:
    text = entry.decode("ascii", "replace")
    tag, length, start = text[:3], text[3:7], text[7:12]
    if not (length.isdigit() and start.isdigit()):
        raise FormatError(f"directory: entry {number} ({text!r}) is not a tag, length, start")
    begin, end = base + int(start), base + int(start) + int(length)
    if int(length) == 0 or end > len(raw) - 1:
        raise FormatError(
            f"{tag}: the directory puts the field at bytes {begin}-{end}, "
            f"beyond the record's {len(raw)} bytes"
        )
    if raw[end - 1] != FIELD_TERMINATOR:
        raise FormatError(
            f"{tag}: the field does not end where the directory says (byte {end - 1}); "
            "the directory's length or position is wrong"
        )
    indicators = raw[begin : end - 1].split(SUBFIELD_DELIMITER)[0]
    if tag >= "010" and not indicators.isascii():
        raise FormatError(f"{tag}: its indicators {indicators!r} are not ASCII")
    return Entry(tag, raw[begin : end - 1])


def label_of(raw: bytes) -> str:
    """The record's 001, read leniently, to name a record that cannot be read whole."""
    end = raw.find(bytes([FIELD_TERMINATOR]), LEADER_LENGTH)
    directory = raw[LEADER_LENGTH:end] if end > 0 else b""
    for start in range(0, len(directory) - ENTRY_LENGTH + 1, ENTRY_LENGTH):
        entry = directory[start : start + ENTRY_LENGTH]
        if entry[:3] == b"001" and entry[3:].isdigit():
            begin = end + 1 + int(entry[7:12])
            value = raw[begin : begin + int(entry[3:7])].split(bytes([FIELD_TERMINATOR]))[0]
            return value.decode("utf-8", "replace").strip()
    return ""


# Character sets -------------------------------------------------------------------------


def encoding_of(raw: bytes, entries: list[Entry]) -> str:
    """The codec of the record's text, by the rule in the module docstring."""
    if is_decodable(raw, "utf-8"):
        return "utf-8"
    declared = declared_sets(entries)
    for code in declared:
        codec = CHARACTER_SETS.get(code, ("", ""))[1]
        if codec and codec != "utf-8" and is_decodable(raw, codec):
            return codec
    unreadable = [code for code in declared if not CHARACTER_SETS.get(code, ("", ""))[1]]
    if not unreadable or is_arabic_script(entries):
        return LEGACY_ARABIC_SCRIPT
    name = CHARACTER_SETS.get(unreadable[0], (f"an unknown set {unreadable[0]!r}", ""))[0]
    raise FormatError(
        f"100: $a/26-33 declares {name}, which nuskha cannot decode, "
        "and the record is not UTF-8; ask for a UTF-8 export (character set 50)"
    )


def is_decodable(raw: bytes, codec: str) -> bool:
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def declared_sets(entries: list[Entry]) -> list[str]:
    general = raw_subfield(entries, "100", "a")
    return [general[i : i + 2] for i in range(26, 34, 2) if general[i : i + 2].strip()]


def is_arabic_script(entries: list[Entry]) -> bool:
    codes = raw_subfield(entries, "101", "a", every=True).lower()
    languages = {codes[i : i + 3] for i in range(0, len(codes), 3)}
    return bool(languages & ARABIC_SCRIPT_LANGUAGES) or (
        raw_subfield(entries, "100", "a")[34:36] == "fa"
    )


def raw_subfield(entries: list[Entry], tag: str, code: str, every: bool = False) -> str:
    """A coded subfield before the record is decoded: its codes are ASCII in every set.
    With every, the values of each such subfield of each such field, run together."""
    found = [
        part[1:].decode("latin-1")
        for entry in entries
        if entry.tag == tag
        for part in entry.data.split(SUBFIELD_DELIMITER)[1:]
        if part[:1] == code.encode()
    ]
    return "".join(value.strip() for value in found) if every else next(iter(found), "")


# UNIMARC XML -----------------------------------------------------------------------------

MARC_NAMESPACES = {
    None,
    "http://www.loc.gov/MARC21/slim",  # Koha and most UNIMARC XML exports reuse MARC21 slim
    "info:lc/xmlns/marcxchange-v1",  # ISO 25577 MarcXchange, as BnF and RSL serve it
    "info:lc/xmlns/marcxchange-v2",
}


def read_unimarc_xml(data: bytes) -> Iterator[Parsed]:
    """One Parsed per <record> of a UNIMARC XML document (MARC21 slim or MarcXchange
    elements, in a collection, an OAI-PMH response or alone), in document order."""
    try:
        root = parse_xml(data, "the UNIMARC XML document")
    except FormatError as error:
        yield Parsed(1, None, str(error))
        return
    for position, element in enumerate(record_elements(root), start=1):
        yield parsed_from_element(position, element)


def record_elements(root: etree._Element) -> Iterator[etree._Element]:
    for element in root.iter("{*}record"):
        if etree.QName(element).namespace in MARC_NAMESPACES and any(
            local_name(child) in ("leader", "controlfield", "datafield") for child in element
        ):
            yield element


def parsed_from_element(position: int, element: etree._Element) -> Parsed:
    label = next(
        (
            (child.text or "").strip()
            for child in element
            if local_name(child) == "controlfield" and child.get("tag") == "001"
        ),
        "",
    )
    try:
        record = record_from_unimarc(marc_from_element(element))
    except FormatError as error:
        return Parsed(position, None, str(error), label)
    record.source = etree.tostring(element, encoding="utf-8")
    return Parsed(position, record, label=record.control_number or label)


def marc_from_element(element: etree._Element) -> pymarc.Record:
    marc = pymarc.Record()
    leader = "".join((child.text or "") for child in element if local_name(child) == "leader")
    if len(leader) != LEADER_LENGTH:
        raise FormatError(f"leader: {len(leader)} characters, not 24")
    marc.leader = pymarc.Leader(leader)
    for child in element:
        if local_name(child) in ("controlfield", "datafield"):
            marc.add_field(field_from_element(child))
    return marc


def field_from_element(element: etree._Element) -> pymarc.Field:
    tag = element.get("tag", "")
    if len(tag) != 3:
        raise FormatError(f"{local_name(element)}: tag {tag!r} is not three characters")
    if local_name(element) == "controlfield":
        return pymarc.Field(tag=tag, data=element.text or "")
    indicators = pymarc.Indicators(element.get("ind1", " ")[:1], element.get("ind2", " ")[:1])
    subfields = [
        pymarc.Subfield(child.get("code", ""), child.text or "")
        for child in element
        if local_name(child) == "subfield"
    ]
    return pymarc.Field(tag=tag, indicators=indicators, subfields=subfields)


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


# Crosswalk: a pymarc record to a Record -------------------------------------------------


def record_from_unimarc(marc: pymarc.Record) -> Record:
    """The plain record for one UNIMARC record; FormatError naming the field when it
    cannot be read (no 200, a type of record nuskha does not catalogue). `source` is left
    empty: only a reader has the bytes as received."""
    kind = kind_of(marc)
    languages = languages_of(marc)
    shelfmark, holding_institution = holding_of(marc)
    place, date = publication_of(marc)
    earliest, latest = years_of(marc)
    return Record(
        control_number=control_number_of(marc),
        institution=holding_institution or cataloguing_agency_of(marc),
        shelfmark=shelfmark,
        kind=kind,
        titles=titles_of(marc, languages[0] if languages else ""),
        agents=agents_of(marc) + printers_of(marc, kind),
        languages=languages,
        scripts=scripts_of(marc),
        date_as_written=date,
        date_earliest_year=earliest,
        date_latest_year=latest,
        place_as_written=place,
        physical=physical_of(marc),
        contents=contents_of(marc),
        provenance=provenance_of(marc),
        subjects=subjects_of(marc),
        notes=notes_of(marc),
        identifier_url=first_value(marc, "856", "u"),
        source_format="unimarc",
    )


# Values as written ------------------------------------------------------------------------

NON_SORTING = dict.fromkeys(map(ord, "\x88\x89\x98\x9c"))
NON_SORTING_ESCAPES = re.compile("\x1b[HI]")  # ISO 6630 NSB and NSE in 7-bit records
ISBD_SEPARATOR = re.compile(r"\s+[/:;=]$")


def clean(value: str) -> str:
    """The value as written, without the edges' blanks, a trailing ISBD separator and the
    non-sorting markers (which show as stray control characters)."""
    value = NON_SORTING_ESCAPES.sub("", value.translate(NON_SORTING))
    return ISBD_SEPARATOR.sub("", value.strip()).strip()


def values(field: pymarc.Field, code: str) -> list[str]:
    return [text for text in (clean(value) for value in field.get_subfields(code)) if text]


def first_value(marc: pymarc.Record, tag: str, code: str) -> str:
    for field in marc.get_fields(tag):
        for value in values(field, code):
            return value
    return ""


def script_tag(text: str) -> str:
    """Arab, Cyrl or Latn by the text's first letter; "" for other scripts or none."""
    script = script_of(text)
    return script if script in ("Arab", "Cyrl", "Latn") else ""


def control_number_of(marc: pymarc.Record) -> str:
    fields = marc.get_fields("001")
    return (fields[0].data or "").strip() if fields else ""


# Kind ----------------------------------------------------------------------------------

RECORD_TYPES = {
    "a": "printed language material",
    "b": "manuscript language material",
    "c": "printed music",
    "d": "manuscript music",
    "e": "printed cartographic material",
    "f": "manuscript cartographic material",
    "g": "projected and video material",
    "i": "sound recording, nonmusical",
    "j": "sound recording, musical",
    "k": "two-dimensional graphics",
    "l": "electronic resource",
    "m": "multimedia",
    "r": "three-dimensional artefact or realia",
}
LITHOGRAPHED = re.compile(r"چاپ[\s\u200c]*سنگی|литограф|тас\s+баспа|lithograph", re.IGNORECASE)


def kind_of(marc: pymarc.Record) -> str:
    record_type = str(marc.leader)[6:7]
    if record_type in ("b", "d", "f"):
        return "manuscript"
    if not record_type or record_type not in "ace":
        described = RECORD_TYPES.get(record_type, "not a UNIMARC type")
        raise FormatError(
            f"leader/06: type of record {record_type!r} ({described}) is not one nuskha "
            "catalogues (a-f: printed or manuscript text, music and maps)"
        )
    if first_value(marc, "106", "a")[:1] == "h":
        return "manuscript"
    return "lithograph" if is_lithographed(marc) else "printed_book"


def is_lithographed(marc: pymarc.Record) -> bool:
    text = " ".join(field.value() for field in marc.get_fields("215", "300"))
    return bool(LITHOGRAPHED.search(text))


# Titles ---------------------------------------------------------------------------------

# How each part of a title statement follows the text before it (ISBD punctuation).
TITLE_SEPARATORS = {"a": " ; ", "c": ". ", "e": " : ", "h": ". ", "i": ". ", "l": ". "}
# tag → (title_type, form, the subfield giving the title's language or "")
VARIANT_TITLES = {
    "500": ("uniform", "variant", "m"),
    "510": ("translated", "translated", "z"),
    "512": ("uniform", "variant", ""),
    "513": ("uniform", "variant", ""),
    "514": ("uniform", "variant", ""),
    "515": ("uniform", "variant", ""),
    "516": ("uniform", "variant", ""),
    "517": ("uniform", "variant", ""),
    "532": ("uniform", "variant", ""),
    "540": ("supplied", "variant", ""),
    "541": ("translated", "translated", "z"),
}


def titles_of(marc: pymarc.Record, language: str) -> list[Title]:
    fields = marc.get_fields("200")
    if not fields:
        raise FormatError("200: the record has no title field (200 is mandatory in UNIMARC)")
    proper = title_statement(fields[0])
    if not values(fields[0], "a"):
        raise FormatError("200: no title proper ($a is missing or empty)")
    supplied = proper.startswith("[") and proper.endswith("]")
    titles = [title(proper, language, "supplied" if supplied else "uniform", "preferred")]
    titles += [alternative_script_title(field, proper, language) for field in fields[1:]]
    titles += [t for t in parallel_titles(fields[0]) if t.text]
    for field in marc.get_fields(*VARIANT_TITLES):
        titles += variant_titles(field, language)
    return [t for t in titles if t.text]


def title(text: str, language: str, title_type: str, form: str) -> Title:
    return Title(text, language, script_tag(text), form, title_type)


def title_statement(field: pymarc.Field) -> str:
    """The title with its other title information and parts, joined as ISBD joins them."""
    text, previous = "", ""
    for code, value in field.subfields:
        value = clean(value)
        if code not in TITLE_SEPARATORS or not value:
            continue
        separator = ", " if (code, previous) == ("i", "h") else TITLE_SEPARATORS[code]
        text, previous = (text + separator + value if text else value), code
    return text


def alternative_script_title(field: pymarc.Field, proper: str, language: str) -> Title:
    text = title_statement(field)
    is_romanised = script_tag(text) == "Latn" and script_tag(proper) != "Latn"
    form = "romanised" if is_romanised else "variant"
    return title(text, language, "romanised" if is_romanised else "uniform", form)


def parallel_titles(field: pymarc.Field) -> list[Title]:
    """200 $d, each in the language its $z gives, in the same order."""
    languages = [language_tag(code) for code in values(field, "z")]
    return [
        title(text, languages[n] if n < len(languages) else "", "translated", "translated")
        for n, text in enumerate(values(field, "d"))
    ]


def variant_titles(field: pymarc.Field, default_language: str) -> list[Title]:
    title_type, form, language_code = VARIANT_TITLES[field.tag]
    given = values(field, language_code) if language_code else []
    language = language_tag(given[0]) if given else ""
    if not language and title_type != "translated":
        language = default_language
    return [title(title_statement(field), language, title_type, form)]


# Languages and scripts ------------------------------------------------------------------

# ISO 639-2 (bibliographic and terminological) → BCP 47, from the catalogue's own list.
LANGUAGE_TAGS = {marc_code: tag for tag, marc_code, *_ in LANGUAGES} | {
    "fas": "fa",
    "deu": "de",
    "fra": "fr",
    "ukr": "uk",
    "bel": "be",
    "urd": "ur",
    "pus": "ps",
    "tuk": "tk",
    "heb": "he",
    "arm": "hy",
    "hye": "hy",
    "geo": "ka",
    "kat": "ka",
    "chi": "zh",
    "zho": "zh",
}
# 100 $a/34-35, script of title → ISO 15924.
SCRIPT_CODES = {
    "ba": "Latn",
    "ca": "Cyrl",
    "da": "Jpan",
    "db": "Hani",
    "dc": "Hrkt",
    "ea": "Hani",
    "fa": "Arab",
    "ga": "Grek",
    "ha": "Hebr",
    "ia": "Thai",
    "ja": "Deva",
    "ka": "Kore",
    "la": "Taml",
    "ma": "Geor",
    "mb": "Armn",
}


def language_tag(code: str) -> str:
    code = code.strip().lower()
    return LANGUAGE_TAGS.get(code, code)


def languages_of(marc: pymarc.Record) -> list[str]:
    """101 $a as BCP 47 tags, in order, once each; "perara" (old practice) is two codes."""
    codes = [
        value[i : i + 3]
        for field in marc.get_fields("101")
        for value in values(field, "a")
        for i in range(0, len(value), 3 if len(value) % 3 == 0 else len(value))
    ]
    return list(dict.fromkeys(language_tag(code) for code in codes if code.strip()))


def scripts_of(marc: pymarc.Record) -> list[str]:
    script = SCRIPT_CODES.get(general_data(marc)[34:36], "")
    return [script] if script else []


# Dates -------------------------------------------------------------------------------

UNKNOWN_DIGITS = re.compile(r"^(\d{1,4})[ \-?ux#.]*$")
SINGLE_DATE_TYPES = "dehijk"  # date 2 is something else: a copyright year, a month and day
RANGE_DATE_TYPES = "abcfg"  # date 2 closes the range (9999: still going)


def general_data(marc: pymarc.Record) -> str:
    """100 $a, padded to its 36 positions."""
    return first_value(marc, "100", "a").ljust(36)


def years_of(marc: pymarc.Record) -> tuple[int | None, int | None]:
    general = general_data(marc)
    date_type, first, second = general[8], general[9:13], general[13:17]
    if date_type not in SINGLE_DATE_TYPES + RANGE_DATE_TYPES:
        return None, None
    earliest, latest = year_bound(first, "0"), year_bound(first, "9")
    if date_type in RANGE_DATE_TYPES and second.strip():
        latest = None if second == "9999" else year_bound(second, "9")
    if earliest is not None and latest is not None and latest < earliest:
        latest = None
    return earliest, latest


def year_bound(year: str, fill: str) -> int | None:
    """The year, its unknown digits filled with 0 (earliest) or 9 (latest): "18--" → 1800
    or 1899; None when no leading digit is known."""
    known = UNKNOWN_DIGITS.match(year)
    if known is None or not year.isascii():
        return None
    return int(known.group(1).ljust(4, fill))


# Publication and holdings ---------------------------------------------------------------

# 214 ind2: 1 publication, 0 production, 3 manufacture, 2 distribution, 4 copyright.
PRODUCTION_ORDER = "10324"
PRINTER_STATEMENTS = "13"
UNKNOWN_NAME = re.compile(r"^\[?(s\.\s?n\.?|б\.\s?и\.?|بی[\u200c\s]?نا|بی[\u200c\s]?جا)\]?$", re.I)


def publication_fields(marc: pymarc.Record) -> list[pymarc.Field]:
    statements = sorted(marc.get_fields("214"), key=production_rank)
    return marc.get_fields("210") + statements


def production_rank(field: pymarc.Field) -> int:
    indicator = field.indicator2
    return PRODUCTION_ORDER.index(indicator) if indicator in PRODUCTION_ORDER else 9


def publication_of(marc: pymarc.Record) -> tuple[str, str]:
    """The place and date as written: 210 first, 214 for what 210 does not give."""
    place = date = ""
    for field in publication_fields(marc):
        place = place or " ; ".join(values(field, "a") or values(field, "e"))
        date = date or " ; ".join(values(field, "d") or values(field, "h"))
    return place, date


def printers_of(marc: pymarc.Record, kind: str) -> list[AgentRef]:
    """The publisher or printer of a printed item, as a printer: early printed and
    lithographed books name the press, which was both."""
    if kind == "manuscript":
        return []
    names = [
        name
        for field in publication_fields(marc)
        if field.tag == "210" or field.indicator2 in PRINTER_STATEMENTS
        for name in values(field, "c") + (values(field, "g") if field.tag == "210" else [])
    ]
    return [
        AgentRef("printer", [Text(name, script=script_tag(name))], kind="corporate")
        for name in dict.fromkeys(names)
        if not UNKNOWN_NAME.match(name)
    ]


def holding_of(marc: pymarc.Record) -> tuple[str, str]:
    """The shelfmark and holding institution of the first 852 (else 899) giving one."""
    for field in marc.get_fields("852") + marc.get_fields("899"):
        shelfmark = first_of(values(field, "j")) or " ".join(
            values(field, "h") + values(field, "i")
        )
        if shelfmark:
            return shelfmark, first_of(values(field, "a")) if field.tag == "852" else ""
    return "", ""


def cataloguing_agency_of(marc: pymarc.Record) -> str:
    fields = sorted(marc.get_fields("801"), key=lambda field: field.indicator2 != "0")
    return next((value for field in fields for value in values(field, "b")), "")


def first_of(items: list[str]) -> str:
    return items[0] if items else ""


# Physical description -------------------------------------------------------------------

COUNT = r"(\[?\d+\]?(?:\s*,\s*\[?\d+\]?)*)\s*"
LEAF_UNITS = r"л\.|лист(?:а|ов)?|leaves|leaf|ff?\.|fols?\.|folios?|برگ|گ\.|ورق|парақ"
PAGE_UNITS = r"с\.|стр\.|pp?\.|pages?|ص\.?|صفحه|صفحات|б\.|бет"
LEAVES = re.compile(rf"{COUNT}(?:{LEAF_UNITS})(?!\w)", re.IGNORECASE)
PAGES = re.compile(rf"{COUNT}(?:{PAGE_UNITS})(?!\w)", re.IGNORECASE)
MEASURE = r"(\d+(?:[.,٫]\d+)?)"
DIMENSIONS = re.compile(
    MEASURE + r"\s*(?:[x×хX*]\s*" + MEASURE + r")?\s*"
    r"(cm|см|mm|мм|س[\u200c\s]?م|سانتی[\u200c\s]?متر|میلی[\u200c\s]?متر)",
    re.IGNORECASE,
)
MILLIMETRES = ("mm", "мм", "میلی")


def physical_of(marc: pymarc.Record) -> Physical:
    fields = marc.get_fields("215")
    extent = " ; ".join(value for field in fields for value in values(field, "a"))
    height, width = dimensions_of(" ".join(v for field in fields for v in values(field, "d")))
    return Physical(
        height_mm=height,
        width_mm=width,
        leaf_count=count_of(extent, LEAVES),
        page_count=count_of(extent, PAGES),
        extent_as_written=extent,
    )


def count_of(extent: str, unit: re.Pattern[str]) -> int | None:
    """The count before the unit; a list of sequences ("[2], 286, [2] с.") is summed."""
    found = unit.search(extent)
    if found is None:
        return None
    return sum(int(number) for number in re.findall(r"\d+", found.group(1))) or None


def dimensions_of(text: str) -> tuple[int | None, int | None]:
    found = DIMENSIONS.search(text)
    if found is None:
        return None, None
    factor = 1 if found.group(3).lower().startswith(MILLIMETRES) else 10
    height, width = (to_millimetres(found.group(n), factor) for n in (1, 2))
    return height, width


def to_millimetres(measure: str | None, factor: int) -> int | None:
    if not measure:
        return None
    return round(float(measure.replace(",", ".").replace("٫", ".")) * factor)


# Notes, contents, provenance and subjects -----------------------------------------------

NOTE_FIELDS_ELSEWHERE = {"317", "327"}
CONTROL_SUBFIELDS = set("0123456789")


def notes_of(marc: pymarc.Record) -> list[str]:
    notes = responsibility_notes(marc)
    for field in marc.get_fields(*(str(tag) for tag in range(300, 400))):
        if field.tag not in NOTE_FIELDS_ELSEWHERE:
            notes.append(" ".join(v for c, v in field_text(field) if c not in CONTROL_SUBFIELDS))
    return [note for note in notes if note] + introduction_notes(marc)


def field_text(field: pymarc.Field) -> list[tuple[str, str]]:
    return [(code, clean(value)) for code, value in field.subfields if clean(value)]


def responsibility_notes(marc: pymarc.Record) -> list[str]:
    fields = marc.get_fields("200")[:1]
    statements = [v for field in fields for c, v in field_text(field) if c in ("f", "g")]
    return [f"Statement of responsibility: {' ; '.join(statements)}"] if statements else []


def contents_of(marc: pymarc.Record) -> list[Content]:
    parts = [
        part.strip()
        for field in marc.get_fields("327")
        for value in values(field, "a")
        for part in value.split(" -- ")
    ]
    return [Content(title=clean(part)) for part in parts if clean(part)]


def provenance_of(marc: pymarc.Record) -> list[ProvenanceMark]:
    return [
        ProvenanceMark(kind="other", text=" ".join(values(field, "a")))
        for field in marc.get_fields("317")
        if values(field, "a")
    ]


SUBJECT_TAGS = ("600", "601", "602", "605", "606", "607", "608")
SUBDIVISIONS = ("j", "x", "y", "z")


def subjects_of(marc: pymarc.Record) -> list[str]:
    headings = [subject_heading(field) for field in marc.get_fields(*SUBJECT_TAGS)]
    return list(dict.fromkeys(heading for heading in headings if heading))


def subject_heading(field: pymarc.Field) -> str:
    if field.tag == "600":
        head = personal_name(field, with_dates=True)
    elif field.tag == "601":
        head = corporate_name(field)
    else:
        head = " ".join(values(field, "a"))
    subdivisions = [value for code, value in field_text(field) if code in SUBDIVISIONS]
    return " -- ".join(part for part in [head, *subdivisions] if part)


# Agents ---------------------------------------------------------------------------------

# The role a name field gives when it has no $4.
DEFAULT_ROLES = {
    "700": "author",
    "701": "author",
    "702": "",
    "710": "author",
    "711": "author",
    "712": "",
}
# UNIMARC relator codes (Appendix C) → the catalogue's roles.
ROLES = {
    "070": "author",
    "110": "binder",
    "170": "scribe",  # calligrapher
    "210": "commentator",
    "212": "commentator",  # commentator for written text
    "340": "editor",
    "390": "owner",  # former owner
    "400": "patron",  # funder
    "430": "illuminator",
    "440": "illuminator",  # illustrator: the catalogue has no separate role yet
    "510": "printer",  # lithographer
    "610": "printer",
    "620": "printer",  # printer of plates
    "700": "scribe",
    "723": "patron",  # sponsor
    "730": "translator",
}
INTRODUCTION = "080"
# Terms for codes that are not roles of ours, kept as relator_term.
RELATOR_TERMS = {
    "020": "annotator",
    "075": "author of afterword",
    "220": "compiler",
    "280": "dedicatee",
    "320": "donor",
    "330": "dubious author",
    "450": "inscriber",
    "570": "other",
    "650": "publisher",
    "680": "rubricator",
}


def agents_of(marc: pymarc.Record) -> list[AgentRef]:
    return [agent for fields in name_groups(marc) for agent in agent_refs(fields) if agent.names]


def name_groups(marc: pymarc.Record) -> list[list[pymarc.Field]]:
    """The name fields, those that $6 links (one name in several scripts) together."""
    groups: dict[tuple[str, str], list[pymarc.Field]] = {}
    for number, field in enumerate(marc.get_fields(*DEFAULT_ROLES)):
        link = field.get("6", "")[1:3]
        groups.setdefault((field.tag, link or f"unlinked {number}"), []).append(field)
    return list(groups.values())


def agent_refs(fields: list[pymarc.Field]) -> list[AgentRef]:
    """One agent per relator code of the first field (an author who also translated is
    two roles); 080 becomes a note instead."""
    first = fields[0]
    names = name_forms(fields)
    dates = " ; ".join(values(first, "f")) if first.tag.startswith("70") else ""
    authority = first_of(values(first, "3"))
    codes = values(first, "4") or [""]
    return [
        AgentRef(
            role=role_of(first.tag, code),
            names=names,
            kind="corporate" if first.tag.startswith("71") else "person",
            dates=dates,
            identifiers={"authority": authority} if authority else {},
            relator_term=relator_term_of(first.tag, code),
        )
        for code in dict.fromkeys(codes)
        if code != INTRODUCTION
    ]


def role_of(tag: str, code: str) -> str:
    return ROLES.get(code, "") if code else DEFAULT_ROLES[tag]


def relator_term_of(tag: str, code: str) -> str:
    if not code:
        return "" if DEFAULT_ROLES[tag] else "secondary responsibility"
    if code in ROLES:
        return ""
    return RELATOR_TERMS.get(code, f"relator code {code}" if code.isdigit() else code)


def name_forms(fields: list[pymarc.Field]) -> list[Text]:
    """The first field's name is the preferred form; a linked field in Latin script for a
    name that is not is its romanised form; an expansion of initials ($g) is a variant."""
    preferred = name_of(fields[0])
    forms = [Text(preferred, script=script_tag(preferred))]
    for field in fields[1:]:
        name = name_of(field)
        is_romanised = script_tag(name) == "Latn" and forms[0].script != "Latn"
        form = "romanised" if is_romanised else "variant"
        forms.append(Text(name, script=script_tag(name), form=form))
    for expansion in values(fields[0], "g") if fields[0].tag.startswith("70") else []:
        entry = values(fields[0], "a")[:1]
        variant = name_separator((entry or [expansion])[0]).join(entry + [expansion])
        forms.append(Text(variant, script=script_tag(variant), form="variant"))
    return [form for form in forms if form.text]


def name_of(field: pymarc.Field) -> str:
    return corporate_name(field) if field.tag.startswith("71") else personal_name(field)


def name_separator(entry: str) -> str:
    """The comma after an entry element: Arabic "، " in Arabic script, as NLAI writes."""
    return "، " if script_tag(entry) == "Arab" else ", "


def personal_name(field: pymarc.Field, with_dates: bool = False) -> str:
    """$a with its roman numerals ($d), then the rest of the name ($b), additions ($c)
    and, for a subject heading, the dates ($f)."""
    entry = " ".join(values(field, "a") + values(field, "d"))
    rest = values(field, "b") + values(field, "c") + (values(field, "f") if with_dates else [])
    return name_separator(entry).join([entry, *rest]) if entry else ""


def corporate_name(field: pymarc.Field) -> str:
    """$a. $b. $b, then a meeting's number, place and date: "(3 ; Tehran ; 1990)"."""
    name = ". ".join(values(field, "a") + values(field, "b"))
    meeting = values(field, "d") + values(field, "e") + values(field, "f")
    return f"{name} ({' ; '.join(meeting)})" if name and meeting else name


def introduction_notes(marc: pymarc.Record) -> list[str]:
    notes = []
    for fields in name_groups(marc):
        name, dates = name_of(fields[0]), " ; ".join(values(fields[0], "f"))
        if INTRODUCTION in values(fields[0], "4") and name:
            notes.append(f"Author of introduction: {name}" + (f" ({dates})" if dates else ""))
    return notes
