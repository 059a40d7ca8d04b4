"""Pixels for IIIF Image API requests, pure (pyvips, no Django): turn an ImageRequest
into encoded bytes, read from an access copy that derivatives.py wrote.

The access copy is a tiled TIFF with one page per pyramid level, each half the one
before (sizes rounded down). A request reads only the smallest level that still has
the pixels it needs, and only the tiles under its region. A request for exactly one
stored JPEG tile is answered with that tile's bytes, without decoding anything.
"""

from __future__ import annotations

import functools
import os
import struct
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import BinaryIO

import pyvips

from nuskha.images.iiif import ImageRequest

JPEG_QUALITY = 85
WEBP_QUALITY = 80
WEBP_EFFORT = 2  # the default 4 takes 2.5x the CPU for 7% fewer bytes
PNG_COMPRESSION = 2  # zlib level: 8% larger than the default 6, 1.7 to 4 times faster
_WHITE = [255, 255, 255]
_RIGHT_ANGLES = {90.0: "d90", 180.0: "d180", 270.0: "d270"}


class _Tag(IntEnum):
    """The TIFF tags read from each page of the access copy."""

    WIDTH = 256
    HEIGHT = 257
    COMPRESSION = 259
    PHOTOMETRIC = 262
    TILE_WIDTH = 322
    TILE_HEIGHT = 323
    TILE_OFFSETS = 324
    TILE_BYTE_COUNTS = 325
    JPEG_TABLES = 347


_WANTED_TAGS = frozenset(_Tag)
_TIFF_JPEG, _TIFF_YCBCR = 7, 6
# TIFF field type -> struct code, for the types these tags use.
_FIELD_TYPES = {1: "B", 3: "H", 4: "I", 7: "B", 16: "Q"}
# SOI then a JFIF APP0 segment: marks a stored tile's stream as YCbCr for every decoder.
_JFIF_START = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


@dataclass(frozen=True)
class _Level:
    """One page of the access copy, as its TIFF tags describe it."""

    width: int
    height: int
    tile_width: int
    tile_height: int
    tile_offsets: tuple[int, ...]
    tile_byte_counts: tuple[int, ...]
    jpeg_tables: bytes  # empty unless the tiles are JPEG with shared tables
    is_ycbcr_jpeg: bool


def render(access_copy: Path, request: ImageRequest, *, full_width: int, full_height: int) -> bytes:
    """The encoded image for `request`, read from `access_copy`."""
    levels = _read_pyramid(access_copy)
    if (levels[0].width, levels[0].height) != (full_width, full_height):
        raise ValueError(
            f"{access_copy} is {levels[0].width}x{levels[0].height}, "
            f"not {full_width}x{full_height}: rebuild it"
        )
    level = choose_level(request.region, request.size, len(levels))
    stored = _stored_tile(access_copy, levels[level], level, request)
    if stored is None and _is_plain_jpeg(request):
        stored = _edge_tile(access_copy, levels, level, request.region, request.size)
    if stored is not None:
        return stored
    image = _crop_level(access_copy, levels[level], level, request.region)
    image = _resize_exactly(image, request.size)
    image = _orient(image, request.mirror, request.rotation)
    image = _apply_quality(image, request.quality)
    return _encode(image, request.format, is_bitonal=request.quality == "bitonal")


def stored_tile(
    access_copy: Path, region: tuple[int, int, int, int], size: tuple[int, int]
) -> bytes | None:
    """The JPEG of the stored tile that is exactly `region` at `size` (default quality, no
    rotation), straight from the access copy without decoding; None if no stored tile is.
    For answers that need no Django at all (tile_cache.FastTiles)."""
    levels = _read_pyramid(access_copy)
    x, y, w, h = region
    scale, remainder = divmod(w, size[0]) if size[0] else (0, 1)
    if remainder or scale < 1 or scale & (scale - 1) or h != size[1] * scale:
        return None
    index = scale.bit_length() - 1
    if index >= len(levels) or not levels[index].is_ycbcr_jpeg:
        return None
    tile = _tile_number(levels[index], index, region, size)
    if tile is None:
        return _edge_tile(access_copy, levels, index, region, size)
    return _read_tile_jpeg(access_copy, levels[index], tile)


def cut_edge_tiles(access_copy: Path) -> int:
    """Encode, once, the tiles at the right and bottom edges of every level as a viewer
    asks for them (cropped: the pyramid stores them padded), in a folder beside the
    access copy; so no tile of the grid is ever decoded at request time. Returns how many."""
    folder = access_copy.parent / EDGE_TILES
    folder.mkdir(exist_ok=True)
    count = 0
    for index, level in enumerate(_read_pyramid(access_copy)):
        source = pyvips.Source.new_from_file(str(access_copy))
        image = pyvips.Image.new_from_source(source, "", page=index, access="random")
        for column, row in _edge_positions(level):
            left, top = column * level.tile_width, row * level.tile_height
            width = min(level.tile_width, level.width - left)
            height = min(level.tile_height, level.height - top)
            data = _encode(image.crop(left, top, width, height), "jpg")
            target = folder / f"{index}-{column}-{row}.jpg"
            temporary = target.with_suffix(".part")
            temporary.write_bytes(data)
            temporary.replace(target)
            count += 1
    return count


EDGE_TILES = "edges"


def _edge_positions(level: _Level) -> list[tuple[int, int]]:
    columns = -(-level.width // level.tile_width)
    rows = -(-level.height // level.tile_height)
    return [
        (column, row)
        for row in range(rows)
        for column in range(columns)
        if (column + 1) * level.tile_width > level.width
        or (row + 1) * level.tile_height > level.height
    ]


def _is_plain_jpeg(request: ImageRequest) -> bool:
    return (
        request.format == "jpg"
        and request.quality in ("default", "color")
        and not request.mirror
        and not request.rotation
    )


def _edge_tile(
    access_copy: Path,
    levels: tuple[_Level, ...],
    index: int,
    region: tuple[int, int, int, int],
    size: tuple[int, int],
) -> bytes | None:
    """An edge tile cut at ingest (cut_edge_tiles), if `region` at `size` is one."""
    level = levels[index]
    x, y, w, h = region
    step_x, step_y = level.tile_width << index, level.tile_height << index
    if x % step_x or y % step_y or w > step_x or h > step_y:
        return None
    # The region runs from a grid corner to the next grid line or the image's edge.
    full_width, full_height = levels[0].width, levels[0].height
    if (w != step_x and x + w != full_width) or (h != step_y and y + h != full_height):
        return None
    column, row = x // step_x, y // step_y
    expected = (
        min(level.tile_width, level.width - column * level.tile_width),
        min(level.tile_height, level.height - row * level.tile_height),
    )
    if size != expected or expected == (level.tile_width, level.tile_height):
        return None
    try:
        return (access_copy.parent / EDGE_TILES / f"{index}-{column}-{row}.jpg").read_bytes()
    except OSError:
        return None


def choose_level(region: tuple[int, int, int, int], size: tuple[int, int], levels: int) -> int:
    """The most reduced pyramid level that still gives `size` from `region`.

    Level k is 2**k times smaller, so it holds the region in (w >> k) x (h >> k) pixels.
    """
    _, _, width, height = region
    level = 0
    while (
        level + 1 < levels and width >> (level + 1) >= size[0] and height >> (level + 1) >= size[1]
    ):
        level += 1
    return level


def access_levels(access_copy: Path) -> list[tuple[int, int]]:
    """Width and height of each pyramid level, full size first."""
    return [(level.width, level.height) for level in _read_pyramid(access_copy)]


# Reading pixels


def _crop_level(
    access_copy: Path, level: _Level, index: int, region: tuple[int, int, int, int]
) -> pyvips.Image:
    left, top, width, height = _level_box(region, index, level.width, level.height)
    # A fresh Source each time: libvips caches loads by file name, and an access copy
    # rebuilt under the same name would be read stale.
    source = pyvips.Source.new_from_file(str(access_copy))
    image = pyvips.Image.new_from_source(source, "", page=index, access="random")
    return image.crop(left, top, width, height)


def _level_box(
    region: tuple[int, int, int, int], level: int, width: int, height: int
) -> tuple[int, int, int, int]:
    """The region in level pixels: outward to whole pixels, inside the level.

    Level pixel i averages full-size pixels i * 2**level onwards, so a region on the
    2**level grid maps exactly; any other grows by under one level pixel at its edges.
    """
    x, y, w, h = region
    left = min(x >> level, width - 1)
    top = min(y >> level, height - 1)
    right = min(-(-(x + w) >> level), width)  # ceiling division
    bottom = min(-(-(y + h) >> level), height)
    return left, top, max(right - left, 1), max(bottom - top, 1)


def _resize_exactly(image: pyvips.Image, size: tuple[int, int]) -> pyvips.Image:
    width, height = size
    if (image.width, image.height) == (width, height):
        return image
    image = image.resize(width / image.width, vscale=height / image.height)
    if (image.width, image.height) != (width, height):
        # Rounding in libvips can leave a pixel over or short; clients tile on exact sizes.
        image = image.gravity("north-west", width, height, extend="copy")
    return image


def _orient(image: pyvips.Image, mirror: bool, rotation: float) -> pyvips.Image:
    # IIIF mirrors first, then rotates clockwise.
    if mirror:
        image = image.fliphor()
    if rotation in _RIGHT_ANGLES:
        return image.rot(_RIGHT_ANGLES[rotation])
    if rotation:
        # The canvas grows to hold the rotated corners; what it adds is white, like paper.
        return image.rotate(rotation, background=_WHITE)
    return image


def _apply_quality(image: pyvips.Image, quality: str) -> pyvips.Image:
    if quality in ("default", "color"):
        return image
    gray = image.colourspace("b-w")
    if quality == "gray":
        return gray
    if quality == "bitonal":
        return gray >= 128  # 255 where true, 0 where false: one band, two values
    raise ValueError(f"unknown quality {quality!r}")


def _encode(image: pyvips.Image, format: str, *, is_bitonal: bool = False) -> bytes:
    if format == "jpg":
        # Optimised Huffman tables: 11% fewer bytes on a 512 tile and 25% on a 1000-wide
        # page, for 0.9 and 2 ms more CPU. Most tiles skip encoding (_stored_tile) anyway.
        return image.jpegsave_buffer(Q=JPEG_QUALITY, strip=True, optimize_coding=True)
    if format == "png":
        # A bitonal page packs eight pixels a byte.
        bitdepth = 1 if is_bitonal else 8
        return image.pngsave_buffer(compression=PNG_COMPRESSION, bitdepth=bitdepth, strip=True)
    if format == "webp":
        return image.webpsave_buffer(Q=WEBP_QUALITY, effort=WEBP_EFFORT, strip=True)
    raise ValueError(f"unknown format {format!r}")


# Stored tiles: bytes straight from the file


def _stored_tile(
    access_copy: Path, level: _Level, index: int, request: ImageRequest
) -> bytes | None:
    """The JPEG of the one stored tile `request` asks for unchanged, or None."""
    if not level.is_ycbcr_jpeg or request.format != "jpg" or request.mirror or request.rotation:
        return None
    if request.quality not in ("default", "color"):
        return None
    tile = _tile_number(level, index, request.region, request.size)
    return None if tile is None else _read_tile_jpeg(access_copy, level, tile)


def _tile_number(
    level: _Level, index: int, region: tuple[int, int, int, int], size: tuple[int, int]
) -> int | None:
    """Which stored tile of the level is exactly `region` at `size`, if one is."""
    x, y, w, h = region
    tile_width, tile_height = level.tile_width, level.tile_height
    step_x, step_y = tile_width << index, tile_height << index  # in full-size pixels
    if (w, h) != (step_x, step_y) or size != (tile_width, tile_height) or x % step_x or y % step_y:
        return None
    column, row = x // step_x, y // step_y
    # Tiles at the right and bottom edges are padded: those need cropping.
    if (column + 1) * tile_width > level.width or (row + 1) * tile_height > level.height:
        return None
    tile = row * -(-level.width // tile_width) + column  # tiles run left to right, then down
    return tile if tile < min(len(level.tile_offsets), len(level.tile_byte_counts)) else None


def _read_tile_jpeg(access_copy: Path, level: _Level, tile: int) -> bytes | None:
    offset, length = level.tile_offsets[tile], level.tile_byte_counts[tile]
    with open(access_copy, "rb") as file:
        file.seek(offset)
        data = file.read(length)
    if len(data) != length or not data.startswith(b"\xff\xd8"):
        return None
    # The tile holds only its frame and scan; the quantisation and Huffman tables are
    # shared in the page's JPEGTables tag, which is a stream of its own (SOI ... EOI).
    return _JFIF_START + level.jpeg_tables[2:-2] + data[2:]


# The pyramid's layout, from the TIFF's own tags


def _read_pyramid(access_copy: Path) -> tuple[_Level, ...]:
    status = os.stat(access_copy)
    # Keyed on identity and modification, so a rebuilt copy is read afresh.
    return _read_pyramid_cached(str(access_copy), status.st_ino, status.st_mtime_ns, status.st_size)


@functools.lru_cache(maxsize=1024)
def _read_pyramid_cached(path: str, inode: int, modified: int, size: int) -> tuple[_Level, ...]:
    levels = []
    with open(path, "rb") as file:
        order, is_big, offset = _read_tiff_header(file, path)
        while offset and len(levels) < 64:  # 64 halvings outgrow any image: a loop guard
            try:
                tags, offset = _read_ifd(file, order, is_big, offset)
            except struct.error as error:  # a directory running past the end of the file
                raise ValueError(f"{path}: a damaged TIFF ({error})") from error
            levels.append(_level_from_tags(tags, path))
    if not levels:
        raise ValueError(f"{path}: a TIFF without images")
    return tuple(levels)


def _read_tiff_header(file: BinaryIO, path: str) -> tuple[str, bool, int]:
    header = file.read(16)
    order = {b"II": "<", b"MM": ">"}.get(header[:2])
    if order is None or len(header) < 16:
        raise ValueError(f"{path}: not a TIFF file")
    (version,) = struct.unpack_from(order + "H", header, 2)
    if version == 42:
        return order, False, struct.unpack_from(order + "I", header, 4)[0]
    if version == 43:  # BigTIFF: 8-byte offsets
        return order, True, struct.unpack_from(order + "Q", header, 8)[0]
    raise ValueError(f"{path}: not a TIFF file")


def _read_ifd(
    file: BinaryIO, order: str, is_big: bool, offset: int
) -> tuple[dict[int, tuple[int, ...] | bytes], int]:
    """One image file directory: the wanted tags' values, and the next IFD's offset."""
    count_code, entry_size, pointer_code = ("Q", 20, "Q") if is_big else ("H", 12, "I")
    file.seek(offset)
    (count,) = struct.unpack(order + count_code, file.read(struct.calcsize(count_code)))
    entries = file.read(count * entry_size)
    (next_offset,) = struct.unpack(order + pointer_code, file.read(struct.calcsize(pointer_code)))
    tags: dict[int, tuple[int, ...] | bytes] = {}
    for start in range(0, len(entries), entry_size):
        entry = entries[start : start + entry_size]
        tag, field_type = struct.unpack_from(order + "HH", entry)
        if tag in _WANTED_TAGS and field_type in _FIELD_TYPES:
            tags[tag] = _read_field(file, order, is_big, entry, field_type)
    return tags, next_offset


def _read_field(
    file: BinaryIO, order: str, is_big: bool, entry: bytes, field_type: int
) -> tuple[int, ...] | bytes:
    count_code, inline_size = ("Q", 8) if is_big else ("I", 4)
    (count,) = struct.unpack_from(order + count_code, entry, 4)
    code = _FIELD_TYPES[field_type]
    length = count * struct.calcsize(code)
    value_at = 4 + struct.calcsize(count_code)
    if length <= inline_size:
        raw = entry[value_at : value_at + length]
    else:
        (pointer,) = struct.unpack_from(order + count_code, entry, value_at)
        position = file.tell()
        file.seek(pointer)
        raw = file.read(length)
        file.seek(position)
    if field_type == 7:  # UNDEFINED: opaque bytes, such as JPEGTables
        return raw
    return struct.unpack(f"{order}{count}{code}", raw)


def _level_from_tags(tags: dict[int, tuple[int, ...] | bytes], path: str) -> _Level:
    def number(tag: int) -> int:
        value = tags.get(tag)
        if not isinstance(value, tuple) or not value:
            raise ValueError(f"{path}: not a tiled pyramid (TIFF tag {tag} missing)")
        return value[0]

    def numbers(tag: int) -> tuple[int, ...]:
        value = tags.get(tag)
        return value if isinstance(value, tuple) else ()

    tables = tags.get(_Tag.JPEG_TABLES)
    tables = tables if isinstance(tables, bytes) else b""
    is_jpeg = number(_Tag.COMPRESSION) == _TIFF_JPEG and tables.startswith(b"\xff\xd8")
    return _Level(
        width=number(_Tag.WIDTH),
        height=number(_Tag.HEIGHT),
        tile_width=number(_Tag.TILE_WIDTH),
        tile_height=number(_Tag.TILE_HEIGHT),
        tile_offsets=numbers(_Tag.TILE_OFFSETS),
        tile_byte_counts=numbers(_Tag.TILE_BYTE_COUNTS),
        jpeg_tables=tables,
        is_ycbcr_jpeg=is_jpeg and number(_Tag.PHOTOMETRIC) == _TIFF_YCBCR,
    )
