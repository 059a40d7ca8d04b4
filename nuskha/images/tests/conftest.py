"""Builders of small page images for the images tests: masters as digitisation staff
deliver them (8-bit JPEG, 16-bit TIFF with a wide-gamut profile, grey and RGBA PNG,
JPEG 2000), broken ones, and access copies built from them.
"""

from __future__ import annotations

import functools
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
import pyvips

from nuskha.images.derivatives import build_access_copy

PAGE_WIDTH, PAGE_HEIGHT = 1200, 1600


def p3_profile() -> bytes:
    """Display P3, a wide-gamut RGB profile that libvips carries built in."""
    return _export_profile("p3")


def linear_profile() -> bytes:
    """Display P3 primaries with linear tone curves, as some scanners write masters."""
    profile = bytearray(p3_profile())
    # Point the three TRC tags at one identity 'curv' (no entries) appended at the end.
    curve_at = len(profile)
    profile += b"curv" + bytes(4) + struct.pack(">I", 0)
    (count,) = struct.unpack_from(">I", profile, 128)
    for index in range(count):
        entry = 132 + 12 * index
        if profile[entry : entry + 4] in (b"rTRC", b"gTRC", b"bTRC"):
            struct.pack_into(">II", profile, entry + 4, curve_at, 12)
    struct.pack_into(">I", profile, 0, len(profile))
    profile[84:100] = bytes(16)  # the profile ID is an MD5 of the old bytes: clear it
    return bytes(profile)


def grey_profile(gamma: float) -> bytes:
    """A minimal ICC v2 grey profile with a pure gamma tone curve, such as the "Gray
    Gamma 1.8" that scanning software embeds in grey masters."""
    d50 = (0.9642, 1.0, 0.8249)

    def xyz(values: tuple[float, ...]) -> bytes:
        return b"".join(struct.pack(">i", round(value * 65536)) for value in values)

    name = b"Grey gamma\0"
    tags = [
        (b"desc", b"desc" + bytes(4) + struct.pack(">I", len(name)) + name + bytes(79)),
        (b"wtpt", b"XYZ " + bytes(4) + xyz(d50)),
        (b"kTRC", b"curv" + bytes(4) + struct.pack(">IH", 1, round(gamma * 256)) + bytes(2)),
        (b"cprt", b"text" + bytes(4) + b"none\0" + bytes(3)),
    ]
    table, data = struct.pack(">I", len(tags)), b""
    data_at = 128 + 4 + 12 * len(tags)
    for signature, body in tags:
        body += bytes(-len(body) % 4)
        table += struct.pack(">4sII", signature, data_at + len(data), len(body))
        data += body
    header = struct.pack(
        ">I4sI4s4s4s", 128 + len(table) + len(data), b"lcms", 0x02100000, b"mntr", b"GRAY", b"XYZ "
    )
    header += bytes(12) + b"acsp" + bytes(28) + xyz(d50) + bytes(48)
    return header + table + data


def _export_profile(name: str) -> bytes:
    pixel = pyvips.Image.black(1, 1, bands=3).copy(interpretation="srgb")
    return pixel.icc_export(output_profile=name).get("icc-profile-data")


def solid(colour: list[int], width: int = PAGE_WIDTH, height: int = PAGE_HEIGHT) -> pyvips.Image:
    return (pyvips.Image.black(width, height, bands=len(colour)) + colour).copy_memory()


def page_8_bit(width: int = PAGE_WIDTH, height: int = PAGE_HEIGHT) -> pyvips.Image:
    """An 8-bit sRGB page: a warm paper gradient with a dark block of 'text'."""
    xyz = pyvips.Image.xyz(width, height)
    paper = (xyz[0] * 40 // width + 200).bandjoin([xyz[1] * 40 // height + 180, 160])
    page = paper.draw_rect(
        [30, 25, 20], width // 8, height // 8, width // 2, height // 4, fill=True
    )
    return page.cast("uchar").copy(interpretation="srgb")


def split_page(width: int = PAGE_WIDTH, height: int = PAGE_HEIGHT) -> pyvips.Image:
    """Black left half, white right half: mirroring and rotation show plainly."""
    page = solid([255, 255, 255], width, height)
    page = page.draw_rect([0, 0, 0], 0, 0, width // 2, height, fill=True)
    return page.cast("uchar").copy(interpretation="srgb")


def with_profile(image: pyvips.Image, profile: bytes) -> pyvips.Image:
    image = image.copy()
    image.set_type(pyvips.GValue.blob_type, "icc-profile-data", profile)
    return image


def save_16_bit_tiff(path: Path, rgb16: list[int], profile: bytes | None = None) -> Path:
    """A 16-bit RGB TIFF of one colour (0-65535 a channel), deflate as masters often are."""
    image = solid(rgb16).cast("ushort").copy(interpretation="rgb16")
    if profile is not None:
        image = with_profile(image, profile)
    image.tiffsave(str(path), compression="deflate")
    return path


def save_huge_png_header(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims width x height over a few bytes of data: a bomb's shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    # 8-bit grey, no interlace
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(bytes(1024))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
    return path


def truncate(path: Path) -> Path:
    """Cut a file in half, as an interrupted copy leaves it."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def can_save_jpeg_2000() -> bool:
    return bool(pyvips.type_find("VipsForeign", "jp2ksave"))


@pytest.fixture
def jpeg_master(tmp_path: Path) -> Path:
    path = tmp_path / "page.jpg"
    page_8_bit().jpegsave(str(path), Q=90)
    return path


def save_access_copy(directory: Path, image: pyvips.Image, name: str = "page") -> Path:
    """Save `image` as a PNG master (lossless, so its pixels are known) in `directory`
    and build its access copy there; returns the copy's path."""
    master = directory / f"{name}.png"
    image.pngsave(str(master), compression=1)
    target = directory / f"{name}.tif"
    build_access_copy(master, target)
    return target


@pytest.fixture
def make_access_copy(tmp_path: Path) -> Callable[..., Path]:
    return functools.partial(save_access_copy, tmp_path)


def save_tiff_header_first(path: Path, image: pyvips.Image, rows_per_strip: int = 16) -> Path:
    """An uncompressed 8-bit RGB TIFF with its header before the pixels, as many scanners
    write them (libvips writes its header last, so a cut file of its loses the header)."""
    width, height = image.width, image.height
    pixels = image.cast("uchar").write_to_memory()
    strips = range(0, height, rows_per_strip)
    entries = 10
    ifd_size = 2 + 12 * entries + 4
    bits_at = 8 + ifd_size
    offsets_at = bits_at + 6
    counts_at = offsets_at + 4 * len(strips)
    data_at = counts_at + 4 * len(strips)
    row_bytes = width * 3
    counts = [row_bytes * min(rows_per_strip, height - row) for row in strips]
    offsets = [data_at + row * row_bytes for row in strips]

    def entry(tag: int, kind: int, count: int, value: int) -> bytes:
        # One SHORT sits in the first two bytes of the value field; the rest are LONGs.
        field = (
            struct.pack("<HH", value, 0) if kind == 3 and count == 1 else struct.pack("<I", value)
        )
        return struct.pack("<HHI", tag, kind, count) + field

    ifd = struct.pack("<H", entries) + b"".join(
        [
            entry(256, 4, 1, width),
            entry(257, 4, 1, height),
            entry(258, 3, 3, bits_at),  # 8, 8, 8 stored at bits_at
            entry(259, 3, 1, 1),  # no compression
            entry(262, 3, 1, 2),  # RGB
            entry(273, 4, len(strips), offsets_at),
            entry(277, 3, 1, 3),
            entry(278, 4, 1, rows_per_strip),
            entry(279, 4, len(strips), counts_at),
            entry(284, 3, 1, 1),  # chunky
        ]
    )
    ifd += struct.pack("<I", 0)
    path.write_bytes(
        b"II*\x00"
        + struct.pack("<I", 8)
        + ifd
        + struct.pack("<3H", 8, 8, 8)
        + struct.pack(f"<{len(strips)}I", *offsets)
        + struct.pack(f"<{len(strips)}I", *counts)
        + pixels
    )
    return path
