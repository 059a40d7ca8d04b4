"""Pure modules stay free of Django, so they can be tested and reused alone (house style §2)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE_MODULES = [
    "nuskha.catalogue.loci",
    "nuskha.text",
    "nuskha.text.transliteration",
    "nuskha.calendars",
    "nuskha.catalogue.formats.record",
    "nuskha.catalogue.formats.xml",
    "nuskha.catalogue.formats.marc21",
    "nuskha.catalogue.formats.unimarc",
    "nuskha.catalogue.formats.tei",
    "nuskha.catalogue.formats.dublin_core",
    "nuskha.oai.protocol",
    "nuskha.oai.resumption",
    "nuskha.oai.responses",
    "nuskha.preservation.storage",
    "nuskha.images.sources",
    "nuskha.images.iiif",
    "nuskha.images.derivatives",
    "nuskha.images.rendering",
    "nuskha.images.passes",
    "nuskha.images.specimens",
    "nuskha.ocr.languages",
    "nuskha.ocr.tesseract",
    "nuskha.ocr.hocr",
    "nuskha.ocr.content_search",
    "nuskha.ocr.accuracy",
    "nuskha.cooperation.terms",
    "nuskha.cooperation.timeline",
]


@pytest.mark.parametrize("module", PURE_MODULES)
def test_a_pure_module_does_not_import_django(module: str) -> None:
    check = f"import sys, {module}; sys.exit('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, f"{module} imports Django: {result.stderr}"
