"""terms.py: what each scope grants, when an agreement is in force, its status, and which
reminder is due. Pure: no database."""

from __future__ import annotations

import datetime

import pytest

from nuskha.cooperation import terms
from nuskha.cooperation.terms import Grant, Scope, Status

D = datetime.date


@pytest.mark.parametrize(
    ("scope", "grants"),
    [
        ("catalogue_exchange", {Grant.SHAREABLE_RECORDS}),
        ("digital_copies", {Grant.DIGITAL_COPIES}),
        ("digitisation", {Grant.DIGITISATION_REQUESTS}),
        ("replication", {Grant.PRESERVATION_REPLICAS}),
        ("conservation_training", set()),
        ("specialist_exchange", set()),
        ("joint_publication", set()),
        ("no such scope", set()),
    ],
)
def test_what_each_scope_grants(scope: str, grants: set[Grant]) -> None:
    assert terms.what_scope_grants(scope) == grants


def test_every_scope_is_in_the_table() -> None:
    granted = {scope for grant in Grant for scope in terms.scopes_granting(grant)}
    assert granted == {"catalogue_exchange", "digital_copies", "digitisation", "replication"}
    assert len(Scope) == 7


@pytest.mark.parametrize(
    ("moment", "zone", "day"),
    [
        (
            datetime.datetime(2026, 12, 31, 20, 29, tzinfo=datetime.UTC),
            "Asia/Tehran",
            D(2026, 12, 31),
        ),
        (
            datetime.datetime(2026, 12, 31, 20, 30, tzinfo=datetime.UTC),
            "Asia/Tehran",
            D(2027, 1, 1),
        ),
        (datetime.datetime(2026, 12, 31, 19, 0, tzinfo=datetime.UTC), "Asia/Almaty", D(2027, 1, 1)),
        (datetime.datetime(2026, 12, 31, 19, 0, tzinfo=datetime.UTC), "UTC", D(2026, 12, 31)),
    ],
)
def test_the_day_is_the_time_zones(
    moment: datetime.datetime, zone: str, day: datetime.date
) -> None:
    assert terms.local_today(moment, zone) == day


def test_a_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        terms.local_today(datetime.datetime(2026, 1, 1), "Asia/Tehran")


def test_the_expiry_day_ends_at_midnight_there() -> None:
    end = terms.end_of_day(D(2026, 12, 31), "Asia/Tehran")
    assert end == datetime.datetime(2026, 12, 31, 20, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("today", "in_force"),
    [
        (D(2021, 12, 31), False),
        (D(2022, 1, 1), True),  # from the effective day
        (D(2026, 12, 31), True),  # through the whole expiry day
        (D(2027, 1, 1), False),
    ],
)
def test_in_force_from_the_effective_day_through_the_expiry_day(
    today: datetime.date, in_force: bool
) -> None:
    assert terms.is_in_force_on(today, D(2022, 1, 1), D(2026, 12, 31)) is in_force


def test_without_an_expiry_it_stays_in_force_and_without_a_start_never_is() -> None:
    assert terms.is_in_force_on(D(2090, 1, 1), D(2022, 1, 1), None)
    assert not terms.is_in_force_on(D(2023, 1, 1), None, D(2026, 1, 1))


SIGNED = {
    "signed_on": D(2021, 12, 1),
    "effective_from": D(2022, 1, 1),
    "expires_on": D(2026, 12, 31),
}


@pytest.mark.parametrize(
    ("today", "dates", "status"),
    [
        (D(2023, 1, 1), {**SIGNED, "signed_on": None}, Status.DRAFT),
        (D(2023, 1, 1), {**SIGNED, "effective_from": None}, Status.DRAFT),
        (D(2021, 12, 15), SIGNED, Status.PENDING),
        (D(2023, 1, 1), SIGNED, Status.IN_FORCE),
        (D(2026, 7, 4), SIGNED, Status.IN_FORCE),
        (D(2026, 12, 31), SIGNED, Status.EXPIRING_SOON),
        (D(2027, 1, 1), SIGNED, Status.EXPIRED),
        (D(2027, 1, 1), {**SIGNED, "renewed_from": D(2027, 1, 1)}, Status.SUPERSEDED),
        (D(2026, 12, 31), {**SIGNED, "renewed_from": D(2027, 1, 1)}, Status.EXPIRING_SOON),
        (D(2050, 1, 1), {**SIGNED, "expires_on": None}, Status.IN_FORCE),
    ],
)
def test_status(today: datetime.date, dates: dict, status: Status) -> None:
    assert terms.status_on(today, **dates) == status


def test_expiring_soon_means_within_180_days() -> None:
    expiry = D(2026, 12, 31)
    dates = {**SIGNED, "expires_on": expiry}
    assert terms.status_on(expiry - datetime.timedelta(days=180), **dates) == Status.IN_FORCE
    assert terms.status_on(expiry - datetime.timedelta(days=179), **dates) == Status.EXPIRING_SOON


@pytest.mark.parametrize(
    ("days_left", "due"),
    [(400, None), (181, None), (180, 180), (91, 180), (90, 90), (31, 90), (30, 30), (8, 30),
     (7, 7), (0, 7), (-1, None)],
)  # fmt: skip
def test_the_nearest_reminder_is_due(days_left: int, due: int | None) -> None:
    expiry = D(2026, 12, 31)
    assert terms.reminder_due(expiry - datetime.timedelta(days=days_left), expiry) == due


def test_no_reminder_without_an_expiry() -> None:
    assert terms.reminder_due(D(2026, 1, 1), None) is None
