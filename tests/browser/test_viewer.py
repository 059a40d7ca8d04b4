"""A reader turns the pages of the demo's books in the page viewer (Mirador 4, started by
images/viewer.js) in a real browser: every demo book opens at its first page; the
Shahnama turns right to left in the Persian interface and Abai's poems in the Kazakh one,
with Mirador's buttons in the reader's language; a search from the item page (?q=) opens
on the page of its first hit, highlighted; axe-core finds no serious or critical fault on
an item page with the viewer, in Persian or Kazakh.

The demo collection and its page images (tests/test_demo_pages.py) are loaded once for
the module and served by a live server of its own, with NUSKHA_BASE_URL set to it: the
manifests' ids, and so every request Mirador makes, must reach this server. Screenshots
go to pytest's temporary folder (viewer-screenshots/).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import modify_settings, override_settings
from pytest_django.live_server_helper import LiveServer

from nuskha.catalogue.models import Item, Language, Script
from nuskha.catalogue.reference_data import ensure_reference_data
from nuskha.images.manifests import canvas_url, reading_direction
from nuskha.web.demo_pages import load_demo_pages
from tests.browser.axe import accessibility_faults

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
KAZAKH = json.loads(
    (ROOT / "nuskha/images/static/images/mirador-kk.json").read_text(encoding="utf-8")
)["translation"]

SHAHNAMA = "MS 5-10234"  # fa, Arabic script: 1v, 511r
ABAI = "СК-1909-01"  # kk, Arabic script: pages 3 and 4
# Words on the second page of each, which no other page has (what Tesseract read).
SECOND_PAGE_WORDS = {SHAHNAMA: "پارسی", ABAI: "سیقیرلاپ"}
# The interface language each demo book is opened in: the language of its readers.
LANGUAGES = {
    SHAHNAMA: "fa",
    "LITH 6-01577": "fa",
    "MS 5-06120": "fa",
    ABAI: "kk",
    "СК-1904-02": "ru",
}

# Console errors that Mirador 4.0.0's bundle logs whatever page it is on: not ours.
MIRADOR_NOISE = ("Accessing element.ref was removed in React 19",)


@dataclass(frozen=True)
class Book:
    pk: int
    labels: list[str]  # of its pages, in reading order
    canvases: list[str]  # the manifest's canvas ids, in the same order
    direction: str  # the manifest's viewingDirection


@dataclass(frozen=True)
class DemoSite:
    url: str
    books: dict[str, Book]  # by shelfmark

    def item_url(self, shelfmark: str, **query: str) -> str:
        parameters = "&".join(f"{name}={value}" for name, value in query.items())
        return f"{self.url}/items/{self.books[shelfmark].pk}?{parameters}"


@pytest.fixture(scope="module")
def site(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoSite]:
    """A live server with the demo collection and its pages, for the whole module.

    Not pytest-django's live_server: a test using it empties the database after itself,
    and drawing and reading the demo pages again for each test takes half a minute. The
    test database is SQLite in memory, whose one connection the server thread shares, so
    the data can stay in a transaction rolled back at the end, as in test_demo_manifests;
    each test (marked django_db) runs in a savepoint of it."""
    data_dir = tmp_path_factory.mktemp("viewer") / "data"
    with django_db_blocker.unblock():
        if not connection.is_in_memory_db():
            pytest.fail("the viewer tests share the test database's connection: SQLite only")
        server = LiveServer("127.0.0.1:0")
        try:
            with (
                modify_settings(ALLOWED_HOSTS={"append": "127.0.0.1"}),
                override_settings(BASE_URL=server.url, DATA_DIR=data_dir),
                transaction.atomic(),
            ):
                ensure_reference_data(Language, Script)
                call_command("load_demo", verbosity=0)
                load_demo_pages(data_dir)
                yield DemoSite(server.url, demo_books())
                transaction.set_rollback(True)
        finally:
            server.stop()


def demo_books() -> dict[str, Book]:
    books = {}
    for item in Item.objects.filter(pages__isnull=False).distinct():
        pages = list(item.pages.order_by("position"))
        books[item.shelfmark] = Book(
            pk=item.pk,
            labels=[page.label for page in pages],
            canvases=[canvas_url(page) for page in pages],
            direction=reading_direction(item),
        )
    return books


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("viewer-screenshots", numbered=False)


# The viewer, as the tests see it ---------------------------------------------------------

# Mirador's state for the page's one window, and what the page indicator shows.
STATE = """() => {
  const state = window.nuskhaViewers[0].store.getState();
  const windowId = Mirador.getWindowIds(state)[0];
  const window_ = state.windows[windowId];
  const panels = Mirador.getCompanionWindowIdsForPosition(state, {position: 'left', windowId});
  const selected = panels.flatMap((companionWindowId) =>
    Mirador.getSelectedContentSearchAnnotationIds(state, {windowId, companionWindowId}));
  const text = (selector) => {
    const element = document.querySelector(selector);
    return element ? element.textContent.trim() : null;
  };
  return {
    canvasId: window_.canvasId,
    visibleCanvases: window_.visibleCanvases,
    zoom: state.viewers[windowId] ? state.viewers[windowId].zoom : null,
    viewingDirection: Mirador.getSequenceViewingDirection(state, {windowId}),
    searches: Object.values((state.searches || {})[windowId] || {}),
    selected,
    count: text('.mirador-canvas-count'),
    label: text('.mirador-canvas-label').replace(/^•\\s*/, ''),
  };
}"""

# True once Mirador shows the window's pages and OpenSeadragon has every tile it needs.
PAGES_SHOWN = """() => {
  const viewer = window.nuskhaViewers && window.nuskhaViewers[0];
  if (!viewer) return false;
  const state = viewer.store.getState();
  const windowId = Mirador.getWindowIds(state)[0];
  const reference = windowId && Mirador.OSDReferences.get(windowId);
  const openSeadragon = reference && reference.current;
  if (!openSeadragon || !document.querySelector('.mirador-canvas-label')) return false;
  const world = openSeadragon.world;
  const expected = (state.windows[windowId].visibleCanvases || []).length;
  if (world.getItemCount() === 0 || world.getItemCount() !== expected) return false;
  for (let i = 0; i < world.getItemCount(); i++) {
    if (!world.getItemAt(i).getFullyLoaded()) return false;
  }
  return true;
}"""


class Console:
    """What goes wrong on the page: uncaught exceptions, console errors (and our own
    warnings, from viewer.js) and failed requests, less the known noise of Mirador's
    bundle and the browser's favicon request."""

    def __init__(self, page: Any, site: DemoSite) -> None:
        self.problems: list[str] = []
        self.site = site
        page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))
        page.on("console", self._message)
        page.on("response", self._response)

    def _message(self, message: Any) -> None:
        source = message.location.get("url", "")
        if message.type == "error":
            if source.endswith("/mirador.min.js") and message.text.startswith(MIRADOR_NOISE):
                return
            if source.endswith("/favicon.ico"):
                return  # the site has no icon: the browser asks anyway
            self.problems.append(f"console error at {source}: {message.text}")
        elif message.type == "warning" and source.endswith("/viewer.js"):
            self.problems.append(f"viewer.js warns: {message.text}")

    def _response(self, response: Any) -> None:
        if response.status >= 400 and response.url.startswith(self.site.url):
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def assert_clean(self) -> None:
        assert not self.problems, "\n".join(self.problems)


def open_viewer(page: Any, site: DemoSite, url: str) -> Console:
    console = Console(page, site)
    page.goto(url)
    page.wait_for_selector(".viewer-mount.is-viewer-started")
    page.wait_for_function(PAGES_SHOWN)
    return console


def state(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(STATE)
    return result


def assert_turns_right_to_left(page: Any) -> None:
    """Leaves turn right to left: "next" points, and sits, to the left of "previous"."""
    next_button = page.locator("button.mirador-next-canvas-button")
    previous_button = page.locator("button.mirador-previous-canvas-button")
    next_box, previous_box = next_button.bounding_box(), previous_button.bounding_box()
    assert next_box["x"] + next_box["width"] <= previous_box["x"]
    # Mirador draws both arrows from one pointing right, turning the one to point left.
    assert "rotate(180deg)" in (next_button.locator("svg").get_attribute("style") or "")
    assert "rotate" not in (previous_button.locator("svg").get_attribute("style") or "")


def zoom_in(page: Any, name: str) -> None:
    """Press Mirador's zoom-in button, by its name in the interface language: each press
    doubles the zoom."""
    before = state(page)["zoom"]
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_function(f"() => ({STATE})().zoom >= {before} * 1.9")
    assert state(page)["zoom"] == pytest.approx(2 * before, rel=0.05)


def turn_page(page: Any, book: Book, index: int) -> None:
    """Press next and wait until the page at `index` is shown."""
    page.click("button.mirador-next-canvas-button")
    page.wait_for_function(f"() => ({STATE})().canvasId === {json.dumps(book.canvases[index])}")
    page.wait_for_function(PAGES_SHOWN)


def screenshot(page: Any, path: Path) -> None:
    page.mouse.move(0, 0)  # no button tooltip in the picture
    page.locator('[role="tooltip"]').first.wait_for(state="hidden")
    page.screenshot(path=str(path))


# The tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("shelfmark", list(LANGUAGES))
def test_every_demo_book_opens_at_its_first_page(
    page: Any, site: DemoSite, shelfmark: str, record_property: Any
) -> None:
    assert set(site.books) == set(LANGUAGES)
    book = site.books[shelfmark]
    language = LANGUAGES[shelfmark]
    console = open_viewer(page, site, site.item_url(shelfmark, lang=language))

    shown = state(page)
    record_property("first page label shown", shown["label"])
    assert shown["label"] == book.labels[0]
    assert shown["canvasId"] == book.canvases[0]
    assert shown["visibleCanvases"] == [book.canvases[0]]  # a bound book opens alone
    assert shown["viewingDirection"] == book.direction
    viewer = page.locator("#viewer")
    assert viewer.get_attribute("lang") == language
    # Mirador is laid out in the interface's direction; the book's orders its pages.
    assert viewer.get_attribute("dir") == ("rtl" if language == "fa" else "ltr")
    # The no-JavaScript list of pages is gone; one page image is drawn.
    assert page.locator(".viewer-pages").count() == 0
    assert page.locator("#viewer canvas").count() >= 1
    console.assert_clean()


def test_the_shahnama_turns_right_to_left_in_persian(
    page: Any, site: DemoSite, screenshots: Path
) -> None:
    book = site.books[SHAHNAMA]
    console = open_viewer(page, site, site.item_url(SHAHNAMA, lang="fa"))
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "fa"
    shown = state(page)
    # "1 of 2" (Mirador 4.0.0's own Persian says "2 of 1": viewer.js's STRING_FIXES).
    assert (shown["label"], shown["count"]) == ("1v", "1 از 2")

    next_button = "button.mirador-next-canvas-button"
    previous_button = "button.mirador-previous-canvas-button"
    assert page.get_attribute(next_button, "aria-label") == "مورد بعدی"
    assert page.get_attribute(previous_button, "aria-label") == "مورد قبلی"
    assert_turns_right_to_left(page)
    assert page.locator(previous_button).is_disabled()

    fitted = state(page)["zoom"]
    zoom_in(page, "بزرگنمایی")
    turn_page(page, book, 1)
    shown = state(page)
    assert (shown["label"], shown["count"]) == ("511r", "2 از 2")
    assert page.locator(next_button).is_disabled()
    assert page.locator(previous_button).is_enabled()
    # The new page is fitted to the window, not left at the old zoom (viewer.js's
    # fitEachPageTurn); both leaves have the same size.
    assert shown["zoom"] == pytest.approx(fitted, rel=0.05)
    screenshot(page, screenshots / "viewer-fa.png")
    zoom_in(page, "بزرگنمایی")
    console.assert_clean()


def test_abai_turns_right_to_left_in_kazakh(page: Any, site: DemoSite, screenshots: Path) -> None:
    book = site.books[ABAI]
    console = open_viewer(page, site, site.item_url(ABAI, lang="kk"))
    # The site and Mirador's panels read left to right in Kazakh; the book, in Arabic
    # script, right to left.
    assert page.get_attribute("html", "dir") == "ltr"
    assert page.locator("#viewer").get_attribute("dir") == "ltr"
    shown = state(page)
    assert (shown["label"], shown["count"]) == ("3", "1 / 2")

    next_button = "button.mirador-next-canvas-button"
    previous_button = "button.mirador-previous-canvas-button"
    assert page.get_attribute(next_button, "aria-label") == KAZAKH["nextCanvas"] == "Келесі бет"
    assert page.get_attribute(previous_button, "aria-label") == KAZAKH["previousCanvas"]
    assert_turns_right_to_left(page)

    zoom_in(page, KAZAKH["zoomIn"])
    turn_page(page, book, 1)
    shown = state(page)
    assert (shown["label"], shown["count"]) == ("4", "2 / 2")

    # Mirador's own panels speak Kazakh too: the sidebar opens on the item's description.
    page.get_by_role("button", name=KAZAKH["toggleWindowSideBar"]).first.click()
    heading = page.locator("aside.mirador-companion-window-left h3").first
    heading.wait_for()
    assert heading.inner_text() == KAZAKH["aboutThisItem"]
    screenshot(page, screenshots / "viewer-kk.png")
    console.assert_clean()


@pytest.mark.parametrize(("shelfmark", "language"), [(SHAHNAMA, "fa"), (ABAI, "kk")])
def test_a_search_from_the_item_page_opens_at_its_hit(
    page: Any, site: DemoSite, screenshots: Path, shelfmark: str, language: str
) -> None:
    book = site.books[shelfmark]
    word = SECOND_PAGE_WORDS[shelfmark]
    console = open_viewer(page, site, site.item_url(shelfmark, lang=language, q=word))
    panel = page.locator("aside.mirador-companion-window-left")
    selected_hit = panel.locator("li.windowSelected")
    selected_hit.wait_for()
    page.wait_for_function(f"() => ({STATE})().canvasId === {json.dumps(book.canvases[1])}")
    page.wait_for_function(PAGES_SHOWN)

    shown = state(page)
    (search,) = shown["searches"]
    (response,) = search["data"].values()
    hits = response["json"]["resources"]
    assert search["query"] == word and hits
    # Each hit listed once (viewer.js's searchWhenReady), the first one selected.
    assert panel.locator("li").count() == len(response["json"]["hits"])
    assert selected_hit.is_visible()
    assert selected_hit.locator("strong").first.inner_text() == word
    (selected,) = shown["selected"]
    (hit,) = [annotation for annotation in hits if annotation["@id"] == selected]
    # The page shown is the hit's, the second of the book.
    assert hit["on"].split("#")[0] == shown["canvasId"] == book.canvases[1]
    assert shown["label"] == book.labels[1]
    screenshot(page, screenshots / f"viewer-search-{language}.png")
    console.assert_clean()


@pytest.mark.parametrize(
    ("shelfmark", "language", "query"),
    [(SHAHNAMA, "fa", ""), (SHAHNAMA, "fa", "پارسی"), (ABAI, "kk", ""), (ABAI, "kk", "سیقیرلاپ")],
    ids=["fa", "fa-search", "kk", "kk-search"],
)
def test_the_item_page_with_the_viewer_passes_axe(
    page: Any, site: DemoSite, shelfmark: str, language: str, query: str
) -> None:
    query_string = {"lang": language, **({"q": query} if query else {})}
    open_viewer(page, site, site.item_url(shelfmark, **query_string))
    if query:
        page.wait_for_selector("aside.mirador-companion-window-left li.windowSelected")
    faults = accessibility_faults(page)
    assert not faults, f"{page.url}:\n" + "\n".join(faults)


def test_staff_page_through_a_restricted_book_with_an_image_pass(page: Any, site: DemoSite) -> None:
    """A restricted book shows to a signed-in staff member, and the browser sends the image
    pass that info.json handed it with every tile OpenSeadragon asks for after it
    (tile_cache.FastTiles serves such tiles before Django in `nuskha serve`). Thumbnails
    from the manifest may come first, decided by Django, which hands out the pass too."""
    from django.test import Client

    from nuskha.conftest import make_staff
    from nuskha.images.tile_cache import PASS_COOKIE

    item = Item.objects.get(shelfmark=SHAHNAMA)
    item.access = Item.Access.RESTRICTED
    item.save()
    client = Client()
    client.force_login(make_staff("viewer-staff", item.institution))
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": site.url}])
    tiles_with_pass: list[str] = []
    tiles_without: list[str] = []

    def note(request: Any) -> None:
        path = request.url.partition("/iiif/3/image/")[2]
        if path and path.split("/")[1] != "full" and not path.endswith("info.json"):
            has_pass = f"{PASS_COOKIE}=" in request.all_headers().get("cookie", "")
            (tiles_with_pass if has_pass else tiles_without).append(request.url)

    page.on("request", note)
    console = open_viewer(page, site, site.item_url(SHAHNAMA, lang="fa"))

    console.assert_clean()  # no 401 or 403: every tile shown
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert cookies[PASS_COOKIE]["httpOnly"] and cookies[PASS_COOKIE]["path"] == "/iiif/3/image/"
    assert tiles_with_pass and not tiles_without, tiles_without[:3]
