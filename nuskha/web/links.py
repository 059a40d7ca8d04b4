"""The query strings of the search page's links: a facet value added or removed, another
sort or page, the other interface languages; and which page numbers the pager shows.

Pure: no Django. Parameters are (name, value) pairs in the order the request gave them, so
a link changes only what it is about and keeps everything else the reader chose.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

Params = list[tuple[str, str]]


def query_string(params: Iterable[tuple[str, str]]) -> str:
    """ "?q=...&kind=manuscript", or "?" alone when nothing is left."""
    return "?" + urlencode(list(params))


def toggled(params: Params, name: str, value: str) -> Params:
    """The value removed from the filter if it is in it, added if not; back to page 1."""
    kept = [(n, v) for n, v in params if n != "page"]
    if (name, value) in kept:
        return [(n, v) for n, v in kept if (n, v) != (name, value)]
    return [*kept, (name, value)]


def replaced(params: Params, name: str, value: str = "") -> Params:
    """Every value of the parameter replaced by this one (left out when empty). Any change
    but the page's goes back to page 1, since the old page number means nothing there."""
    kept = [(n, v) for n, v in params if n != name and (name == "page" or n != "page")]
    return [*kept, (name, value)] if value else kept


def page_window(current: int, last: int, width: int = 2) -> list[int | None]:
    """The page numbers a pager shows: the first, the last, and `width` either side of the
    current one; None stands for the gap between them."""
    shown = {1, last} | set(range(current - width, current + width + 1))
    numbers = sorted(n for n in shown if 1 <= n <= last)
    window: list[int | None] = []
    for number in numbers:
        if window and window[-1] is not None and number - window[-1] > 1:
            window.append(None)
        window.append(number)
    return window
