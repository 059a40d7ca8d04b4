"""/items/{id}/record.<format>: an item's full record as JSON (exactly as the API's item
detail gives it: records.py builds both; the same schema and renderer write them), and as
MARC21, MARCXML, TEI msDesc and Dublin Core through the catalogue's crosswalks."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from nuskha.api.errors import ApiError
from nuskha.api.items import visible_item
from nuskha.api.records import item_record
from nuskha.api.schemas import ItemSchema
from nuskha.catalogue.exchange_formats import WRITE_FORMATS_BY_EXTENSION
from nuskha.catalogue.formats.record import FormatError
from nuskha.catalogue.interchange import record_of


def record_json(request: HttpRequest, item_id: int) -> HttpResponse:
    from nuskha.api.urls import api  # the API's renderer, so both documents are byte-equal

    try:
        record = item_record(visible_item(request, item_id))
    except ApiError as error:
        return api.create_response(request, {"detail": error.message}, status=error.status)
    data = ItemSchema.model_validate(record).model_dump()
    return api.create_response(request, data, status=200)


def record_export(request: HttpRequest, item_id: int, extension: str) -> HttpResponse:
    """The record in the format its extension names (mrc, marcxml, tei, dc)."""
    export = WRITE_FORMATS_BY_EXTENSION.get(extension)
    if export is None:
        raise Http404(f"There is no record format “{extension}”.")
    try:
        item = visible_item(request, item_id)
    except ApiError as error:
        raise Http404(error.message) from None
    try:
        data = export.write([record_of(item, settings.BASE_URL)])
    except (FormatError, ValueError) as error:
        # The record lacks what the format requires (a MARC record needs a title).
        message = f"Item {item_id} cannot be written as {extension}: {error}"
        return HttpResponse(message, status=422, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=export.media_type)
    filename = f"{item.institution.code}-{item.pk}.{extension}"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
