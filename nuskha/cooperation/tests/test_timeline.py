"""The timeline picture (cooperation/timeline.py): positions on the axis, mirroring for
right to left, renewals joined to what they renew, activities as shapes with hover
titles, escaping, empty input and a today outside the agreements' years."""

from __future__ import annotations

import datetime
import subprocess
import sys
from dataclasses import replace
from typing import Any

import pytest
from lxml import etree

from nuskha.cooperation.timeline import (
    SIDE,
    WIDTH,
    Bar,
    Point,
    Tick,
    Timeline,
    gregorian_years,
    render,
    solar_hijri_years,
)

SVG = "http://www.w3.org/2000/svg"
NS = {"s": SVG}
day = datetime.date

MEMORANDUM = Bar(
    key="mou",
    label="Memorandum 2007",
    starts_on=day(2007, 1, 1),
    ends_on=day(2008, 12, 31),
    status="superseded",
    status_label="superseded",
)
RENEWAL = Bar(
    key="renewal",
    label="Renewal 2009",
    starts_on=day(2009, 1, 1),
    ends_on=None,
    status="in_force",
    status_label="in force",
    extends="mou",
    link_label="renews",
)
MEETING = Point("meeting", "Meeting on renewal", day(2008, 7, 1), kind_label="meeting")
COURSE = Point(
    "course", "Pathology and restoration", day(2008, 7, 1), day(2008, 7, 14), "training course"
)
EXCHANGE = Point("exchange", "Two conservators", day(2009, 3, 1), kind_label="exchange")
TODAY = day(2009, 6, 1)
# Axis: 1 January 2007 to 1 January 2010.
AXIS_DAYS = (day(2010, 1, 1) - day(2007, 1, 1)).days


def reading_x(on: datetime.date) -> float:
    return SIDE + (on - day(2007, 1, 1)).days / AXIS_DAYS * (WIDTH - 2 * SIDE)


def drawn(timeline: Timeline | None = None, **options: Any) -> Any:
    timeline = timeline or Timeline(
        "Cooperation with KZ-NALRK",
        "Agreements as bars",
        TODAY,
        [MEMORANDUM, RENEWAL],
        [MEETING, COURSE, EXCHANGE],
    )
    return etree.fromstring(render(timeline, **options).encode())


def bar_rect(svg: Any, key: str) -> tuple[float, float]:
    (rect,) = svg.xpath(f"//s:g[@data-key='{key}']/s:rect[contains(@class, 'bar')]", namespaces=NS)
    left = float(rect.get("x"))
    return left, left + float(rect.get("width"))


def today_x(svg: Any) -> float:
    (line,) = svg.xpath("//s:line[@class='today-line']", namespaces=NS)
    assert line.get("x1") == line.get("x2")
    return float(line.get("x1"))


def test_it_is_an_accessible_image_with_title_and_description() -> None:
    svg = drawn(id_prefix="timeline-KZ")
    assert svg.tag == f"{{{SVG}}}svg"
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "timeline-KZ-title timeline-KZ-desc"
    assert svg.find("s:title", NS).get("id") == "timeline-KZ-title"
    assert svg.find("s:title", NS).text == "Cooperation with KZ-NALRK"
    assert svg.find("s:desc", NS).text == "Agreements as bars"
    labels = svg.xpath("//s:g[@class='agreements']//s:text/text()", namespaces=NS)
    assert labels == ["Memorandum 2007", "Renewal 2009"]


@pytest.mark.parametrize(
    ("rtl", "key", "expected"),
    [
        # Through the whole of the expiry day: the bar ends where 1 January 2009 begins.
        (False, "mou", (reading_x(day(2007, 1, 1)), reading_x(day(2009, 1, 1)))),
        (True, "mou", (WIDTH - reading_x(day(2009, 1, 1)), WIDTH - reading_x(day(2007, 1, 1)))),
        # Open-ended: to the far edge of the axis, the right in LTR, the left in RTL.
        (False, "renewal", (reading_x(day(2009, 1, 1)), WIDTH - SIDE)),
        (True, "renewal", (SIDE, WIDTH - reading_x(day(2009, 1, 1)))),
    ],
)
def test_a_bar_runs_from_its_start_to_its_expiry(
    rtl: bool, key: str, expected: tuple[float, float]
) -> None:
    assert bar_rect(drawn(rtl=rtl), key) == pytest.approx(expected, abs=0.1)


@pytest.mark.parametrize("rtl", [False, True])
def test_today_is_marked_at_its_place(rtl: bool) -> None:
    x = reading_x(TODAY)
    assert today_x(drawn(rtl=rtl)) == pytest.approx(WIDTH - x if rtl else x, abs=0.1)
    (label,) = drawn(rtl=rtl).xpath("//s:text[@class='today-label']", namespaces=NS)
    assert label.text == "today"


def test_right_to_left_mirrors_every_position() -> None:
    ltr, rtl = drawn(rtl=False), drawn(rtl=True)
    assert ltr.get("direction") == "ltr" and rtl.get("direction") == "rtl"
    ticks_ltr = [float(x) for x in ltr.xpath("//s:line[@class='tick']/@x1", namespaces=NS)]
    ticks_rtl = [float(x) for x in rtl.xpath("//s:line[@class='tick']/@x1", namespaces=NS)]
    assert ticks_rtl == pytest.approx([WIDTH - x for x in ticks_ltr], abs=0.1)
    points_ltr = [float(x) for x in ltr.xpath("//s:circle/@cx", namespaces=NS)]
    points_rtl = [float(x) for x in rtl.xpath("//s:circle/@cx", namespaces=NS)]
    assert points_rtl == pytest.approx([WIDTH - x for x in points_ltr], abs=0.1)


@pytest.mark.parametrize(("rtl", "later_is_right"), [(False, True), (True, False)])
def test_a_later_agreement_lies_further_along_the_reading_direction(
    rtl: bool, later_is_right: bool
) -> None:
    svg = drawn(rtl=rtl)
    earlier, later = bar_rect(svg, "mou")[0], bar_rect(svg, "renewal")[0]
    assert (later > earlier) is later_is_right


@pytest.mark.parametrize("rtl", [False, True])
def test_a_label_starts_at_its_bars_start_in_the_reading_direction(rtl: bool) -> None:
    svg = drawn(rtl=rtl)
    (text,) = svg.xpath("//s:g[@data-key='mou']/s:text", namespaces=NS)
    left, right = bar_rect(svg, "mou")
    # With direction rtl on the drawing, anchor "start" is the right-hand end of the text.
    assert text.get("text-anchor") == "start"
    assert float(text.get("x")) == pytest.approx(right if rtl else left, abs=0.1)


def test_a_label_that_would_run_off_the_far_side_ends_there() -> None:
    late = Bar("late", "A long title of an agreement signed late " * 2, day(2009, 12, 1))
    svg = drawn(Timeline("t", "d", TODAY, [late]))
    (text,) = svg.xpath("//s:g[@data-key='late']/s:text", namespaces=NS)
    assert text.get("text-anchor") == "end"
    assert float(text.get("x")) <= WIDTH


def test_a_label_longer_than_the_drawing_is_shortened_and_kept_whole_on_hover() -> None:
    title = "Memorandum of understanding between two national libraries " * 3
    long = Bar("long", title, day(2007, 5, 5))
    svg = drawn(Timeline("t", "d", TODAY, [long]))
    (text,) = svg.xpath("//s:g[@data-key='long']/s:text", namespaces=NS)
    assert text.text.endswith("…") and len(text.text) * 7.6 <= WIDTH
    assert title.strip() in svg.xpath("string(//s:g[@data-key='long']//s:title)", namespaces=NS)


@pytest.mark.parametrize("rtl", [False, True])
def test_a_renewal_is_joined_to_what_it_renews(rtl: bool) -> None:
    # Renewed three months after the memorandum lapsed.
    late_renewal = replace(RENEWAL, starts_on=day(2009, 4, 1))
    timeline = Timeline("t", "d", TODAY, [MEMORANDUM, late_renewal])
    svg = drawn(timeline, rtl=rtl, id_prefix="t1")
    (link,) = svg.xpath("//s:path[@class='link']", namespaces=NS)
    assert (link.get("data-from"), link.get("data-to")) == ("mou", "renewal")
    assert link.get("marker-end") == "url(#t1-arrow)"
    assert svg.xpath("//s:marker/@id", namespaces=NS) == ["t1-arrow"]
    assert link.find("s:title", NS).text == "Renewal 2009: renews Memorandum 2007"
    # It leaves the memorandum where it ends and reaches the renewal where it starts.
    assert " H" in link.get("d")
    first_x = float(link.get("d").split()[0][1:].split(",")[0])
    memorandum, renewal = bar_rect(svg, "mou"), bar_rect(svg, "renewal")
    assert first_x == pytest.approx(memorandum[0] if rtl else memorandum[1], abs=0.1)
    assert float(link.get("d").split()[1][1:]) == pytest.approx(
        renewal[1] if rtl else renewal[0], abs=0.1
    )


def test_a_renewal_taking_effect_the_day_after_expiry_is_joined_straight_down() -> None:
    renewal = Bar("r", "Renewal", day(2009, 1, 1), extends="mou")
    svg = drawn(Timeline("t", "d", TODAY, [MEMORANDUM, renewal]))
    (link,) = svg.xpath("//s:path[@class='link']", namespaces=NS)
    assert link.get("d").startswith(f"M{reading_x(day(2009, 1, 1)):.1f}".rstrip("0"))
    assert " V" in link.get("d") and " H" not in link.get("d")


@pytest.mark.parametrize(
    ("point", "element"),
    [(MEETING, "circle"), (COURSE, "rect"), (EXCHANGE, "polygon")],
)
def test_each_kind_of_activity_has_its_own_shape_and_a_hover_title(
    point: Point, element: str
) -> None:
    svg = drawn(
        Timeline("t", "d", TODAY, [], [point]), format_day=lambda on: on.strftime("%d.%m.%Y")
    )
    (group,) = svg.xpath("//s:g[@class='activities']/s:g", namespaces=NS)
    assert group.get("class") == f"activity kind-{point.kind}"
    assert group.find(f"s:{element}", NS) is not None
    title = group.find("s:title", NS).text
    assert point.label in title and point.on.strftime("%d.%m.%Y") in title
    assert title.startswith(point.kind_label)


def test_a_course_gives_its_first_and_last_day_on_hover() -> None:
    svg = drawn(Timeline("t", "d", TODAY, [], [COURSE]))
    (title,) = svg.xpath("//s:g[contains(@class, 'kind-course')]/s:title/text()", namespaces=NS)
    assert title == "training course: Pathology and restoration (2008-07-01 – 2008-07-14)"


def test_activities_on_the_same_day_do_not_hide_each_other() -> None:
    svg = drawn()
    (meeting,) = svg.xpath("//s:g[@class='activities']//s:circle", namespaces=NS)
    (course,) = svg.xpath("//s:g[contains(@class, 'kind-course')]/s:rect", namespaces=NS)
    assert float(meeting.get("cx")) == pytest.approx(float(course.get("x")) + 5, abs=0.2)
    assert float(meeting.get("cy")) != float(course.get("y")) + 5


def test_the_legend_names_each_status_and_kind_once() -> None:
    svg = drawn()
    texts = svg.xpath("//s:g[@class='legend']//s:text/text()", namespaces=NS)
    assert texts == ["superseded", "in force", "meeting", "training course", "exchange"]


HOSTILE = "<script>alert('x')</script> & \"quoted\" ]]> سازمان"


def test_every_text_is_escaped() -> None:
    bar = Bar("a&b", HOSTILE, day(2008, 1, 1), status=HOSTILE, status_label=HOSTILE)
    point = Point("meeting", HOSTILE, day(2008, 2, 1), kind_label=HOSTILE)
    timeline = Timeline(HOSTILE, HOSTILE, TODAY, [bar], [point], today_label=HOSTILE)
    text = render(timeline, year_ticks=lambda first, last: [Tick(day(2008, 1, 1), HOSTILE)])
    assert "<script>" not in text
    svg = etree.fromstring(text.encode())  # well-formed
    assert svg.find("s:title", NS).text == HOSTILE
    assert svg.find("s:desc", NS).text == HOSTILE
    assert svg.xpath("//s:text[@class='label']/text()", namespaces=NS) == [HOSTILE]
    assert svg.xpath("//s:text[@class='year']/text()", namespaces=NS) == [HOSTILE]
    assert svg.xpath("//s:g[@data-key]/@data-key", namespaces=NS) == ["a&b"]
    assert not svg.xpath("//s:script", namespaces=NS)


def test_an_empty_timeline_still_shows_the_year_and_today() -> None:
    svg = drawn(Timeline("Nothing yet", "No agreements", day(2025, 5, 1)))
    assert svg.xpath("//s:text[@class='year']/text()", namespaces=NS) == ["2025", "2026"]
    assert today_x(svg) == pytest.approx(
        SIDE + (day(2025, 5, 1) - day(2025, 1, 1)).days / 365 * (WIDTH - 2 * SIDE), abs=0.1
    )
    assert not svg.xpath("//s:g[@class='agreements']/*", namespaces=NS)
    assert not svg.xpath("//s:g[@class='activities']/*", namespaces=NS)


@pytest.mark.parametrize(
    ("today", "first_year", "last_year"),
    [
        (day(2025, 5, 1), "2007", "2026"),  # long after the agreements: the axis stretches
        (day(2005, 5, 1), "2005", "2010"),  # before any of them
    ],
)
def test_a_today_outside_the_agreements_years_stretches_the_axis(
    today: datetime.date, first_year: str, last_year: str
) -> None:
    svg = drawn(Timeline("t", "d", today, [MEMORANDUM, RENEWAL]))
    ticks = svg.xpath("//s:line[@class='tick']/@x1", namespaces=NS)
    years = [str(year) for year in range(int(first_year), int(last_year) + 1)]
    assert len(ticks) == len(years)
    assert SIDE <= today_x(svg) <= WIDTH - SIDE
    labels = svg.xpath("//s:text[@class='year']/text()", namespaces=NS)
    assert labels[0] == first_year and set(labels) <= set(years)


def test_years_are_thinned_when_too_many_to_label() -> None:
    old = Bar("old", "Old", day(1990, 1, 1), day(1995, 1, 1))
    svg = drawn(Timeline("t", "d", day(2025, 1, 1), [old]))
    ticks = svg.xpath("//s:line[@class='tick']", namespaces=NS)
    labels = svg.xpath("//s:text[@class='year']", namespaces=NS)
    assert len(ticks) == 37 and len(labels) < len(ticks)
    xs = [float(label.get("x")) for label in labels]
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) >= 44


@pytest.mark.parametrize(
    ("ticks", "first", "last", "expected"),
    [
        (
            gregorian_years,
            day(2007, 1, 1),
            day(2009, 6, 1),
            [("2007-01-01", "2007"), ("2008-01-01", "2008"), ("2009-01-01", "2009")],
        ),
        (gregorian_years, day(2007, 1, 2), day(2007, 12, 31), []),
        # Nowruz: 1 Farvardin 1386 was 21 March 2007, 1 Farvardin 1387 20 March 2008.
        (
            solar_hijri_years,
            day(2007, 1, 1),
            day(2008, 12, 31),
            [("2007-03-21", "۱۳۸۶"), ("2008-03-20", "۱۳۸۷")],
        ),
    ],
)
def test_year_ticks_fall_on_the_first_day_of_the_readers_year(
    ticks: Any, first: datetime.date, last: datetime.date, expected: list[tuple[str, str]]
) -> None:
    assert [(tick.on.isoformat(), tick.label) for tick in ticks(first, last)] == expected


def test_in_solar_hijri_years_the_axis_runs_from_nowruz_to_nowruz() -> None:
    svg = drawn(Timeline("t", "d", day(2008, 6, 1), [MEMORANDUM]), year_ticks=solar_hijri_years)
    labels = svg.xpath("//s:text[@class='year']/text()", namespaces=NS)
    # 1 January 2007 fell in 1385; 31 December 2008 in 1387: Nowruz 1385 to Nowruz 1388.
    assert labels[0] == "۱۳۸۵" and labels[-1] == "۱۳۸۸"
    assert float(svg.xpath("//s:line[@class='tick']/@x1", namespaces=NS)[0]) == SIDE


def test_a_bar_signed_before_it_takes_effect_is_paler_until_then() -> None:
    signed = Bar("s", "Signed", day(2007, 1, 1), day(2008, 12, 31), effective_from=day(2008, 1, 1))
    svg = drawn(Timeline("t", "d", TODAY, [signed]))
    (pale,) = svg.xpath("//s:rect[@class='signed']", namespaces=NS)
    assert float(pale.get("x")) == pytest.approx(reading_x(day(2007, 1, 1)), abs=0.1)
    assert float(pale.get("x")) + float(pale.get("width")) == pytest.approx(
        reading_x(day(2008, 1, 1)), abs=0.1
    )


@pytest.mark.parametrize(
    ("timeline", "id_prefix", "message"),
    [
        (Timeline("t", "d", TODAY, [MEMORANDUM, MEMORANDUM]), "t", "key 'mou' appears twice"),
        (
            Timeline("t", "d", TODAY, [Bar("b", "B", day(2008, 1, 1), day(2007, 1, 1))]),
            "t",
            "bar 'b': ends_on",
        ),
        (
            Timeline(
                "t", "d", TODAY, [Bar("b", "B", day(2008, 1, 1), effective_from=day(2007, 1, 1))]
            ),
            "t",
            "bar 'b': effective_from",
        ),
        (Timeline("t", "d", TODAY, [RENEWAL]), "t", "bar 'renewal': extends 'mou'"),
        (
            Timeline(
                "t", "d", TODAY, [], [Point("meeting", "M", day(2008, 2, 1), day(2008, 1, 1))]
            ),
            "t",
            "point 'M': ends_on",
        ),
        (Timeline("t", "d", TODAY), "1 bad id", "id_prefix '1 bad id'"),
    ],
)
def test_it_refuses_what_it_cannot_draw_naming_the_field(
    timeline: Timeline, id_prefix: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        render(timeline, id_prefix=id_prefix)


def test_it_does_not_import_django() -> None:
    check = "import sys, nuskha.cooperation.timeline; sys.exit('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
