"""One hardened XML parser for every format: no entities, no DTDs, no network.

Pure Python over lxml. Records arrive from partners and harvests: a parser that
resolved entities or fetched DTDs would let a record read local files or the network
(XXE) or blow up memory (billion laughs).
"""

from __future__ import annotations

from lxml import etree

from nuskha.catalogue.formats.record import FormatError


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_xml(data: bytes | str, what: str = "the document") -> etree._Element:
    """The root element of data, or FormatError naming what could not be read and why."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as error:
        raise FormatError(f"{what} is not well-formed XML: {error}") from None
    if root is None:
        raise FormatError(f"{what} is empty")
    if root.getroottree().docinfo.doctype:
        raise FormatError(f"{what} has a DOCTYPE; documents with DTDs are not accepted")
    for node in root.iter(etree.Entity):
        raise FormatError(f"{what} uses an entity ({node}); entities are not accepted")
    return root
