"""The IIIF Image API views: info.json, image requests, errors, caching and access."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import pyvips
from django.test import Client

from nuskha.catalogue.conftest import make_item
from nuskha.catalogue.models import Item
from nuskha.images import tile_cache
from nuskha.images.ingest import ingest
from nuskha.images.models import Page
from nuskha.images.tests.conftest import PAGE_HEIGHT, PAGE_WIDTH, split_page

pytestmark = pytest.mark.django_db

BASE_URL = "https://library.example/nuskha"  # behind a proxy, under a path
ONE_DAY = 24 * 3600


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    settings.BASE_URL = BASE_URL
    return settings.DATA_DIR


@pytest.fixture(scope="module")
def master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1200 x 1600 scan, black on the left half and white on the right."""
    folder = tmp_path_factory.mktemp("scans")
    split_page().pngsave(str(folder / "0001.png"), compression=1)
    return folder


def page_of(item: Item, master: Path) -> Page:
    ingest(item, master)
    return Page.objects.get(item=item)


@pytest.fixture
def page(master: Path) -> Page:
    """The one page of a published item open to everyone."""
    return page_of(make_item(), master)


def url(page: Page, rest: str = "info.json") -> str:
    return f"/iiif/3/image/{page.image_id}/{rest}"


def decoded(response: Any) -> pyvips.Image:
    return pyvips.Image.new_from_buffer(response.content, "")


def public_tiles(data_dir: Path) -> list[Path]:
    return [path for path in (data_dir / "cache/iiif/public").rglob("*") if path.is_file()]


def private_tiles(data_dir: Path) -> list[Path]:
    return [path for path in (data_dir / "cache/iiif/private").rglob("*") if path.is_file()]


# info.json ------------------------------------------------------------------------------


def test_info_json_describes_the_image_at_level_2(client: Client, page: Page) -> None:
    response = client.get(url(page))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Link"] == '<http://iiif.io/api/image/3/level2.json>;rel="profile"'
    document = response.json()
    assert list(document)[0] == "@context"
    assert document["@context"] == "http://iiif.io/api/image/3/context.json"
    # From NUSKHA_BASE_URL, not the request's host (testserver): right behind a proxy.
    assert document["id"] == f"{BASE_URL}/iiif/3/image/{page.image_id}"
    assert document["type"] == "ImageService3"
    assert document["protocol"] == "http://iiif.io/api/image"
    assert document["profile"] == "level2"
    assert (document["width"], document["height"]) == (PAGE_WIDTH, PAGE_HEIGHT)
    assert document["tiles"] == [{"width": 512, "scaleFactors": [1, 2, 4]}]
    assert document["sizes"] == [
        {"width": 300, "height": 400},
        {"width": 600, "height": 800},
        {"width": 1200, "height": 1600},
    ]
    assert document["extraFormats"] == ["webp"]
    assert document["extraQualities"] == ["color", "gray", "bitonal"]
    assert {"canonicalLinkHeader", "profileLinkHeader", "mirroring", "rotationArbitrary"} <= set(
        document["extraFeatures"]
    )
    assert "sizeUpscaling" not in document["extraFeatures"]
    assert "maxWidth" not in document and "maxHeight" not in document


def test_info_json_is_json_ld_when_the_client_asks(client: Client, page: Page) -> None:
    response = client.get(url(page), HTTP_ACCEPT="application/ld+json")

    assert response["Content-Type"] == (
        'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
    )
    assert json.loads(response.content)["profile"] == "level2"
    # The media type depends on Accept, so caches must keep both answers apart.
    assert "Accept" in response["Vary"]


def test_info_json_of_an_open_item_is_publicly_cacheable(client: Client, page: Page) -> None:
    response = client.get(url(page))

    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == f"public, max-age={tile_cache.PUBLIC_MAX_AGE}"
    again = client.get(url(page), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_the_base_uri_redirects_to_info_json(client: Client, page: Page) -> None:
    response = client.get(f"/iiif/3/image/{page.image_id}")

    assert response.status_code == 303
    assert response["Location"] == f"{BASE_URL}/iiif/3/image/{page.image_id}/info.json"
    assert response["Access-Control-Allow-Origin"] == "*"


# Image requests -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_path", "size", "media_type"),
    [
        ("full/max/0/default.jpg", (1200, 1600), "image/jpeg"),
        ("square/max/0/default.jpg", (1200, 1200), "image/jpeg"),
        ("0,0,512,512/512,512/0/default.jpg", (512, 512), "image/jpeg"),  # a stored tile
        ("1024,1536,512,512/176,64/0/default.jpg", (176, 64), "image/jpeg"),  # cut at the edge
        ("0,0,2048,2048/300,400/0/default.jpg", (300, 400), "image/jpeg"),  # level 2's tile
        ("pct:50,50,50,50/max/0/default.png", (600, 800), "image/png"),
        ("full/600,/0/default.jpg", (600, 800), "image/jpeg"),
        ("full/,400/0/default.jpg", (300, 400), "image/jpeg"),
        ("full/pct:25/0/default.jpg", (300, 400), "image/jpeg"),
        ("full/300,300/0/default.jpg", (300, 300), "image/jpeg"),  # w,h may distort
        ("full/!300,300/0/default.jpg", (225, 300), "image/jpeg"),
        ("full/300,/90/default.jpg", (400, 300), "image/jpeg"),
        ("full/300,/180/default.jpg", (300, 400), "image/jpeg"),
        ("full/300,/!0/default.jpg", (300, 400), "image/jpeg"),
        ("full/300,/!270/default.jpg", (400, 300), "image/jpeg"),
        ("full/300,/0/color.jpg", (300, 400), "image/jpeg"),
        ("full/300,/0/gray.png", (300, 400), "image/png"),
        ("full/300,/0/bitonal.png", (300, 400), "image/png"),
        ("full/300,/0/default.webp", (300, 400), "image/webp"),
        ("full/300,/0/gray.webp", (300, 400), "image/webp"),
    ],
)
def test_it_renders_each_kind_of_request_at_the_size_asked(
    client: Client, page: Page, request_path: str, size: tuple[int, int], media_type: str
) -> None:
    response = client.get(url(page, request_path))

    assert response.status_code == 200, response.content
    assert response["Content-Type"] == media_type
    assert (decoded(response).width, decoded(response).height) == size


def test_an_arbitrary_rotation_grows_the_canvas_to_hold_the_corners(
    client: Client, page: Page
) -> None:
    image = decoded(client.get(url(page, "full/300,/45/default.png")))

    # (300 + 400) / sqrt(2) each way
    assert abs(image.width - 495) <= 2 and abs(image.height - 495) <= 2


def test_mirroring_puts_the_black_half_on_the_right(client: Client, page: Page) -> None:
    plain = decoded(client.get(url(page, "full/120,/0/default.png")))
    mirrored = decoded(client.get(url(page, "full/120,/!0/default.png")))

    assert plain.getpoint(10, 80)[0] < 30 and plain.getpoint(110, 80)[0] > 225
    assert mirrored.getpoint(10, 80)[0] > 225 and mirrored.getpoint(110, 80)[0] < 30


@pytest.mark.parametrize(
    ("format", "magic"),
    [("jpg", b"\xff\xd8\xff"), ("png", b"\x89PNG\r\n\x1a\n"), ("webp", b"RIFF")],
)
def test_each_format_is_what_its_name_says(
    client: Client, page: Page, format: str, magic: bytes
) -> None:
    content = client.get(url(page, f"full/300,/0/default.{format}")).content

    assert content.startswith(magic)
    if format == "webp":
        assert content[8:12] == b"WEBP"


def test_gray_has_one_band_and_bitonal_two_values(client: Client, page: Page) -> None:
    gray = decoded(client.get(url(page, "full/300,/0/gray.png")))
    bitonal = decoded(client.get(url(page, "full/300,/45/bitonal.png")))

    assert gray.bands == 1
    assert bitonal.bands == 1
    histogram = bitonal.cast("uchar").hist_find()
    used = [value for value in range(256) if histogram.getpoint(value, 0)[0]]
    assert used == [0, 255]


def test_the_link_header_gives_the_canonical_form_and_the_profile(
    client: Client, page: Page
) -> None:
    response = client.get(url(page, "pct:0,0,50,50/pct:50/360/default.jpg"))

    assert response["Link"] == (
        f"<{BASE_URL}/iiif/3/image/{page.image_id}/0,0,600,800/300,400/0/default.jpg>"
        ';rel="canonical", <http://iiif.io/api/image/3/level2.json>;rel="profile"'
    )


def test_head_is_answered_like_get_without_a_body(client: Client, page: Page) -> None:
    response = client.head(url(page, "full/300,/0/default.jpg"))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg" and response.content == b""


@pytest.mark.parametrize(
    ("request_path", "parameter"),
    [
        ("0,0,0,10/max/0/default.jpg", "region"),
        ("1200,0,10,10/max/0/default.jpg", "region"),  # outside the image
        ("pct:10,10/max/0/default.jpg", "region"),
        ("left/max/0/default.jpg", "region"),
        ("full/0,/0/default.jpg", "size"),
        ("full/1300,/0/default.jpg", "size"),  # larger than the region without ^
        ("full/!1300,1700/0/default.jpg", "size"),
        ("full/pct:101/0/default.jpg", "size"),
        ("full/big/0/default.jpg", "size"),
        ("full/max/361/default.jpg", "rotation"),
        ("full/max/-90/default.jpg", "rotation"),
        ("full/max/ninety/default.jpg", "rotation"),
        ("full/max/0/sepia.jpg", "quality"),
        ("full/max/0/default.tif", "format"),
        ("full/max/0/default.gif", "format"),
        ("full/max/0/default", "format"),
    ],
)
def test_a_bad_parameter_is_refused_with_400_naming_it(
    client: Client, page: Page, request_path: str, parameter: str
) -> None:
    response = client.get(url(page, request_path))

    assert response.status_code == 400
    assert response.json()["error"].startswith(parameter + " ")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_upscaling_is_not_offered_without_limits(client: Client, page: Page) -> None:
    response = client.get(url(page, "full/^1300,/0/default.jpg"))

    assert response.status_code == 501
    assert response.json()["error"].startswith("size ")


@pytest.mark.parametrize("rest", ["info.json", "full/max/0/default.jpg"])
def test_an_unknown_image_is_404(client: Client, rest: str) -> None:
    response = client.get(f"/iiif/3/image/999-0123456789abcdef0123/{rest}")

    assert response.status_code == 404
    assert "999-0123456789abcdef0123" in response.json()["error"]


# Caching of an open item's images -------------------------------------------------------


def test_an_open_items_image_is_publicly_cacheable(
    client: Client, page: Page, data_dir: Path
) -> None:
    response = client.get(url(page, "0,0,512,512/256,256/0/gray.jpg"))

    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["ETag"].startswith('"')
    directives = dict(
        part.strip().partition("=")[::2] for part in response["Cache-Control"].split(",")
    )
    assert "public" in directives and int(directives["max-age"]) >= 7 * ONE_DAY
    # Nothing about the reader shapes the answer, so shared caches need not key on it.
    assert "Cookie" not in response.get("Vary", "")
    assert [path.name for path in public_tiles(data_dir)] == ["gray.jpg"]
    assert not private_tiles(data_dir)
    # A tile the access copy holds as asked is served from it: no copy in the cache.
    assert client.get(url(page, "0,0,512,512/512,512/0/default.jpg")).status_code == 200
    assert [path.name for path in public_tiles(data_dir)] == ["gray.jpg"]


@pytest.mark.parametrize("if_none_match", ["{etag}", "W/{etag}", '"other", {etag}', "*"])
def test_if_none_match_is_answered_with_304_without_rendering(
    client: Client, page: Page, monkeypatch: pytest.MonkeyPatch, if_none_match: str
) -> None:
    path = url(page, "full/600,/0/default.jpg")
    etag = client.get(path)["ETag"]
    tile_cache.forget([page.image_id])
    monkeypatch.setattr("nuskha.images.views.render", refuse_to_render)

    response = client.get(path, HTTP_IF_NONE_MATCH=if_none_match.format(etag=etag))

    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"].startswith("public")


def refuse_to_render(*args: Any, **kwargs: Any) -> bytes:
    raise AssertionError("rendered again")


def test_a_repeated_tile_comes_from_the_disk_cache_without_decoding(
    client: Client, page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = client.get(url(page, "full/600,/90/gray.png"))
    monkeypatch.setattr("nuskha.images.views.render", refuse_to_render)

    again = client.get(url(page, "full/600,/90/gray.png"))
    # The same image asked for in another form is the same cached file.
    equivalent = client.get(url(page, "0,0,1200,1600/pct:50/90.0/gray.png"))

    assert again.status_code == equivalent.status_code == 200
    assert again.content == equivalent.content == first.content
    assert again["ETag"] == equivalent["ETag"] == first["ETag"]


def test_a_different_image_gets_a_different_etag(client: Client, page: Page) -> None:
    one = client.get(url(page, "full/600,/0/default.jpg"))
    other = client.get(url(page, "full/600,/0/default.png"))

    assert one["ETag"] != other["ETag"]


# Access ---------------------------------------------------------------------------------


@pytest.fixture
def restricted_page(master: Path) -> Page:
    return page_of(make_item(access=Item.Access.RESTRICTED), master)


@pytest.mark.parametrize("rest", ["info.json", "full/max/0/default.jpg"])
def test_a_restricted_item_asks_an_anonymous_reader_to_sign_in(
    client: Client, restricted_page: Page, rest: str, data_dir: Path
) -> None:
    response = client.get(url(restricted_page, rest))

    assert response.status_code == 401
    assert not public_tiles(data_dir) and not private_tiles(data_dir)


@pytest.mark.parametrize("rest", ["info.json", "full/max/0/default.jpg"])
def test_a_restricted_item_is_forbidden_to_a_signed_in_reader(
    client: Client, restricted_page: Page, reader: Any, rest: str
) -> None:
    client.force_login(reader)

    assert client.get(url(restricted_page, rest)).status_code == 403


@pytest.mark.parametrize("rest", ["info.json", "full/max/0/default.jpg"])
def test_staff_see_a_restricted_item_with_private_short_caching(
    client: Client, restricted_page: Page, cataloguer: Any, rest: str, data_dir: Path
) -> None:
    client.force_login(cataloguer)

    response = client.get(url(restricted_page, rest))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=60"
    assert "Cookie" in response["Vary"]
    assert "Access-Control-Allow-Origin" not in response
    assert not public_tiles(data_dir)


def test_a_restricted_items_tiles_are_kept_in_the_private_half(
    client: Client, restricted_page: Page, cataloguer: Any, data_dir: Path
) -> None:
    client.force_login(cataloguer)
    client.get(url(restricted_page, "full/max/0/default.jpg"))

    assert not public_tiles(data_dir)
    assert [path.name for path in private_tiles(data_dir)] == ["default.jpg"]


@pytest.mark.parametrize("status", [Item.Status.DRAFT, Item.Status.WITHDRAWN])
def test_a_draft_or_withdrawn_item_is_hidden_from_the_public(
    client: Client, master: Path, reader: Any, cataloguer: Any, status: str, data_dir: Path
) -> None:
    page = page_of(make_item(status=status), master)
    tile = url(page, "full/max/0/default.jpg")

    assert client.get(url(page)).status_code == 401
    assert client.get(tile).status_code == 401
    client.force_login(reader)
    assert client.get(tile).status_code == 403
    client.force_login(cataloguer)
    response = client.get(tile)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=60"
    assert not public_tiles(data_dir)


# An item open at reduced size -----------------------------------------------------------

LIMIT = 500


@pytest.fixture
def reduced_page(master: Path) -> Page:
    return page_of(make_item(access=Item.Access.OPEN_REDUCED, max_image_pixels=LIMIT), master)


def test_info_json_of_a_reduced_item_announces_its_limit(
    client: Client, reduced_page: Page
) -> None:
    response = client.get(url(reduced_page))

    document = response.json()
    assert response.status_code == 200
    assert (document["width"], document["height"]) == (PAGE_WIDTH, PAGE_HEIGHT)
    assert (document["maxWidth"], document["maxHeight"]) == (LIMIT, LIMIT)
    assert document["sizes"] == [{"width": 300, "height": 400}, {"width": 375, "height": 500}]
    # Tiles no wider than maxWidth, only at scales within the limit: 1600 / 4 <= 500.
    assert document["tiles"] == [{"width": 256, "scaleFactors": [4, 8]}]
    assert response["Cache-Control"] == "private, max-age=60"


def test_a_reduced_item_serves_at_most_its_limit(client: Client, reduced_page: Page) -> None:
    response = client.get(url(reduced_page, "full/max/0/default.jpg"))

    assert response.status_code == 200
    assert (decoded(response).width, decoded(response).height) == (375, 500)
    assert response["Cache-Control"] == "private, max-age=60"
    assert '/full/max/0/default.jpg>;rel="canonical"' in response["Link"]


@pytest.mark.parametrize(
    "request_path",
    [
        "full/1200,/0/default.jpg",
        "full/501,/0/default.jpg",
        "full/^max/0/default.jpg",  # allowed, but at most the limit
        "0,0,500,500/max/0/default.jpg",  # 500 px at full resolution: a finer scale
        "0,0,256,256/256,256/0/default.jpg",  # a full-resolution tile
        "0,0,1024,1024/512,512/0/default.jpg",  # a tile at half resolution
    ],
)
def test_a_reduced_item_refuses_more_than_its_limit(
    client: Client, reduced_page: Page, request_path: str
) -> None:
    response = client.get(url(reduced_page, request_path))

    if request_path.startswith("full/^max"):
        assert response.status_code == 200
        assert max(decoded(response).width, decoded(response).height) == LIMIT
    else:
        assert response.status_code == 400
        assert response.json()["error"].startswith("size ")


def test_a_reduced_item_serves_the_tiles_its_info_json_lists(
    client: Client, reduced_page: Page
) -> None:
    for rest in (
        "0,0,1024,1024/256,256/0/default.jpg",  # scale factor 4
        "1024,1024,176,576/44,144/0/default.jpg",  # its edge tile
        "0,0,1200,1600/150,200/0/default.jpg",  # scale factor 8
        "full/300,/0/default.jpg",  # one of the sizes
    ):
        assert client.get(url(reduced_page, rest)).status_code == 200, rest


def test_staff_see_a_reduced_item_at_full_size(
    client: Client, reduced_page: Page, cataloguer: Any
) -> None:
    # An anonymous reader first: the smaller `max` must not be served to staff after it.
    client.get(url(reduced_page, "full/max/0/default.jpg"))
    client.force_login(cataloguer)

    response = client.get(url(reduced_page, "full/max/0/default.jpg"))
    document = client.get(url(reduced_page)).json()

    assert (decoded(response).width, decoded(response).height) == (1200, 1600)
    assert "maxWidth" not in document
    assert response["Cache-Control"] == "private, max-age=60"


def test_a_reader_of_a_reduced_item_never_gets_the_staff_copy(
    client: Client, reduced_page: Page, cataloguer: Any
) -> None:
    client.force_login(cataloguer)
    staff = client.get(url(reduced_page, "full/max/0/default.jpg"))
    client.logout()

    response = client.get(url(reduced_page, "full/max/0/default.jpg"))
    again = client.get(
        url(reduced_page, "full/max/0/default.jpg"), HTTP_IF_NONE_MATCH=staff["ETag"]
    )

    assert (decoded(response).width, decoded(response).height) == (375, 500)
    assert again.status_code == 200  # not 304: the browser's full-size copy is not this one
