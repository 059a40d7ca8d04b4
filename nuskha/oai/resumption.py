"""What a resumption token carries, as plain data: the list request it continues, where
the last page ended, how much has been sent, and when the token expires.

Pure Python, no Django. The token is stateless (3.5): the server keeps nothing, so a
token survives a restart and any worker can answer it. tokens.py signs the payload made
here; this module turns it back into a `Resumption` and says whether it has expired.
The place in the list is the last record's (datestamp, item id), not an offset: a record
changed during a harvest moves to the end of the list instead of shifting every later
page by one, so no record is skipped (3.5.1, idempotency of resumptionTokens).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

LIFETIME = timedelta(hours=24)
_VERSION = 1


class TokenError(ValueError):
    """A token this repository did not issue, or no longer honours: a badResumptionToken."""


@dataclass(frozen=True)
class Resumption:
    verb: str  # ListIdentifiers or ListRecords: a token serves only the verb it came from
    metadata_prefix: str
    set_spec: str  # as the harvester gave them; "" when not given
    start: str
    end: str
    after: tuple[datetime, int]  # the last record sent: its exact datestamp and item id
    cursor: int  # how many records the earlier responses held (3.5: starts at 0)
    complete_list_size: int
    expires: datetime

    def is_expired(self, now: datetime) -> bool:
        return now >= self.expires


def expiry(now: datetime) -> datetime:
    """When a token issued now expires, to the second (expirationDate is written so)."""
    return (now + LIFETIME).replace(microsecond=0)


def to_payload(resumption: Resumption) -> list[object]:
    """A compact list for the signer: a token travels in every URL of a harvest."""
    datestamp, item_id = resumption.after
    return [
        _VERSION,
        resumption.verb,
        resumption.metadata_prefix,
        resumption.set_spec,
        resumption.start,
        resumption.end,
        datestamp.astimezone(UTC).isoformat(),
        item_id,
        resumption.cursor,
        resumption.complete_list_size,
        int(resumption.expires.timestamp()),
    ]


def from_payload(payload: object) -> Resumption:
    """The resumption a payload describes; TokenError when it is not one of ours."""
    if not isinstance(payload, list) or len(payload) != 11 or payload[0] != _VERSION:
        raise TokenError("not a resumption token of this repository")
    _, verb, prefix, set_spec, start, end, datestamp, item_id, cursor, size, expires = payload
    strings = (verb, prefix, set_spec, start, end, datestamp)
    numbers = (item_id, cursor, size, expires)
    if not all(isinstance(s, str) for s in strings) or not all(type(n) is int for n in numbers):
        raise TokenError("not a resumption token of this repository")
    return Resumption(
        verb,
        prefix,
        set_spec,
        start,
        end,
        (_instant(datestamp), item_id),
        cursor,
        size,
        datetime.fromtimestamp(expires, UTC),
    )


def _instant(value: str) -> datetime:
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        raise TokenError("not a resumption token of this repository") from None
    if instant.tzinfo is None:
        raise TokenError("not a resumption token of this repository")
    return instant
