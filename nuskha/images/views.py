"""IIIF Image API 3.0 (level 2) views: info.json and image requests for page images.

Access is asked of nuskha.access once per request (never logged per tile: the rule
decides, the cooperation log counts readers per day). Pixels come from the access copy's
pyramid (rendering.py), never from the master, and each rendered image is kept in the tile
cache (tile_cache.py) under its canonical request.

Items open at reduced size are limited twice: by size (maxWidth and maxHeight in
info.json, §4.2 and §5.2) and by resolution, since a small region at full resolution,
tile by tile, would give the whole page at full size. A reader may ask for any part of the
page, but never at a finer scale than the whole page at the item's largest size.
"""

from __future__ import annotations

import hashlib
import json
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    HttpResponseRedirect,
    JsonResponse,
)
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from nuskha.access import Door, decide, image_size_limit, is_open_to_everyone, told_why
from nuskha.access import epoch as access_epoch
from nuskha.catalogue.models import Item
from nuskha.images import passes, tile_cache
from nuskha.images.iiif import (
    PROFILE_URI,
    IIIFError,
    ImageRequest,
    canonical_path,
    info_document,
    parse_request,
    pyramid_levels,
)
from nuskha.images.manifests import build_manifest, with_manifest_relations
from nuskha.images.models import Page, mark_public
from nuskha.images.rendering import render, stored_tile

MANIFEST_MEDIA_TYPE = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
INFO_MEDIA_TYPE = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'


def image_base_url(image_id: str) -> str:
    # NUSKHA_BASE_URL, not the request's host: right behind a reverse proxy (design.md).
    return f"{settings.BASE_URL}/iiif/3/image/{image_id}"


@require_safe
def image_base(request: HttpRequest, image_id: str) -> HttpResponse:
    """The image's base URI redirects to its info.json (§2.2 of the Image API)."""
    return _with_cors(HttpResponseRedirect(f"{image_base_url(image_id)}/info.json", status=303))


@require_safe
def info(request: HttpRequest, image_id: str) -> HttpResponse:
    epoch = access_epoch.current()  # before deciding: see access/epoch.py
    page = _page_for(request, image_id)
    if isinstance(page, HttpResponse):
        return page
    limit = _size_limit(request, page)
    body = json.dumps(_info_document(page, limit), ensure_ascii=False)
    # §5: JSON-LD media type when asked for, else application/json (both are valid).
    accepts_ld = "application/ld+json" in request.headers.get("Accept", "")
    content_type = INFO_MEDIA_TYPE if accepts_ld else "application/json"
    etag = '"' + hashlib.sha1(f"{content_type}\n{body}".encode()).hexdigest()[:20] + '"'
    if tile_cache.etag_matches(request.headers.get("If-None-Match"), etag):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    response["Link"] = f'<{PROFILE_URI}>;rel="profile"'
    patch_vary_headers(response, ["Accept"])
    return _with_image_pass(_cached(response, request, page, limit), request, page, limit, epoch)


@require_safe
def image(
    request: HttpRequest, image_id: str, region: str, size: str, rotation: str, quality_format: str
) -> HttpResponse:
    epoch = access_epoch.current()  # before deciding: see access/epoch.py
    page = _page_for(request, image_id)
    if isinstance(page, HttpResponse):
        return page
    limit = _size_limit(request, page)
    try:
        plan = parse_request(
            region, size, rotation, quality_format, page.width, page.height,
            max_width=limit, max_height=limit,
        )  # fmt: skip
        if limit is not None:
            _check_resolution(plan, size, page, limit)
    except IIIFError as error:
        return _error(error.status, str(error))
    # The cache key and ETag name the bytes whoever asks: without the limits, for which
    # `max` means another size for a reader of a reduced item than for staff.
    key = canonical_path(plan, page.width, page.height)
    etag = tile_cache.etag_for(image_id, key)
    if tile_cache.etag_matches(request.headers.get("If-None-Match"), etag):
        response: HttpResponse = HttpResponseNotModified()  # nothing rendered, nothing read
    else:
        data = _rendered(page, plan, key, public=is_open_to_everyone(page.item))
        response = HttpResponse(data, content_type=tile_cache.CONTENT_TYPES[plan.format])
    canonical = canonical_path(plan, page.width, page.height, max_width=limit, max_height=limit)
    response["Link"] = tile_cache.image_links(image_base_url(image_id), canonical)
    response["ETag"] = etag
    return _with_image_pass(_cached(response, request, page, limit), request, page, limit, epoch)


def _rendered(page: Page, plan: ImageRequest, key: str, *, public: bool) -> bytes:
    stored = _as_stored(page, plan)
    if stored is not None:
        # Bytes the access copy holds as asked (a tile of its grid): nothing to render,
        # and no copy to keep in the cache beside them.
        if public:
            mark_public([page.image_id], True)
        return stored
    cached = tile_cache.cached_file(page.image_id, key, public=public)
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = render(page.access_copy, plan, full_width=page.width, full_height=page.height)
    tile_cache.store(cached, data)
    if public:
        mark_public([page.image_id], True)  # pages ingested before the flag existed
    if public and not _is_still_open(page):
        # The item was closed while this request rendered, and signals.py may have
        # cleared the public tiles before this one was stored: don't leave it there.
        mark_public([page.image_id], False)
        tile_cache.forget([page.image_id], public_only=True)
    return data


def _as_stored(page: Page, plan: ImageRequest) -> bytes | None:
    is_plain = plan.format == "jpg" and plan.quality in ("default", "color")
    if not is_plain or plan.mirror or plan.rotation:
        return None
    try:
        return stored_tile(page.access_copy, plan.region, plan.size)
    except (OSError, ValueError):
        return None


def _is_still_open(page: Page) -> bool:
    item = Item.objects.filter(pk=page.item_id).only("status", "access").first()
    return item is not None and is_open_to_everyone(item)


def _page_for(request: HttpRequest, image_id: str) -> Page | HttpResponse:
    try:
        page = Page.objects.select_related("item").get(image_id=image_id)
    except Page.DoesNotExist:
        return _error(404, f"No image {image_id!r} here.")
    # Open to everyone: the answer is the same whoever asks, so don't look (no session
    # read, no Vary: Cookie on a publicly cached response).
    if is_open_to_everyone(page.item):
        return page
    refused = refusal(request, page.item, "image")
    return page if refused is None else refused


def refusal(request: HttpRequest, item: Item, what: str) -> HttpResponse | None:
    """The answer when nuskha.access refuses this reader the item's images (401 to the
    public, 403 to the signed-in, with the lapsed agreement named to a partner), or None.
    Content search (ocr/views.py) answers the same way."""
    decision = decide(request.user, item, Door.IMAGES)
    if decision.is_granted:
        return None
    if not request.user.is_authenticated:
        return _error(401, f"This {what} is not open to the public; sign in to see it.")
    return _error(403, told_why(request.user, decision) or f"You may not see this {what}.")


def _size_limit(request: HttpRequest, page: Page) -> int | None:
    if is_open_to_everyone(page.item):
        return None
    return image_size_limit(request.user, page.item)


def _check_resolution(plan: ImageRequest, size: str, page: Page, limit: int) -> None:
    """Refuse pixels finer than the whole page at `limit` on its longest side."""
    longest = max(page.width, page.height)
    _, _, region_width, region_height = plan.region
    # Rounded up, so every tile at an allowed scale factor passes, edge tiles included.
    widest = -(-region_width * limit // longest)
    tallest = -(-region_height * limit // longest)
    if plan.size[0] > widest or plan.size[1] > tallest:
        raise IIIFError(
            "size",
            size,
            f"this item is open at up to {limit} pixels on the page's longest side, so"
            f" this region at most {widest},{tallest}",
        )


def _info_document(page: Page, limit: int | None) -> dict[str, object]:
    tile_size, scale_factors = _tiles(page, limit)
    return info_document(
        image_base_url(page.image_id),
        page.width,
        page.height,
        tile_size=tile_size,
        scale_factors=scale_factors,
        sizes=_sizes(page, limit),
        max_width=limit,
        max_height=limit,
    )


def _tiles(page: Page, limit: int | None) -> tuple[int, list[int]]:
    """Tile width and scale factors: the pyramid's own, or for a reduced item the tiles
    within the limit (a tile may be no wider than maxWidth, §5.2) at the scales allowed."""
    if limit is None:
        return page.tile_size, pyramid_levels(page.width, page.height, page.tile_size)
    tile_size = page.tile_size if page.tile_size <= limit else 2 ** (limit.bit_length() - 1)
    longest = max(page.width, page.height)
    factors = pyramid_levels(page.width, page.height, tile_size)
    # The last factor always qualifies: the whole page fits one tile there.
    return tile_size, [factor for factor in factors if -(-longest // factor) <= limit]


def _sizes(page: Page, limit: int | None) -> list[tuple[int, int]]:
    """Whole-image sizes the pyramid holds ready (each level), for viewers' thumbnails,
    and for a reduced item the largest size it is open at."""
    sizes = []
    for level in range(page.pyramid_levels):
        width = max(1, round(page.width / 2**level))
        height = max(1, round(page.height / 2**level))
        if limit is None or max(width, height) <= limit:
            sizes.append((width, height))
    if limit is not None:
        largest = parse_request(
            "full", "max", "0", "default.jpg", page.width, page.height,
            max_width=limit, max_height=limit,
        )  # fmt: skip
        sizes.append(largest.size)
    return sizes


def _cached(
    response: HttpResponse, request: HttpRequest, page: Page, limit: int | None
) -> HttpResponse:
    if is_open_to_everyone(page.item) and limit is None:
        response["Cache-Control"] = f"public, max-age={tile_cache.PUBLIC_MAX_AGE}"
        return _with_cors(response)
    # Restricted or reduced: the answer depends on who asks, so no shared cache may keep
    # it, and what a signed-in reader sees is granted to no other site's script. What an
    # anonymous reader sees (a reduced item) any site's viewer may show, as for open ones.
    response["Cache-Control"] = f"private, max-age={tile_cache.PRIVATE_MAX_AGE}"
    patch_vary_headers(response, ["Cookie", "Authorization"])
    return response if request.user.is_authenticated else _with_cors(response)


def _with_image_pass(
    response: HttpResponse, request: HttpRequest, page: Page, limit: int | None, epoch: str
) -> HttpResponse:
    """Hand a reader the access rule lets see a restricted item's images whole a pass for
    it (passes.py), so tile_cache.FastTiles serves the item's tiles to this browser before
    Django for a few minutes, or until the access epoch advances. A reader of a reduced
    item gets none: the limits are checked here, per request."""
    is_whole = limit is None and page.image_id.startswith(f"{page.item_id}-")
    if not is_whole or is_open_to_everyone(page.item):
        return response
    key, now = tile_cache.pass_key(), time.time()
    token = request.COOKIES.get(tile_cache.PASS_COOKIE)
    held = passes.grants_of(key, epoch, token, now) if token else {}
    if held.get(page.item_id, 0) > now + tile_cache.PASS_SECONDS / 2:
        return response  # no new cookie on every response
    until = int(now) + tile_cache.PASS_SECONDS
    granted_until = decide(request.user, page.item, Door.IMAGES).until
    if granted_until is not None:  # an agreement ends sooner: so does the pass
        until = min(until, int(granted_until.timestamp()))
    response.set_cookie(
        tile_cache.PASS_COOKIE,
        passes.with_grant(key, epoch, token, page.item_id, until, now),
        max_age=tile_cache.PASS_SECONDS,
        path=urlsplit(settings.BASE_URL).path + "/iiif/3/image/",
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response


def _with_cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status: int, message: str) -> HttpResponse:
    return _with_cors(JsonResponse({"error": message}, status=status))


@require_safe
def manifest(request: HttpRequest, item_id: int) -> HttpResponse:
    """The item's IIIF Presentation 3.0 manifest (manifests.py); 401/403 as nuskha.access
    decides, 404 for an item with no page images."""
    item = with_manifest_relations(Item.objects.filter(pk=item_id)).first()
    if item is None:
        return _error(404, f"No item {item_id} here.")
    refused = refusal(request, item, "item's images")
    if refused is not None:
        return refused
    pages = list(Page.objects.filter(item=item))
    if not pages:
        return _error(404, f"Item {item_id} has no page images.")
    document = build_manifest(item, pages, base_url=settings.BASE_URL)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False), content_type=MANIFEST_MEDIA_TYPE
    )
    if is_open_to_everyone(item):
        response["Cache-Control"] = "public, max-age=300"  # records change; tiles rarely do
        return _with_cors(response)
    response["Cache-Control"] = f"private, max-age={tile_cache.PRIVATE_MAX_AGE}"
    patch_vary_headers(response, ["Cookie", "Authorization"])
    return response if request.user.is_authenticated else _with_cors(response)
