"""docs/reference/oai.md stays true: it names every format and every error code."""

from __future__ import annotations

from pathlib import Path

import pytest

from nuskha.oai import protocol

PAGE = Path(__file__).resolve().parents[3] / "docs" / "reference" / "oai.md"
CODES = [
    protocol.BAD_ARGUMENT,
    protocol.BAD_RESUMPTION_TOKEN,
    protocol.BAD_VERB,
    protocol.CANNOT_DISSEMINATE_FORMAT,
    protocol.ID_DOES_NOT_EXIST,
    protocol.NO_RECORDS_MATCH,
    protocol.NO_METADATA_FORMATS,
]


@pytest.mark.parametrize("known", protocol.METADATA_FORMATS.values(), ids=lambda f: f.prefix)
def test_the_reference_lists_every_format(known: protocol.MetadataFormat) -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert f"| `{known.prefix}` | `{known.schema}` | `{known.namespace}` |" in page


@pytest.mark.parametrize("code", CODES)
def test_the_reference_explains_every_error_code(code: str) -> None:
    assert f"| `{code}` |" in PAGE.read_text(encoding="utf-8")


@pytest.mark.parametrize("verb", protocol.VERBS)
def test_the_reference_describes_every_verb(verb: str) -> None:
    assert f"| `{verb}` |" in PAGE.read_text(encoding="utf-8")
