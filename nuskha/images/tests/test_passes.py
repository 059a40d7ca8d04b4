"""Image passes (passes.py): what a pass covers, and everything that makes it cover nothing."""

from __future__ import annotations

import pytest

from nuskha.images import passes

KEY = b"k" * 32
EPOCH = "3f9a01c2d4e5b6a7"
NOW = 1_800_000_000


def test_a_pass_covers_its_items_until_their_time() -> None:
    token = passes.issue(KEY, EPOCH, {12: NOW + 300, 40: NOW + 60})

    assert passes.covers(KEY, EPOCH, token, 12, NOW)
    assert passes.covers(KEY, EPOCH, token, 40, NOW + 59)
    assert not passes.covers(KEY, EPOCH, token, 40, NOW + 60)
    assert not passes.covers(KEY, EPOCH, token, 13, NOW)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda token: token.replace("12-", "13-"),  # another item
        lambda token: token.replace(str(NOW + 300), str(NOW + 9000)),  # a longer time
        lambda token: token[:-1] + ("0" if token[-1] != "0" else "1"),  # the signature
        lambda token: token.rpartition(".")[0],  # no signature
        lambda token: "2" + token[1:],  # another version
        lambda token: "",
        lambda token: "....",
    ],
)
def test_a_changed_pass_covers_nothing(spoil: object) -> None:
    token = passes.issue(KEY, EPOCH, {12: NOW + 300})

    assert passes.grants_of(KEY, EPOCH, spoil(token), NOW) == {}  # type: ignore[operator]


def test_a_pass_of_another_epoch_or_key_covers_nothing() -> None:
    token = passes.issue(KEY, EPOCH, {12: NOW + 300})

    assert not passes.covers(KEY, "0000000000000000", token, 12, NOW)
    assert not passes.covers(b"other key", EPOCH, token, 12, NOW)


def test_adding_a_grant_keeps_the_others_and_their_times() -> None:
    token = passes.issue(KEY, EPOCH, {12: NOW + 300, 7: NOW - 1})

    token = passes.with_grant(KEY, EPOCH, token, 40, NOW + 200, NOW)

    assert passes.grants_of(KEY, EPOCH, token, NOW) == {12: NOW + 300, 40: NOW + 200}


def test_adding_to_a_pass_of_an_old_epoch_starts_afresh() -> None:
    old = passes.issue(KEY, "aaaaaaaaaaaaaaaa", {12: NOW + 300})

    token = passes.with_grant(KEY, EPOCH, old, 40, NOW + 200, NOW)

    assert passes.grants_of(KEY, EPOCH, token, NOW) == {40: NOW + 200}


def test_a_pass_keeps_the_latest_ending_grants_when_full() -> None:
    grants = {item: NOW + item for item in range(1, passes.MOST_ITEMS + 5)}

    token = passes.issue(KEY, EPOCH, grants)

    kept = passes.grants_of(KEY, EPOCH, token, NOW)
    assert len(kept) == passes.MOST_ITEMS and min(kept) == 5
    assert len(token) < 1024


def test_an_epoch_must_be_letters_and_digits() -> None:
    with pytest.raises(ValueError, match="access epoch"):
        passes.issue(KEY, "a.b", {1: NOW})
