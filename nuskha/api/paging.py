"""Cursor paging for the API's lists: `?cursor=…&limit=…` → {"items": […], "next_cursor"}.

A cursor is the urlsafe base64 of the last id a page showed; the next page starts after
it. Lists are in id order, so records added while a client walks a list appear at its end
and never shift a page: every record is met once. Clients treat cursors as opaque.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from ninja import Field, Schema

from nuskha.api.errors import bad_request

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
_PREFIX = "after:"

M = TypeVar("M", bound=Model)


class PageParameters(Schema):
    cursor: str | None = Field(None, description="The next_cursor of the previous page.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Records per page.")


def encode_cursor(last_id: int) -> str:
    raw = f"{_PREFIX}{last_id}".encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_cursor(cursor: str) -> int:
    """The id a cursor points after; a cursor the API did not give out is a 400."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
        if not text.startswith(_PREFIX):
            raise ValueError(text)
        last_id = int(text.removeprefix(_PREFIX))
        if last_id < 0:
            raise ValueError(text)
    except (ValueError, UnicodeError, binascii.Error):
        raise bad_request(
            f"The cursor “{cursor}” is not one this API gave out: use the next_cursor of "
            "the previous page, or leave the cursor out to start from the beginning."
        ) from None
    return last_id


def page_of(queryset: QuerySet[M], cursor: str | None, limit: int) -> tuple[list[M], str | None]:
    """One page of the queryset in id order, and the cursor of the next (None at the end)."""
    rows = queryset.order_by("pk")
    if cursor:
        rows = rows.filter(pk__gt=decode_cursor(cursor))
    page = list(rows[: limit + 1])
    if len(page) > limit:
        return page[:limit], encode_cursor(page[limit - 1].pk)
    return page, None


def paged(items: list[Any], next_cursor: str | None) -> dict[str, Any]:
    return {"items": items, "next_cursor": next_cursor}
