"""The disk cache of rendered IIIF images, and the WSGI layer that serves its public half.

Every rendered image is kept on disk under its image id and canonical request, so a
repeated tile is never decoded again. Images of items open to everyone go to the public
half, which FastTiles serves before Django is reached: no database query, no
middleware, a file read (warm tiles cost well under a millisecond of CPU). Images of
other items go to the private half, which only the Django view serves, after asking
nuskha.access. When an item stops being open to everyone, its public tiles are removed
(signals.py), so the fast path can never serve what the access rule now refuses.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings

from nuskha.access.epoch import epoch_file, read_epoch
from nuskha.images import passes
from nuskha.images.iiif import PROFILE_URI

PUBLIC_MAX_AGE = 30 * 24 * 3600  # image ids change with the master, so tiles rarely change
PRIVATE_MAX_AGE = 60  # a change of access must take effect at once, not after a day
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
_PREFIX = "/iiif/3/image/"
# image-id/region/size/rotation/quality.format in the forms a canonical path takes (§4.8
# of the Image API, as iiif.canonical_path writes it): no "square", no "pct:", no segment
# of dots, so a path that matches names a file inside the public half and nowhere else.
_TILE_PATH = re.compile(
    r"/iiif/3/image/(?P<image_id>[0-9]+-[0-9a-f]+)/"
    r"(?P<region>full|[0-9]+,[0-9]+,(?P<region_size>[0-9]+,[0-9]+))/"
    r"(?P<size>\^?(?:max|[0-9]+,[0-9]+))/"
    r"(?P<rest>!?[0-9]+(?:\.[0-9]+)?/(?:default|color|gray|bitonal)\.(?:jpg|png|webp))"
)


def cache_root() -> Path:
    return Path(settings.DATA_DIR) / "cache" / "iiif"


def cached_file(image_id: str, canonical: str, *, public: bool) -> Path:
    half = "public" if public else "private"
    return cache_root() / half / image_id[-2:] / image_id / canonical


def store(path: Path, data: bytes) -> None:
    """Write atomically: a reader never sees half a tile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tile-")
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)


def forget(image_ids: Iterable[str], *, public_only: bool = False) -> None:
    halves = ["public"] if public_only else ["public", "private"]
    for image_id in image_ids:
        for half in halves:
            shutil.rmtree(cache_root() / half / image_id[-2:] / image_id, ignore_errors=True)


def etag_for(image_id: str, canonical: str) -> str:
    # The image id changes with the master, so id and request name the bytes exactly.
    return '"' + hashlib.sha1(f"{image_id}/{canonical}".encode()).hexdigest()[:20] + '"'


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Does an If-None-Match header name this ETag? Weak comparison, as RFC 9110 §13.1.2
    asks for GET: a list, W/ prefixes and * all count."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


def public_headers(image_id: str, canonical: str, etag: str) -> list[tuple[str, str]]:
    """The headers of a public tile, as the view sends them (views._cached), less its length."""
    return [
        ("Content-Type", CONTENT_TYPES[canonical.rsplit(".", 1)[1]]),
        ("Cache-Control", f"public, max-age={PUBLIC_MAX_AGE}"),
        ("Access-Control-Allow-Origin", "*"),
        ("ETag", etag),
        ("Link", image_links(f"{settings.BASE_URL}{_PREFIX}{image_id}", canonical)),
    ]


def image_links(image_url: str, canonical: str) -> str:
    """The Link header of an image response: its canonical URI and the compliance level
    (canonicalLinkHeader and profileLinkHeader, which info.json's extraFeatures promise)."""
    return f'<{image_url}/{canonical}>;rel="canonical", <{PROFILE_URI}>;rel="profile"'


StartResponse = Callable[..., Any]

# A tile as the pyramid stores it: a region of the grid, at full size or a power of two
# smaller, default quality, no rotation, JPEG.
_STORED_TILE = re.compile(
    r"(?P<region>[0-9]+,[0-9]+,[0-9]+,[0-9]+)/(?P<size>max|[0-9]+,[0-9]+)/0/default\.jpg"
)

# Image passes (passes.py), handed out by the IIIF views to readers nuskha.access lets see
# a restricted item whole. Short-lived: a pass also ends when the access epoch advances.
PASS_COOKIE = "nuskha_image_pass"
PASS_SECONDS = 300
_PASS_IN_COOKIES = re.compile(r"(?:^|[;,]\s*)" + PASS_COOKIE + r"=([0-9A-Za-z._-]+)")


def pass_key() -> bytes:
    # A key of its own, derived from the secret key, so a pass signs nothing else.
    return hmac.new(settings.SECRET_KEY.encode(), b"nuskha.images.passes", "sha256").digest()


def pass_from_cookies(cookie_header: str) -> str | None:
    found = _PASS_IN_COOKIES.search(cookie_header)
    return found[1] if found else None


def private_headers(image_id: str, canonical: str, etag: str) -> list[tuple[str, str]]:
    """The headers of a restricted item's tile for a signed-in reader, as the view sends
    them (views._cached), less its length: no shared cache, no other site's script."""
    return [
        ("Content-Type", CONTENT_TYPES[canonical.rsplit(".", 1)[1]]),
        ("Link", image_links(f"{settings.BASE_URL}{_PREFIX}{image_id}", canonical)),
        ("ETag", etag),
        ("Cache-Control", f"private, max-age={PRIVATE_MAX_AGE}"),
        ("Vary", "Cookie, Authorization"),
    ]


class FastTiles:
    """WSGI middleware: answer, from disk and before Django, a tile that is already
    rendered or stored as asked, when no decision is needed: the item is open to everyone
    (the public half of the cache, and the stored tiles of images flagged public), or the
    reader holds an image pass for the item in the current access epoch (the private
    half, and the item's stored tiles).

    Only a request in canonical form can hit (the view stores under the canonical path),
    or in the form OpenSeadragon (and so Mirador) writes its full-resolution tiles;
    anything else goes to Django, and so does any request whose raw path was
    percent-encoded (an encoded slash or dot must not reach the file system as a
    separator: Django decides what it means).
    """

    def __init__(self, application: Callable[[dict[str, Any], StartResponse], Any]) -> None:
        self.application = application
        self.root = str(cache_root())
        self.key = pass_key()
        self.epoch_file = epoch_file()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Any:
        path = environ.get("PATH_INFO", "")
        if path.startswith(_PREFIX) and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            match = _TILE_PATH.fullmatch(path)
            if match and not _was_encoded(environ):
                image_id, canonical = match["image_id"], _canonical(match)
                found = self._public(image_id, canonical) or self._passed(
                    image_id, canonical, environ
                )
                if found is not None:
                    data, headers = found
                    return _answer(data, headers, environ, start_response)
        return self.application(environ, start_response)

    def _public(self, image_id: str, canonical: str) -> tuple[bytes, list] | None:
        data = _cached_bytes(self.root, "public", image_id, canonical)
        if data is None:
            data = _stored_tile_of(image_id, canonical, only_public=True)
        if data is None:
            return None
        return data, public_headers(image_id, canonical, etag_for(image_id, canonical))

    def _passed(
        self, image_id: str, canonical: str, environ: dict[str, Any]
    ) -> tuple[bytes, list] | None:
        token = pass_from_cookies(environ.get("HTTP_COOKIE", ""))
        if token is None:
            return None
        item_id = int(image_id.partition("-")[0])  # models.image_id_for
        epoch = read_epoch(self.epoch_file)
        if not passes.covers(self.key, epoch, token, item_id, time.time()):
            return None
        data = _cached_bytes(self.root, "private", image_id, canonical)
        if data is None:
            data = _stored_tile_of(image_id, canonical, only_public=False)
        if data is None:
            return None
        return data, private_headers(image_id, canonical, etag_for(image_id, canonical))


def _answer(
    data: bytes, headers: list, environ: dict[str, Any], start_response: StartResponse
) -> list[bytes]:
    etag = next(value for name, value in headers if name == "ETag")
    if etag_matches(environ.get("HTTP_IF_NONE_MATCH"), etag):
        start_response("304 Not Modified", headers)
        return []
    headers.append(("Content-Length", str(len(data))))
    start_response("200 OK", headers)
    return [] if environ["REQUEST_METHOD"] == "HEAD" else [data]


def _cached_bytes(root: str, half: str, image_id: str, canonical: str) -> bytes | None:
    # Plain string joins: pathlib costs more than the rest of the request here.
    try:
        with open(f"{root}/{half}/{image_id[-2:]}/{image_id}/{canonical}", "rb") as stream:
            return stream.read()
    except OSError:
        return None


def _stored_tile_of(image_id: str, canonical: str, *, only_public: bool) -> bytes | None:
    """A tile the access copy holds as it is asked for (or its edge tiles, cut at ingest);
    if `only_public`, only of an image flagged open to everyone (models.mark_public: set
    at ingest and when the item opens, cleared when it closes, so it says what the access
    rule says)."""
    match = _STORED_TILE.fullmatch(canonical)
    if match is None:
        return None
    from nuskha.images.models import PUBLIC_FLAG, derivative_dir
    from nuskha.images.rendering import stored_tile

    folder = derivative_dir(image_id)
    if only_public and not os.path.exists(folder / PUBLIC_FLAG):
        return None
    x, y, w, h = (int(n) for n in match["region"].split(","))
    size = (w, h) if match["size"] == "max" else tuple(int(n) for n in match["size"].split(","))
    try:
        return stored_tile(folder / "access.tif", (x, y, w, h), size)  # type: ignore[arg-type]
    except (OSError, ValueError):
        return None


def _canonical(match: re.Match[str]) -> str:
    # OpenSeadragon asks for a tile at full resolution as x,y,w,h/w,h, whose canonical
    # size is max (§4.8): most of a deep zoom's tiles, so worth the fast path. Only a
    # canonical region can have a file, so the rewritten path is the same image or none.
    size = match["size"]
    if size == match["region_size"]:
        size = "max"
    return f"{match['region']}/{size}/{match['rest']}"


def _was_encoded(environ: dict[str, Any]) -> bool:
    # gunicorn gives the path as sent in RAW_URI, uWSGI and others in REQUEST_URI.
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI") or ""
    return "%" in raw.partition("?")[0]
