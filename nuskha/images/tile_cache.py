"""The disk cache of rendered IIIF images, and the WSGI layer that serves its public half.

Every rendered image is kept on disk under its image id and canonical request, so a
repeated tile is never decoded again. Images of items open to everyone go to the public
half, which PublicTiles serves before Django is reached: no database query, no
middleware, a file read (warm tiles cost well under a millisecond of CPU). Images of
other items go to the private half, which only the Django view serves, after asking
nuskha.access. When an item stops being open to everyone, its public tiles are removed
(signals.py), so the fast path can never serve what the access rule now refuses.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings

from nuskha.images.iiif import PROFILE_URI

PUBLIC_MAX_AGE = 30 * 24 * 3600  # image ids change with the master, so tiles rarely change
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


class PublicTiles:
    """WSGI middleware: answer a request for an already rendered public tile from disk.

    Only a request in canonical form can hit (the view stores under the canonical path),
    or in the form OpenSeadragon (and so Mirador) writes its full-resolution tiles;
    anything else goes to Django, and so does any request whose raw path was
    percent-encoded (an encoded slash or dot must not reach the file system as a
    separator: Django decides what it means).
    """

    def __init__(self, application: Callable[[dict[str, Any], StartResponse], Any]) -> None:
        self.application = application
        self.root = str(cache_root() / "public")

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Any:
        path = environ.get("PATH_INFO", "")
        if path.startswith(_PREFIX) and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            match = _TILE_PATH.fullmatch(path)
            if match and not _was_encoded(environ):
                answer = self._answer(match["image_id"], _canonical(match), environ, start_response)
                if answer is not None:
                    return answer
        return self.application(environ, start_response)

    def _answer(
        self, image_id: str, canonical: str, environ: dict[str, Any], start_response: StartResponse
    ) -> list[bytes] | None:
        # Plain string joins: pathlib costs more than the rest of the request here.
        try:
            with open(f"{self.root}/{image_id[-2:]}/{image_id}/{canonical}", "rb") as stream:
                data = stream.read()
        except OSError:
            data = _stored_tile_of_public_image(image_id, canonical)
            if data is None:
                return None
        etag = etag_for(image_id, canonical)
        headers = public_headers(image_id, canonical, etag)
        if etag_matches(environ.get("HTTP_IF_NONE_MATCH"), etag):
            start_response("304 Not Modified", headers)
            return []
        headers.append(("Content-Length", str(len(data))))
        start_response("200 OK", headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [data]


def _stored_tile_of_public_image(image_id: str, canonical: str) -> bytes | None:
    """A tile the access copy holds as it is asked for (or its edge tiles, cut at ingest),
    of an image flagged open to everyone (models.mark_public: set at ingest and when the
    item opens, cleared when it closes, so it says what the access rule says)."""
    match = _STORED_TILE.fullmatch(canonical)
    if match is None:
        return None
    from nuskha.images.models import PUBLIC_FLAG, derivative_dir
    from nuskha.images.rendering import stored_tile

    folder = derivative_dir(image_id)
    if not os.path.exists(folder / PUBLIC_FLAG):
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
