"""The catalogue record as plain data: what every crosswalk reads into and writes from.

Pure Python, no Django. Values are as the cataloguer (or the partner's record) wrote
them; codes are the catalogue's own: BCP 47 language tags with their MARC codes, ISO
15924 script codes, the catalogue's role, kind, material and title-type values.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class FormatError(ValueError):
    """A record that cannot be read: the message names the field and the reason."""


@dataclass
class Text:
    """A title or a name form: the text as written, its language and script, and how it
    came about (preferred, variant, romanised by a cataloguer, machine-romanised...)."""

    text: str
    language: str = ""  # BCP 47, e.g. "fa", "ar", "kk", "kk-Arab"
    script: str = ""  # ISO 15924, e.g. "Arab", "Cyrl", "Latn"
    form: str = "preferred"  # preferred | variant | romanised | machine_romanised | translated


@dataclass
class Title(Text):
    title_type: str = "uniform"  # uniform | colophon | supplied | translated | romanised


@dataclass
class AgentRef:
    """An agent named on the record, in a role, with every form of the name given."""

    role: str  # author | scribe | translator | commentator | illuminator | binder | owner |
    # patron | printer | editor
    names: list[Text] = field(default_factory=list)
    kind: str = "person"  # person | corporate
    dates: str = ""  # as written, e.g. "329–411 AH / 940–1020"
    identifiers: dict[str, str] = field(default_factory=dict)  # {"viaf": "...", "local": "..."}
    relator_term: str = ""  # the term as the record gave it, when it is not one of ours


@dataclass
class Physical:
    material: str = ""  # paper | parchment | palm_leaf | silk | mixed | other
    height_mm: int | None = None
    width_mm: int | None = None
    leaf_count: int | None = None
    page_count: int | None = None
    lines_per_page: int | None = None
    script_style: str = ""
    decoration: str = ""
    binding: str = ""
    extent_as_written: str = ""  # e.g. MARC 300 $a as received


@dataclass
class Content:
    """One work within the volume (msItem): where it is and how it begins and ends."""

    locus: str = ""  # e.g. "ff. 1v–45r"
    title: str = ""
    language: str = ""
    author: str = ""
    incipit: str = ""
    explicit: str = ""
    colophon: str = ""
    date_as_written: str = ""
    scribe: str = ""
    note: str = ""


@dataclass
class Part:
    """A codicological unit of a composite volume (msPart)."""

    label: str
    locus: str = ""
    date_as_written: str = ""
    place_as_written: str = ""
    physical: Physical = field(default_factory=Physical)
    contents: list[Content] = field(default_factory=list)


@dataclass
class ProvenanceMark:
    kind: str = "other"  # seal | ownership_note | waqf | acquisition | bookplate | other
    text: str = ""
    date_as_written: str = ""
    place: str = ""
    locus: str = ""
    note: str = ""


@dataclass
class Record:
    """One item's description. `source` keeps the record as received (its format and
    bytes), so an export can merge the catalogue's values into it and keep the fields
    outside the crosswalk."""

    control_number: str = ""  # the partner's own record id (MARC 001), with institution
    institution: str = ""  # the holding institution's code
    shelfmark: str = ""
    former_shelfmarks: list[str] = field(default_factory=list)
    kind: str = "manuscript"  # manuscript | lithograph | printed_book | archival_document
    titles: list[Title] = field(default_factory=list)
    agents: list[AgentRef] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)  # BCP 47
    scripts: list[str] = field(default_factory=list)  # ISO 15924
    date_as_written: str = ""
    date_earliest_year: int | None = None  # Gregorian years, when the record gives them
    date_latest_year: int | None = None
    place_as_written: str = ""
    physical: Physical = field(default_factory=Physical)
    contents: list[Content] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    provenance: list[ProvenanceMark] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)  # headings as written
    notes: list[str] = field(default_factory=list)
    identifier_url: str = ""  # the record's permalink at its home institution
    source_format: str = ""  # marc21 | unimarc | tei | ""
    source: bytes = b""  # the record as received, in source_format


@dataclass
class Parsed:
    """One record read from a file: the record, or why it could not be read. A reader
    yields one per record in the file, so a bad record is reported and the rest go on."""

    position: int  # 1-based, in the order of the file
    record: Record | None
    error: str = ""  # names the field and the reason, e.g. "245: no title ($a is empty)"
    label: str = ""  # what identifies the record to a person: its 001, shelfmark or id
