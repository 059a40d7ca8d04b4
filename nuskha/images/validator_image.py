"""The test image of the official IIIF Image API validator, pure (pyvips, no Django).

The validator (iiif-validator, a development dependency) checks what a server returns
against a 1000 x 1000 image of 10 x 10 squares, 100 pixels each, whose colours it keeps
in ValidationInfo().colorInfo: colorInfo[x][y] is the square at column x, row y (its
region tests ask for x * 100 + 13, y * 100 + 13 and compare with colorInfo[x][y]).
The colours are read from the installed validator, so the image always matches it.
"""

from __future__ import annotations

from pathlib import Path

import pyvips

SQUARES = 10
SQUARE_SIZE = 100


def validator_colours() -> list[list[tuple[int, int, int]]]:
    """colorInfo of the installed validator: [column][row] -> (r, g, b)."""
    from iiif_validator.validator import ValidationInfo  # a dev dependency: imported here

    colours: list[list[tuple[int, int, int]]] = ValidationInfo().colorInfo
    return colours


def validator_image() -> pyvips.Image:
    """The 1000 x 1000 sRGB image of the validator's squares."""
    colours = validator_colours()
    # One pixel per square, row by row, then each pixel blown up to a 100 px square.
    pixels = bytes(
        channel
        for row in range(SQUARES)
        for column in range(SQUARES)
        for channel in colours[column][row]
    )
    squares = pyvips.Image.new_from_memory(pixels, SQUARES, SQUARES, 3, "uchar")
    return squares.zoom(SQUARE_SIZE, SQUARE_SIZE).copy(interpretation="srgb")


def write_validator_image(path: Path) -> Path:
    """Save the validator's image losslessly: PNG, or TIFF if path ends in .tif/.tiff."""
    image = validator_image()
    if path.suffix.lower() in (".tif", ".tiff"):
        image.tiffsave(str(path), compression="deflate")
    else:
        image.pngsave(str(path))
    return path
