"""The demo's page images: drawn from known text, ingested, read by Tesseract, and found.

Because the text of every demo page is known (nuskha/catalogue/demo/pages.yaml), what
Tesseract reads from it is compared with it: the character error rate (CER, NFC, see
nuskha.ocr.accuracy) of all pages in one (language, script), as edits over expected
characters. The bounds leave room for other Tesseract builds and font versions; the rates
measured with Debian's Tesseract 5.3 and fonts (bookworm) are printed by the test:

| language | script | model             | pages | font              | bound | measured |
|----------|--------|-------------------|-------|-------------------|-------|----------|
| fa       | Arab   | fas, fas+ara      | 3     | Noto Naskh, Nazli | 0.08  | 0.011    |
| ar       | Arab   | ara+fas           | 2     | Noto Naskh Arabic | 0.08  | 0.000    |
| kk       | Arab   | Arabic (script)   | 2     | Noto Naskh Arabic | 0.12  | 0.016    |
| ru       | Cyrl   | rus               | 1     | DejaVu Serif      | 0.10  | 0.034    |

Kazakh in Arabic script has no language model, only the Arabic script one; the Russian
page is in the pre-1918 orthography of its 1904 edition, and `rus` reads ѣ and і as
other letters (Ъ, 1, и) now and then.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from nuskha.catalogue.models import Item
from nuskha.images.models import Page
from nuskha.ocr.accuracy import levenshtein, normalised
from nuskha.ocr.models import PageText
from nuskha.search.service import SearchRequest, search
from nuskha.web.demo_pages import load_demo_pages, read_pages_file

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

BOUNDS = {("fa", "Arab"): 0.08, ("ar", "Arab"): 0.08, ("kk", "Arab"): 0.12, ("ru", "Cyrl"): 0.10}

# A word of each language's pages that no catalogue record has: only OCR can find it.
SEARCH_WORDS = {
    "زمردین": ("IR-NLAI", "LITH 6-01577"),  # Gulistan's preface
    "فروزنده": ("IR-NLAI", "MS 5-10234"),  # Shahnama, f. 1v
    "ويستردها": ("IR-NLAI", "MS 5-06120"),  # Qanun, the definition of medicine
    "سیقیرلاپ": ("KZ-NALRK", "СК-1909-01"),  # Abai, «Қыс»
    "Бадахшана": ("KZ-NALRK", "СК-1904-02"),  # Valikhanov on Altishahr
}


def found(word: str) -> set[tuple[str, str]]:
    results = search(SearchRequest(query=word, page_size=50))
    return {(hit.item.institution.code, hit.item.shelfmark) for hit in results.hits}


def snapshot() -> list[tuple[Any, ...]]:
    pages = Page.objects.order_by("pk").values_list(
        "pk", "item_id", "label", "image_id", "master_version", "updated_at"
    )
    texts = PageText.objects.order_by("pk").values_list("pk", "page_id", "text", "created_at")
    return [*pages, *texts]


def measured_error_rates() -> dict[tuple[str, str], tuple[float, int]]:
    """Per (language, script): edits over expected characters of all its pages, and pages."""
    edits: dict[tuple[str, str], int] = defaultdict(int)
    length: dict[tuple[str, str], int] = defaultdict(int)
    pages: dict[tuple[str, str], int] = defaultdict(int)
    for demo in read_pages_file():
        item = Item.objects.get(institution__code=demo.institution, shelfmark=demo.shelfmark)
        read = {
            text.page.source_name: text.text
            for text in PageText.objects.filter(page__item=item).select_related("page")
        }
        for name, page in zip(demo.file_names(), demo.pages, strict=True):
            expected = normalised(page.text)
            key = (page.language, page.script)
            edits[key] += levenshtein(expected, normalised(read[name]))
            length[key] += len(expected)
            pages[key] += 1
    return {key: (edits[key] / length[key], pages[key]) for key in edits}


def show(request: pytest.FixtureRequest, lines: list[str]) -> None:
    """Print to the terminal even without -s (the figures belong in the test output)."""
    terminal = request.config.pluginmanager.get_plugin("terminalreporter")
    for line in lines:
        if terminal is not None:
            terminal.write_line(line)
        else:
            print(line)


def test_the_demo_pages_are_drawn_ingested_read_and_found(
    settings: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    settings.DATA_DIR = tmp_path / "data"
    call_command("load_demo", verbosity=0)
    assert all(found(word) == set() for word in SEARCH_WORDS)  # no record has the words

    report = load_demo_pages(settings.DATA_DIR)

    demos = read_pages_file()
    assert report.pages == report.read == sum(len(demo.pages) for demo in demos)
    assert len(report.items) == len(demos) and report.notes == []
    for demo in demos:
        item = Item.objects.get(institution__code=demo.institution, shelfmark=demo.shelfmark)
        pages = list(item.pages.order_by("position"))
        assert [page.label for page in pages] == [page.label for page in demo.pages]
        assert all(PageText.objects.filter(page=page).exists() for page in pages)

    for word, item in SEARCH_WORDS.items():
        assert item in found(word), word

    before = snapshot()
    again = load_demo_pages(settings.DATA_DIR)
    assert (again.pages, again.read, again.kept) == (0, 0, len(demos))
    assert again.summary().startswith("Demo pages: nothing new")
    assert snapshot() == before

    rates = measured_error_rates()
    show(
        request,
        [f"\n{report.summary()}", "Demo pages: character error rate per (language, script)"]
        + [
            f"  {language}-{script}: {rate:.3f} over {pages} pages "
            f"(bound {BOUNDS[language, script]:.2f})"
            for (language, script), (rate, pages) in sorted(rates.items())
        ],
    )
    assert set(rates) == set(BOUNDS)
    for key, (rate, _) in rates.items():
        assert rate <= BOUNDS[key], f"{key}: CER {rate:.3f} above {BOUNDS[key]}"
