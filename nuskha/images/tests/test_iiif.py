"""parse_request(), canonical_path(), info_document() and pyramid_levels(), on the IIIF
Image API 3.0's own examples (a 300x200 image, §4.1-4.3) and manuscript-sized pages."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nuskha.images.iiif import (
    FORMATS,
    QUALITIES,
    IIIFError,
    ImageRequest,
    canonical_path,
    info_document,
    parse_request,
    pyramid_levels,
)

Box = tuple[int, int, int, int]
Size = tuple[int, int]

# The spec's example image is 300x200; a folio photographed at 6000x8000 is the real case.
SPEC = (300, 200)
FOLIO = (6000, 8000)
FOLIO_LIMITS = {"max_width": 1500, "max_height": 2000}


def plan(
    region: str = "full",
    size: str = "max",
    rotation: str = "0",
    quality_format: str = "default.jpg",
    image: Size = SPEC,
    **limits: int,
) -> ImageRequest:
    return parse_request(region, size, rotation, quality_format, *image, **limits)


def refusal(
    region: str = "full",
    size: str = "max",
    rotation: str = "0",
    quality_format: str = "default.jpg",
    image: Size = SPEC,
    **limits: int,
) -> IIIFError:
    with pytest.raises(IIIFError) as caught:
        plan(region, size, rotation, quality_format, image, **limits)
    return caught.value


# Region (§4.1)

REGIONS: list[tuple[str, Size, Box]] = [
    ("full", SPEC, (0, 0, 300, 200)),
    ("square", SPEC, (50, 0, 200, 200)),  # centred along the longer side
    ("square", (200, 300), (0, 50, 200, 200)),
    ("square", (201, 200), (0, 0, 200, 200)),
    ("125,15,120,140", SPEC, (125, 15, 120, 140)),  # §4.1 example 3
    ("125,15,200,200", SPEC, (125, 15, 175, 185)),  # example 5: cropped at the edge
    ("0,0,99999,99999", SPEC, (0, 0, 300, 200)),
    ("299,199,1,1", SPEC, (299, 199, 1, 1)),
    ("007,0,10,10", SPEC, (7, 0, 10, 10)),
    ("pct:41.6,7.5,40,70", SPEC, (125, 15, 120, 140)),  # example 4, the same pixels as 3
    ("pct:41.6,7.5,66.6,100", SPEC, (125, 15, 175, 185)),  # example 6, cropped
    ("pct:0,0,100,100", SPEC, (0, 0, 300, 200)),
    ("pct:50,50,50,50", FOLIO, (3000, 4000, 3000, 4000)),
    ("pct:0,0,33.333,33.333", FOLIO, (0, 0, 2000, 2667)),
    ("pct:33.333,0,33.333,100", FOLIO, (2000, 0, 2000, 8000)),  # meets the one before it
    ("pct:99.9,0,50,100", SPEC, (299, 0, 1, 200)),  # starts inside the last pixel
    ("pct:0,0,0.01,0.01", SPEC, (0, 0, 1, 1)),  # a sliver still gets a pixel
    ("pct:.5,0,50,50", SPEC, (2, 0, 150, 100)),  # no leading 0: §4.7's SHOULD, accepted
]


@pytest.mark.parametrize(("region", "image", "box"), REGIONS)
def test_it_resolves_regions_to_pixels_within_the_image(region: str, image: Size, box: Box) -> None:
    assert plan(region=region, image=image).region == box


BAD_REGIONS: list[tuple[str, str]] = [
    ("", "empty"),
    ("Full", "keywords are lower case"),
    ("0,0,0,10", "zero width"),
    ("0,0,10,0", "zero height"),
    ("300,0,10,10", "starts right of the image"),
    ("0,200,10,10", "starts below the image"),
    ("pct:100,0,10,10", "starts at 100%"),
    ("pct:0,0,0,10", "zero percent wide"),
    ("pct:0,0,10,0.0", "zero percent high"),
    ("-1,0,10,10", "negative"),
    ("1.5,0,10,10", "pixels are integers"),
    ("pct:+1,0,10,10", "§4.7: digits and a point only"),
    ("pct:1e1,0,10,10", "no exponents"),
    ("pct:nan,0,10,10", "not a number"),
    ("pct:inf,0,10,10", "not a number"),
    ("٠,0,10,10", "Arabic-Indic digits are not URL syntax"),
    ("۱۰,0,10,10", "Persian digits neither"),
    ("0,0,10", "three numbers"),
    ("0,0,10,10,10", "five numbers"),
    (" 0,0,10,10", "a space"),
    ("pct:10,10,10", "three percentages"),
    ("9" * 5000 + ",0,10,10", "more digits than Python converts"),
]


@pytest.mark.parametrize(("region", "why"), BAD_REGIONS)
def test_it_refuses_bad_regions_with_400(region: str, why: str) -> None:
    error = refusal(region=region)
    assert (error.status, error.parameter) == (400, "region"), why


# Size (§4.2)

SIZES: list[tuple[str, Size, dict[str, int], Size]] = [
    ("max", SPEC, {}, (300, 200)),
    ("150,", SPEC, {}, (150, 100)),  # §4.2 example 2
    (",150", SPEC, {}, (225, 150)),  # example 3
    ("pct:50", SPEC, {}, (150, 100)),  # example 4
    ("225,100", SPEC, {}, (225, 100)),  # example 5: distorted, as asked
    ("!225,100", SPEC, {}, (150, 100)),  # example 6
    ("!2000,150", SPEC, {}, (225, 150)),  # confined: a box larger one way only
    ("pct:100", SPEC, {}, (300, 200)),
    ("pct:33.3", SPEC, {}, (100, 67)),
    ("1,", SPEC, {}, (1, 1)),
    ("300,", (3000, 2), {}, (300, 1)),  # a 0.2 px high result is rounded up to 1
    ("^150,", SPEC, {}, (150, 100)),  # ^ that needs no upscaling needs no limits
    ("^max", SPEC, {}, (300, 200)),  # no limits: nothing larger is permitted
    ("^!225,100", SPEC, {}, (150, 100)),
    ("^max", SPEC, {"max_width": 400}, (400, 267)),  # maxHeight inferred as 400
    ("^360,", SPEC, {"max_width": 400}, (360, 240)),
    ("^,240", SPEC, {"max_width": 400}, (360, 240)),
    ("^pct:120", SPEC, {"max_width": 400}, (360, 240)),
    ("^360,360", SPEC, {"max_width": 400}, (360, 360)),  # example 5, upscaled
    ("^!360,360", SPEC, {"max_width": 400}, (360, 240)),  # example 6, upscaled
    ("^!360,360", SPEC, {"max_width": 340}, (340, 227)),  # the limit is tighter than the box
    ("^max", SPEC, {"max_area": 240_000}, (600, 400)),
    ("max", SPEC, {"max_area": 240_000}, (300, 200)),
    ("max", FOLIO, {"max_width": 1500, "max_height": 2000}, (1500, 2000)),
    ("max", FOLIO, {"max_width": 1500}, (1125, 1500)),  # §5.2: maxHeight = maxWidth
    ("^max", FOLIO, {"max_width": 1500, "max_height": 2000}, (1500, 2000)),
    ("1500,", FOLIO, {"max_width": 1500, "max_height": 2000}, (1500, 2000)),
    ("!1000,1000", FOLIO, {}, (750, 1000)),
    ("!4000,4000", FOLIO, {"max_width": 1500, "max_height": 2000}, (1500, 2000)),
    ("pct:12.5", FOLIO, {}, (750, 1000)),
    ("max", FOLIO, {"max_area": 1_000_000}, (866, 1154)),  # rounding 866x1155 breaks it
    ("max", (10000, 1), {"max_area": 100}, (100, 1)),  # too thin to keep its shape
]


@pytest.mark.parametrize(("size", "image", "limits", "expected"), SIZES)
def test_it_scales_the_region_to_the_requested_size(
    size: str, image: Size, limits: dict[str, int], expected: Size
) -> None:
    assert plan(size=size, image=image, **limits).size == expected


def test_sizes_apply_to_the_region_not_the_full_image() -> None:
    # §4.6 example: region, then size from it.
    request = plan(region="125,15,120,140", size="90,", rotation="!345", quality_format="gray.jpg")
    assert request == ImageRequest((125, 15, 120, 140), (90, 105), True, 345.0, "gray", "jpg")


BAD_SIZES: list[tuple[str, Size, dict[str, int], int, str]] = [
    # A box larger than the region both ways asks for upscaling (the validator's size_noup).
    ("!2000,3000", SPEC, {}, 400, "^!w,h"),
    ("full", SPEC, {}, 400, "Image API 2's full is max in 3.0"),
    ("", SPEC, {}, 400, "empty"),
    (",", SPEC, {}, 400, "neither width nor height"),
    ("0,", SPEC, {}, 400, "zero width"),
    (",0", SPEC, {}, 400, "zero height"),
    ("0,0", SPEC, {}, 400, "zero both"),
    ("!0,100", SPEC, {}, 400, "zero box"),
    ("pct:0", SPEC, {}, 400, "zero percent"),
    ("pct:101", SPEC, {}, 400, "over 100% without ^"),
    ("pct:100.5", SPEC, {}, 400, "over 100% even if it rounds to 300"),
    ("301,", SPEC, {}, 400, "wider than the region without ^"),
    (",201", SPEC, {}, 400, "taller than the region without ^"),
    ("300,201", SPEC, {}, 400, "taller than the region without ^"),
    ("!,100", SPEC, {}, 400, "!w,h needs both"),
    ("!100,", SPEC, {}, 400, "!w,h needs both"),
    ("^^max", SPEC, {}, 400, "one ^ only"),
    ("!^100,100", SPEC, {}, 400, "^ comes first"),
    (",^240", SPEC, {}, 400, "§4.2's example 3 typo: the syntax is ^,h"),
    ("MAX", SPEC, {}, 400, "lower case"),
    ("-5,", SPEC, {}, 400, "negative"),
    ("pct:-5", SPEC, {}, 400, "negative"),
    ("1.5,", SPEC, {}, 400, "pixels are integers"),
    ("pct:1e2", SPEC, {}, 400, "no exponent"),
    ("١٠٠,", SPEC, {}, 400, "Arabic-Indic digits"),
    ("^301,", SPEC, {}, 501, "upscaling without limits is not offered"),
    ("^pct:120", SPEC, {}, 501, "§4.2's own 501 example"),
    ("^360,360", SPEC, {}, 501, "upscaling without limits"),
    ("^!360,360", SPEC, {}, 501, "upscaling without limits"),
    ("^" + "9" * 400 + ",", SPEC, {}, 501, "a huge width, computed exactly"),
    ("^" + "9" * 400 + ",", SPEC, {"max_area": 10**6}, 400, "beyond maxArea, no overflow"),
    ("pct:" + "9" * 400, SPEC, {}, 400, "a huge percentage"),
    ("2000,", FOLIO, {"max_width": 1500}, 400, "beyond maxWidth"),
    ("^2000,", FOLIO, {"max_width": 1500}, 400, "beyond maxWidth even with ^"),
    ("1501,", FOLIO, {"max_width": 1500, "max_height": 2500}, 400, "beyond maxWidth by one"),
    ("1200,", FOLIO, {"max_width": 1500}, 400, "1600 high, beyond the inferred maxHeight"),
    ("1500,2001", FOLIO, {"max_width": 1500, "max_height": 2000}, 400, "beyond maxHeight"),
    ("pct:50", FOLIO, {"max_width": 1500}, 400, "3000 wide"),
    ("pct:50", SPEC, {"max_area": 10_000}, 400, "150x100 is beyond maxArea"),
    ("^400,401", SPEC, {"max_width": 400}, 400, "401 high, beyond the inferred maxHeight"),
]


@pytest.mark.parametrize(("size", "image", "limits", "status", "why"), BAD_SIZES)
def test_it_refuses_impossible_sizes(
    size: str, image: Size, limits: dict[str, int], status: int, why: str
) -> None:
    error = refusal(size=size, image=image, **limits)
    assert (error.status, error.parameter) == (status, "size"), why


def test_a_folio_with_a_width_limit_is_served_at_most_at_that_limit() -> None:
    limits = {"max_width": 1500, "max_height": 2000}
    assert plan(size="max", image=FOLIO, **limits).size == (1500, 2000)
    assert plan(size="^max", image=FOLIO, **limits).size == (1500, 2000)
    assert refusal(size="2000,", image=FOLIO, **limits).status == 400
    assert refusal(size="^2000,", image=FOLIO, **limits).status == 400
    # The limit caps a region too: a quarter of the folio fits, its full width does not.
    assert plan("0,0,3000,4000", "max", image=FOLIO, **limits).size == (1500, 2000)
    assert plan("0,0,1000,1000", "max", image=FOLIO, **limits).size == (1000, 1000)


# Rotation (§4.3)

ROTATIONS: list[tuple[str, bool, float]] = [
    ("0", False, 0.0),
    ("90", False, 90.0),
    ("180", False, 180.0),
    ("270", False, 270.0),
    ("22.5", False, 22.5),
    ("0.0", False, 0.0),
    ("045", False, 45.0),
    ("359.5", False, 359.5),
    ("360", False, 0.0),  # a full turn is none: ImageRequest keeps rotation < 360
    ("!0", True, 0.0),
    ("!180", True, 180.0),
    ("!345", True, 345.0),
    ("!360", True, 0.0),
]


@pytest.mark.parametrize(("rotation", "mirror", "degrees"), ROTATIONS)
def test_it_reads_mirroring_and_clockwise_degrees(
    rotation: str, mirror: bool, degrees: float
) -> None:
    request = plan(rotation=rotation)
    assert (request.mirror, request.rotation) == (mirror, degrees)


@pytest.mark.parametrize(
    "rotation",
    ["", "-90", "361", "360.1", "!", "!!90", "90!", "left", "1e2", "+90", "٩٠", " 90", "nan", "inf"]
    + ["9" * 5000],
)
def test_it_refuses_bad_rotations_with_400(rotation: str) -> None:
    error = refusal(rotation=rotation)
    assert (error.status, error.parameter) == (400, "rotation")


# Quality and format (§4.4, §4.5)

QUALITY_FORMATS: list[tuple[str, str, str]] = [
    ("default.jpg", "default", "jpg"),
    ("color.png", "color", "png"),
    ("gray.webp", "gray", "webp"),
    ("bitonal.jpg", "bitonal", "jpg"),
]


@pytest.mark.parametrize(("quality_format", "quality", "image_format"), QUALITY_FORMATS)
def test_it_reads_quality_and_format(quality_format: str, quality: str, image_format: str) -> None:
    request = plan(quality_format=quality_format)
    assert (request.quality, request.format) == (quality, image_format)


BAD_QUALITY_FORMATS: list[tuple[str, str]] = [
    ("default.tif", "format"),  # §4.5 names it, this server does not make it: still 400
    ("default.gif", "format"),
    ("default.jp2", "format"),
    ("default.pdf", "format"),
    ("default.JPG", "format"),
    ("default.jpeg", "format"),
    ("default", "format"),
    ("default.", "format"),
    ("grey.jpg", "quality"),  # American spelling only
    ("native.jpg", "quality"),  # Image API 1's name for default
    ("Default.jpg", "quality"),
    (".jpg", "quality"),
    ("default.jpg.png", "quality"),
]


@pytest.mark.parametrize(("quality_format", "parameter"), BAD_QUALITY_FORMATS)
def test_it_refuses_unknown_qualities_and_formats_with_400(
    quality_format: str, parameter: str
) -> None:
    error = refusal(quality_format=quality_format)
    assert (error.status, error.parameter) == (400, parameter)


def test_errors_name_the_parameter_and_the_offending_value() -> None:
    error = refusal(size="2000,", image=FOLIO, max_width=1500)
    assert isinstance(error, ValueError)
    assert error.value == "2000,"
    assert "size '2000,'" in str(error) and "maxWidth 1500" in str(error)
    assert "format 'tif'" in str(refusal(quality_format="default.tif"))


def test_long_values_are_shortened_in_the_message_but_kept_whole() -> None:
    error = refusal(region="x" * 500)
    assert len(str(error)) < 200
    assert error.value == "x" * 500


@pytest.mark.parametrize(
    "limits",
    [{"max_height": 2000}, {"max_width": 0}, {"max_area": -1}],
)
def test_bad_limits_are_the_callers_mistake_not_the_clients(limits: dict[str, int]) -> None:
    with pytest.raises(ValueError) as caught:
        plan(image=FOLIO, **limits)
    assert not isinstance(caught.value, IIIFError)


def test_an_image_without_pixels_is_the_callers_mistake() -> None:
    with pytest.raises(ValueError) as caught:
        plan(image=(0, 100))
    assert not isinstance(caught.value, IIIFError)


# Canonical form (§4.8)

CANONICAL: list[tuple[str, Size, dict[str, int], str]] = [
    ("full/max/0/default.jpg", SPEC, {}, "full/max/0/default.jpg"),
    ("0,0,300,200/300,200/360/default.jpg", SPEC, {}, "full/max/0/default.jpg"),
    ("pct:0,0,100,100/pct:100/0.0/default.jpg", SPEC, {}, "full/max/0/default.jpg"),
    ("0,0,900,900/!300,600/0/default.jpg", SPEC, {}, "full/max/0/default.jpg"),
    ("square/max/0/default.jpg", SPEC, {}, "50,0,200,200/max/0/default.jpg"),
    ("125,15,200,200/max/0/default.jpg", SPEC, {}, "125,15,175,185/max/0/default.jpg"),
    ("pct:41.6,7.5,40,70/90,/!345/gray.jpg", SPEC, {}, "125,15,120,140/90,105/!345/gray.jpg"),
    ("full/150,/22.50/color.png", SPEC, {}, "full/150,100/22.5/color.png"),
    ("full/!225,100/90/default.jpg", SPEC, {}, "full/150,100/90/default.jpg"),
    ("full/^pct:50/0/default.jpg", SPEC, {}, "full/150,100/0/default.jpg"),
    ("full/^max/0/default.jpg", SPEC, {}, "full/max/0/default.jpg"),
    ("full/^max/0/default.jpg", SPEC, {"max_width": 400}, "full/^max/0/default.jpg"),
    ("full/^400,/0/default.jpg", SPEC, {"max_width": 400}, "full/^max/0/default.jpg"),
    ("full/^360,/0/default.jpg", SPEC, {"max_width": 400}, "full/^360,240/0/default.jpg"),
    ("full/^360,100/0/default.jpg", SPEC, {"max_width": 400}, "full/^360,100/0/default.jpg"),
    ("full/max/!0.00001/default.webp", SPEC, {}, "full/max/!0.00001/default.webp"),
    ("full/max/0/default.jpg", FOLIO, FOLIO_LIMITS, "full/max/0/default.jpg"),
    ("full/1500,/0/default.jpg", FOLIO, FOLIO_LIMITS, "full/max/0/default.jpg"),
    ("full/^max/0/default.jpg", FOLIO, FOLIO_LIMITS, "full/max/0/default.jpg"),
    ("full/750,/0/default.jpg", FOLIO, {"max_width": 1500}, "full/750,1000/0/default.jpg"),
    ("0,0,1024,1024/256,/0/default.jpg", FOLIO, {}, "0,0,1024,1024/256,256/0/default.jpg"),
]


@pytest.mark.parametrize(("path", "image", "limits", "canonical"), CANONICAL)
def test_equivalent_requests_share_one_canonical_path(
    path: str, image: Size, limits: dict[str, int], canonical: str
) -> None:
    request = plan(*path.split("/"), image=image, **limits)
    assert canonical_path(request, *image, **limits) == canonical


def test_without_limits_a_limited_size_is_still_a_stable_key() -> None:
    # Called without the limits, max is spelt w,h: a different key, but the same every time.
    limits = {"max_width": 1500, "max_height": 2000}
    maximum = plan(size="max", image=FOLIO, **limits)
    spelt_out = plan(size="1500,2000", image=FOLIO, **limits)
    assert canonical_path(maximum, *FOLIO) == canonical_path(spelt_out, *FOLIO)
    assert canonical_path(maximum, *FOLIO) == "full/1500,2000/0/default.jpg"


# info.json (§5)

RIGHTS = "http://rightsstatements.org/vocab/InC-EDU/1.0/"


def test_info_document_describes_a_level2_service() -> None:
    document = info_document(
        "https://nuskha.example.org/iiif/3/image/42/",
        6000,
        8000,
        tile_size=512,
        scale_factors=[1, 2, 4, 8, 16],
        sizes=[(375, 500), (188, 250), (750, 1000), (1500, 2000), (3000, 4000), (375, 500)],
        max_width=1500,
        max_height=2000,
        rights=RIGHTS,
    )
    assert document == {
        "@context": "http://iiif.io/api/image/3/context.json",
        "id": "https://nuskha.example.org/iiif/3/image/42",
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level2",
        "width": 6000,
        "height": 8000,
        "maxWidth": 1500,
        "maxHeight": 2000,
        # 3000x4000 is beyond the limits; the repeated 375x500 is listed once.
        "sizes": [
            {"width": 188, "height": 250},
            {"width": 375, "height": 500},
            {"width": 750, "height": 1000},
            {"width": 1500, "height": 2000},
        ],
        "tiles": [{"width": 512, "scaleFactors": [1, 2, 4, 8, 16]}],
        "rights": RIGHTS,
        "extraFormats": ["webp"],
        "extraQualities": ["color", "gray", "bitonal"],
        "extraFeatures": [
            "canonicalLinkHeader",
            "mirroring",
            "profileLinkHeader",
            "rotationArbitrary",
            "sizeUpscaling",
        ],
    }
    assert next(iter(document)) == "@context"  # §5.2: first


def test_info_document_offers_upscaling_only_with_limits() -> None:
    # §5.7: sizeUpscaling needs maxWidth or maxArea, and parse_request answers 501 without.
    bare = info_document(
        "https://x.org/i/1", 300, 200, tile_size=256, scale_factors=[1, 2], sizes=[]
    )
    assert "sizeUpscaling" not in _features(bare)
    assert "maxWidth" not in bare and "maxHeight" not in bare and "maxArea" not in bare
    assert "sizes" not in bare
    by_area = info_document(
        "https://x.org/i/1", 300, 200, tile_size=256, scale_factors=[1], sizes=[], max_area=10**6
    )
    assert "sizeUpscaling" in _features(by_area) and by_area["maxArea"] == 10**6


def _features(document: dict[str, object]) -> list[Any]:
    features = document["extraFeatures"]
    assert isinstance(features, list)
    return features


def test_info_document_leaves_out_what_level2_already_promises() -> None:
    document = info_document(
        "https://x.org/i/1", 300, 200, tile_size=256, scale_factors=[1], sizes=[]
    )
    level2 = {"regionByPx", "regionByPct", "regionSquare", "sizeByW", "sizeByH", "sizeByPct"}
    level2 |= {"sizeByConfinedWh", "sizeByWh", "rotationBy90s", "baseUriRedirect", "cors"}
    level2 |= {"jsonldMediaType"}
    assert not level2 & set(_features(document))


def test_info_document_lists_only_sizes_the_server_will_serve() -> None:
    document = info_document(
        "https://x.org/i/1",
        300,
        200,
        tile_size=128,
        scale_factors=[1],
        sizes=[(600, 400), (0, 1), (150, 100), (300, 200)],
        max_area=20_000,
    )
    assert document["sizes"] == [{"width": 150, "height": 100}]
    listed_sizes = document["sizes"]
    assert isinstance(listed_sizes, list)
    for listed in listed_sizes:
        size = f"{listed['width']},{listed['height']}"
        assert plan(size=size, max_area=20_000).size == (listed["width"], listed["height"])


@pytest.mark.parametrize(
    "arguments",
    [
        {"tile_size": 1024, "max_width": 1000},  # tiles beyond the limits (§5.2)
        {"tile_size": 512, "max_area": 512 * 511},
        {"tile_size": 0},
        {"tile_size": 512, "scale_factors": [0, 1]},
        {"tile_size": 512, "max_height": 2000},  # maxHeight needs maxWidth (§5.2)
    ],
)
def test_info_document_refuses_settings_that_break_the_spec(arguments: dict[str, Any]) -> None:
    options: dict[str, Any] = {"scale_factors": [1, 2], "sizes": []} | arguments
    with pytest.raises(ValueError):
        info_document("https://x.org/i/1", 6000, 8000, **options)


PYRAMIDS: list[tuple[int, int, int, list[int]]] = [
    (6000, 8000, 512, [1, 2, 4, 8, 16]),
    (8000, 6000, 1024, [1, 2, 4, 8]),
    (512, 512, 512, [1]),
    (513, 100, 512, [1, 2]),
    (1, 1, 256, [1]),
    (1024, 10, 256, [1, 2, 4]),
]


@pytest.mark.parametrize(("width", "height", "tile_size", "factors"), PYRAMIDS)
def test_pyramid_levels_halve_until_one_tile_holds_the_image(
    width: int, height: int, tile_size: int, factors: list[int]
) -> None:
    assert pyramid_levels(width, height, tile_size) == factors


# Properties

NUMBERS = st.one_of(
    st.integers(0, 20_000).map(str),
    st.decimals(0, 400, places=3, allow_nan=False, allow_infinity=False).map(str),
    st.text("0123456789.", max_size=8),
    st.just("9" * 5000),
)
OPTIONAL_NUMBERS = st.one_of(st.just(""), NUMBERS)
CARET = st.sampled_from(["", "^"])
BANG = st.sampled_from(["", "!"])

REGION_TEXTS = st.one_of(
    st.sampled_from(["full", "square"]),
    st.builds(lambda *n: ",".join(n), NUMBERS, NUMBERS, NUMBERS, NUMBERS),
    st.builds(lambda *n: "pct:" + ",".join(n), NUMBERS, NUMBERS, NUMBERS, NUMBERS),
    st.text(max_size=20),
)
SIZE_TEXTS = st.one_of(
    st.builds(lambda caret: caret + "max", CARET),
    st.builds(lambda c, b, w, h: f"{c}{b}{w},{h}", CARET, BANG, OPTIONAL_NUMBERS, OPTIONAL_NUMBERS),
    st.builds(lambda caret, n: f"{caret}pct:{n}", CARET, NUMBERS),
    st.text(max_size=20),
)
ROTATION_TEXTS = st.one_of(st.builds(str.__add__, BANG, NUMBERS), st.text(max_size=10))
QUALITY_FORMAT_TEXTS = st.one_of(
    st.builds(
        lambda q, f: f"{q}.{f}",
        st.sampled_from([*QUALITIES, "grey"]),
        st.sampled_from([*FORMATS, "tif", ""]),
    ),
    st.text(max_size=12),
)
DIMENSIONS = st.integers(1, 20_000)


@st.composite
def limit_sets(draw: st.DrawFn) -> dict[str, int]:
    limits: dict[str, int] = {}
    if draw(st.booleans()):
        limits["max_width"] = draw(st.integers(1, 30_000))
        if draw(st.booleans()):
            limits["max_height"] = draw(st.integers(1, 30_000))
    if draw(st.booleans()):
        limits["max_area"] = draw(st.integers(1, 10**9))
    return limits


def assert_within_bounds(
    request: ImageRequest, width: int, height: int, limits: dict[str, int]
) -> None:
    x, y, w, h = request.region
    assert 0 <= x < width and 0 <= y < height
    assert w >= 1 and h >= 1 and x + w <= width and y + h <= height
    out_width, out_height = request.size
    assert out_width >= 1 and out_height >= 1
    max_width = limits.get("max_width")
    max_height = limits.get("max_height", max_width)
    assert max_width is None or out_width <= max_width
    assert max_height is None or out_height <= max_height
    assert "max_area" not in limits or out_width * out_height <= limits["max_area"]
    assert 0 <= request.rotation < 360
    assert request.quality in QUALITIES and request.format in FORMATS


@settings(max_examples=400, deadline=None)
@given(
    REGION_TEXTS,
    SIZE_TEXTS,
    ROTATION_TEXTS,
    QUALITY_FORMAT_TEXTS,
    DIMENSIONS,
    DIMENSIONS,
    limit_sets(),
)
def test_any_request_gives_a_plan_inside_the_image_or_an_iiif_error(
    region: str,
    size: str,
    rotation: str,
    quality_format: str,
    width: int,
    height: int,
    limits: dict[str, int],
) -> None:
    try:
        request = parse_request(region, size, rotation, quality_format, width, height, **limits)
    except IIIFError as error:
        assert error.status in (400, 501)
        assert error.parameter in ("region", "size", "rotation", "quality", "format")
        return
    assert_within_bounds(request, width, height, limits)


@settings(max_examples=300, deadline=None)
@given(REGION_TEXTS, SIZE_TEXTS, ROTATION_TEXTS, DIMENSIONS, DIMENSIONS, limit_sets())
def test_the_canonical_path_asks_for_the_same_image(
    region: str, size: str, rotation: str, width: int, height: int, limits: dict[str, int]
) -> None:
    try:
        request = parse_request(region, size, rotation, "gray.png", width, height, **limits)
    except IIIFError:
        return
    canonical = canonical_path(request, width, height, **limits)
    again = parse_request(*canonical.split("/"), width, height, **limits)
    assert again == request
    assert canonical_path(again, width, height, **limits) == canonical
