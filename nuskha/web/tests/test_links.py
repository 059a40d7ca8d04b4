"""Query strings of facet, sort and page links, and the pager's window of page numbers."""

from __future__ import annotations

import pytest

from nuskha.web.links import page_window, query_string, replaced, toggled

PARAMS = [("q", "حافظ"), ("kind", "manuscript"), ("page", "3")]


def test_toggling_adds_a_value_and_goes_back_to_the_first_page() -> None:
    assert toggled(PARAMS, "kind", "lithograph") == [
        ("q", "حافظ"),
        ("kind", "manuscript"),
        ("kind", "lithograph"),
    ]


def test_toggling_a_selected_value_removes_only_it() -> None:
    assert toggled(PARAMS, "kind", "manuscript") == [("q", "حافظ")]


def test_replacing_keeps_everything_else() -> None:
    assert replaced(PARAMS, "sort", "date") == [
        ("q", "حافظ"),
        ("kind", "manuscript"),
        ("sort", "date"),
    ]
    assert replaced(PARAMS, "page", "4") == [("q", "حافظ"), ("kind", "manuscript"), ("page", "4")]
    assert replaced(PARAMS, "kind") == [("q", "حافظ")]


def test_query_strings_are_encoded() -> None:
    assert query_string([("q", "حافظ"), ("kind", "manuscript")]) == (
        "?q=%D8%AD%D8%A7%D9%81%D8%B8&kind=manuscript"
    )
    assert query_string([]) == "?"


@pytest.mark.parametrize(
    ("current", "last", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 10, [1, 2, 3, None, 10]),
        (5, 10, [1, None, 3, 4, 5, 6, 7, None, 10]),
        (10, 10, [1, None, 8, 9, 10]),
        (4, 10, [1, 2, 3, 4, 5, 6, None, 10]),
    ],
)
def test_the_pager_shows_the_ends_and_the_pages_near_the_current_one(current, last, expected):
    assert page_window(current, last) == expected
