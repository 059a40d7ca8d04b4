"""Resumption tokens signed with the site's secret key (django.core.signing).

Glue around resumption.py: a token is the signed, compressed payload of a `Resumption`.
A token that was altered, signed with another key or salt, or has expired, reads as a
TokenError, which the view answers with badResumptionToken (3.5, 3.6).
"""

from __future__ import annotations

from datetime import datetime

from django.core import signing

from nuskha.oai.resumption import Resumption, TokenError, from_payload, to_payload

# A salt of its own: no other signed value of the site (sessions, password reset
# links) can be replayed as a token, nor a token as one of them.
SALT = "nuskha.oai.resumption"


def issue(resumption: Resumption) -> str:
    return signing.dumps(to_payload(resumption), salt=SALT, compress=True)


def read(token: str, verb: str, now: datetime) -> Resumption:
    """The resumption the token carries, if it is ours, for this verb, and still valid."""
    try:
        payload = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError):
        raise TokenError("the token is not one this repository issued") from None
    resumption = from_payload(payload)
    if resumption.verb != verb:
        raise TokenError(f"the token continues a {resumption.verb} list, not {verb}")
    if resumption.is_expired(now):
        raise TokenError("the token has expired: start the list again")
    return resumption
