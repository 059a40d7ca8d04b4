"""A reader uses the public site in a real browser, without staff rights or JavaScript of
ours: searches in Persian letters, narrows by a facet, opens a record, reads it in Persian
(right to left) and Kazakh; axe-core finds no serious or critical accessibility fault on
any page. Saves docs/screenshots/search-en.png and item-fa.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nuskha.catalogue.demo.loader import load_collection, read_demo_file
from nuskha.catalogue.models import Agent, Item, Language, Script, Work
from nuskha.catalogue.reference_data import ensure_reference_data
from tests.browser.axe import accessibility_faults

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture
def demo(transactional_db: Any) -> None:
    # Transactional tests empty every table, the migrations' reference data included.
    ensure_reference_data(Language, Script)
    load_collection(read_demo_file())


def assert_accessible(page: Any) -> None:
    faults = accessibility_faults(page)
    assert not faults, f"{page.url}:\n" + "\n".join(faults)


def switch_language(page: Any, code: str) -> None:
    # Wait for the new page's load, then read it: a predicate polled while the browser
    # swaps documents may find no documentElement at all (a CI run failed so).
    with page.expect_navigation(wait_until="load"):
        page.click(f".language-switcher a[hreflang={code}]")
    page.wait_for_function(f"document.documentElement?.lang === '{code}'")


@pytest.mark.django_db(transaction=True)
def test_a_reader_finds_a_persian_manuscript_and_reads_it_in_persian_and_kazakh(
    page: Any, live_server: Any, demo: None
) -> None:
    hafez = Item.objects.get(shelfmark="MS 5-07781")  # titled ديوان خواجه حافظ شيرازي
    page.goto(f"{live_server.url}/?lang=en")
    assert_accessible(page)

    # Typed with Persian ی; the record was catalogued with Arabic ي.
    page.fill("#search-q", "دیوان حافظ")
    page.press("#search-q", "Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator(f'.hits a[href="/items/{hafez.pk}"]').count() == 1
    assert_accessible(page)

    page.locator(".facet a", has_text="Manuscript").first.click()
    page.wait_for_url("**kind=manuscript*")
    assert "Kind of item: Manuscript" in page.inner_text(".selected-filters")
    assert page.locator(f'.hits a[href="/items/{hafez.pk}"]').count() == 1
    assert_accessible(page)

    page.click(f'.hits a[href="/items/{hafez.pk}"]')
    page.wait_for_url(f"**/items/{hafez.pk}")
    assert page.inner_text("h1") == "The Divan of Hafez of Shiraz"
    alternate = page.get_attribute('link[rel=alternate][type="application/json"]', "href")
    assert alternate == f"/items/{hafez.pk}/record.json"
    assert_accessible(page)

    switch_language(page, "fa")
    assert page.url.endswith(f"/items/{hafez.pk}?lang=fa")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.inner_text("h1") == "ديوان خواجه حافظ شيرازي"
    assert page.eval_on_selector("main", "e => getComputedStyle(e).direction") == "rtl"
    assert "شمارهٔ بازیابی" in page.inner_text("#identification + dl")
    assert_accessible(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "item-fa.png"))

    switch_language(page, "kk")
    assert page.get_attribute("html", "dir") == "ltr"
    assert page.inner_text("h1") == "Хафиз Шеразидің диуаны"
    labels = page.inner_text("#identification + dl")
    assert "Шифр" in labels and "Сақтау бірлігінің түрі" in labels
    assert page.inner_text("#contents") == "Құрамы"
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_every_kind_of_page_passes_axe_in_persian_and_english(
    page: Any, live_server: Any, demo: None
) -> None:
    page.goto(f"{live_server.url}/search?q=کتاب&lang=en")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "search-en.png"))
    hafez = Agent.objects.get(identifier="hafez")
    work = Work.objects.get(identifier="divan-hafez")
    paths = [
        "/",
        "/search?q=",  # the message for an empty query
        "/search?q=حافظ&date=1000-1100+AH&sort=date",
        "/search?q=nothing-at-all-here",
        f"/agents/{hafez.pk}",
        f"/works/{work.pk}",
        "/institutions/KZ-NALRK",
        "/items/999999",  # not found
    ]
    for lang in ("fa", "en"):
        for path in paths:
            separator = "&" if "?" in path else "?"
            page.goto(f"{live_server.url}{path}{separator}lang={lang}")
            assert page.get_attribute("html", "lang") == lang
            assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_the_search_page_fits_a_phone(browser: Any, live_server: Any, demo: None) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740})
    phone = context.new_page()
    try:
        phone.goto(f"{live_server.url}/search?q=حافظ&lang=fa")
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than the phone"
        # On a phone the results come first, the facets after them.
        results_top = phone.eval_on_selector(".results", "e => e.getBoundingClientRect().top")
        facets_top = phone.eval_on_selector(".facets", "e => e.getBoundingClientRect().top")
        assert results_top < facets_top
    finally:
        context.close()
