from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import pyvips

from nuskha.images import rendering
from nuskha.images.derivatives import build_access_copy
from nuskha.images.iiif import ImageRequest
from nuskha.images.rendering import access_levels, choose_level, render
from nuskha.images.tests.conftest import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    page_8_bit,
    save_access_copy,
    split_page,
)

FULL = (0, 0, PAGE_WIDTH, PAGE_HEIGHT)
MakeAccessCopy = Callable[..., Path]


def request(
    region: tuple[int, int, int, int] = FULL,
    size: tuple[int, int] = (PAGE_WIDTH, PAGE_HEIGHT),
    *,
    mirror: bool = False,
    rotation: float = 0.0,
    quality: str = "default",
    format: str = "jpg",
) -> ImageRequest:
    return ImageRequest(
        region=region, size=size, mirror=mirror, rotation=rotation, quality=quality, format=format
    )


def rendered(access_copy: Path, image_request: ImageRequest) -> pyvips.Image:
    data = render(access_copy, image_request, full_width=PAGE_WIDTH, full_height=PAGE_HEIGHT)
    return pyvips.Image.new_from_buffer(data, "")


def open_level(access_copy: Path, level: int) -> pyvips.Image:
    source = pyvips.Source.new_from_file(str(access_copy))
    return pyvips.Image.new_from_source(source, "", page=level)


# Built once for the module: rendering only reads them.
@pytest.fixture(scope="module")
def page_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_access_copy(tmp_path_factory.mktemp("page"), page_8_bit())


@pytest.fixture(scope="module")
def split_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_access_copy(tmp_path_factory.mktemp("split"), split_page())


# Choosing the level


@pytest.mark.parametrize(
    ("region", "size", "levels", "expected"),
    [
        (FULL, (1200, 1600), 3, 0),  # full size
        (FULL, (600, 800), 3, 1),  # half
        (FULL, (300, 400), 3, 2),  # a quarter: level 2 holds exactly that
        (FULL, (301, 400), 3, 1),  # a pixel more than level 2 has: level 1
        (FULL, (100, 50), 3, 2),  # smaller than the smallest level: the smallest
        ((0, 0, 6000, 8000), (1000, 1333), 5, 2),  # /full/1000,/ of a full-size page
        ((0, 0, 6000, 8000), (100, 133), 5, 4),
        ((2048, 2048, 2048, 2048), (512, 512), 5, 2),  # a tile at scale factor 4
        ((5632, 7680, 368, 320), (23, 20), 5, 4),  # an edge tile at scale factor 16
        ((10, 10, 50, 50), (200, 200), 5, 0),  # enlarging reads full size
        ((0, 0, 1000, 40), (250, 40), 5, 0),  # the narrower side decides
    ],
)
def test_it_chooses_the_smallest_level_with_enough_pixels(
    region: tuple[int, int, int, int], size: tuple[int, int], levels: int, expected: int
) -> None:
    assert choose_level(region, size, levels) == expected


def test_it_lists_the_levels_of_an_access_copy(page_copy: Path) -> None:
    assert access_levels(page_copy) == [(1200, 1600), (600, 800), (300, 400)]


def test_a_quarter_size_request_opens_level_2(
    page_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = []
    crop_level = rendering._crop_level

    def spy(access_copy: Path, level: object, index: int, region: object) -> pyvips.Image:
        opened.append(index)
        return crop_level(access_copy, level, index, region)  # type: ignore[arg-type]

    monkeypatch.setattr(rendering, "_crop_level", spy)

    assert rendered(page_copy, request(size=(300, 400))).width == 300
    assert opened == [2]


# Sizes


@pytest.mark.parametrize(
    ("region", "size"),
    [
        (FULL, (1200, 1600)),
        (FULL, (300, 400)),
        (FULL, (1000, 1333)),
        (FULL, (500, 100)),  # distorted, as "!w,h" never is but "w,h" may be
        ((100, 200, 333, 444), (111, 148)),
        ((10, 10, 50, 50), (200, 200)),  # enlarged
        ((1024, 1536, 176, 64), (176, 64)),  # the bottom-right edge tile
        ((1024, 1024, 176, 576), (44, 144)),  # an edge tile at scale factor 4
        ((1199, 1599, 1, 1), (1, 1)),  # the last pixel
        ((0, 0, 1, 1), (7, 3)),
    ],
)
def test_it_renders_the_exact_size_asked_for(
    page_copy: Path, region: tuple[int, int, int, int], size: tuple[int, int]
) -> None:
    image = rendered(page_copy, request(region, size))

    assert (image.width, image.height) == size


def test_it_renders_the_region_asked_for(page_copy: Path) -> None:
    # The dark block of 'text' starts at (150, 200) on the page.
    image = rendered(page_copy, request((100, 150, 200, 200), (200, 200), format="png"))

    assert image.getpoint(25, 25) == pytest.approx([205, 184, 160], abs=6)  # paper
    assert image.getpoint(100, 100) == pytest.approx([30, 25, 20], abs=6)  # text


def test_it_refuses_an_access_copy_of_another_size(page_copy: Path) -> None:
    with pytest.raises(ValueError, match="rebuild"):
        render(page_copy, request(), full_width=1201, full_height=1600)


# Mirroring and rotation


def test_it_mirrors_left_to_right(split_copy: Path) -> None:
    image = rendered(split_copy, request(size=(300, 400), mirror=True, format="png"))

    assert image.getpoint(10, 200)[0] > 245  # the white half is now on the left
    assert image.getpoint(290, 200)[0] < 10


def test_it_rotates_90_degrees_clockwise(split_copy: Path) -> None:
    image = rendered(split_copy, request(size=(300, 400), rotation=90.0, format="png"))

    assert (image.width, image.height) == (400, 300)
    assert image.getpoint(200, 10)[0] < 10  # the black left half is now on top
    assert image.getpoint(200, 290)[0] > 245


def test_it_mirrors_before_rotating(split_copy: Path) -> None:
    image = rendered(split_copy, request(size=(300, 400), mirror=True, rotation=90.0))

    assert image.getpoint(200, 10)[0] > 245  # mirrored white left half, turned to the top


def test_it_rotates_by_any_angle_on_a_larger_white_canvas(page_copy: Path) -> None:
    image = rendered(page_copy, request(size=(300, 400), rotation=30.0, format="png"))

    # The bounding box of a 300x400 page turned 30 degrees is 460x496.
    assert (image.width, image.height) == pytest.approx((460, 496), abs=2)
    assert image.getpoint(2, 2) == [255.0, 255.0, 255.0]


# Qualities and formats


def test_gray_has_one_band(page_copy: Path) -> None:
    image = rendered(page_copy, request(size=(300, 400), quality="gray", format="png"))

    assert image.bands == 1


def test_bitonal_has_only_black_and_white(page_copy: Path) -> None:
    image = rendered(page_copy, request(size=(300, 400), quality="bitonal", format="png"))

    assert image.bands == 1
    histogram = image.hist_find().cast("uint")  # one row: how many pixels of each value
    counts = {value: histogram.getpoint(value, 0)[0] for value in range(256)}
    assert {value for value, count in counts.items() if count} == {0, 255}


@pytest.mark.parametrize(
    ("format", "loader"),
    [("jpg", "jpegload_buffer"), ("png", "pngload_buffer"), ("webp", "webpload_buffer")],
)
def test_it_encodes_each_format(page_copy: Path, format: str, loader: str) -> None:
    image = rendered(page_copy, request(size=(300, 400), format=format))

    assert image.get("vips-loader") == loader
    assert (image.width, image.height, image.bands) == (300, 400, 3)


def test_it_refuses_an_unknown_quality(page_copy: Path) -> None:
    with pytest.raises(ValueError, match="quality"):
        rendered(page_copy, request(quality="sepia"))


# Stored tiles


def test_it_serves_a_stored_tile_without_decoding(
    page_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*arguments: object) -> None:
        raise AssertionError("decoded a tile it could have copied")

    monkeypatch.setattr(rendering, "_crop_level", fail)

    image = rendered(page_copy, request((512, 512, 512, 512), (512, 512)))

    # The stored tile's own pixels, bit for bit: no second JPEG generation.
    expected = open_level(page_copy, 0).crop(512, 512, 512, 512)
    assert (image - expected).abs().max() == 0


def test_it_serves_a_stored_tile_of_a_reduced_level(
    make_access_copy: MakeAccessCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    access_copy = make_access_copy(page_8_bit(2400, 3200), "large")
    monkeypatch.setattr(rendering, "_crop_level", None)

    data = render(
        access_copy, request((0, 1024, 1024, 1024), (512, 512)), full_width=2400, full_height=3200
    )

    expected = open_level(access_copy, 1).crop(0, 512, 512, 512)
    assert (pyvips.Image.new_from_buffer(data, "") - expected).abs().max() == 0


@pytest.mark.parametrize(
    "image_request",
    [
        request((512, 512, 512, 512), (512, 512), format="png"),
        request((512, 512, 512, 512), (512, 512), quality="gray"),
        request((512, 512, 512, 512), (512, 512), mirror=True),
        request((512, 512, 512, 512), (256, 256)),
        request((1024, 1024, 176, 512), (176, 512)),  # an edge tile is padded when stored
    ],
)
def test_it_decodes_when_a_stored_tile_will_not_do(
    page_copy: Path, image_request: ImageRequest
) -> None:
    image = rendered(page_copy, image_request)

    assert (image.width, image.height) == image_request.size


def test_it_reads_a_rebuilt_access_copy_afresh(
    make_access_copy: MakeAccessCopy, tmp_path: Path
) -> None:
    # libvips caches loads by file name: a rebuilt copy must not be served stale.
    access_copy = make_access_copy(split_page(), "page")
    before = rendered(access_copy, request(size=(300, 400), format="png"))
    master = tmp_path / "mirrored.png"
    split_page().fliphor().pngsave(str(master))
    build_access_copy(master, access_copy)

    after = rendered(access_copy, request(size=(300, 400), format="png"))

    assert before.getpoint(10, 10)[0] < 10
    assert after.getpoint(10, 10)[0] > 245
