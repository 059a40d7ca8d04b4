"""The fa, kk and ru catalogues are complete: no empty and no fuzzy entry."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "nuskha" / "locale"


@pytest.mark.parametrize("language", ["fa", "kk", "ru"])
def test_every_message_is_translated(language: str) -> None:
    catalogue = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
