"""Access copies of page masters, pure (pyvips, no Django): check a master's header,
build the pyramidal tiled TIFF that rendering.py serves pixels from, and its thumbnail.

The access copy is 8-bit sRGB, 3 bands, no alpha and no metadata: sRGB is the contract,
so no profile is embedded. Its pyramid is one TIFF page per level (not sub-IFDs): page 0
is full size, each next page is half the one before (sizes rounded down, 2x2 mean), and
pages stop once a level fits in one tile. Tiles are JPEG (YCbCr 4:2:0) of `tile_size`.

Files are opened through a pyvips Source, never by file name: libvips 8.14 caches loads
by file name, so a master or access copy rebuilt at the same path would be read stale.
"""

from __future__ import annotations

import math
import os
import secrets
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyvips

# JPEG quality for tiles: above 89 libvips turns off chroma subsampling and files triple.
QUALITY_RANGE = range(85, 90)
THUMBNAIL_QUALITY = 85

_BITS_PER_SAMPLE = {
    "uchar": 8,
    "char": 8,
    "ushort": 16,
    "short": 16,
    "uint": 32,
    "int": 32,
    "float": 32,
    "complex": 64,
    "double": 64,
    "dpcomplex": 128,
}
_WHITE = {"uchar": 255, "ushort": 65535}
# Below this mid-grey gamma a profile's tone curve is too close to linear for 8 bits.
_MIN_GAMMA_FOR_8_BITS = 1.8


class ImageError(ValueError):
    """A master that cannot become an access copy; the message names the file."""


@dataclass(frozen=True)
class ImageFacts:
    """What a master's header says; width and height as the page is seen."""

    width: int
    height: int
    format: str  # the libvips loader, such as "tiffload" or "jpegload"
    bands: int
    bits_per_sample: int
    has_icc: bool
    interpretation: str


@dataclass(frozen=True)
class PyramidFacts:
    """The access copy as written: full size, tile size and number of pages (levels)."""

    width: int
    height: int
    tile_size: int
    levels: int


def inspect_image(path: Path, max_pixels: int) -> ImageFacts:
    """Read a master's header (no pixels decoded) and refuse what cannot be ingested.

    Width and height are as the page is seen, after any EXIF orientation: the sizes of
    the access copy that build_access_copy makes.
    """
    image = _open_header(path)
    width, height = _upright_size(image)
    if width <= 0 or height <= 0:
        raise ImageError(f"{path}: the image has no pixels ({width}x{height})")
    # Decided from the header alone: decoding a decompression bomb is the harm.
    if width * height > max_pixels:
        raise ImageError(
            f"{path}: {width}x{height} is more than the {max_pixels:,} pixels "
            "allowed for a page image"
        )
    return ImageFacts(
        width=width,
        height=height,
        format=_loader_name(image),
        bands=image.bands,
        bits_per_sample=_BITS_PER_SAMPLE[image.format],
        has_icc=_has_icc(image),
        interpretation=image.interpretation,
    )


def build_access_copy(
    master: Path, target: Path, *, tile_size: int = 512, quality: int = 85
) -> PyramidFacts:
    """Decode `master` once and write its pyramidal access copy to `target`, atomically."""
    if quality not in QUALITY_RANGE:
        raise ValueError(f"quality must be 85 to 89, not {quality}")
    if tile_size <= 0 or tile_size % 16:
        raise ValueError(f"tile_size must be a positive multiple of 16, not {tile_size}")
    page = _decode_to_srgb(master)
    _write_atomically(target, lambda temporary: _save_pyramid(page, temporary, tile_size, quality))
    return PyramidFacts(
        width=page.width,
        height=page.height,
        tile_size=tile_size,
        levels=_open(target).get("n-pages"),
    )


def build_thumbnail(access_copy: Path, target: Path, *, width: int = 256) -> tuple[int, int]:
    """Write a JPEG `width` pixels wide (never enlarged) from the access copy's pyramid."""
    level = _open(access_copy, page=_thumbnail_level(access_copy, width))
    # A huge height lets the width alone decide the scale.
    thumbnail = level.thumbnail_image(width, height=10_000_000, size="down")

    def save(temporary: str) -> None:
        thumbnail.jpegsave(temporary, Q=THUMBNAIL_QUALITY, strip=True)

    _write_atomically(target, save)
    return thumbnail.width, thumbnail.height


def _open(path: Path, **options: object) -> pyvips.Image:
    # A fresh Source each time: its pointer is part of libvips' cache key, the name is not.
    source = pyvips.Source.new_from_file(str(path))
    return pyvips.Image.new_from_source(source, "", **options)


def _open_header(path: Path, **options: object) -> pyvips.Image:
    """Open for reading; libvips reads only the header until pixels are asked for."""
    try:
        return _open(path, access="sequential", **options)
    except pyvips.Error as error:
        raise ImageError(f"{path}: not an image that can be read ({_first_line(error)})") from error


def _loader_name(image: pyvips.Image) -> str:
    # Loading from a Source names the loader "tiffload_source"; report the plain name.
    return image.get("vips-loader").removesuffix("_source")


def _has_icc(image: pyvips.Image) -> bool:
    return image.get_typeof("icc-profile-data") != 0


def _first_line(error: pyvips.Error) -> str:
    lines = [line.strip() for line in str(error.detail or error).splitlines() if line.strip()]
    return lines[0] if lines else "unknown error"


def _decode_to_srgb(master: Path) -> pyvips.Image:
    """The whole page as 8-bit sRGB in memory, decoded once."""
    image = _open_header(master, fail_on="truncated")
    try:
        image = _to_srgb(image, master)
        # Decode into memory before the pyramid writer sees the pixels: in libvips 8.14.1
        # a read error inside tiffsave(pyramid=True) crashes the process (TIFFClose on a
        # freed target), so a truncated master must fail here, as an ordinary exception.
        # 3 bytes a pixel: 144 MB for a 6000x8000 page; inspect_image bounds the size.
        image = image.copy_memory()
        return _upright(image)
    except pyvips.Error as error:
        raise ImageError(f"{master}: cannot be decoded ({_first_line(error)})") from error


def _to_srgb(image: pyvips.Image, master: Path) -> pyvips.Image:
    if image.format not in _WHITE:
        raise ImageError(f"{master}: {image.format} samples; only 8- and 16-bit are supported")
    if image.hasalpha():
        # Flatten on white (paper), in the master's own space so its profile still fits.
        white = _WHITE[image.format]
        image = image.flatten(background=[white] * (image.bands - 1), max_alpha=white)
    if _has_icc(image):
        image = _apply_profile(image, master)
    else:
        # Untagged pixels are taken as sRGB (or grey); 16-bit is scaled to 8, not clipped.
        image = _with_known_interpretation(image).colourspace("srgb")
    if image.format != "uchar":
        image = image.cast("uchar", shift=True)
    # Grey masters become 3-band too: one tile layout and one render path for every page,
    # and JPEG spends almost nothing on chroma that is flat.
    if image.bands == 1:
        image = image.bandjoin([image, image])
    return image.copy(interpretation="srgb")


def _apply_profile(image: pyvips.Image, master: Path) -> pyvips.Image:
    profile = image.get("icc-profile-data")
    if image.format == "ushort" and _is_gamma_encoded(profile):
        # Cutting to 8 bits before the transform lets lcms use its fast 8-bit
        # matrix-shaper path: about 0.3 s less CPU per 6000x8000 page, at most 3 levels
        # off the 16-bit result (mean 0.2), well inside JPEG Q85's own error. Linear
        # profiles keep 16 bits, where 8 would band the shadows.
        image = _with_known_interpretation(image.cast("uchar", shift=True))
    try:
        return image.icc_transform("srgb", intent="perceptual", embedded=True)
    except pyvips.Error as error:
        raise ImageError(
            f"{master}: its embedded ICC profile does not fit its {image.bands}-band pixels "
            f"({_first_line(error)})"
        ) from error


def _with_known_interpretation(image: pyvips.Image) -> pyvips.Image:
    """Tag pixels by band count and depth, so colour conversions know what they hold."""
    if image.interpretation == "cmyk":
        return image
    sixteen = image.format == "ushort"
    if image.bands >= 3:
        return image.copy(interpretation="rgb16" if sixteen else "srgb")
    return image.copy(interpretation="grey16" if sixteen else "b-w")


def _is_gamma_encoded(profile: bytes) -> bool:
    """Whether an ICC profile's tone curves are gamma-like (sRGB, Adobe RGB, eciRGB).

    False for linear curves and for anything other than a plain matrix-shaper or grey
    profile (an A2B0 table, unreadable bytes): those keep the careful 16-bit path.
    """
    tags = _icc_tags(profile)
    if tags is None or b"A2B0" in tags:
        return False
    names = (b"kTRC",) if b"kTRC" in tags else (b"rTRC", b"gTRC", b"bTRC")
    gammas = [_mid_grey_gamma(profile, tags[name]) if name in tags else None for name in names]
    return all(gamma is not None and gamma >= _MIN_GAMMA_FOR_8_BITS for gamma in gammas)


def _icc_tags(profile: bytes) -> dict[bytes, tuple[int, int]] | None:
    if len(profile) < 132:
        return None
    (count,) = struct.unpack_from(">I", profile, 128)
    if len(profile) < 132 + 12 * count:
        return None
    tags = {}
    for index in range(count):
        signature, offset, size = struct.unpack_from(">4sII", profile, 132 + 12 * index)
        tags[signature] = (offset, size)
    return tags


def _mid_grey_gamma(profile: bytes, tag: tuple[int, int]) -> float | None:
    """The exponent g with curve(0.5) = 0.5**g, from a 'curv' or 'para' tone curve."""
    offset, size = tag
    data = profile[offset : offset + size]
    if len(data) < 12:
        return None
    kind, (count,) = data[:4], struct.unpack_from(">I", data, 8)
    if kind == b"para":
        (gamma,) = struct.unpack_from(">i", data, 12) if len(data) >= 16 else (0,)
        return gamma / 65536
    if kind != b"curv" or len(data) < 12 + 2 * count:
        return None
    if count == 0:
        return 1.0
    if count == 1:
        return struct.unpack_from(">H", data, 12)[0] / 256
    middle = struct.unpack_from(">H", data, 12 + 2 * ((count - 1) // 2))[0] / 65535
    return math.log(middle) / math.log(0.5) if 0 < middle < 1 else None


def _orientation(image: pyvips.Image) -> int:
    return image.get("orientation") if image.get_typeof("orientation") else 1


def _upright_size(image: pyvips.Image) -> tuple[int, int]:
    # EXIF orientations 5 to 8 turn the page a quarter: its sides swap.
    if _orientation(image) in (5, 6, 7, 8):
        return image.height, image.width
    return image.width, image.height


def _upright(image: pyvips.Image) -> pyvips.Image:
    # Camera JPEGs may be stored sideways with an EXIF orientation; readers must not be.
    return image.autorot() if _orientation(image) != 1 else image


def _save_pyramid(image: pyvips.Image, path: str, tile_size: int, quality: int) -> None:
    image.tiffsave(
        path,
        tile=True,
        pyramid=True,
        subifd=False,  # one page per level: rendering.py opens page=level
        compression="jpeg",
        Q=quality,
        tile_width=tile_size,
        tile_height=tile_size,
        strip=True,
    )


def _thumbnail_level(access_copy: Path, width: int) -> int:
    """The smallest pyramid level still at least `width` wide (page 0 if none is)."""
    full = _open(access_copy)
    level = 0
    while level + 1 < full.get("n-pages") and full.width >> (level + 1) >= width:
        level += 1
    return level


def _write_atomically(target: Path, write: Callable[[str], None]) -> None:
    """Write through a temporary file beside `target`, then rename it into place, so
    nobody ever sees half a file and a failure leaves any earlier copy untouched."""
    # A random name rather than mkstemp: libvips creates the file, so it gets the
    # usual permissions, not mkstemp's owner-only ones.
    temporary = str(target.parent / f".{target.name}.{secrets.token_hex(8)}.part")
    try:
        write(temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
