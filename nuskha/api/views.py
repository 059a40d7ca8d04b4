"""/items/{id}/record.json: an item's full record, exactly as the API's item detail gives it
(records.py builds both; the same schema and renderer write them)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from nuskha.api.errors import ApiError
from nuskha.api.items import visible_item
from nuskha.api.records import item_record
from nuskha.api.schemas import ItemSchema


def record_json(request: HttpRequest, item_id: int) -> HttpResponse:
    from nuskha.api.urls import api  # the API's renderer, so both documents are byte-equal

    try:
        record = item_record(visible_item(request, item_id))
    except ApiError as error:
        return api.create_response(request, {"detail": error.message}, status=error.status)
    data = ItemSchema.model_validate(record).model_dump()
    return api.create_response(request, data, status=200)
