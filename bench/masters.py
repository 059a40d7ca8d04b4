"""Generated page masters for the image benchmarks (bench/tiles.py, bench/ingest.py): pure
pyvips, no Django.

A master looks like a photographed folio, as far as the codecs can tell: a cradle in
dark grey around a cream leaf whose tone wanders (Perlin noise), camera noise on every
pixel (so the TIFF compresses no better than a real scan and the JPEG tiles are as
large as real ones), and a text block of Persian prose in Naskh in brown-black ink with
a red heading. The kinds are what digitisation studios deliver:

    rgb16-p3   16-bit RGB in Display P3, profile embedded, deflate (a camera workflow)
    rgb8-srgb  8-bit RGB with an sRGB profile embedded, LZW
    rgb8       8-bit RGB, no profile, LZW
    grey8      8-bit greyscale, no profile, deflate (prints, microfilm scans)

Drawing a 6000x8000 master takes several seconds, so a few are drawn once (`base`) and
each master of a run is a byte copy of one of them with its own serial number written
into the TIFF's ImageDescription (same length, so the file stays valid): every master
has its own SHA-256, as ingest requires, at the cost of a file copy.
"""

from __future__ import annotations

import mmap
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyvips

# What a Naskh page of a Persian book says: the opening of Saadi's Gulistan (public
# domain), repeated to fill the text block.
GULISTAN = (
    "منت خدای را عز و جل که طاعتش موجب قربت است و به شکر اندرش مزید نعمت. هر نفسی که فرو "
    "می‌رود ممد حیات است و چون بر می‌آید مفرح ذات. پس در هر نفسی دو نعمت موجود است و بر هر "
    "نعمتی شکری واجب. از دست و زبان که برآید کز عهده شکرش به در آید. باران رحمت بی حسابش "
    "همه را رسیده و خوان نعمت بی دریغش همه جا کشیده. پرده ناموس بندگان به گناه فاحش ندرد و "
    "وظیفه روزی به خطای منکر نبرد. فراش باد صبا را گفته تا فرش زمردین بگسترد و دایه ابر "
    "بهاری را فرموده تا بنات نبات در مهد زمین بپرورد. "
)
HEADING = "دیباچه گلستان"
PAPER = (226, 212, 180)
INK = (42, 32, 24)
RUBRIC = (150, 40, 30)
CRADLE = (46, 46, 48)
SERIAL_DIGITS = 6
_SERIAL_MARK = b"nuskha-bench-master serial="


@dataclass(frozen=True)
class Kind:
    name: str
    bands: int
    bits: int
    profile: str | None  # a libvips built-in profile name
    compression: str
    description: str


KINDS = {
    kind.name: kind
    for kind in [
        Kind("rgb16-p3", 3, 16, "p3", "deflate", "16-bit RGB, Display P3 profile, deflate"),
        Kind("rgb8-srgb", 3, 8, "srgb", "lzw", "8-bit RGB, sRGB profile, LZW"),
        Kind("rgb8", 3, 8, None, "lzw", "8-bit RGB, no profile, LZW"),
        Kind("grey8", 1, 8, None, "deflate", "8-bit grey, no profile, deflate"),
    ]
}
# The mix of a delivery, per ten pages: 3 in 16 bits with a profile, 3 tagged sRGB,
# 2 untagged RGB, 2 grey.
MIX = [
    "rgb16-p3",
    "rgb8-srgb",
    "rgb8",
    "grey8",
    "rgb16-p3",
    "rgb8-srgb",
    "rgb8",
    "rgb16-p3",
    "rgb8-srgb",
    "grey8",
]


def folio(width: int, height: int, seed: int, noise: float = 6.0) -> pyvips.Image:
    """A photographed folio as 8-bit sRGB (3 bands), `noise` the camera noise's sigma."""
    margin_x, margin_y = width // 25, height // 30
    leaf_width, leaf_height = width - 2 * margin_x, height - 2 * margin_y
    # The leaf's tone wanders by a few levels over centimetres, like old paper.
    cell = max(64, min(width, height) // 12)
    tone = pyvips.Image.perlin(leaf_width, leaf_height, cell_size=cell, seed=seed) * 10
    leaf = tone.bandjoin([tone, tone]) + list(PAPER)
    page = (pyvips.Image.black(width, height, bands=3) + list(CRADLE)).insert(
        leaf, margin_x, margin_y
    )
    page = _ink(page, margin_x, margin_y, leaf_width, leaf_height, seed)
    # Each channel has its own noise, as a sensor's do.
    red, green, blue = (
        pyvips.Image.gaussnoise(width, height, sigma=noise, mean=0, seed=seed + band)
        for band in (1, 2, 3)
    )
    return (page + red.bandjoin([green, blue])).cast("uchar").copy(interpretation="srgb")


def _ink(
    page: pyvips.Image, left: int, top: int, leaf_width: int, leaf_height: int, seed: int
) -> pyvips.Image:
    """The text block: a red heading, then justified Naskh prose, right to left."""
    block_width = leaf_width * 7 // 10
    x = left + (leaf_width - block_width) // 2
    y = top + leaf_height // 9
    dpi = max(72, round(300 * leaf_width / 2300))  # 14 pt Naskh on a leaf of about 19 cm
    heading = pyvips.Image.text(HEADING, font="Noto Naskh Arabic Bold 20", dpi=dpi)
    page = _stain(page, heading, x + block_width - heading.width, y, RUBRIC)
    y += heading.height * 2
    room = top + leaf_height * 8 // 9 - y
    # Rotate the text a little per page so the pages differ (as their words would).
    start = (seed * 37) % len(GULISTAN)
    text = (GULISTAN[start:] + GULISTAN[:start] + GULISTAN) * 8
    body = pyvips.Image.text(
        text, font="Noto Naskh Arabic 14", dpi=dpi, width=block_width, justify=True,
        align="high",
    )  # fmt: skip
    body = body.crop(0, 0, body.width, min(body.height, room))
    return _stain(page, body, x, y, INK)


def _stain(page: pyvips.Image, mask: pyvips.Image, x: int, y: int, colour: tuple) -> pyvips.Image:
    """Lay ink of `colour` on the page where `mask` (0-255) says, at x, y."""
    alpha = mask.embed(x, y, page.width, page.height) / 255.0
    return page * (1 - alpha) + alpha * list(colour)


def draw(kind: Kind, width: int, height: int, seed: int, path: Path) -> Path:
    """Write one master of `kind` to path (a .tif): the bytes a run's masters are copied from."""
    page = folio(width, height, seed)
    if kind.bands == 1:
        page = page.colourspace("b-w")
    if kind.bits == 16:
        page = page.icc_transform(kind.profile, input_profile="srgb", depth=16)
        # A 16-bit camera file has noise in its low byte too.
        grain = pyvips.Image.gaussnoise(width, height, sigma=160, mean=0, seed=seed + 2)
        page = (page + grain).cast("ushort").copy(interpretation="rgb16")
        page.set_type(pyvips.GValue.blob_type, "icc-profile-data", _profile(kind.profile, 16))
    elif kind.profile:
        page = page.copy()
        page.set_type(pyvips.GValue.blob_type, "icc-profile-data", _profile(kind.profile, 8))
    page = page.copy(xres=400 / 25.4, yres=400 / 25.4)
    page.set_type(
        pyvips.GValue.gstr_type,
        "image-description",
        (_SERIAL_MARK + b"0" * SERIAL_DIGITS).decode(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    page.tiffsave(str(path), compression=kind.compression, predictor="horizontal")
    return path


def _profile(name: str, depth: int) -> bytes:
    # icc_transform attaches its output profile: the built-in profile's own bytes.
    sample = pyvips.Image.black(1, 1, bands=3) + 128
    return sample.icc_transform(name, input_profile="srgb", depth=depth).get("icc-profile-data")


def copy_with_serial(base: Path, target: Path, serial: int) -> Path:
    """Copy `base` to `target`, writing `serial` into its ImageDescription."""
    shutil.copyfile(base, target)
    with target.open("r+b") as stream, mmap.mmap(stream.fileno(), 0) as mapped:
        offset = mapped.find(_SERIAL_MARK)
        if offset < 0:
            raise ValueError(f"{base}: no serial mark (not drawn by bench/masters.py)")
        mapped[offset + len(_SERIAL_MARK) : offset + len(_SERIAL_MARK) + SERIAL_DIGITS] = (
            f"{serial:0{SERIAL_DIGITS}d}".encode()
        )
    return target


def bases(folder: Path, kinds: list[str], width: int, height: int, variants: int = 1) -> dict:
    """Draw (or reuse, if already in folder) `variants` base masters of each kind."""
    drawn: dict[str, list[Path]] = {}
    for name in kinds:
        for variant in range(variants):
            path = folder / f"base-{name}-{width}x{height}-{variant}.tif"
            if not path.exists():
                print(f"  drawing {path.name}", flush=True)
                draw(KINDS[name], width, height, seed=17 * variant + len(name), path=path)
            drawn.setdefault(name, []).append(path)
    return drawn
