"""Cursors are opaque to clients but must round-trip, and junk must be refused clearly."""

from __future__ import annotations

import pytest

from nuskha.api.errors import ApiError
from nuskha.api.paging import decode_cursor, encode_cursor


@pytest.mark.parametrize("last_id", [0, 1, 42, 10**12])
def test_a_cursor_round_trips(last_id: int) -> None:
    cursor = encode_cursor(last_id)
    assert cursor.isascii() and "=" not in cursor and "/" not in cursor and "+" not in cursor
    assert decode_cursor(cursor) == last_id


@pytest.mark.parametrize("junk", ["", "!!!", "42", "YWZ0ZXI6", "YWZ0ZXI6LTE", "YWZ0ZXI6eA", "ü"])
def test_a_cursor_the_api_did_not_give_out_is_a_bad_request(junk: str) -> None:
    with pytest.raises(ApiError) as error:
        decode_cursor(junk)
    assert error.value.status == 400
    assert "is not one this API gave out" in error.value.message
