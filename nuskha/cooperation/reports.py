"""A partner's yearly cooperation report, for a Gregorian calendar year, as CSV: the
activities under its agreements, the specialist exchanges in detail, and how many
records and items' images were shared with it (distinct items granted to its readers,
counted from the daily access log, AccessEvent).

Glue: reads the ORM, and writes rows with the csv module; the view serves them.
"""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import Q
from django.utils.translation import gettext as _

from nuskha.catalogue.models import Institution
from nuskha.cooperation.models import AccessEvent, Activity, Participant

# The doors of nuskha.access.Door (not imported: access depends on cooperation, not the
# other way round): a record is shared through any of these, an item's images through
# the images door. test_reports checks they are Door's values.
RECORD_DOORS = ("web", "api", "oai", "search")
IMAGE_DOORS = ("images",)


@dataclass
class YearlyReport:
    partner: Institution
    year: int
    activities: list[Activity]
    records_shared: int
    images_shared: int

    @property
    def exchanges(self) -> list[Activity]:
        return [a for a in self.activities if a.kind == Activity.Kind.EXCHANGE]

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def last_day(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)


def yearly_report(partner: Institution, year: int) -> YearlyReport:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return YearlyReport(
        partner=partner,
        year=year,
        activities=activities_in(partner, first, last),
        records_shared=items_shared(partner, year, RECORD_DOORS),
        images_shared=items_shared(partner, year, IMAGE_DOORS),
    )


def activities_in(
    partner: Institution, first: datetime.date, last: datetime.date
) -> list[Activity]:
    """Activities under the partner's agreements that took place, in whole or in part,
    between the two days."""
    overlapping = Q(starts_on__lte=last) & (
        Q(ends_on__gte=first) | Q(ends_on__isnull=True, starts_on__gte=first)
    )
    activities = (
        Activity.objects.filter(overlapping, agreement__parties__institution=partner)
        .distinct()
        .select_related("from_institution", "to_institution", "host")
        .prefetch_related(
            "participants",
            "from_institution__names__language",
            "to_institution__names__language",
        )
        .order_by("starts_on", "id")
    )
    return list(activities)


def items_shared(partner: Institution, year: int, doors: tuple[str, ...]) -> int:
    """Distinct items the partner's readers were granted through these doors that year."""
    events = AccessEvent.objects.filter(
        partner=partner, is_granted=True, day__year=year, door__in=doors
    )
    return events.values("item").distinct().count()


# Rows ---------------------------------------------------------------------------------


def report_rows(report: YearlyReport, language: str) -> list[list[str]]:
    """The report as CSV rows: a heading, then one section after another, each with a
    title row and a header row, sections parted by an empty row. Dates are ISO 8601
    (Gregorian), for spreadsheets."""
    return [
        *heading_rows(report, language),
        [],
        *activity_rows(report),
        [],
        *exchange_rows(report, language),
        [],
        *shared_rows(report),
    ]


def heading_rows(report: YearlyReport, language: str) -> list[list[str]]:
    partner = report.partner
    return [
        [_("Yearly cooperation report"), partner.code, partner.name(language) or partner.code],
        [
            _("Year (Gregorian calendar)"),
            str(report.year),
            _("from %(first)s to %(last)s")
            % {"first": report.first_day.isoformat(), "last": report.last_day.isoformat()},
        ],
    ]


def activity_rows(report: YearlyReport) -> list[list[str]]:
    rows = [
        [_("Activities")],
        [_("first day"), _("last day"), _("kind"), _("title"), _("place"), _("participants")],
    ]
    for activity in report.activities:
        rows.append(
            [
                activity.starts_on.isoformat(),
                activity.ends_on.isoformat() if activity.ends_on else "",
                str(Activity.Kind(activity.kind).label),
                activity.title,
                activity.place,
                str(len(activity.participants.all())),
            ]
        )
    return rows


def exchange_rows(report: YearlyReport, language: str) -> list[list[str]]:
    rows = [
        [_("Specialist exchanges")],
        [
            _("who"),
            _("sending institution"),
            _("receiving institution"),
            _("first day"),
            _("last day"),
            _("purpose"),
        ],
    ]
    for exchange in report.exchanges:
        rows.append(
            [
                "; ".join(exchanged_people(exchange)),
                name_of(exchange.from_institution, language),
                name_of(exchange.to_institution, language),
                exchange.starts_on.isoformat(),
                exchange.ends_on.isoformat() if exchange.ends_on else "",
                exchange.purpose,
            ]
        )
    return rows


def exchanged_people(exchange: Activity) -> list[str]:
    """The visiting specialists, or, where no one is marked so, everyone taking part."""
    people = list(exchange.participants.all())
    specialists = [p for p in people if p.role == Participant.Role.SPECIALIST]
    return [person.name for person in specialists or people]


def shared_rows(report: YearlyReport) -> list[list[str]]:
    return [
        [_("Shared with the partner")],
        [_("what"), _("doors"), _("distinct items")],
        [_("records"), " ".join(RECORD_DOORS), str(report.records_shared)],
        [_("images"), " ".join(IMAGE_DOORS), str(report.images_shared)],
    ]


def name_of(institution: Institution | None, language: str) -> str:
    if institution is None:
        return ""
    return institution.name(language) or institution.code


# The file ------------------------------------------------------------------------------


class Writable(Protocol):
    def write(self, text: Any, /) -> Any: ...


def write_csv(rows: list[list[str]], stream: Writable) -> None:
    """The rows as CSV, after a byte-order mark: spreadsheets then read the file as UTF-8
    (Persian, Kazakh and Russian names would be garbled otherwise)."""
    stream.write("\ufeff")
    csv.writer(stream).writerows(rows)


def file_name(partner: Institution, year: int) -> str:
    """e.g. nuskha-cooperation-KZ-NALRK-2012.csv: only letters, digits and hyphens of
    the code, so the name is safe in a Content-Disposition header and on any disk."""
    code = re.sub(r"[^A-Za-z0-9-]+", "-", partner.code).strip("-") or "partner"
    return f"nuskha-cooperation-{code}-{year}.csv"
