"""OAI-PMH 2.0 as plain rules: verbs and their arguments, errors, UTC datestamps,
oai-identifiers, set specs and the metadata formats this repository disseminates.

Pure Python, no Django: the view hands in the request's arguments as a mapping of name
to every value given, and gets back a `Request` or the errors to answer with. Section
numbers in comments are those of the protocol specification of 2002-06-14
(http://www.openarchives.org/OAI/2.0/openarchivesprotocol.htm).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import quote, unquote

# Error codes (3.6); noSetHierarchy is never answered, as this repository has sets.
BAD_ARGUMENT = "badArgument"
BAD_RESUMPTION_TOKEN = "badResumptionToken"
BAD_VERB = "badVerb"
CANNOT_DISSEMINATE_FORMAT = "cannotDisseminateFormat"
ID_DOES_NOT_EXIST = "idDoesNotExist"
NO_RECORDS_MATCH = "noRecordsMatch"
NO_METADATA_FORMATS = "noMetadataFormats"

DAY = "YYYY-MM-DD"
SECOND = "YYYY-MM-DDThh:mm:ssZ"
GRANULARITY = SECOND  # the finest this repository supports, as Identify says

RESUMPTION_TOKEN = "resumptionToken"


@dataclass(frozen=True)
class Error:
    code: str
    message: str


@dataclass(frozen=True)
class Arguments:
    """What a verb takes (4.1–4.6): arguments it needs, may have, and the exclusive one."""

    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    exclusive: str = ""


_LIST_ARGUMENTS = Arguments(("metadataPrefix",), ("from", "until", "set"), RESUMPTION_TOKEN)
VERBS: dict[str, Arguments] = {
    "Identify": Arguments(),
    "ListMetadataFormats": Arguments(optional=("identifier",)),
    "ListSets": Arguments(exclusive=RESUMPTION_TOKEN),
    "GetRecord": Arguments(required=("identifier", "metadataPrefix")),
    "ListIdentifiers": _LIST_ARGUMENTS,
    "ListRecords": _LIST_ARGUMENTS,
}


@dataclass(frozen=True)
class MetadataFormat:
    """A format this repository disseminates (4.4), and the pure writer that makes an
    item's metadata element in it (imported when first used: see views.py)."""

    prefix: str
    schema: str
    namespace: str
    writer: str  # "module:function", taking a formats.record.Record


METADATA_FORMATS: dict[str, MetadataFormat] = {
    f.prefix: f
    for f in (
        MetadataFormat(
            "oai_dc",
            "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
            "http://www.openarchives.org/OAI/2.0/oai_dc/",
            "nuskha.catalogue.formats.dublin_core:oai_dc_element",
        ),
        MetadataFormat(
            "marc21",
            "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd",
            "http://www.loc.gov/MARC21/slim",
            "nuskha.catalogue.formats.marc21:marcxml_element",
        ),
        MetadataFormat(
            "tei",
            "https://tei-c.org/release/xml/tei/custom/schema/xsd/tei_all.xsd",
            "http://www.tei-c.org/ns/1.0",
            "nuskha.catalogue.formats.tei:tei_element",
        ),
    )
}


# Dates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Datestamp:
    """A from or until argument: the instant it names, and its granularity (3.3.1)."""

    instant: datetime  # aware, UTC
    granularity: str  # DAY or SECOND


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SECOND = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


def parse_datestamp(value: str) -> Datestamp | None:
    """A UTCdatetime at day or second granularity; None for anything else (an offset
    other than Z, fractions of a second, minutes only...), which is a badArgument."""
    try:
        if _DAY.fullmatch(value):
            day = date.fromisoformat(value)
            return Datestamp(datetime.combine(day, time(), tzinfo=UTC), DAY)
        if _SECOND.fullmatch(value):
            instant = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
            return Datestamp(instant.replace(tzinfo=UTC), SECOND)
    except ValueError:
        return None  # well shaped but not a date: 2024-02-30
    return None


def format_datestamp(instant: datetime) -> str:
    """A datestamp in a response (3.3.2): UTC, to the second, with Z."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def lower_bound(start: Datestamp | None) -> datetime | None:
    """The earliest instant a from argument lets in (inclusive, 2.7.1)."""
    return start.instant if start else None


def upper_bound(end: Datestamp | None) -> datetime | None:
    """The first instant an until argument leaves out. Until is inclusive (2.7.1), and
    datestamps are written to the second, so until=2024-05-01 takes in the whole day
    and until=…T10:00:00Z the whole of that second (10:00:00.7 is written 10:00:00Z)."""
    if end is None:
        return None
    step = timedelta(days=1) if end.granularity == DAY else timedelta(seconds=1)
    try:
        return end.instant + step
    except OverflowError:
        return None  # until=9999-12-31: nothing is later


# Identifiers and sets --------------------------------------------------------------------

# Characters a local identifier may hold unescaped (oai-identifier guidelines, 2.1),
# but ":": escaped in a code, it stays the delimiter alone, so a harvester reads the
# institution code and the item id by splitting on it.
_IDENTIFIER_SAFE = "-_.!~*'();/?@&=+$,"
_SET_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!*'()")
_SET_ESCAPE = re.compile(r"~([0-9A-F]{2})")


def make_identifier(repository_id: str, institution: str, item_id: int) -> str:
    """oai:<repository id>:<institution code>:<item id> (design.md)."""
    return f"oai:{repository_id}:{quote(institution, safe=_IDENTIFIER_SAFE)}:{item_id}"


def parse_identifier(repository_id: str, identifier: str) -> tuple[str, int] | None:
    """(institution code, item id) of one of this repository's identifiers, or None."""
    prefix = f"oai:{repository_id}:"
    if not identifier.startswith(prefix):
        return None
    institution, _, item_id = identifier[len(prefix) :].rpartition(":")
    if not institution or not item_id.isascii() or not item_id.isdigit():
        return None
    return unquote(institution), int(item_id)


def _escape_set_part(code: str) -> str:
    # A setSpec may hold only unreserved characters and ":" between levels (2.6), so
    # any other character of a code ("/" in some ISILs) is written ~XX, byte by byte.
    return "".join(c if c in _SET_SAFE else "".join(f"~{b:02X}" for b in c.encode()) for c in code)


def _unescape_set_part(part: str) -> str:
    # A valid setSpec holds no "%" (2.6), so every % here comes from a ~XX escape.
    return unquote(_SET_ESCAPE.sub(r"%\1", part))


@dataclass(frozen=True)
class SetSpec:
    """A set of this repository: an institution's items, or one of its collections
    (institution:<code>:collection:<code>, a subset of the institution's set, 2.6)."""

    institution: str
    collection: str = ""

    def __str__(self) -> str:
        spec = f"institution:{_escape_set_part(self.institution)}"
        if self.collection:
            spec += f":collection:{_escape_set_part(self.collection)}"
        return spec

    def ancestors(self) -> list[SetSpec]:
        """This set and every set it is part of, broadest first: a record's headers
        name them all, so harvesting the institution's set takes in its collections."""
        if not self.collection:
            return [self]
        return [SetSpec(self.institution), self]


_SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")


def parse_set_spec(value: str) -> SetSpec | None:
    """One of this repository's set specs, or None for any other setSpec."""
    parts = value.split(":")
    if len(parts) == 2 and parts[0] == "institution" and parts[1]:
        return SetSpec(_unescape_set_part(parts[1]))
    if len(parts) == 4 and (parts[0], parts[2]) == ("institution", "collection"):
        if parts[1] and parts[3]:
            return SetSpec(_unescape_set_part(parts[1]), _unescape_set_part(parts[3]))
    return None


# Requests ----------------------------------------------------------------------------------

_METADATA_PREFIX = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")


@dataclass(frozen=True)
class Request:
    """A request whose verb and arguments are legal (3.1.1); what they name may still
    not exist here (an unknown format, identifier, set or token)."""

    verb: str
    arguments: dict[str, str] = field(default_factory=dict)  # all but the verb, as given

    def get(self, name: str) -> str:
        return self.arguments.get(name, "")


def parse_request(given: Mapping[str, Sequence[str]]) -> Request | list[Error]:
    """The request, or every badVerb or badArgument error it earns (3.6)."""
    verbs = list(given.get("verb", ()))
    if len(verbs) != 1 or verbs[0] not in VERBS:
        return [Error(BAD_VERB, _bad_verb_message(verbs))]
    errors = _argument_errors(VERBS[verbs[0]], given)
    if errors:
        return errors
    return Request(verbs[0], {name: values[0] for name, values in given.items() if name != "verb"})


def _bad_verb_message(verbs: Sequence[str]) -> str:
    if not verbs:
        return "The verb argument is missing."
    if len(verbs) > 1:
        return "The verb argument is repeated."
    return f"“{verbs[0]}” is not an OAI-PMH verb."


def _argument_errors(rules: Arguments, given: Mapping[str, Sequence[str]]) -> list[Error]:
    names = [name for name in given if name != "verb"]
    errors = _repeated_or_unknown(rules, names, given)
    if errors:
        return errors
    if rules.exclusive and rules.exclusive in given:
        if len(names) > 1:
            return [Error(BAD_ARGUMENT, f"{rules.exclusive} is exclusive: give it alone.")]
        return []
    missing = [name for name in rules.required if not given.get(name, [""])[0]]
    errors = [Error(BAD_ARGUMENT, f"{name} is required.") for name in missing]
    return errors + _syntax_errors(given) + _range_errors(given)


def _repeated_or_unknown(
    rules: Arguments, names: list[str], given: Mapping[str, Sequence[str]]
) -> list[Error]:
    allowed = {*rules.required, *rules.optional, rules.exclusive} - {""}
    repeated = [name for name in names if len(given[name]) > 1]
    unknown = [name for name in names if name not in allowed]
    return [Error(BAD_ARGUMENT, f"{name} is repeated.") for name in repeated] + [
        Error(BAD_ARGUMENT, f"{name} is not an argument of this verb.") for name in unknown
    ]


def _syntax_errors(given: Mapping[str, Sequence[str]]) -> list[Error]:
    errors = []
    prefix = given.get("metadataPrefix", [""])[0]
    if prefix and not _METADATA_PREFIX.fullmatch(prefix):
        errors.append(Error(BAD_ARGUMENT, f"“{prefix}” is not a metadataPrefix."))
    set_spec = given.get("set", [None])[0]
    if set_spec is not None and not _SET_SPEC.fullmatch(set_spec):
        errors.append(Error(BAD_ARGUMENT, f"“{set_spec}” is not a setSpec."))
    for name in ("from", "until"):
        value = given.get(name, [None])[0]
        if value is not None and parse_datestamp(value) is None:
            message = f"{name}: “{value}” is not YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ in UTC."
            errors.append(Error(BAD_ARGUMENT, message))
    return errors


def _range_errors(given: Mapping[str, Sequence[str]]) -> list[Error]:
    start = parse_datestamp(given.get("from", [""])[0])
    end = parse_datestamp(given.get("until", [""])[0])
    if start is None or end is None:
        return []
    if start.granularity != end.granularity:
        # 3.3.1: "Both arguments must have the same granularity."
        return [Error(BAD_ARGUMENT, "from and until must have the same granularity.")]
    if start.instant > end.instant:
        return [Error(BAD_ARGUMENT, "from is later than until.")]  # 2.7.1
    return []


def format_for(prefix: str) -> MetadataFormat | None:
    return METADATA_FORMATS.get(prefix)
