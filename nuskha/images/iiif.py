"""IIIF Image API 3.0 requests, pure: parse the URL's parameters into a plan, and build
info.json. No Django, no pyvips: rendering.py turns a plan into pixels.

Section numbers (§) are those of https://iiif.io/api/image/3.0/ (final, 2020): §4.1 region,
§4.2 size, §4.3 rotation, §4.4 quality, §4.5 format, §4.6 order of implementation,
§4.7 floating point values, §4.8 canonical URI syntax, §5 image information, §7.3 errors.
"Compliance" means the companion https://iiif.io/api/image/3.0/compliance/.
Arithmetic on requested values is exact (integers and Fractions), so a request far too
large is refused instead of overflowing, and equal requests always give equal plans.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

CONTEXT = "http://iiif.io/api/image/3/context.json"
PROTOCOL = "http://iiif.io/api/image"
PROFILE = "level2"
# For the view's `Link: <...>;rel="profile"` header (§6), which extraFeatures promises.
PROFILE_URI = "http://iiif.io/api/image/3/level2.json"

QUALITIES = ("default", "color", "gray", "bitonal")
FORMATS = ("jpg", "png", "webp")
# Formats §4.5 names that this server does not produce: still a 400, as §4.5 says.
UNSUPPORTED_FORMATS = ("tif", "gif", "jp2", "pdf")

# §4.4: every quality beyond `default` must be listed, level2 or not.
EXTRA_QUALITIES = ["color", "gray", "bitonal"]
# jpg and png come with level2 (compliance §3.5).
EXTRA_FORMATS = ["webp"]
# Only what level2 lacks (compliance §3, §4): regionByPx, regionByPct, regionSquare, sizeByW,
# sizeByH, sizeByPct, sizeByConfinedWh, sizeByWh, rotationBy90s, baseUriRedirect, cors and
# jsonldMediaType are already in the profile. sizeUpscaling is added only when limits are
# set (§5.7 forbids it without maxWidth or maxArea). The two link headers are the view's job.
EXTRA_FEATURES = [
    "canonicalLinkHeader",
    "mirroring",
    "profileLinkHeader",
    "rotationArbitrary",
]

# §4.7: only decimal digits and ".", ASCII only (Python's \d would take Persian digits).
_DECIMAL = r"(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
_PX_REGION = re.compile(r"([0-9]+),([0-9]+),([0-9]+),([0-9]+)")
_PCT_REGION = re.compile(rf"pct:({_DECIMAL}),({_DECIMAL}),({_DECIMAL}),({_DECIMAL})")
_WH_SIZE = re.compile(r"(!?)([0-9]*),([0-9]*)")
_PCT_SIZE = re.compile(rf"pct:({_DECIMAL})")
_ROTATION = re.compile(rf"(!?)({_DECIMAL})")


class IIIFError(ValueError):
    """A request the server refuses, with the HTTP status to answer and the parameter at fault.

    status: 400 for bad syntax and impossible or over-limit requests, 501 for a valid
    upscaling request the server does not offer (§4.2).
    parameter: "region", "size", "rotation", "quality" or "format".
    """

    def __init__(self, parameter: str, value: str, reason: str, *, status: int = 400) -> None:
        shown = value if len(value) <= 80 else value[:77] + "..."
        super().__init__(f"{parameter} {shown!r}: {reason}")
        self.parameter = parameter
        self.value = value
        self.status = status


@dataclass(frozen=True)
class ImageRequest:
    """One image request, resolved against the full image's size.

    region: x, y, w, h in full-size pixels, already clipped to the image.
    size: the output width and height before rotation.
    rotation: degrees clockwise, 0 <= rotation < 360; mirror flips before rotating.
    """

    region: tuple[int, int, int, int]
    size: tuple[int, int]
    mirror: bool
    rotation: float
    quality: str  # "default" | "color" | "gray" | "bitonal"
    format: str  # "jpg" | "png" | "webp"


@dataclass(frozen=True)
class _Limits:
    """The server's maxWidth, maxHeight and maxArea (§5.2); None means no limit."""

    width: int | None
    height: int | None
    area: int | None

    @property
    def allow_upscaling(self) -> bool:
        # §5.7: a server offering sizeUpscaling must give maxWidth or maxArea.
        return self.width is not None or self.area is not None


def _limits(max_width: int | None, max_height: int | None, max_area: int | None) -> _Limits:
    for name, limit in (
        ("max_width", max_width),
        ("max_height", max_height),
        ("max_area", max_area),
    ):
        if limit is not None and limit < 1:
            raise ValueError(f"{name} must be a positive number of pixels, not {limit}")
    if max_height is not None and max_width is None:
        raise ValueError("max_height needs max_width: maxHeight may not stand alone (§5.2)")
    # §5.2: a client told maxWidth alone infers maxHeight = maxWidth, so enforce just that.
    height = max_height if max_height is not None else max_width
    return _Limits(max_width, height, max_area)


def _check_dimensions(width: int, height: int) -> None:
    if width < 1 or height < 1:
        raise ValueError(f"an image is at least 1x1 pixels, not {width}x{height}")


def parse_request(
    region: str,
    size: str,
    rotation: str,
    quality_format: str,
    width: int,
    height: int,
    *,
    max_width: int | None = None,
    max_height: int | None = None,
    max_area: int | None = None,
) -> ImageRequest:
    """Resolve the four path segments of an image request against a width x height image.

    Raises IIIFError for a request to refuse, ValueError for a bad image size or limits
    (the caller's mistake, not the client's).
    """
    _check_dimensions(width, height)
    limits = _limits(max_width, max_height, max_area)
    # §4.6: region, then size (relative to the region), then rotation, quality, format.
    box = _parse_region(region, width, height)
    output = _parse_size(size, box[2], box[3], limits)
    mirror, degrees = _parse_rotation(rotation)
    quality, image_format = _parse_quality_format(quality_format)
    return ImageRequest(box, output, mirror, degrees, quality, image_format)


# Numbers


def _round(value: Fraction) -> int:
    # Half up, not Python's half to even, so 0.5 px steps don't alternate between tiles.
    return math.floor(value + Fraction(1, 2))


def _integer(text: str, parameter: str, value: str) -> int:
    try:
        return int(text)
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        raise IIIFError(parameter, value, "number too long") from None


def _decimal(text: str, parameter: str, value: str) -> Fraction:
    try:
        return Fraction(text)
    except ValueError:
        raise IIIFError(parameter, value, "number too long") from None


# Region (§4.1)


def _parse_region(region: str, width: int, height: int) -> tuple[int, int, int, int]:
    if region == "full":
        return (0, 0, width, height)
    if region == "square":
        return _square(width, height)
    if match := _PX_REGION.fullmatch(region):
        x, y, w, h = (_integer(group, "region", region) for group in match.groups())
        return _pixel_region(region, x, y, w, h, width, height)
    if match := _PCT_REGION.fullmatch(region):
        percents = tuple(_decimal(group, "region", region) for group in match.groups())
        return _percent_region(region, percents, width, height)
    raise IIIFError("region", region, "expected full, square, x,y,w,h or pct:x,y,w,h (§4.1)")


def _square(width: int, height: int) -> tuple[int, int, int, int]:
    side = min(width, height)
    # §4.1 lets the server place the square along the longer side: centred, as it suggests.
    return ((width - side) // 2, (height - side) // 2, side, side)


def _pixel_region(
    value: str, x: int, y: int, w: int, h: int, width: int, height: int
) -> tuple[int, int, int, int]:
    if w == 0 or h == 0:
        raise IIIFError("region", value, "width and height must be at least 1 pixel (§4.1)")
    if x >= width or y >= height:
        raise IIIFError("region", value, f"lies outside the {width}x{height} image (§4.1)")
    # §4.1: a region running past the edge is cropped there, not padded.
    return (x, y, min(w, width - x), min(h, height - y))


def _percent_region(
    value: str, percents: tuple[Fraction, ...], width: int, height: int
) -> tuple[int, int, int, int]:
    x, y, w, h = percents
    if w == 0 or h == 0:
        raise IIIFError("region", value, "width and height must be more than 0% (§4.1)")
    horizontal = _percent_span(x, w, width)
    vertical = _percent_span(y, h, height)
    if horizontal is None or vertical is None:
        raise IIIFError("region", value, f"lies outside the {width}x{height} image (§4.1)")
    return (horizontal[0], vertical[0], horizontal[1], vertical[1])


def _percent_span(start: Fraction, length: Fraction, full: int) -> tuple[int, int] | None:
    """Start and length in pixels of start% + length% of full, or None if it starts past it."""
    exact_start = start * full / 100
    if exact_start >= full:
        return None
    # Round both edges rather than start and length, so side-by-side pct regions meet
    # without gap or overlap; pct:41.6,7.5,40,70 of 300x200 is 125,15,120,140 (§4.1's examples).
    begin = min(_round(exact_start), full - 1)
    end = min(_round((start + length) * full / 100), full)
    # A sliver thinner than half a pixel still gets one: it asked for something, not nothing.
    return (begin, max(1, end - begin))


# Size (§4.2)


def _parse_size(
    size: str, region_width: int, region_height: int, limits: _Limits
) -> tuple[int, int]:
    upscale = size.startswith("^")
    form = size[1:] if upscale else size
    width, height = _size_for_form(size, form, region_width, region_height, upscale, limits)
    _check_size(size, (width, height), (region_width, region_height), upscale, limits)
    return (width, height)


def _size_for_form(
    size: str, form: str, region_width: int, region_height: int, upscale: bool, limits: _Limits
) -> tuple[int, int]:
    if form == "max":
        return _largest_fit(region_width, region_height, [], limits, upscale=upscale)
    if match := _PCT_SIZE.fullmatch(form):
        percent = _decimal(match.group(1), "size", size)
        return _percent_size(size, percent, region_width, region_height, upscale)
    if match := _WH_SIZE.fullmatch(form):
        confined, w, h = match.groups()
        requested = (
            _integer(w, "size", size) if w else None,
            _integer(h, "size", size) if h else None,
        )
        if confined:
            return _confined_size(size, requested, region_width, region_height, upscale, limits)
        return _exact_size(size, requested, region_width, region_height)
    raise IIIFError(
        "size", size, "expected max, w,, ,h, pct:n, w,h or !w,h, each optionally after ^ (§4.2)"
    )


def _percent_size(
    size: str, percent: Fraction, region_width: int, region_height: int, upscale: bool
) -> tuple[int, int]:
    if percent == 0:
        raise IIIFError("size", size, "the scaled image must be at least 1 pixel (§4.2)")
    if percent > 100 and not upscale:
        raise IIIFError("size", size, "pct:n may not exceed 100; use ^pct:n to upscale (§4.2)")
    return _scaled(region_width, region_height, percent / 100)


def _exact_size(
    size: str, requested: tuple[int | None, int | None], region_width: int, region_height: int
) -> tuple[int, int]:
    w, h = requested
    if w == 0 or h == 0:
        raise IIIFError("size", size, "the scaled image must be at least 1 pixel (§4.2)")
    if w is not None and h is not None:
        return (w, h)  # w,h may distort the aspect ratio: §4.2 allows it
    if w is not None:
        return (w, max(1, _round(Fraction(region_height * w, region_width))))
    if h is not None:
        return (max(1, _round(Fraction(region_width * h, region_height))), h)
    raise IIIFError("size", size, "give a width, a height or both (§4.2)")


def _confined_size(
    size: str,
    requested: tuple[int | None, int | None],
    region_width: int,
    region_height: int,
    upscale: bool,
    limits: _Limits,
) -> tuple[int, int]:
    w, h = requested
    if w is None or h is None:
        raise IIIFError("size", size, "!w,h needs both a width and a height (§4.2)")
    if w == 0 or h == 0:
        raise IIIFError("size", size, "the scaled image must be at least 1 pixel (§4.2)")
    # §4.2 says "as large as possible but not larger than the extracted region", which
    # reads as shrink-to-fit; but its rule that only the ^ forms may ask for more than the
    # region is what the official validator checks (size_noup: !2000,3000 on a 1000x1000
    # image must fail; IIIF/image-validator#100), and level 2 is judged by it: a box
    # larger than the region both ways asks for upscaling, which needs ^.
    if not upscale and w > region_width and h > region_height:
        raise IIIFError(
            "size", size, "the box is larger than the region both ways; use ^!w,h (§4.2)"
        )
    box = [Fraction(w, region_width), Fraction(h, region_height)]
    return _largest_fit(region_width, region_height, box, limits, upscale=upscale)


def _largest_fit(
    region_width: int, region_height: int, bounds: list[Fraction], limits: _Limits, *, upscale: bool
) -> tuple[int, int]:
    """The largest size of the region's aspect ratio under every scale bound and the limits.

    Without upscaling the region itself bounds it (`max`, `!w,h`); with it only the limits
    and the box do (`^max`, `^!w,h`), and with no limits at all `^max` is the region's size.
    """
    scales = list(bounds)
    if not upscale:
        scales.append(Fraction(1))
    if limits.width is not None:
        scales.append(Fraction(limits.width, region_width))
    if limits.height is not None:
        scales.append(Fraction(limits.height, region_height))
    if limits.area is not None:
        scales.append(Fraction(math.sqrt(limits.area / (region_width * region_height))))
    scale = min(scales, default=Fraction(1))
    width, height = _scaled(region_width, region_height, scale)
    if limits.area is not None and width * height > limits.area:
        width = max(1, math.floor(region_width * scale))
        height = max(1, math.floor(region_height * scale))
        width, height = _within_area(width, height, limits.area)
    return (width, height)


def _scaled(region_width: int, region_height: int, scale: Fraction) -> tuple[int, int]:
    # At least 1 px each way: a thin strip scaled down keeps a visible edge (§4.2's minimum).
    return (max(1, _round(region_width * scale)), max(1, _round(region_height * scale)))


def _within_area(width: int, height: int, area: int) -> tuple[int, int]:
    # Only a very thin strip gets here: 1 px on its short side already breaks maxArea at
    # its aspect ratio, so trim the long side instead.
    if width * height <= area:
        return (width, height)
    if width >= height:
        width = max(1, area // height)
        return (width, min(height, area // width))
    height = max(1, area // width)
    return (min(width, area // height), height)


def _check_size(
    size: str, output: tuple[int, int], region: tuple[int, int], upscale: bool, limits: _Limits
) -> None:
    width, height = output
    region_width, region_height = region
    enlarged = width > region_width or height > region_height
    if enlarged and not upscale:
        raise IIIFError(
            "size",
            size,
            f"{width}x{height} is larger than the {region_width}x{region_height} region;"
            " prefix ^ to upscale (§4.2)",
        )
    if enlarged and not limits.allow_upscaling:
        raise IIIFError(
            "size", size, "upscaling is not offered by this server (§4.2, §5.7)", status=501
        )
    _check_limits(size, width, height, limits)


def _check_limits(size: str, width: int, height: int, limits: _Limits) -> None:
    # §4.2 says 400 for sizes beyond the server's limits; §7.3's table says 404 for the same
    # case. We follow §4.2, the section that defines size.
    if limits.width is not None and width > limits.width:
        raise IIIFError("size", size, f"width {width} exceeds maxWidth {limits.width} (§4.2, §5.2)")
    if limits.height is not None and height > limits.height:
        raise IIIFError(
            "size", size, f"height {height} exceeds maxHeight {limits.height} (§4.2, §5.2)"
        )
    if limits.area is not None and width * height > limits.area:
        raise IIIFError(
            "size", size, f"{width}x{height} exceeds maxArea {limits.area} (§4.2, §5.2)"
        )


# Rotation, quality, format (§4.3 to §4.5)


def _parse_rotation(rotation: str) -> tuple[bool, float]:
    match = _ROTATION.fullmatch(rotation)
    if match is None:
        raise IIIFError("rotation", rotation, "expected n or !n, degrees from 0 to 360 (§4.3)")
    degrees = _decimal(match.group(2), "rotation", rotation)
    if degrees > 360:
        raise IIIFError("rotation", rotation, "degrees must be from 0 to 360 (§4.3)")
    # 360 turns the image right round: store it as 0, so ImageRequest keeps rotation < 360.
    return (match.group(1) == "!", float(degrees) % 360.0)


def _parse_quality_format(quality_format: str) -> tuple[str, str]:
    quality, dot, image_format = quality_format.rpartition(".")
    if not dot:
        raise IIIFError("format", quality_format, "expected {quality}.{format}, as default.jpg")
    if quality not in QUALITIES:
        raise IIIFError("quality", quality, f"expected one of {', '.join(QUALITIES)} (§4.4)")
    if image_format not in FORMATS:
        known = "is not offered here" if image_format in UNSUPPORTED_FORMATS else "is unknown"
        raise IIIFError(
            "format", image_format, f"{known}; expected one of {', '.join(FORMATS)} (§4.5)"
        )
    return (quality, image_format)


# Canonical form (§4.8)


def canonical_path(
    request: ImageRequest,
    width: int,
    height: int,
    *,
    max_width: int | None = None,
    max_height: int | None = None,
    max_area: int | None = None,
) -> str:
    """The canonical "{region}/{size}/{rotation}/{quality}.{format}" of a request (§4.8).

    Pass the same limits as to parse_request: they decide whether a size is `max`.
    Equivalent requests (full and 0,0,W,H; pct: and pixels; 360 and 0) give one path,
    so it serves as the cache key of the rendered image and for the canonical Link header.
    """
    _check_dimensions(width, height)
    limits = _limits(max_width, max_height, max_area)
    return "/".join(
        (
            _canonical_region(request.region, width, height),
            _canonical_size(request.size, request.region, limits),
            ("!" if request.mirror else "") + _format_number(request.rotation),
            f"{request.quality}.{request.format}",
        )
    )


def _canonical_region(region: tuple[int, int, int, int], width: int, height: int) -> str:
    if region == (0, 0, width, height):
        return "full"
    return ",".join(str(value) for value in region)


def _canonical_size(
    size: tuple[int, int], region: tuple[int, int, int, int], limits: _Limits
) -> str:
    region_width, region_height = region[2], region[3]
    if size == _largest_fit(region_width, region_height, [], limits, upscale=False):
        return "max"
    if limits.allow_upscaling and size == _largest_fit(
        region_width, region_height, [], limits, upscale=True
    ):
        return "^max"
    upscaled = size[0] > region_width or size[1] > region_height
    return ("^" if upscaled else "") + f"{size[0]},{size[1]}"


def _format_number(value: float) -> str:
    # §4.7/§4.8: an integer if possible, else plain decimal digits without trailing zeros
    # or an exponent (22.5, 0.00001, never 1e-05).
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


# Image information (§5)


def info_document(
    image_url: str,
    width: int,
    height: int,
    *,
    tile_size: int,
    scale_factors: list[int],
    sizes: list[tuple[int, int]],
    max_width: int | None = None,
    max_height: int | None = None,
    max_area: int | None = None,
    rights: str | None = None,
) -> dict[str, object]:
    """The info.json of one image (§5), at compliance level 2.

    image_url is the service's base URI (§5.2 `id`, without a trailing slash). sizes
    beyond the image or the limits are dropped: §5.2 says the server must serve every
    listed size, and a size above the image would need ^ (§4.2). Upscaling is announced
    only with max_width or max_area, as §5.7 requires.
    """
    _check_dimensions(width, height)
    limits = _limits(max_width, max_height, max_area)
    document: dict[str, object] = {
        "@context": CONTEXT,  # §5.2: should come first
        "id": image_url.rstrip("/"),
        "type": "ImageService3",
        "protocol": PROTOCOL,
        "profile": PROFILE,
        "width": width,
        "height": height,
    }
    document.update(_limit_properties(max_width, max_height, max_area))
    if listed := _listed_sizes(sizes, width, height, limits):
        document["sizes"] = listed
    if scale_factors:
        document["tiles"] = [_tile(tile_size, scale_factors, limits)]
    if rights is not None:
        document["rights"] = rights
    document["extraFormats"] = list(EXTRA_FORMATS)
    document["extraQualities"] = list(EXTRA_QUALITIES)
    document["extraFeatures"] = _extra_features(limits)
    return document


def _limit_properties(
    max_width: int | None, max_height: int | None, max_area: int | None
) -> dict[str, object]:
    # Only what was given: maxHeight left out already means maxHeight = maxWidth (§5.2).
    named = {"maxWidth": max_width, "maxHeight": max_height, "maxArea": max_area}
    return {name: value for name, value in named.items() if value is not None}


def _fits(width: int, height: int, limits: _Limits) -> bool:
    return (
        (limits.width is None or width <= limits.width)
        and (limits.height is None or height <= limits.height)
        and (limits.area is None or width * height <= limits.area)
    )


def _listed_sizes(
    sizes: list[tuple[int, int]], width: int, height: int, limits: _Limits
) -> list[dict[str, int]]:
    kept = {
        (w, h) for w, h in sizes if 1 <= w <= width and 1 <= h <= height and _fits(w, h, limits)
    }
    return [{"width": w, "height": h} for w, h in sorted(kept)]


def _tile(tile_size: int, scale_factors: list[int], limits: _Limits) -> dict[str, object]:
    if tile_size < 1 or not _fits(tile_size, tile_size, limits):
        raise ValueError(f"tile size {tile_size} must be positive and within the limits (§5.2)")
    if min(scale_factors) < 1:
        raise ValueError(f"scale factors must be positive integers, not {scale_factors}")
    # Square tiles: §5.4's height defaults to width. Each factor once, as §5.4 asks.
    return {"width": tile_size, "scaleFactors": sorted(set(scale_factors))}


def _extra_features(limits: _Limits) -> list[str]:
    features = list(EXTRA_FEATURES)
    if limits.allow_upscaling:
        features.append("sizeUpscaling")
    return sorted(features)


def pyramid_levels(width: int, height: int, tile_size: int) -> list[int]:
    """Scale factors 1, 2, 4, ... down to the first at which the whole image fits one tile."""
    _check_dimensions(width, height)
    if tile_size < 1:
        raise ValueError(f"tile size must be positive, not {tile_size}")
    factors = [1]
    while -(-max(width, height) // factors[-1]) > tile_size:  # ceiling division
        factors.append(factors[-1] * 2)
    return factors
