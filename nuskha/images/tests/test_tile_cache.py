"""The tile cache: FastTiles as a WSGI layer in front of Django, the ETag rule, and the
removal of public tiles when an item stops being open to everyone."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from nuskha.catalogue.conftest import make_item
from nuskha.catalogue.models import Item
from nuskha.images import tile_cache
from nuskha.images.ingest import ingest
from nuskha.images.models import Page
from nuskha.images.tests.conftest import page_8_bit
from nuskha.images.tile_cache import FastTiles, cached_file, etag_for, etag_matches

BASE_URL = "https://library.example/nuskha"
IMAGE_ID = "12-0123456789abcdef01ab"
CANONICAL = "0,0,1024,1024/512,512/0/default.jpg"  # a tile at scale factor 2
TILE = b"\xff\xd8 a stored tile \xff\xd9"


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    settings.BASE_URL = BASE_URL
    return settings.DATA_DIR


# A WSGI harness: a downstream app that records what reached it ---------------------------


@dataclass
class Downstream:
    """Stands for Django behind FastTiles: answers 418 and remembers each path."""

    paths: list[str] = field(default_factory=list)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self.paths.append(environ["PATH_INFO"])
        start_response("418 I'm a teapot", [("Content-Type", "text/plain")])
        return [b"downstream"]


@dataclass
class Answer:
    status: str
    headers: dict[str, str]
    body: bytes


def call(application: Any, path: str, method: str = "GET", **extra: str) -> Answer:
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", **extra}
    started: list[Any] = []
    body = b"".join(application(environ, lambda status, headers: started.extend([status, headers])))
    return Answer(started[0], dict(started[1]), body)


@pytest.fixture
def downstream() -> Downstream:
    return Downstream()


@pytest.fixture
def tiles(downstream: Downstream) -> FastTiles:
    tile_cache.store(cached_file(IMAGE_ID, CANONICAL, public=True), TILE)
    return FastTiles(downstream)


def tile_path(canonical: str = CANONICAL, image_id: str = IMAGE_ID) -> str:
    return f"/iiif/3/image/{image_id}/{canonical}"


def test_it_serves_a_stored_public_tile_with_public_headers(
    tiles: FastTiles, downstream: Downstream
) -> None:
    answer = call(tiles, tile_path())

    assert answer.status == "200 OK"
    assert answer.body == TILE
    assert answer.headers == {
        "Content-Type": "image/jpeg",
        "Content-Length": str(len(TILE)),
        "Cache-Control": f"public, max-age={tile_cache.PUBLIC_MAX_AGE}",
        "Access-Control-Allow-Origin": "*",
        "ETag": etag_for(IMAGE_ID, CANONICAL),
        "Link": f'<{BASE_URL}/iiif/3/image/{IMAGE_ID}/{CANONICAL}>;rel="canonical", '
        '<http://iiif.io/api/image/3/level2.json>;rel="profile"',
    }
    assert downstream.paths == []


def test_it_answers_a_matching_if_none_match_with_304(tiles: FastTiles) -> None:
    answer = call(tiles, tile_path(), HTTP_IF_NONE_MATCH=etag_for(IMAGE_ID, CANONICAL))

    assert answer.status == "304 Not Modified"
    assert answer.body == b""
    assert answer.headers["ETag"] == etag_for(IMAGE_ID, CANONICAL)
    assert answer.headers["Cache-Control"].startswith("public")


def test_a_stale_if_none_match_gets_the_tile(tiles: FastTiles) -> None:
    answer = call(tiles, tile_path(), HTTP_IF_NONE_MATCH='"0123"')

    assert answer.status == "200 OK" and answer.body == TILE


def test_head_gets_the_headers_without_the_body(tiles: FastTiles) -> None:
    answer = call(tiles, tile_path(), method="HEAD")

    assert answer.status == "200 OK"
    assert answer.body == b""
    assert answer.headers["Content-Length"] == str(len(TILE))


@pytest.mark.parametrize(
    ("path", "method"),
    [
        (tile_path("0,0,1024,1024/512,512/0/default.png"), "GET"),  # not rendered yet
        (tile_path(image_id="12-0123456789abcdef02ab"), "GET"),  # another image
        (tile_path(), "POST"),
        (tile_path(), "DELETE"),
        # The same image asked for in non-canonical forms: Django parses them.
        (tile_path("0,0,1024,1024/512,/0/default.jpg"), "GET"),
        (tile_path("0,0,1024,1024/pct:50/0/default.jpg"), "GET"),
        (tile_path("pct:0,0,85.333333,64/512,512/0/default.jpg"), "GET"),
        (tile_path("0,0,1024,1024/512,512/0.0/default.jpg"), "GET"),
        (tile_path("0,0,1024,1024/512,512/00/default.jpg"), "GET"),
        (tile_path("0,0,1024,1024/512,512/0/default.jpeg"), "GET"),
        (tile_path("0,0,1024,1024/512,512/0/default.jpg/"), "GET"),
        (tile_path().upper(), "GET"),
        ("/iiif/3/image/" + IMAGE_ID + "/info.json", "GET"),
        ("/iiif/3/image/" + IMAGE_ID, "GET"),
        ("/items/12", "GET"),
    ],
)
def test_anything_else_falls_through_to_django(
    tiles: FastTiles, downstream: Downstream, path: str, method: str
) -> None:
    answer = call(tiles, path, method=method)

    assert answer.status.startswith("418")
    assert downstream.paths == [path]


def test_it_serves_a_full_resolution_tile_asked_for_as_openseadragon_asks(
    downstream: Downstream,
) -> None:
    # OpenSeadragon writes x,y,w,h/w,h; the view stored it under its canonical x,y,w,h/max.
    tile_cache.store(cached_file(IMAGE_ID, "512,0,512,512/max/0/default.jpg", public=True), TILE)

    answer = call(FastTiles(downstream), tile_path("512,0,512,512/512,512/0/default.jpg"))

    assert answer.status == "200 OK" and answer.body == TILE
    assert answer.headers["Link"].startswith(
        f'<{BASE_URL}/iiif/3/image/{IMAGE_ID}/512,0,512,512/max/0/default.jpg>;rel="canonical"'
    )
    assert answer.headers["ETag"] == etag_for(IMAGE_ID, "512,0,512,512/max/0/default.jpg")


@pytest.mark.parametrize(
    "path",
    [
        "512,0,512,512/512,256/0/default.jpg",  # another size
        "512,0,0512,512/512,512/0/default.jpg",  # not a canonical region
        "512,0,512,512/512,0512/0/default.jpg",
    ],
)
def test_only_the_same_image_is_taken_for_the_canonical_max(
    downstream: Downstream, path: str
) -> None:
    tile_cache.store(cached_file(IMAGE_ID, "512,0,512,512/max/0/default.jpg", public=True), TILE)

    answer = call(FastTiles(downstream), tile_path(path))

    assert answer.status.startswith("418")


def test_a_private_tile_is_never_served(downstream: Downstream) -> None:
    tile_cache.store(cached_file(IMAGE_ID, CANONICAL, public=False), TILE)

    answer = call(FastTiles(downstream), tile_path())

    assert answer.status.startswith("418")


@pytest.mark.parametrize(
    "path",
    [
        # Dots up out of the public half, to a file planted in the cache's root.
        tile_path("../../../default.jpg"),
        tile_path("../../../../planted/default.jpg"),
        tile_path("full/../../default.jpg"),
        tile_path(".,.,.,./max/./default.jpg"),
        "/iiif/3/image/../image/" + IMAGE_ID + "/" + CANONICAL,
        "/iiif/3/image/" + IMAGE_ID + "/./" + CANONICAL,
        "/iiif/3/image/" + IMAGE_ID + "//" + CANONICAL,
    ],
)
def test_path_tricks_fall_through(
    tiles: FastTiles, downstream: Downstream, data_dir: Path, path: str
) -> None:
    for planted in (
        data_dir / "cache/iiif/default.jpg",
        data_dir / "cache/planted/default.jpg",
        data_dir / "cache/iiif/public/ab/default.jpg",
    ):
        planted.parent.mkdir(parents=True, exist_ok=True)
        planted.write_bytes(b"not a public tile")

    answer = call(tiles, path)

    assert answer.status.startswith("418")
    assert downstream.paths == [path]


@pytest.mark.parametrize(
    "raw",
    [
        f"/iiif/3/image/{IMAGE_ID}/0,0,1024,1024%2F512,512/0/default.jpg",
        f"/iiif/3/image/{IMAGE_ID}%2F0,0,1024,1024/512,512/0/default.jpg",
        f"/iiif/3/image/{IMAGE_ID}/0,0,1024,1024/512,512/0/default%2Ejpg",
    ],
)
@pytest.mark.parametrize("server_key", ["RAW_URI", "REQUEST_URI"])
def test_a_percent_encoded_path_falls_through(
    tiles: FastTiles, downstream: Downstream, raw: str, server_key: str
) -> None:
    # The server decodes PATH_INFO, so an encoded slash arrives looking canonical.
    answer = call(tiles, tile_path(), **{server_key: raw})

    assert answer.status.startswith("418")


def test_a_query_string_does_not_stop_the_fast_path(tiles: FastTiles) -> None:
    answer = call(tiles, tile_path(), RAW_URI=tile_path() + "?v=%20", QUERY_STRING="v=%20")

    assert answer.status == "200 OK"


# ETags ----------------------------------------------------------------------------------

ETAG = '"0123456789abcdef0123"'


@pytest.mark.parametrize(
    ("header", "matches"),
    [
        (ETAG, True),
        (f"W/{ETAG}", True),
        (f'"other", {ETAG}', True),
        (f'"other",W/{ETAG}', True),
        ("*", True),
        (" * ", True),
        ('"other"', False),
        (ETAG[:-1], False),
        ("", False),
        (None, False),
    ],
)
def test_if_none_match_is_compared_weakly(header: str | None, matches: bool) -> None:
    assert etag_matches(header, ETAG) is matches


def test_an_etag_names_the_image_and_the_request() -> None:
    etags = {
        etag_for(IMAGE_ID, CANONICAL),
        etag_for(IMAGE_ID, CANONICAL.replace("jpg", "png")),
        etag_for("12-0123456789abcdef02ab", CANONICAL),
    }
    assert len(etags) == 3
    assert etag_for(IMAGE_ID, CANONICAL) == etag_for(IMAGE_ID, CANONICAL)


def test_forget_removes_an_images_tiles_from_one_half_or_both() -> None:
    for public in (True, False):
        tile_cache.store(cached_file(IMAGE_ID, CANONICAL, public=public), TILE)

    tile_cache.forget([IMAGE_ID], public_only=True)
    assert not cached_file(IMAGE_ID, CANONICAL, public=True).exists()
    assert cached_file(IMAGE_ID, CANONICAL, public=False).exists()

    tile_cache.forget([IMAGE_ID])
    assert not cached_file(IMAGE_ID, CANONICAL, public=False).exists()


# When access changes --------------------------------------------------------------------


@pytest.fixture
def open_page(tmp_path: Path, db: Any) -> Page:
    folder = tmp_path / "scans"
    folder.mkdir()
    page_8_bit(600, 800).jpegsave(str(folder / "0001.jpg"), Q=90)
    ingest(make_item(), folder)
    return Page.objects.get()


def django_behind(client: Client) -> Any:
    """Django, as the application FastTiles falls through to (through the test client,
    which keeps the test's transaction open)."""

    def application(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        response = client.generic(environ["REQUEST_METHOD"], environ["PATH_INFO"])
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return [response.content]

    return application


def warm(client: Client, page: Page) -> tuple[FastTiles, str]:
    """Render a tile through Django; FastTiles then serves it."""
    path = f"/iiif/3/image/{page.image_id}/full/max/0/default.jpg"
    assert client.get(path).status_code == 200
    tiles = FastTiles(django_behind(client))
    served = call(tiles, path)
    assert served.status == "200 OK"
    assert cached_file(page.image_id, "full/max/0/default.jpg", public=True).exists()
    return tiles, path


@pytest.mark.parametrize(
    "change",
    [
        {"access": Item.Access.RESTRICTED},
        {"access": Item.Access.OPEN_REDUCED, "max_image_pixels": 300},
        {"status": Item.Status.WITHDRAWN},
        {"status": Item.Status.DRAFT},
    ],
)
def test_when_an_item_stops_being_open_its_public_tiles_go(
    client: Client, open_page: Page, change: dict[str, Any]
) -> None:
    tiles, path = warm(client, open_page)
    item = open_page.item
    for name, value in change.items():
        setattr(item, name, value)

    item.save()

    assert not cached_file(open_page.image_id, "full/max/0/default.jpg", public=True).exists()
    # So FastTiles falls through, and Django refuses the anonymous reader (or, for a
    # reduced item, gives no more than its limit).
    answer = call(tiles, path)
    if "max_image_pixels" in change:
        assert answer.status == "200 OK"
        assert answer.headers["Cache-Control"] == "private, max-age=60"
    else:
        assert answer.status == "401 Unauthorized"


def test_saving_an_item_that_stays_open_keeps_its_tiles(client: Client, open_page: Page) -> None:
    tiles, path = warm(client, open_page)

    open_page.item.save()

    assert call(tiles, path).headers["Cache-Control"].startswith("public")
    assert cached_file(open_page.image_id, "full/max/0/default.jpg", public=True).exists()


def test_deleting_an_item_removes_its_tiles(client: Client, open_page: Page) -> None:
    warm(client, open_page)

    open_page.item.delete()

    assert not cached_file(open_page.image_id, "full/max/0/default.jpg", public=True).exists()


def test_a_tile_rendered_while_the_item_closes_is_not_left_public(
    client: Client, open_page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nuskha.images import views

    def render_while_closing(*args: Any, **kwargs: Any) -> bytes:
        # Another request restricts the item (and clears the tiles) mid-render.
        Item.objects.filter(pk=open_page.item_id).update(access=Item.Access.RESTRICTED)
        return real_render(*args, **kwargs)

    real_render = views.render
    monkeypatch.setattr(views, "render", render_while_closing)

    response = client.get(f"/iiif/3/image/{open_page.image_id}/full/300,/0/default.jpg")

    assert response.status_code == 200  # it was open when asked
    assert not cached_file(open_page.image_id, "full/300,400/0/default.jpg", public=True).exists()


# Stored tiles of public images, straight from the access copy ------------------------------


@pytest.fixture
def large_open_page(tmp_path: Path, db: Any) -> Page:
    folder = tmp_path / "large"
    folder.mkdir()
    page_8_bit(2000, 2600).jpegsave(str(folder / "0001.jpg"), Q=90)
    ingest(make_item(shelfmark="MS 77"), folder)
    return Page.objects.get(item__shelfmark="MS 77")


@pytest.mark.parametrize(
    "canonical",
    [
        "512,512,512,512/max/0/default.jpg",  # full resolution
        "0,0,1024,1024/512,512/0/default.jpg",  # half size
    ],
)
def test_a_stored_tile_of_a_public_image_is_served_without_django(
    client: Client, large_open_page: Page, canonical: str
) -> None:
    page = large_open_page
    through_django = client.get(f"/iiif/3/image/{page.image_id}/{canonical}").content
    tile_cache.forget([page.image_id])
    warm(client, page)  # any answer through Django marks the image public
    downstream = Downstream()
    served = call(FastTiles(downstream), tile_path(canonical, page.image_id))
    assert served.status == "200 OK" and downstream.paths == []
    assert served.body == through_django
    assert served.headers["Cache-Control"].startswith("public")


def test_stored_tiles_of_an_item_not_open_to_everyone_go_to_django(
    client: Client, large_open_page: Page
) -> None:
    item = large_open_page.item
    canonical = "512,512,512,512/max/0/default.jpg"
    downstream = Downstream()
    assert (
        call(FastTiles(downstream), tile_path(canonical, large_open_page.image_id)).status
        == "200 OK"
    )
    item.access = Item.Access.RESTRICTED
    item.save()
    served = call(FastTiles(downstream), tile_path(canonical, large_open_page.image_id))
    assert served.status.startswith("418") and len(downstream.paths) == 1
    item.access = Item.Access.OPEN
    item.save()
    assert not (large_open_page.derivative_dir() / "public").exists()  # until committed


def test_edge_tiles_cut_at_ingest_are_served_without_django(
    client: Client, large_open_page: Page
) -> None:
    page = large_open_page
    for canonical in (
        "1536,0,464,512/max/0/default.jpg",  # the right edge at full size
        "0,2048,1024,552/512,276/0/default.jpg",  # the bottom edge at half size
    ):
        downstream = Downstream()
        served = call(FastTiles(downstream), tile_path(canonical, page.image_id))
        assert served.status == "200 OK" and downstream.paths == []
        assert served.body == client.get(f"/iiif/3/image/{page.image_id}/{canonical}").content


def test_a_tile_that_is_not_stored_as_asked_goes_to_django(
    client: Client, large_open_page: Page
) -> None:
    downstream = Downstream()
    for canonical in (
        "100,100,512,512/max/0/default.jpg",  # off the grid
        "0,0,1024,1024/400,400/0/default.jpg",  # not a power of two
        "0,0,512,512/max/90/default.jpg",  # rotated
    ):
        call(FastTiles(downstream), tile_path(canonical, large_open_page.image_id))
    assert len(downstream.paths) == 3


# Tiles of restricted items for a reader who holds an image pass ---------------------------


@pytest.fixture
def large_restricted_page(tmp_path: Path, db: Any) -> Page:
    folder = tmp_path / "restricted"
    folder.mkdir()
    page_8_bit(2000, 2600).jpegsave(str(folder / "0001.jpg"), Q=90)
    ingest(make_item(shelfmark="MS 78", access=Item.Access.RESTRICTED), folder)
    return Page.objects.get(item__shelfmark="MS 78")


STORED = "512,512,512,512/max/0/default.jpg"


def pass_of(client: Client, page: Page) -> str:
    """The reader's image pass, as the browser holds it after the viewer read info.json."""
    assert client.get(f"/iiif/3/image/{page.image_id}/info.json").status_code == 200
    return client.cookies[tile_cache.PASS_COOKIE].value


def test_a_reader_with_a_pass_gets_restricted_tiles_without_django(
    client: Client, cataloguer: Any, large_restricted_page: Page
) -> None:
    page = large_restricted_page
    client.force_login(cataloguer)
    through_django = client.get(f"/iiif/3/image/{page.image_id}/{STORED}")
    cookie = f"sessionid=x; {tile_cache.PASS_COOKIE}={pass_of(client, page)}"
    downstream = Downstream()

    served = call(FastTiles(downstream), tile_path(STORED, page.image_id), HTTP_COOKIE=cookie)

    assert served.status == "200 OK" and downstream.paths == []
    assert served.body == through_django.content
    for header in ("Cache-Control", "ETag", "Link", "Content-Type"):
        assert served.headers[header] == through_django[header], header
    # Django's LocaleMiddleware adds Accept-Language, which a tile does not depend on.
    assert served.headers["Vary"] == "Cookie, Authorization"
    assert through_django["Vary"].startswith("Cookie, Authorization")
    assert "Access-Control-Allow-Origin" not in served.headers


def test_a_rendered_restricted_tile_is_served_from_the_private_half(
    client: Client, cataloguer: Any, large_restricted_page: Page
) -> None:
    page = large_restricted_page
    client.force_login(cataloguer)
    rendered = client.get(f"/iiif/3/image/{page.image_id}/full/300,/0/gray.png").content
    cookie = f"{tile_cache.PASS_COOKIE}={pass_of(client, page)}"
    downstream = Downstream()

    served = call(
        FastTiles(downstream),
        tile_path("full/300,390/0/gray.png", page.image_id),
        HTTP_COOKIE=cookie,
    )

    assert served.status == "200 OK" and served.body == rendered and downstream.paths == []


def test_without_a_good_pass_a_restricted_tile_goes_to_django(
    client: Client, cataloguer: Any, large_restricted_page: Page
) -> None:
    page = large_restricted_page
    client.force_login(cataloguer)
    token = pass_of(client, page)
    forged = token.replace(f"{page.item_id}-", f"{page.item_id + 1}-")
    downstream = Downstream()
    for cookie in ("", "sessionid=abc", f"{tile_cache.PASS_COOKIE}={forged}"):
        call(FastTiles(downstream), tile_path(STORED, page.image_id), HTTP_COOKIE=cookie)
    other = make_item(shelfmark="MS 79", access=Item.Access.RESTRICTED)
    other_image = f"{other.pk}-{page.image_id.partition('-')[2]}"
    cookie = f"{tile_cache.PASS_COOKIE}={token}"
    call(FastTiles(downstream), tile_path(STORED, other_image), HTTP_COOKIE=cookie)
    assert len(downstream.paths) == 4


@pytest.mark.parametrize(
    "change",
    ["item opened to the public at reduced size", "reader no longer staff", "reader signed out"],
)
def test_a_change_of_access_voids_a_pass_at_once(
    client: Client,
    cataloguer: Any,
    large_restricted_page: Page,
    change: str,
    django_capture_on_commit_callbacks: Any,
) -> None:
    page = large_restricted_page
    client.force_login(cataloguer)
    cookie = f"{tile_cache.PASS_COOKIE}={pass_of(client, page)}"
    downstream = Downstream()
    tiles = FastTiles(downstream)
    assert call(tiles, tile_path(STORED, page.image_id), HTTP_COOKIE=cookie).status == "200 OK"

    with django_capture_on_commit_callbacks(execute=True):
        if change.startswith("item"):
            page.item.access, page.item.max_image_pixels = Item.Access.OPEN_REDUCED, 500
            page.item.save()
        elif change.startswith("reader no longer"):
            cataloguer.is_staff = False
            cataloguer.save()
        else:
            client.post("/staff/logout/")

    call(tiles, tile_path(STORED, page.image_id), HTTP_COOKIE=cookie)
    assert downstream.paths == [tile_path(STORED, page.image_id)]


def test_an_expired_pass_goes_to_django(
    client: Client, cataloguer: Any, large_restricted_page: Page, monkeypatch: Any
) -> None:
    page = large_restricted_page
    client.force_login(cataloguer)
    cookie = f"{tile_cache.PASS_COOKIE}={pass_of(client, page)}"
    later = time.time() + tile_cache.PASS_SECONDS + 1
    monkeypatch.setattr(tile_cache.time, "time", lambda: later)
    downstream = Downstream()

    call(FastTiles(downstream), tile_path(STORED, page.image_id), HTTP_COOKIE=cookie)

    assert len(downstream.paths) == 1


def test_no_pass_for_open_items_or_reduced_ones(
    client: Client, large_open_page: Page, large_restricted_page: Page
) -> None:
    assert (
        tile_cache.PASS_COOKIE
        not in client.get(f"/iiif/3/image/{large_open_page.image_id}/info.json").cookies
    )
    item = large_restricted_page.item
    item.access, item.max_image_pixels = Item.Access.OPEN_REDUCED, 500
    item.save()
    response = client.get(f"/iiif/3/image/{large_restricted_page.image_id}/info.json")
    assert response.status_code == 200
    assert tile_cache.PASS_COOKIE not in response.cookies


def test_a_pass_is_scoped_to_image_requests_and_kept_from_scripts(
    client: Client, cataloguer: Any, large_restricted_page: Page
) -> None:
    client.force_login(cataloguer)
    response = client.get(f"/iiif/3/image/{large_restricted_page.image_id}/info.json")
    morsel = response.cookies[tile_cache.PASS_COOKIE]

    assert morsel["path"] == "/nuskha/iiif/3/image/"  # under NUSKHA_BASE_URL's path
    assert morsel["httponly"] and morsel["samesite"] == "Lax"
    assert morsel["max-age"] == tile_cache.PASS_SECONDS
    # A pass still good for a while is not handed out again with every tile.
    again = client.get(f"/iiif/3/image/{large_restricted_page.image_id}/{STORED}")
    assert tile_cache.PASS_COOKIE not in again.cookies
