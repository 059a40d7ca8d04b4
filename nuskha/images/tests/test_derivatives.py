from __future__ import annotations

from pathlib import Path

import pytest
import pyvips

from nuskha.images.derivatives import (
    ImageError,
    ImageFacts,
    PyramidFacts,
    build_access_copy,
    build_thumbnail,
    inspect_image,
)
from nuskha.images.tests.conftest import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    can_save_jpeg_2000,
    grey_profile,
    linear_profile,
    p3_profile,
    page_8_bit,
    save_16_bit_tiff,
    save_huge_png_header,
    save_tiff_header_first,
    solid,
    truncate,
    with_profile,
)

MAX_PIXELS = 100_000_000


def pixel(path: Path, x: int = 10, y: int = 10, page: int = 0) -> list[float]:
    # Through a Source, as the code under test does: libvips caches loads by file name.
    source = pyvips.Source.new_from_file(str(path))
    return pyvips.Image.new_from_source(source, "", page=page).getpoint(x, y)


def open_page(path: Path, page: int = 0) -> pyvips.Image:
    return pyvips.Image.new_from_source(pyvips.Source.new_from_file(str(path)), "", page=page)


def srgb_from_display_p3(rgb: tuple[int, int, int]) -> list[float]:
    """Independent colour arithmetic: Display P3 and sRGB share the sRGB tone curve and
    the D65 white, and differ in primaries (matrices from their published chromaticities).
    """

    def linear(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    def encoded(value: float) -> float:
        value = min(max(value, 0.0), 1.0)
        value = 12.92 * value if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055
        return value * 255

    p3_to_xyz = [
        [0.4865709, 0.2656677, 0.1982173],
        [0.2289746, 0.6917385, 0.0792869],
        [0.0000000, 0.0451134, 1.0439444],
    ]
    xyz_to_srgb = [
        [3.2404542, -1.5371385, -0.4985314],
        [-0.9692660, 1.8760108, 0.0415560],
        [0.0556434, -0.2040259, 1.0572252],
    ]

    def times(matrix: list[list[float]], vector: list[float]) -> list[float]:
        return [sum(m * v for m, v in zip(row, vector, strict=True)) for row in matrix]

    xyz = times(p3_to_xyz, [linear(channel) for channel in rgb])
    return [encoded(channel) for channel in times(xyz_to_srgb, xyz)]


# inspect_image


def test_it_reads_the_facts_of_a_16_bit_tiff_with_a_profile(tmp_path: Path) -> None:
    master = save_16_bit_tiff(tmp_path / "page.tif", [40000, 30000, 20000], p3_profile())

    assert inspect_image(master, MAX_PIXELS) == ImageFacts(
        width=PAGE_WIDTH,
        height=PAGE_HEIGHT,
        format="tiffload",
        bands=3,
        bits_per_sample=16,
        has_icc=True,
        interpretation="rgb16",
    )


def test_it_reads_the_facts_of_an_8_bit_jpeg(jpeg_master: Path) -> None:
    facts = inspect_image(jpeg_master, MAX_PIXELS)

    assert (facts.format, facts.bits_per_sample, facts.has_icc) == ("jpegload", 8, False)


def test_it_refuses_a_text_file_named_like_a_tiff(tmp_path: Path) -> None:
    master = tmp_path / "page.tif"
    master.write_text("Shelfmark: MS 1234, f. 12r\n")

    with pytest.raises(ImageError, match="page.tif: not an image"):
        inspect_image(master, MAX_PIXELS)


def test_it_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="absent.tif"):
        inspect_image(tmp_path / "absent.tif", MAX_PIXELS)


def test_it_refuses_too_many_pixels_from_the_header_alone(tmp_path: Path) -> None:
    # 900 million pixels claimed by a few hundred bytes: decoding would be the harm, and
    # would fail on the stub data, so the message proves the header decided.
    master = save_huge_png_header(tmp_path / "bomb.png", 30_000, 30_000)

    with pytest.raises(ImageError, match=r"bomb.png: 30000x30000 is more than the 100,000,000"):
        inspect_image(master, MAX_PIXELS)


def test_it_accepts_a_page_at_the_pixel_limit(jpeg_master: Path) -> None:
    assert inspect_image(jpeg_master, PAGE_WIDTH * PAGE_HEIGHT).width == PAGE_WIDTH


# build_access_copy: the pyramid


def test_it_builds_a_tiled_jpeg_pyramid_of_halving_pages(jpeg_master: Path, tmp_path: Path) -> None:
    target = tmp_path / "access.tif"

    facts = build_access_copy(jpeg_master, target)

    assert facts == PyramidFacts(width=1200, height=1600, tile_size=512, levels=3)
    pages = [open_page(target, page) for page in range(facts.levels)]
    assert [(page.width, page.height) for page in pages] == [(1200, 1600), (600, 800), (300, 400)]
    assert all((page.format, page.bands) == ("uchar", 3) for page in pages)
    assert pages[0].get("n-pages") == 3
    assert pages[0].get_typeof("icc-profile-data") == 0  # sRGB by contract, not by tag


def test_it_leaves_no_temporary_files(jpeg_master: Path, tmp_path: Path) -> None:
    build_access_copy(jpeg_master, tmp_path / "access.tif")

    assert sorted(path.name for path in tmp_path.iterdir()) == ["access.tif", "page.jpg"]


def test_it_keeps_the_pixels_of_an_srgb_master(tmp_path: Path) -> None:
    master = tmp_path / "page.png"
    page_8_bit().pngsave(str(master))
    target = tmp_path / "access.tif"

    build_access_copy(master, target)

    page = page_8_bit()
    for x, y in [(10, 10), (300, 300), (1100, 1500)]:
        expected = page.getpoint(x, y)
        assert all(abs(a - b) <= 3 for a, b in zip(pixel(target, x, y), expected, strict=True))


@pytest.mark.parametrize("quality", [84, 90, 95])
def test_it_refuses_tile_qualities_outside_85_to_89(
    jpeg_master: Path, tmp_path: Path, quality: int
) -> None:
    with pytest.raises(ValueError, match="quality"):
        build_access_copy(jpeg_master, tmp_path / "access.tif", quality=quality)


# build_access_copy: colour


def test_it_applies_the_embedded_wide_gamut_profile(tmp_path: Path) -> None:
    # The same numbers mean a more saturated orange in Display P3 than in sRGB.
    patch = (200, 100, 50)
    master = save_16_bit_tiff(tmp_path / "page.tif", [c * 257 for c in patch], p3_profile())
    target = tmp_path / "access.tif"

    build_access_copy(master, target)

    expected = srgb_from_display_p3(patch)  # about (215, 93, 31)
    result = pixel(target)
    assert all(abs(a - b) <= 2.5 for a, b in zip(result, expected, strict=True)), result
    assert result[0] - patch[0] > 10  # untouched numbers would have stayed at 200


def test_it_scales_16_bit_values_without_a_profile(tmp_path: Path) -> None:
    master = save_16_bit_tiff(tmp_path / "page.tif", [65535, 32768, 1024])
    target = tmp_path / "access.tif"

    build_access_copy(master, target)

    assert all(abs(a - b) <= 1 for a, b in zip(pixel(target), [255, 128, 4], strict=True))


def test_it_keeps_shadow_detail_of_linear_16_bit_masters(tmp_path: Path) -> None:
    # 128/65535 of linear light is sRGB 6; cut to 8 bits first it would be black.
    master = save_16_bit_tiff(tmp_path / "page.tif", [128, 128, 128], linear_profile())
    target = tmp_path / "access.tif"

    build_access_copy(master, target)

    assert all(5 <= value <= 8 for value in pixel(target)), pixel(target)


def test_it_applies_an_embedded_grey_profile(tmp_path: Path) -> None:
    # Grey 117 in gamma 1.8 is 24.6% luminance: sRGB's curve encodes that as 136.
    master = tmp_path / "page.tif"
    grey = solid([117 * 257]).cast("ushort").copy(interpretation="grey16")
    with_profile(grey, grey_profile(gamma=1.8)).tiffsave(str(master))
    target = tmp_path / "access.tif"

    build_access_copy(master, target)

    assert pixel(target) == pytest.approx([136, 136, 136], abs=2)


def test_it_turns_a_grey_master_into_three_equal_bands(tmp_path: Path) -> None:
    master = tmp_path / "page.png"
    solid([90]).cast("uchar").copy(interpretation="b-w").pngsave(str(master))
    target = tmp_path / "access.tif"

    build_access_copy(master, target)

    assert open_page(target).bands == 3
    assert pixel(target) == pytest.approx([90, 90, 90], abs=2)


def test_it_flattens_transparency_onto_white(tmp_path: Path) -> None:
    # Left half transparent, right half opaque dark red.
    page = solid([120, 10, 10, 255]).draw_rect([0, 0, 0, 0], 0, 0, 600, 1600, fill=True)
    master = tmp_path / "page.png"
    page.cast("uchar").copy(interpretation="srgb").pngsave(str(master))
    target = tmp_path / "access.tif"

    build_access_copy(master, target)

    assert open_page(target).bands == 3
    assert pixel(target, 100, 100) == pytest.approx([255, 255, 255], abs=2)
    assert pixel(target, 1000, 100) == pytest.approx([120, 10, 10], abs=3)


def test_it_turns_a_sideways_camera_jpeg_upright(tmp_path: Path) -> None:
    page = page_8_bit(400, 300).copy()
    page.set_type(pyvips.GValue.gint_type, "orientation", 6)  # EXIF: rotate 90 to view
    master = tmp_path / "page.jpg"
    page.jpegsave(str(master))

    facts = build_access_copy(master, tmp_path / "access.tif")

    assert (facts.width, facts.height) == (300, 400)
    assert inspect_image(master, MAX_PIXELS).width == 300  # as seen, like the access copy


@pytest.mark.skipif(not can_save_jpeg_2000(), reason="libvips built without OpenJPEG")
def test_it_builds_from_jpeg_2000(tmp_path: Path) -> None:
    master = tmp_path / "page.jp2"
    page_8_bit().jp2ksave(str(master), lossless=True)

    facts = build_access_copy(master, tmp_path / "access.tif")

    assert inspect_image(master, MAX_PIXELS).format == "jp2kload"
    assert (facts.width, facts.height, facts.levels) == (1200, 1600, 3)


# build_access_copy: broken masters


@pytest.mark.parametrize("name", ["page.tif", "page.jpg"])
def test_it_refuses_a_truncated_master_and_writes_nothing(tmp_path: Path, name: str) -> None:
    master = tmp_path / name
    if name.endswith(".tif"):
        save_tiff_header_first(master, page_8_bit())
    else:
        page_8_bit().jpegsave(str(master))
    truncate(master)
    target = tmp_path / "access.tif"

    with pytest.raises(ImageError, match=f"{name}: cannot be decoded"):
        build_access_copy(master, target)

    assert sorted(path.name for path in tmp_path.iterdir()) == [name]


def test_it_refuses_a_tiff_cut_before_its_header(tmp_path: Path) -> None:
    master = tmp_path / "page.tif"
    page_8_bit().tiffsave(str(master))  # libvips writes the header after the pixels
    truncate(master)

    with pytest.raises(ImageError, match="page.tif: not an image"):
        build_access_copy(master, tmp_path / "access.tif")


def test_it_refuses_a_text_file_named_page_tif(tmp_path: Path) -> None:
    master = tmp_path / "page.tif"
    master.write_text("not a scan")

    with pytest.raises(ImageError, match="page.tif: not an image"):
        build_access_copy(master, tmp_path / "access.tif")


def test_a_failed_rebuild_leaves_the_earlier_copy(jpeg_master: Path, tmp_path: Path) -> None:
    target = tmp_path / "access.tif"
    build_access_copy(jpeg_master, target)
    before = target.read_bytes()
    truncate(jpeg_master)

    with pytest.raises(ImageError):
        build_access_copy(jpeg_master, target)

    assert target.read_bytes() == before


def test_it_refuses_an_embedded_profile_that_does_not_fit(tmp_path: Path) -> None:
    master = tmp_path / "page.tif"
    grey = solid([100]).cast("uchar").copy(interpretation="b-w")
    with_profile(grey, p3_profile()).tiffsave(str(master))

    with pytest.raises(ImageError, match="page.tif: its embedded ICC profile"):
        build_access_copy(master, tmp_path / "access.tif")


# build_thumbnail


def test_it_writes_a_thumbnail_256_wide(jpeg_master: Path, tmp_path: Path) -> None:
    access_copy = tmp_path / "access.tif"
    build_access_copy(jpeg_master, access_copy)
    target = tmp_path / "thumbnail.jpg"

    size = build_thumbnail(access_copy, target)

    assert size == (256, 341)
    thumbnail = pyvips.Image.new_from_buffer(target.read_bytes(), "")
    assert (thumbnail.width, thumbnail.height) == (256, 341)
    assert thumbnail.get("vips-loader") == "jpegload_buffer"


def test_it_never_enlarges_a_small_page_for_a_thumbnail(tmp_path: Path) -> None:
    master = tmp_path / "page.png"
    page_8_bit(200, 300).pngsave(str(master))
    access_copy = tmp_path / "access.tif"
    build_access_copy(master, access_copy)

    assert build_thumbnail(access_copy, tmp_path / "thumbnail.jpg") == (200, 300)


# A full-size page, as digitisation staff deliver it


@pytest.mark.slow
def test_it_builds_a_full_size_16_bit_page_with_a_profile(tmp_path: Path) -> None:
    xyz = pyvips.Image.xyz(6000, 8000)
    master = tmp_path / "page.tif"
    gradient = (xyz[0] * 10).bandjoin([xyz[1] * 8, xyz[0] + xyz[1]])
    page = gradient.cast("ushort").copy(interpretation="rgb16")
    with_profile(page, p3_profile()).tiffsave(str(master), compression="deflate")
    target = tmp_path / "access.tif"

    facts = build_access_copy(master, target)

    assert facts == PyramidFacts(width=6000, height=8000, tile_size=512, levels=5)
    smallest = open_page(target, 4)
    assert (smallest.width, smallest.height) == (375, 500)
    assert build_thumbnail(target, tmp_path / "thumbnail.jpg") == (256, 341)
