"""The filter rule the service applies to a handful of matches, and the index applies to
many: both must keep the same items."""

from __future__ import annotations

import pytest

from nuskha.search.expressions import filter_test

TOKENS = "all institution=2 kind=manuscript language=7 language=17"


@pytest.mark.parametrize(
    ("required", "excluded", "kept"),
    [
        ([], [], True),
        ([], ["hidden"], True),
        ([["institution=2"]], ["hidden"], True),
        ([["institution=1", "institution=2"]], [], True),  # a facet's values are ORed
        ([["institution=2"], ["kind=lithograph"]], [], False),  # facets are ANDed
        ([["institution=2"], ["kind=lithograph", "kind=manuscript"]], [], True),
        ([["institution=3"]], [], False),
        ([], ["kind=manuscript"], False),
    ],
)
def test_it_keeps_an_item_with_a_token_of_each_group_and_none_excluded(
    required, excluded, kept
) -> None:
    assert filter_test(required, excluded)(TOKENS) is kept


def test_a_hidden_item_is_left_out() -> None:
    assert not filter_test([], ["hidden"])(TOKENS + " hidden")


@pytest.mark.parametrize("token", ["language=1", "institution=", "kind=manu", "hid"])
def test_only_whole_tokens_count(token) -> None:
    assert not filter_test([[token]], [])(TOKENS)
    assert filter_test([], [token])(TOKENS)
