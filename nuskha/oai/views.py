"""The OAI-PMH 2.0 endpoint at /oai: the six verbs, over GET and POST (3.1.1).

Django glue: protocol.py checks the arguments, repository.py and listing.py read the
catalogue, the crosswalks in catalogue/formats write each record's metadata, and
responses.py builds the document, serialised once. Every answer is HTTP 200 with an
OAI-PMH document, errors included (3.6).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from datetime import datetime
from functools import cache
from importlib import import_module
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree

from nuskha.access import institution_of, refusals_told
from nuskha.catalogue.formats.record import Record
from nuskha.catalogue.interchange import record_of, with_interchange_relations
from nuskha.catalogue.models import Item
from nuskha.oai import protocol, repository, responses, tokens
from nuskha.oai.listing import Loader, Page, Selection, first_page, next_page
from nuskha.oai.models import Tombstone
from nuskha.oai.protocol import Error
from nuskha.oai.resumption import TokenError

Writer = Callable[[Record], etree._Element]


class Refusal(Exception):
    """A legal request this repository cannot answer with data: the errors to send."""

    def __init__(self, *errors: Error) -> None:
        super().__init__(errors)
        self.errors = list(errors)


@csrf_exempt  # harvesters POST without a session; nothing here changes state
@require_http_methods(["GET", "POST"])
def endpoint(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    given = request.POST if request.method == "POST" else request.GET
    parsed = protocol.parse_request(dict(given.lists()))
    if isinstance(parsed, list):
        return _answer(responses.errors(_envelope(now), parsed))
    root = _envelope(now, parsed)
    reader = _reader(request)
    # A partner's page of records logs a decision per record (once a day each): in one
    # transaction, not a commit apiece. The public's harvests write nothing, and take no lock.
    logging = transaction.atomic() if reader.is_authenticated else nullcontext()
    try:
        with logging:
            VERBS[parsed.verb](responses.body(root, parsed.verb), parsed, reader, now)
    except Refusal as refusal:
        return _answer(responses.errors(_envelope(now, parsed), refusal.errors))
    return _with_reasons(_answer(root), refusals_told(reader))


def _with_reasons(response: HttpResponse, reasons: list[str]) -> HttpResponse:
    # A record refused to a partner is reported deleted (its copy should go from the
    # partner's union catalogue), and OAI-PMH records have no place for why: the partner
    # is told in a header (e.g. which agreement expired, and when; docs/reference/oai.md).
    if reasons:
        # Header values are Latin-1: UTF-8, percent-encoded (as RFC 8187 does).
        response["Nuskha-Access-Refused"] = quote(" | ".join(reasons), safe=" ,.;:()/'-")
    return response


def _reader(request: HttpRequest) -> Any:
    # A partner (its credential, or a signed-in account of the partner's staff) gets what
    # its agreements grant; anyone else what the public gets: this instance's own staff
    # who open /oai in a browser see what a harvester sees.
    if institution_of(request.user) is not None:
        return request.user
    return AnonymousUser()


def _answer(root: etree._Element) -> HttpResponse:
    return HttpResponse(responses.serialise(root), content_type="text/xml; charset=utf-8")


def base_url() -> str:
    return settings.BASE_URL + reverse("oai:endpoint")


def _envelope(now: datetime, request: protocol.Request | None = None) -> etree._Element:
    date = protocol.format_datestamp(now)
    if request is None:
        return responses.envelope(date, base_url())
    return responses.envelope(date, base_url(), request.verb, request.arguments)


# The verbs ---------------------------------------------------------------------------------


def identify(body: etree._Element, request: protocol.Request, reader: Any, now: datetime) -> None:
    description = responses.Repository(
        name=repository.repository_name(),
        base_url=base_url(),
        admin_emails=(settings.OAI_ADMIN_EMAIL,),
        earliest_datestamp=protocol.format_datestamp(repository.earliest_datestamp()),
        repository_id=settings.OAI_REPOSITORY_ID,
        sample_identifier=repository.sample_identifier(),
    )
    responses.identify(body, description)


def list_metadata_formats(
    body: etree._Element, request: protocol.Request, reader: Any, now: datetime
) -> None:
    # Every record, a deleted one's included, is disseminated in every format (4.4).
    if "identifier" in request.arguments and repository.find(request.get("identifier")) is None:
        raise Refusal(_no_such_identifier(request.get("identifier")))
    responses.metadata_formats(body, protocol.METADATA_FORMATS.values())


def list_sets(body: etree._Element, request: protocol.Request, reader: Any, now: datetime) -> None:
    if "resumptionToken" in request.arguments:
        # The set list always comes whole, so no token was ever issued for it.
        raise Refusal(Error(protocol.BAD_RESUMPTION_TOKEN, "ListSets issues no tokens."))
    responses.sets(body, repository.set_descriptions())


def get_record(body: etree._Element, request: protocol.Request, reader: Any, now: datetime) -> None:
    writer = _writer_for(request.get("metadataPrefix"))
    found = repository.find(request.get("identifier"))
    if found is None:
        raise Refusal(_no_such_identifier(request.get("identifier")))
    if isinstance(found, Tombstone):
        responses.record(body, repository.tombstone_header(found), None)
        return
    item = _with_records([found.pk]).first()
    if item is None:  # deleted since it was found: its tombstone answers next time
        raise Refusal(_no_such_identifier(request.get("identifier")))
    _add_item(body, item, reader, writer)


def list_identifiers(
    body: etree._Element, request: protocol.Request, reader: Any, now: datetime
) -> None:
    page = _list_page(request, _with_headers, now)
    for entry in page.entries:
        responses.header(body, _header(entry, reader))
    _end_page(body, page)


def list_records(
    body: etree._Element, request: protocol.Request, reader: Any, now: datetime
) -> None:
    page = _list_page(request, _with_records, now)
    writer = _writer_for(page.selection.metadata_prefix)
    for entry in page.entries:
        if isinstance(entry, Tombstone):
            responses.record(body, repository.tombstone_header(entry), None)
        else:
            _add_item(body, entry, reader, writer)
    _end_page(body, page)


VERBS: dict[str, Callable[[etree._Element, protocol.Request, Any, datetime], None]] = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}


# Lists ---------------------------------------------------------------------------------------


def _list_page(request: protocol.Request, load: Loader, now: datetime) -> Page:
    if "resumptionToken" in request.arguments:
        try:
            resumption = tokens.read(request.get("resumptionToken"), request.verb, now)
        except TokenError as error:
            raise Refusal(Error(protocol.BAD_RESUMPTION_TOKEN, str(error))) from None
        page = next_page(resumption, load, now)
    else:
        _known_format(request.get("metadataPrefix"))  # before any query
        page = first_page(Selection.of_request(request), load, now)
    if not page.entries:
        raise Refusal(Error(protocol.NO_RECORDS_MATCH, "No records match the request."))
    return page


def _end_page(body: etree._Element, page: Page) -> None:
    if page.continuation is not None:
        responses.continuation(body, page.continuation)


def _with_headers(ids: list[int]) -> QuerySet[Item]:
    return Item.objects.filter(pk__in=ids).select_related("institution", "collection")


def _with_records(ids: list[int]) -> QuerySet[Item]:
    items = Item.objects.filter(pk__in=ids).select_related("collection")
    return with_interchange_relations(items)


def _header(entry: Item | Tombstone, reader: Any) -> responses.Header:
    if isinstance(entry, Tombstone):
        return repository.tombstone_header(entry)
    return repository.item_header(reader, entry)


def _add_item(body: etree._Element, item: Item, reader: Any, writer: Writer) -> None:
    header = repository.item_header(reader, item)
    metadata = None if header.is_deleted else writer(record_of(item, settings.BASE_URL))
    responses.record(body, header, metadata)


# Formats ---------------------------------------------------------------------------------


def _known_format(prefix: str) -> protocol.MetadataFormat:
    known = protocol.format_for(prefix)
    if known is None:
        message = f"“{prefix}” is not a format of this repository."
        raise Refusal(Error(protocol.CANNOT_DISSEMINATE_FORMAT, message))
    return known


def _writer_for(prefix: str) -> Writer:
    return _writer(_known_format(prefix).writer)


@cache
def _writer(path: str) -> Writer:
    # The crosswalks are imported on first use: the endpoint answers Identify and the
    # lists of headers without loading them.
    module, _, function = path.partition(":")
    writer: Writer = getattr(import_module(module), function)
    return writer


def _no_such_identifier(identifier: str) -> Error:
    # idDoesNotExist covers identifiers "unknown or illegal in this repository" (3.6),
    # a harvested record's included: this repository is not its home.
    return Error(protocol.ID_DOES_NOT_EXIST, f"“{identifier}” is not a record of this repository.")
