"""A partner's cooperation as a picture: agreements as bars from signing (or taking
effect) to expiry, each renewal or amendment joined to what it extends, activities as
points, and a line at today. Drawn on the server as an inline SVG string, so it needs no
JavaScript, and mirrored for right-to-left readers (time runs from right to left).

Pure: plain dataclasses and dates in, a string out; no Django. Every word (labels,
title, description, the year labels of the axis, how a day is written) comes from the
caller, already in the reader's language; ElementTree escapes all of it on the way out.
"""

from __future__ import annotations

import datetime
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from nuskha.calendars import from_date, to_date
from nuskha.calendars.folding import to_persian_digits

SVG_NAMESPACE = "http://www.w3.org/2000/svg"

# Geometry, in the units of the viewBox (pixels at full width).
WIDTH = 800
SIDE = 28  # room either side, so the first and last year labels are not cut
AXIS_LABEL_Y = 16
TOP = 30  # where the first agreement's row begins
ROW = 40  # one agreement: its label above, its bar below
BAR_OFFSET = 18  # from the top of a row to the top of its bar
BAR_HEIGHT = 14
LANE = 18  # one lane of activity points
POINT_RADIUS = 6
LEGEND_ROW = 22
MIN_YEAR_LABEL_GAP = 44  # closer than this, only every n-th year is labelled
CHARACTER_WIDTH = 6.6  # a rough width of one character at font size 12, for layout
WIDEST_CHARACTER = 7.6  # a safe one, for shortening what must fit

STATUS_FILLS = {
    "in_force": "#2e7d4f",
    "expiring_soon": "#b7791f",
    "pending": "#4a78b5",
    "expired": "#8a8580",
    "superseded": "#c2bbb1",
    "draft": "#ffffff",
}
DEFAULT_FILL = "#6b3e26"
KIND_COLOURS = {"meeting": "#1f5fbf", "course": "#8e3b8e", "exchange": "#b23a2e"}
DEFAULT_KIND_COLOUR = "#4f4a45"
INK = "#1d1d1f"
MUTED = "#4f4a45"
GRID = "#e4e0d8"
TODAY_COLOUR = "#a31d1d"


@dataclass(frozen=True)
class Bar:
    """An agreement from `starts_on` (signing, or taking effect) through the whole of
    `ends_on` (its expiry day); open-ended when `ends_on` is None. `extends` is the key
    of the bar it renews or amends, `link_label` the word for that ("renewal")."""

    key: str
    label: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    effective_from: datetime.date | None = None  # later than signing: drawn paler before it
    status: str = ""
    status_label: str = ""
    extends: str | None = None
    link_label: str = ""


@dataclass(frozen=True)
class Point:
    """An activity: a meeting, a training course or an exchange of specialists."""

    kind: str
    label: str
    on: datetime.date
    ends_on: datetime.date | None = None
    kind_label: str = ""


@dataclass(frozen=True)
class Tick:
    """The first day of a year on the axis, and how the reader writes that year."""

    on: datetime.date
    label: str


@dataclass(frozen=True)
class Timeline:
    title: str
    description: str
    today: datetime.date
    bars: Sequence[Bar] = ()
    points: Sequence[Point] = ()
    today_label: str = "today"


YearTicks = Callable[[datetime.date, datetime.date], Sequence[Tick]]
DayFormat = Callable[[datetime.date], str]


# Years of the axis ---------------------------------------------------------------------


def gregorian_years(first: datetime.date, last: datetime.date) -> list[Tick]:
    """1 January of each year from `first` to `last`, labelled 2007, 2008..."""
    days = (datetime.date(year, 1, 1) for year in range(first.year, last.year + 1))
    return [Tick(day, str(day.year)) for day in days if first <= day <= last]


def solar_hijri_years(first: datetime.date, last: datetime.date) -> list[Tick]:
    """Nowruz (1 Farvardin) of each Solar Hijri year from `first` to `last`, labelled in
    Persian digits: ۱۳۸۶, ۱۳۸۷..."""
    first_year, last_year = from_date(first, "jalali")[0], from_date(last, "jalali")[0]
    days = ((year, to_date(year, 1, 1, "jalali")) for year in range(first_year, last_year + 1))
    return [Tick(day, to_persian_digits(str(year))) for year, day in days if first <= day <= last]


# Checks --------------------------------------------------------------------------------

_ID = re.compile(r"[A-Za-z][\w-]*\Z")


def check(timeline: Timeline, id_prefix: str) -> None:
    """Refuse what cannot be drawn, naming the field at fault."""
    if not _ID.match(id_prefix):
        raise ValueError(f"id_prefix {id_prefix!r} is not a valid XML id")
    keys: set[str] = set()
    for bar in timeline.bars:
        if bar.key in keys:
            raise ValueError(f"bars: key {bar.key!r} appears twice")
        keys.add(bar.key)
        if bar.ends_on is not None and bar.ends_on < bar.starts_on:
            raise ValueError(f"bar {bar.key!r}: ends_on {bar.ends_on} is before starts_on")
        if bar.effective_from is not None and bar.effective_from < bar.starts_on:
            raise ValueError(f"bar {bar.key!r}: effective_from is before starts_on")
    for bar in timeline.bars:
        if bar.extends is not None and bar.extends not in keys:
            raise ValueError(f"bar {bar.key!r}: extends {bar.extends!r}, not among the bars")
    for point in timeline.points:
        if point.ends_on is not None and point.ends_on < point.on:
            raise ValueError(f"point {point.label!r}: ends_on is before its date (on)")


# The scale -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """Days to x. Layout is done in reading order (0 where reading starts); `x()` turns
    that into the drawing's own x, mirrored for right to left."""

    first: datetime.date
    last: datetime.date
    rtl: bool

    def reading(self, day: datetime.date) -> float:
        span = (self.last - self.first).days or 1
        return SIDE + (day - self.first).days / span * (WIDTH - 2 * SIDE)

    def x(self, reading: float) -> float:
        return WIDTH - reading if self.rtl else reading

    def at(self, day: datetime.date) -> float:
        return self.x(self.reading(day))


def scale_for(timeline: Timeline, year_ticks: YearTicks, rtl: bool) -> tuple[Scale, list[Tick]]:
    """The axis runs from the start of the reader's year holding the earliest date to the
    start of the year after the latest (today is always among them), so the picture
    begins and ends on the year lines of the reader's calendar."""
    days = [timeline.today, *_dates(timeline)]
    earliest, latest = min(days), max(days) + datetime.timedelta(days=1)
    margin = datetime.timedelta(days=400)
    ticks = sorted(year_ticks(earliest - margin, latest + margin), key=lambda tick: tick.on)
    first = max((tick.on for tick in ticks if tick.on <= earliest), default=earliest.replace(day=1))
    last = min((tick.on for tick in ticks if tick.on >= latest), default=latest)
    shown = [tick for tick in ticks if first <= tick.on <= last]
    return Scale(first, last, rtl), shown


def _dates(timeline: Timeline) -> Iterable[datetime.date]:
    for bar in timeline.bars:
        yield bar.starts_on
        if bar.ends_on is not None:
            yield bar.ends_on
    for point in timeline.points:
        yield point.on


# Drawing -------------------------------------------------------------------------------


def render(
    timeline: Timeline,
    *,
    rtl: bool = False,
    year_ticks: YearTicks = gregorian_years,
    format_day: DayFormat = datetime.date.isoformat,
    id_prefix: str = "timeline",
) -> str:
    """The timeline as an `<svg>` element to put inline in a page. Give each timeline on
    a page its own `id_prefix` (its title, description and arrowhead have ids)."""
    check(timeline, id_prefix)
    scale, ticks = scale_for(timeline, year_ticks, rtl)
    lanes = point_lanes(timeline.points, scale)
    bars_bottom = TOP + ROW * len(timeline.bars)
    points_top = bars_bottom + 6
    today_label_y = points_top + LANE * (max(lanes.values(), default=-1) + 1) + 16
    legend = legend_entries(timeline)
    legend_rows = _legend_layout(legend)
    height = (
        today_label_y + 12 + LEGEND_ROW * (max((row for row, _ in legend_rows), default=-1) + 1)
    )

    svg = _root(timeline, rtl, id_prefix, height)
    _draw_axis(svg, scale, ticks, today_label_y - 14)
    _draw_bars(svg, timeline.bars, scale, format_day)
    _draw_links(svg, timeline.bars, scale, id_prefix)
    _draw_points(svg, timeline.points, lanes, points_top, scale, format_day)
    _draw_today(svg, timeline, scale, today_label_y)
    _draw_legend(svg, legend, legend_rows, today_label_y + 12, scale)
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)


def _root(timeline: Timeline, rtl: bool, id_prefix: str, height: float) -> ET.Element:
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NAMESPACE,
            "class": "timeline-svg",
            "viewBox": f"0 0 {WIDTH} {_n(height)}",
            "width": str(WIDTH),
            "height": _n(height),
            "role": "img",
            "aria-labelledby": f"{id_prefix}-title {id_prefix}-desc",
            # Text anchors below are logical (start, end): with the drawing's direction
            # set, "start" is the right-hand end of a label in right-to-left.
            "direction": "rtl" if rtl else "ltr",
            "font-size": "12",
            "fill": INK,
        },
    )
    ET.SubElement(svg, "title", {"id": f"{id_prefix}-title"}).text = timeline.title
    ET.SubElement(svg, "desc", {"id": f"{id_prefix}-desc"}).text = timeline.description
    defs = ET.SubElement(svg, "defs")
    marker = ET.SubElement(
        defs,
        "marker",
        {
            "id": f"{id_prefix}-arrow",
            "viewBox": "0 0 8 8",
            "refX": "7",
            "refY": "4",
            "markerWidth": "7",
            "markerHeight": "7",
            "orient": "auto",
        },
    )
    ET.SubElement(marker, "path", {"d": "M0,0 L8,4 L0,8 z", "fill": MUTED})
    return svg


def _draw_axis(svg: ET.Element, scale: Scale, ticks: Sequence[Tick], bottom: float) -> None:
    axis = ET.SubElement(svg, "g", {"class": "axis"})
    spacing = (WIDTH - 2 * SIDE) / max(len(ticks) - 1, 1)
    every = max(1, math.ceil(MIN_YEAR_LABEL_GAP / spacing)) if len(ticks) > 1 else 1
    for index, tick in enumerate(ticks):
        x = _n(scale.at(tick.on))
        ET.SubElement(
            axis,
            "line",
            {"class": "tick", "x1": x, "x2": x, "y1": "22", "y2": _n(bottom), "stroke": GRID},
        )
        if index % every == 0:
            attributes = {"class": "year", "x": x, "y": str(AXIS_LABEL_Y)}
            attributes |= {"text-anchor": "middle", "fill": MUTED}
            ET.SubElement(axis, "text", attributes).text = tick.label


def _draw_bars(svg: ET.Element, bars: Sequence[Bar], scale: Scale, format_day: DayFormat) -> None:
    group = ET.SubElement(svg, "g", {"class": "agreements"})
    for row, bar in enumerate(bars):
        top = TOP + ROW * row
        start, end = scale.reading(bar.starts_on), _bar_end(bar, scale)
        item = ET.SubElement(
            group,
            "g",
            {"class": f"agreement status-{bar.status or 'unknown'}", "data-key": bar.key},
        )
        ET.SubElement(item, "title").text = _bar_title(bar, format_day)
        fill = STATUS_FILLS.get(bar.status, DEFAULT_FILL)
        _bar_rect(item, scale, start, end, top + BAR_OFFSET, fill, bar.ends_on is None)
        if bar.effective_from is not None and bar.effective_from > bar.starts_on:
            # Signed, not yet in force: the first stretch is paler.
            effective = scale.reading(bar.effective_from)
            _rect(item, scale, start, effective, top + BAR_OFFSET, "#ffffff", "signed", 0.55)
        _label(item, scale, bar.label, start, top + 12)


def _bar_end(bar: Bar, scale: Scale) -> float:
    """Through the whole of the expiry day; to the far edge when open-ended."""
    if bar.ends_on is None:
        return WIDTH - SIDE
    return scale.reading(bar.ends_on + datetime.timedelta(days=1))


def _bar_rect(
    parent: ET.Element,
    scale: Scale,
    start: float,
    end: float,
    top: float,
    fill: str,
    is_open: bool,
) -> None:
    rect = _rect(parent, scale, start, end, top, fill, "bar" + (" open" if is_open else ""))
    rect.set("stroke", MUTED)
    rect.set("stroke-width", "1")
    if fill == STATUS_FILLS["draft"]:
        rect.set("stroke-dasharray", "4 3")


def _rect(
    parent: ET.Element,
    scale: Scale,
    start: float,
    end: float,
    top: float,
    fill: str,
    css_class: str,
    opacity: float = 1.0,
) -> ET.Element:
    left, right = sorted((scale.x(start), scale.x(end)))
    attributes = {
        "class": css_class,
        "x": _n(left),
        "y": _n(top),
        "width": _n(max(right - left, 2)),
        "height": str(BAR_HEIGHT),
        "rx": "2",
        "fill": fill,
    }
    if opacity < 1:
        attributes["fill-opacity"] = _n(opacity)
    return ET.SubElement(parent, "rect", attributes)


def _label(parent: ET.Element, scale: Scale, text: str, start: float, y: float) -> None:
    """A label at the start of its bar, or, when it would run off the far side, ending
    there instead; one longer than the whole drawing is shortened (the bar's title, read
    on hover and by screen readers, keeps it whole)."""
    most = int((WIDTH - 8) / WIDEST_CHARACTER)
    if len(text) > most:
        text = text[: most - 1].rstrip() + "…"
    anchor = "start"
    if start + len(text) * CHARACTER_WIDTH > WIDTH - 4:
        start, anchor = WIDTH - 4, "end"
    attributes = {"class": "label", "x": _n(scale.x(start)), "y": _n(y), "text-anchor": anchor}
    ET.SubElement(parent, "text", attributes).text = text


def _bar_title(bar: Bar, format_day: DayFormat) -> str:
    end = format_day(bar.ends_on) if bar.ends_on is not None else "…"
    status = f" ({bar.status_label})" if bar.status_label else ""
    return f"{bar.label}{status}: {format_day(bar.starts_on)} – {end}"


def _draw_links(svg: ET.Element, bars: Sequence[Bar], scale: Scale, id_prefix: str) -> None:
    """Each renewal or amendment joined to what it extends: from the end of the earlier
    bar to the start of the later, ending in an arrowhead."""
    rows = {bar.key: row for row, bar in enumerate(bars)}
    group = ET.SubElement(svg, "g", {"class": "links"})
    for row, bar in enumerate(bars):
        if bar.extends is None:
            continue
        before = bars[rows[bar.extends]]
        link = ET.SubElement(
            group,
            "path",
            {
                "class": "link",
                "data-from": before.key,
                "data-to": bar.key,
                "d": _link_path(scale, before, rows[bar.extends], bar, row),
                "fill": "none",
                "stroke": MUTED,
                "stroke-width": "1.5",
                "marker-end": f"url(#{id_prefix}-arrow)",
            },
        )
        words = bar.link_label or "→"
        ET.SubElement(link, "title").text = f"{bar.label}: {words} {before.label}"


def _link_path(scale: Scale, before: Bar, before_row: int, after: Bar, after_row: int) -> str:
    ends, starts = _bar_end(before, scale), scale.reading(after.starts_on)
    bar_top = BAR_OFFSET + TOP
    before_middle = bar_top + ROW * before_row + BAR_HEIGHT / 2
    after_top = bar_top + ROW * after_row
    going_down = after_row > before_row
    target = after_top if going_down else after_top + BAR_HEIGHT
    if starts - ends > 2:
        # A gap between the two: along from the end of the earlier, then into the later.
        return f"M{_n(scale.x(ends))},{_n(before_middle)} H{_n(scale.x(starts))} V{_n(target)}"
    edge = before_middle + (BAR_HEIGHT / 2 if going_down else -BAR_HEIGHT / 2)
    return f"M{_n(scale.x(starts))},{_n(edge)} V{_n(target)}"


def point_lanes(points: Sequence[Point], scale: Scale) -> dict[int, int]:
    """The lane of each point (by index), so points close in time do not hide each
    other: each takes the first lane where it clears the last point placed there."""
    lanes: dict[int, int] = {}
    last_in_lane: list[float] = []
    order = sorted(range(len(points)), key=lambda i: (points[i].on, points[i].label))
    for index in order:
        at = scale.reading(points[index].on)
        lane = next(
            (n for n, last in enumerate(last_in_lane) if at - last >= 2.5 * POINT_RADIUS),
            len(last_in_lane),
        )
        if lane == len(last_in_lane):
            last_in_lane.append(at)
        last_in_lane[lane] = at
        lanes[index] = lane
    return lanes


def _draw_points(
    svg: ET.Element,
    points: Sequence[Point],
    lanes: dict[int, int],
    top: float,
    scale: Scale,
    format_day: DayFormat,
) -> None:
    group = ET.SubElement(svg, "g", {"class": "activities"})
    for index, point in enumerate(points):
        item = ET.SubElement(group, "g", {"class": f"activity kind-{point.kind}"})
        ET.SubElement(item, "title").text = _point_title(point, format_day)
        y = top + LANE * lanes[index] + LANE / 2
        _shape(item, point.kind, scale.at(point.on), y)


def _point_title(point: Point, format_day: DayFormat) -> str:
    when = format_day(point.on)
    if point.ends_on is not None and point.ends_on != point.on:
        when = f"{when} – {format_day(point.ends_on)}"
    kind = f"{point.kind_label}: " if point.kind_label else ""
    return f"{kind}{point.label} ({when})"


def _shape(parent: ET.Element, kind: str, x: float, y: float) -> ET.Element:
    """A circle for a meeting, a square for a course, a diamond for an exchange (and a
    triangle for anything else): told apart without colour too."""
    r = POINT_RADIUS
    colour = KIND_COLOURS.get(kind, DEFAULT_KIND_COLOUR)
    style = {"class": "point", "fill": colour, "stroke": "#ffffff", "stroke-width": "1"}
    if kind == "meeting":
        return ET.SubElement(parent, "circle", {**style, "cx": _n(x), "cy": _n(y), "r": str(r)})
    if kind == "course":
        square = {"x": _n(x - r + 1), "y": _n(y - r + 1), "width": str(2 * r - 2)}
        return ET.SubElement(parent, "rect", {**style, **square, "height": str(2 * r - 2)})
    if kind == "exchange":
        corners = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    else:
        corners = [(x, y - r), (x + r, y + r - 1), (x - r, y + r - 1)]
    points = " ".join(f"{_n(cx)},{_n(cy)}" for cx, cy in corners)
    return ET.SubElement(parent, "polygon", {**style, "points": points})


def _draw_today(svg: ET.Element, timeline: Timeline, scale: Scale, label_y: float) -> None:
    group = ET.SubElement(svg, "g", {"class": "today"})
    reading = scale.reading(timeline.today)
    x = _n(scale.x(reading))
    attributes = {"x1": x, "x2": x, "y1": "22", "y2": _n(label_y - 12)}
    attributes |= {"stroke": TODAY_COLOUR, "stroke-width": "2", "stroke-dasharray": "5 3"}
    ET.SubElement(group, "line", {"class": "today-line", **attributes})
    # Keep the word on the drawing when today is at either end of the axis.
    width = len(timeline.today_label) * CHARACTER_WIDTH / 2 + 2
    label_at = min(max(reading, width), WIDTH - width)
    text = {"class": "today-label", "x": _n(scale.x(label_at)), "y": _n(label_y)}
    text |= {"text-anchor": "middle", "fill": TODAY_COLOUR, "font-weight": "bold"}
    ET.SubElement(group, "text", text).text = timeline.today_label


# The legend ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LegendEntry:
    what: str  # "status" or "kind"
    value: str
    label: str


def legend_entries(timeline: Timeline) -> list[LegendEntry]:
    """Each status among the bars and each kind among the points, once, in order of
    first appearance."""
    entries: dict[tuple[str, str], LegendEntry] = {}
    for bar in timeline.bars:
        if bar.status_label:
            entries.setdefault(("status", bar.status), LegendEntry("status", *_pair(bar)))
    for point in timeline.points:
        if point.kind_label:
            key = ("kind", point.kind)
            entries.setdefault(key, LegendEntry("kind", point.kind, point.kind_label))
    return list(entries.values())


def _pair(bar: Bar) -> tuple[str, str]:
    return bar.status, bar.status_label


def _legend_layout(entries: Sequence[LegendEntry]) -> list[tuple[int, float]]:
    """(row, reading position) of each entry, wrapping onto a new row when full."""
    placed: list[tuple[int, float]] = []
    row, at = 0, float(SIDE)
    for entry in entries:
        width = 22 + len(entry.label) * CHARACTER_WIDTH + 18
        if at + width > WIDTH - SIDE and at > SIDE:
            row, at = row + 1, float(SIDE)
        placed.append((row, at))
        at += width
    return placed


def _draw_legend(
    svg: ET.Element,
    entries: Sequence[LegendEntry],
    layout: Sequence[tuple[int, float]],
    top: float,
    scale: Scale,
) -> None:
    group = ET.SubElement(svg, "g", {"class": "legend"})
    for entry, (row, at) in zip(entries, layout, strict=True):
        y = top + LEGEND_ROW * row + LEGEND_ROW / 2
        item = ET.SubElement(group, "g", {"class": f"legend-{entry.what}"})
        if entry.what == "kind":
            _shape(item, entry.value, scale.x(at + POINT_RADIUS), y)
        else:
            fill = STATUS_FILLS.get(entry.value, DEFAULT_FILL)
            _bar_rect(item, scale, at, at + 14, y - BAR_HEIGHT / 2, fill, False)
        text = {"x": _n(scale.x(at + 20)), "y": _n(y + 4), "text-anchor": "start"}
        ET.SubElement(item, "text", text).text = entry.label


def _n(value: float) -> str:
    """A coordinate, to a tenth of a unit."""
    return f"{round(value, 1):g}"
