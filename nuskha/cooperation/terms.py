"""The terms of agreements as plain values: scopes and what each grants, when an
agreement is in force, its status, and which expiry reminder is due. Pure: dates,
datetimes and time-zone names in, plain values out.

An agreement is in force from its effective date through the whole of its expiry day,
both read as dates in the time zone of the institution that grants access (its own
calendar day, e.g. Asia/Tehran or Asia/Almaty), whatever the server's zone.
"""

from __future__ import annotations

import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

# Expiry reminders, in days before the expiry day (issue 7): the dashboard shows each
# agreement under the nearest, and each sends one message.
REMINDER_DAYS = (180, 90, 30, 7)
EXPIRING_SOON_DAYS = REMINDER_DAYS[0]


class Scope(StrEnum):
    """The controlled list a clause is tagged with."""

    CATALOGUE_EXCHANGE = "catalogue_exchange"
    DIGITAL_COPIES = "digital_copies"
    DIGITISATION = "digitisation"
    REPLICATION = "replication"
    CONSERVATION_TRAINING = "conservation_training"
    SPECIALIST_EXCHANGE = "specialist_exchange"
    JOINT_PUBLICATION = "joint_publication"


class Grant(StrEnum):
    """What a partner may be given under a scope (docs/reference/access.md)."""

    # Restricted records marked shareable: pages, search, the JSON API, OAI-PMH.
    SHAREABLE_RECORDS = "shareable_records"
    # Full-resolution images, manifests and content search of restricted (shareable)
    # items and of items open at reduced size.
    DIGITAL_COPIES = "digital_copies"
    DIGITISATION_REQUESTS = "digitisation_requests"
    PRESERVATION_REPLICAS = "preservation_replicas"


_GRANTS: dict[Scope, frozenset[Grant]] = {
    Scope.CATALOGUE_EXCHANGE: frozenset({Grant.SHAREABLE_RECORDS}),
    Scope.DIGITAL_COPIES: frozenset({Grant.DIGITAL_COPIES}),
    Scope.DIGITISATION: frozenset({Grant.DIGITISATION_REQUESTS}),
    Scope.REPLICATION: frozenset({Grant.PRESERVATION_REPLICAS}),
    # Records of the cooperation only: no access to data.
    Scope.CONSERVATION_TRAINING: frozenset(),
    Scope.SPECIALIST_EXCHANGE: frozenset(),
    Scope.JOINT_PUBLICATION: frozenset(),
}


def what_scope_grants(scope: str) -> frozenset[Grant]:
    """The one table of what each scope grants; an unknown scope grants nothing."""
    try:
        return _GRANTS[Scope(scope)]
    except ValueError:
        return frozenset()


def scopes_granting(grant: Grant) -> list[str]:
    return [scope.value for scope, grants in _GRANTS.items() if grant in grants]


class Status(StrEnum):
    DRAFT = "draft"  # not signed, or no effective date yet
    PENDING = "pending"  # signed, takes effect later
    IN_FORCE = "in_force"
    EXPIRING_SOON = "expiring_soon"  # in force, expires within EXPIRING_SOON_DAYS
    EXPIRED = "expired"
    SUPERSEDED = "superseded"  # a renewal of it has taken effect


IN_FORCE = (Status.IN_FORCE, Status.EXPIRING_SOON)


def local_today(now: datetime.datetime, time_zone: str) -> datetime.date:
    """The calendar day it is at `now` (aware) in the time zone."""
    if now.tzinfo is None:
        raise ValueError("an aware datetime is needed to know the day in a time zone")
    return now.astimezone(ZoneInfo(time_zone)).date()


def end_of_day(day: datetime.date, time_zone: str) -> datetime.datetime:
    """The instant a day ends in the time zone (the next midnight there), in UTC."""
    next_midnight = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time(), ZoneInfo(time_zone)
    )
    return next_midnight.astimezone(datetime.UTC)


def status_on(
    today: datetime.date,
    *,
    signed_on: datetime.date | None,
    effective_from: datetime.date | None,
    expires_on: datetime.date | None,
    renewed_from: datetime.date | None = None,
) -> Status:
    """An agreement's status on a day of the granting institution's calendar.
    `renewed_from`: the earliest effective date of a signed renewal of it, if any."""
    if signed_on is None or effective_from is None:
        return Status.DRAFT
    if renewed_from is not None and today >= renewed_from:
        return Status.SUPERSEDED
    if today < effective_from:
        return Status.PENDING
    if expires_on is not None and today > expires_on:
        return Status.EXPIRED
    if expires_on is not None and (expires_on - today).days < EXPIRING_SOON_DAYS:
        return Status.EXPIRING_SOON
    return Status.IN_FORCE


def is_in_force_on(
    today: datetime.date, effective_from: datetime.date | None, expires_on: datetime.date | None
) -> bool:
    """From the effective day through the whole of the expiry day; open-ended without one."""
    if effective_from is None or today < effective_from:
        return False
    return expires_on is None or today <= expires_on


def reminder_due(today: datetime.date, expires_on: datetime.date | None) -> int | None:
    """The nearest reminder threshold (days) that the expiry is within, or None: an
    agreement expiring in 25 days is due its 30-day reminder (and, if the earlier ones
    were never sent, those are past: only the nearest is sent)."""
    if expires_on is None:
        return None
    days_left = (expires_on - today).days
    if days_left < 0:
        return None
    within = [days for days in REMINDER_DAYS if days_left <= days]
    return min(within) if within else None
