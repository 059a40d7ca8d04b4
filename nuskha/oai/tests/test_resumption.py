"""Resumption tokens: what they carry (pure), and how they are signed and refused."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import signing

from nuskha.oai import tokens
from nuskha.oai.resumption import (
    LIFETIME,
    Resumption,
    TokenError,
    expiry,
    from_payload,
    to_payload,
)

NOW = datetime(2024, 5, 1, 10, 0, 0, 250000, tzinfo=UTC)
RESUMPTION = Resumption(
    verb="ListRecords",
    metadata_prefix="marc21",
    set_spec="institution:IR-NLAI",
    start="2024-01-01",
    end="",
    after=(datetime(2024, 4, 30, 8, 15, 2, 123456, tzinfo=UTC), 4711),
    cursor=100,
    complete_list_size=1234,
    expires=expiry(NOW),
)


def test_a_resumption_survives_its_payload() -> None:
    assert from_payload(to_payload(RESUMPTION)) == RESUMPTION


def test_the_place_in_the_list_keeps_its_microseconds() -> None:
    # Two records a fraction of a second apart share a written datestamp: the token
    # must tell them apart, or a page boundary between them skips or repeats one.
    after = from_payload(to_payload(RESUMPTION)).after
    assert after[0].microsecond == 123456


def test_a_token_expires_a_lifetime_after_it_is_issued_to_the_second() -> None:
    assert RESUMPTION.expires == datetime(2024, 5, 2, 10, 0, 0, tzinfo=UTC)
    assert LIFETIME == timedelta(hours=24)
    assert not RESUMPTION.is_expired(NOW + LIFETIME - timedelta(seconds=1))
    assert RESUMPTION.is_expired(NOW + LIFETIME)


@pytest.mark.parametrize(
    "payload",
    [
        None,
        "ListRecords",
        [],
        [2, *to_payload(RESUMPTION)[1:]],
        to_payload(RESUMPTION)[:-1],
        [*to_payload(RESUMPTION)[:7], "4711", *to_payload(RESUMPTION)[8:]],
        [*to_payload(RESUMPTION)[:6], "yesterday", *to_payload(RESUMPTION)[7:]],
        [*to_payload(RESUMPTION)[:6], "2024-04-30T08:15:02", *to_payload(RESUMPTION)[7:]],
        [*to_payload(RESUMPTION)[:8], True, *to_payload(RESUMPTION)[9:]],
    ],
)
def test_it_refuses_a_payload_that_is_not_a_resumption(payload: object) -> None:
    with pytest.raises(TokenError):
        from_payload(payload)


def test_a_signed_token_reads_back() -> None:
    token = tokens.issue(RESUMPTION)
    assert tokens.read(token, "ListRecords", NOW) == RESUMPTION


READ_IN_A_NEW_PROCESS = """
import sys
from datetime import datetime
import django
django.setup()
from nuskha.oai import tokens
resumption = tokens.read(sys.argv[1], "ListRecords", datetime.fromisoformat(sys.argv[2]))
print(resumption.cursor, resumption.after[1])
"""


@pytest.mark.slow
def test_a_token_survives_a_restart_as_the_server_keeps_nothing(
    settings: Any, tmp_path: Path
) -> None:
    settings.SECRET_KEY = "the installation's own secret key"
    token = tokens.issue(RESUMPTION)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nuskha.settings",
        "NUSKHA_SECRET_KEY": settings.SECRET_KEY,
        "NUSKHA_DATA_DIR": str(tmp_path),
    }
    later = (NOW + timedelta(hours=23)).isoformat()
    result = subprocess.run(
        [sys.executable, "-c", READ_IN_A_NEW_PROCESS, token, later],
        capture_output=True,
        text=True,
        env=environment,
    )
    assert result.stdout.split() == ["100", "4711"], result.stderr


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "x" + token,
        lambda token: token.split(":")[0],
        lambda token: "",
        lambda token: "not a token",
        lambda token: signing.dumps(to_payload(RESUMPTION), salt="another.salt"),
        lambda token: signing.dumps(["anything"], salt=tokens.SALT),
    ],
)
def test_it_refuses_a_tampered_or_unknown_token(tamper: object) -> None:
    token = tamper(tokens.issue(RESUMPTION))  # type: ignore[operator]
    with pytest.raises(TokenError):
        tokens.read(token, "ListRecords", NOW)


def test_it_refuses_an_expired_token() -> None:
    token = tokens.issue(RESUMPTION)
    with pytest.raises(TokenError, match="expired"):
        tokens.read(token, "ListRecords", NOW + LIFETIME)


def test_it_refuses_a_token_of_another_verb() -> None:
    token = tokens.issue(replace(RESUMPTION, verb="ListIdentifiers"))
    with pytest.raises(TokenError, match="ListIdentifiers"):
        tokens.read(token, "ListRecords", NOW)


def test_it_refuses_a_token_signed_with_another_key(settings: Any) -> None:
    token = tokens.issue(RESUMPTION)
    settings.SECRET_KEY = "another key of another installation"
    with pytest.raises(TokenError):
        tokens.read(token, "ListRecords", NOW)
