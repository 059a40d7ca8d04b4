"""Image passes: a short-lived, signed note that nuskha.access has let this browser see
the page images of some items whole. Pure: plain strings, a key and the clock's seconds.

Django decides access (views.py) and hands the reader a pass as a cookie; the WSGI layer
in front of Django (tile_cache.PassedTiles) then serves that reader's tiles of those
items without a database query. A pass names, per item, when it stops (never later than
the grant itself), and the access epoch it was issued in: anything that can change a
decision advances the epoch (nuskha/access/epoch.py), which voids every pass at once,
so a change of access still takes effect on the next request.

Format (cookie-safe): ``1.<epoch>.<item>-<until>_<item>-<until>....<signature>``, the
signature an HMAC-SHA256 of everything before it, in hexadecimal.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

VERSION = "1"
MOST_ITEMS = 16  # a cookie stays far under browsers' 4 KB


def issue(key: bytes, epoch: str, grants: Mapping[int, int]) -> str:
    """A pass for these items ({item id: until, in Unix seconds}) in this epoch."""
    if not epoch.isalnum():
        raise ValueError(f"an access epoch is letters and digits, not {epoch!r}")
    chosen = sorted(grants.items(), key=lambda grant: grant[1], reverse=True)[:MOST_ITEMS]
    body = f"{VERSION}.{epoch}." + "_".join(f"{item}-{until}" for item, until in chosen)
    return f"{body}.{_signature(key, body)}"


def grants_of(key: bytes, epoch: str, token: str, now: float) -> dict[int, int]:
    """The unexpired grants of a genuine pass of this epoch; {} for anything else."""
    body, _, signature = token.rpartition(".")
    if not hmac.compare_digest(signature, _signature(key, body)):
        return {}
    version, _, rest = body.partition(".")
    token_epoch, _, listed = rest.partition(".")
    if version != VERSION or token_epoch != epoch or not listed:
        return {}
    grants = {}
    for entry in listed.split("_"):
        item, _, until = entry.partition("-")
        if item.isdigit() and until.isdigit() and int(until) > now:
            grants[int(item)] = int(until)
    return grants


def covers(key: bytes, epoch: str, token: str, item_id: int, now: float) -> bool:
    """Does this pass let its bearer see this item's images whole, now?"""
    return item_id in grants_of(key, epoch, token, now)


def with_grant(
    key: bytes, epoch: str, token: str | None, item_id: int, until: int, now: float
) -> str:
    """The pass `token` (if still good) with one more item granted until `until`."""
    grants = grants_of(key, epoch, token, now) if token else {}
    grants[item_id] = until
    return issue(key, epoch, grants)


def _signature(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode("ascii", "replace"), hashlib.sha256).hexdigest()
