"""OAI-PMH 2.0 response documents, built as lxml elements from plain values.

Pure Python over lxml, no Django. A response is one tree serialised once: records'
metadata elements (made by the crosswalks in catalogue/formats) are appended as they
are, never re-parsed. Element order follows the schema OAI-PMH.xsd (3.2).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lxml import etree

from nuskha.oai.protocol import (
    BAD_ARGUMENT,
    BAD_VERB,
    GRANULARITY,
    Error,
    MetadataFormat,
)

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
_OAI_SCHEMA = f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
_IDENTIFIER_SCHEMA = f"{OAI_IDENTIFIER} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"


def _q(name: str) -> str:
    return f"{{{OAI}}}{name}"


@dataclass(frozen=True)
class Header:
    """A record's header (2.5): deleted records have one and nothing else."""

    identifier: str
    datestamp: str  # already written as UTC with Z
    set_specs: tuple[str, ...] = ()
    is_deleted: bool = False


@dataclass(frozen=True)
class Repository:
    """What Identify says about this repository (4.2)."""

    name: str
    base_url: str
    admin_emails: tuple[str, ...]
    earliest_datestamp: str
    repository_id: str
    sample_identifier: str


@dataclass(frozen=True)
class SetDescription:
    spec: str
    name: str


@dataclass(frozen=True)
class Continuation:
    """The resumptionToken element of an incomplete list (3.5); an empty token ends it."""

    token: str = ""
    expiration_date: str = ""
    complete_list_size: int = 0
    cursor: int = 0


def envelope(
    response_date: str, base_url: str, verb: str = "", arguments: Mapping[str, str] | None = None
) -> etree._Element:
    """The response's root, with the request echoed: its verb and arguments as attributes."""
    root = etree.Element(_q("OAI-PMH"), nsmap={None: OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", _OAI_SCHEMA)
    etree.SubElement(root, _q("responseDate")).text = response_date
    request = etree.SubElement(root, _q("request"))
    request.text = base_url
    if verb:
        request.set("verb", verb)
    for name, value in (arguments or {}).items():
        request.set(name, value)
    return root


def errors(root: etree._Element, found: Iterable[Error]) -> etree._Element:
    """Errors after the request. For badVerb and badArgument the request element must
    carry no attributes (3.6): the request was not a legal one to echo."""
    found = list(found)
    if any(error.code in (BAD_VERB, BAD_ARGUMENT) for error in found):
        request = root.find(_q("request"))
        assert request is not None
        request.attrib.clear()
    for error in found:
        _text(root, "error", error.message).set("code", error.code)
    return root


def body(root: etree._Element, verb: str) -> etree._Element:
    """The element named after the verb, which holds the answer."""
    return etree.SubElement(root, _q(verb))


def serialise(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data


def _text(parent: etree._Element, name: str, text: str) -> etree._Element:
    element = etree.SubElement(parent, _q(name))
    element.text = text
    return element


def identify(parent: etree._Element, repository: Repository) -> None:
    _text(parent, "repositoryName", repository.name)
    _text(parent, "baseURL", repository.base_url)
    _text(parent, "protocolVersion", "2.0")
    for email in repository.admin_emails:
        _text(parent, "adminEmail", email)
    _text(parent, "earliestDatestamp", repository.earliest_datestamp)
    _text(parent, "deletedRecord", "persistent")  # 2.5.1: tombstones are kept for good
    _text(parent, "granularity", GRANULARITY)
    parent.append(_oai_identifier(repository))


def _oai_identifier(repository: Repository) -> etree._Element:
    """The oai-identifier description: harvesters read identifiers' syntax from it."""
    description = etree.Element(_q("description"))
    scheme = etree.SubElement(
        description, f"{{{OAI_IDENTIFIER}}}oai-identifier", nsmap={None: OAI_IDENTIFIER}
    )
    scheme.set(f"{{{XSI}}}schemaLocation", _IDENTIFIER_SCHEMA)
    for name, text in (
        ("scheme", "oai"),
        ("repositoryIdentifier", repository.repository_id),
        ("delimiter", ":"),
        ("sampleIdentifier", repository.sample_identifier),
    ):
        etree.SubElement(scheme, f"{{{OAI_IDENTIFIER}}}{name}").text = text
    return description


def metadata_formats(parent: etree._Element, formats: Iterable[MetadataFormat]) -> None:
    for known in formats:
        element = etree.SubElement(parent, _q("metadataFormat"))
        _text(element, "metadataPrefix", known.prefix)
        _text(element, "schema", known.schema)
        _text(element, "metadataNamespace", known.namespace)


def sets(parent: etree._Element, descriptions: Iterable[SetDescription]) -> None:
    for description in descriptions:
        element = etree.SubElement(parent, _q("set"))
        _text(element, "setSpec", description.spec)
        _text(element, "setName", description.name)


def header(parent: etree._Element, record_header: Header) -> etree._Element:
    element = etree.SubElement(parent, _q("header"))
    if record_header.is_deleted:
        element.set("status", "deleted")
    _text(element, "identifier", record_header.identifier)
    _text(element, "datestamp", record_header.datestamp)
    for spec in record_header.set_specs:
        _text(element, "setSpec", spec)
    return element


def record(
    parent: etree._Element, record_header: Header, metadata: etree._Element | None
) -> etree._Element:
    """A record: its header, and its metadata unless it is deleted (2.5.1)."""
    element = etree.SubElement(parent, _q("record"))
    header(element, record_header)
    if metadata is not None and not record_header.is_deleted:
        etree.SubElement(element, _q("metadata")).append(metadata)
    return element


def continuation(parent: etree._Element, resumption: Continuation) -> None:
    element = _text(parent, "resumptionToken", resumption.token)
    if resumption.expiration_date:
        element.set("expirationDate", resumption.expiration_date)
    if resumption.complete_list_size:
        element.set("completeListSize", str(resumption.complete_list_size))
    element.set("cursor", str(resumption.cursor))
