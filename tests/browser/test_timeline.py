"""A reader opens a partner's page in Persian and in English, with JavaScript switched
off: the timeline, drawn on the server as SVG, runs right to left in Persian (a later
agreement lies to the left of an earlier one, today at the far left) and left to right
in English; axe-core finds no serious or critical fault. Saves
docs/screenshots/timeline-fa.png and timeline-en.png."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nuskha.cooperation.conftest import Partnership, make_partnership
from tests.browser.axe import accessibility_faults

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture
def partnership(transactional_db: Any) -> Partnership:
    return make_partnership()


@pytest.fixture
def page_without_javascript(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).bounding_box()
    assert found is not None and found["width"] > 0, f"{selector} is not drawn"
    return found


def bar(page: Any, agreement: Any) -> dict[str, float]:
    return box(page, f'.timeline [data-key="agreement-{agreement.pk}"] rect.bar')


def label(page: Any, agreement: Any) -> dict[str, float]:
    return box(page, f'.timeline [data-key="agreement-{agreement.pk}"] text.label')


def open_partner(page: Any, live_server: Any, lang: str) -> None:
    page.goto(f"{live_server.url}/cooperation/partners/KZ-NALRK/?lang={lang}")
    page.wait_for_selector(".timeline svg")


@pytest.mark.django_db(transaction=True)
def test_the_timeline_runs_right_to_left_in_persian(
    page_without_javascript: Any, page: Any, live_server: Any, partnership: Partnership
) -> None:
    reader = page_without_javascript
    open_partner(reader, live_server, "fa")
    assert reader.get_attribute("html", "dir") == "rtl"
    memorandum, renewal = bar(reader, partnership.memorandum), bar(reader, partnership.renewal)
    today = box(reader, ".timeline line.today-line")
    # Time runs leftwards: the 2012 renewal lies left of the 2007 memorandum, and today
    # (2026 or later) left of both, the renewal running on past it to the left edge.
    assert renewal["x"] < memorandum["x"]
    assert today["x"] < memorandum["x"]
    assert renewal["x"] <= today["x"]
    # Each label begins at the right-hand end of its bar, where the agreement begins.
    text = label(reader, partnership.memorandum)
    assert abs((text["x"] + text["width"]) - (memorandum["x"] + memorandum["width"])) < 3
    course = box(reader, ".timeline .kind-course rect.point")
    meeting = box(reader, ".timeline .kind-meeting circle.point")
    assert meeting["x"] < course["x"]  # the 2012 meeting left of the 2010 course
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    reader.screenshot(path=str(SCREENSHOTS / "timeline-fa.png"))

    open_partner(page, live_server, "fa")
    faults = accessibility_faults(page)
    assert not faults, "\n".join(faults)


@pytest.mark.django_db(transaction=True)
def test_the_timeline_runs_left_to_right_in_english(
    page_without_javascript: Any, page: Any, live_server: Any, partnership: Partnership
) -> None:
    reader = page_without_javascript
    open_partner(reader, live_server, "en")
    assert reader.get_attribute("html", "dir") == "ltr"
    memorandum, renewal = bar(reader, partnership.memorandum), bar(reader, partnership.renewal)
    today = box(reader, ".timeline line.today-line")
    assert renewal["x"] > memorandum["x"]
    assert today["x"] > memorandum["x"] + memorandum["width"]
    assert renewal["x"] + renewal["width"] >= today["x"]
    text = label(reader, partnership.memorandum)
    assert abs(text["x"] - memorandum["x"]) < 3
    name = "Timeline of the cooperation with National Academic Library of the Republic"
    assert reader.get_by_role("img", name=name).count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    reader.screenshot(path=str(SCREENSHOTS / "timeline-en.png"))

    open_partner(page, live_server, "en")
    faults = accessibility_faults(page)
    assert not faults, "\n".join(faults)


@pytest.mark.django_db(transaction=True)
def test_staff_see_the_timeline_beside_contacts_and_reports(
    page: Any, live_server: Any, partnership: Partnership
) -> None:
    page.goto(f"{live_server.url}/staff/login/?lang=en")
    page.fill("#id_username", partnership.responsible.username)
    page.fill("#id_password", "password")
    with page.expect_navigation():
        page.click("input[type=submit]")
    page.goto(f"{live_server.url}/staff/cooperation/partners/KZ-NALRK/")
    memorandum, renewal = bar(page, partnership.memorandum), bar(page, partnership.renewal)
    assert renewal["x"] > memorandum["x"]
    assert page.locator('a[href$="/report/2012.csv"]').count() == 1
    page.screenshot(path="/tmp/timeline-staff.png", full_page=True)
