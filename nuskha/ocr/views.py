"""IIIF Content Search 1.0 over an item's recognised text: /iiif/3/search/<item id>?q=.

Access is the item's, asked of nuskha.access through the images door (a hit shows a
piece of the page). The hits' boxes are in canvas coordinates: a page's canvas is its
image at full size, as OCR read it.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from nuskha.catalogue.models import Item
from nuskha.images.manifests import canvas_url
from nuskha.images.views import refusal
from nuskha.ocr.content_search import find_hits, search_response
from nuskha.ocr.models import PageText

MEDIA_TYPE = 'application/ld+json;profile="http://iiif.io/api/search/1/context.json"'


@require_GET
def content_search(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(Item, pk=item_id)
    refused = refusal(request, item, "item's text")
    if refused is not None:
        return refused
    query = request.GET.get("q", "").strip()
    texts = (
        PageText.objects.filter(page__item=item).select_related("page").order_by("page__position")
    )
    pages = [(canvas_url(text.page), text.recognised_page()) for text in texts]
    hits = find_hits(pages, query) if query else []
    document = search_response(
        hits, settings.BASE_URL + request.get_full_path(), _service_url(request, item)
    )
    response = HttpResponse(json.dumps(document, ensure_ascii=False), content_type=MEDIA_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _service_url(request: HttpRequest, item: Item) -> str:
    return f"{settings.BASE_URL}/iiif/3/search/{item.pk}"
