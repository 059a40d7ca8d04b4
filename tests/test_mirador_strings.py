"""The viewer's Kazakh and Russian strings cover every string of the installed Mirador."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_kazakh_and_russian_cover_every_mirador_string() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from mirador_strings import check
    finally:
        sys.path.pop(0)
    assert check() == []
