"""A partner's yearly report (cooperation/reports.py), downloaded as CSV by staff and
read back with the csv module: the year's activities, the specialist exchanges, and the
distinct items whose records and images were granted to the partner that year."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.test import Client

from nuskha.access import Door
from nuskha.catalogue.conftest import make_item
from nuskha.catalogue.models import Item
from nuskha.cooperation import reports
from nuskha.cooperation.conftest import Partnership, make_partnership
from nuskha.cooperation.models import AccessEvent, Activity

pytestmark = pytest.mark.django_db
D = datetime.date
URL = "/staff/cooperation/partners/KZ-NALRK/report/{year}.csv"


@pytest.fixture
def partnership(db: Any) -> Partnership:
    return make_partnership()


def grant(
    partnership: Partnership, item: Item, door: str, day: datetime.date, **fields: Any
) -> None:
    values = {"reader": "key:1", "partner": partnership.almaty, "is_granted": True} | fields
    AccessEvent.objects.create(day=day, item=item, door=door, **values)


@pytest.fixture
def shared(partnership: Partnership) -> list[Item]:
    """Records and images of the Iranian library granted to the Kazakh one: in 2012 the
    records of three items (one of them twice, through two doors) and the images of one;
    a refusal, a grant of 2013 and a grant to another partner, none of which count."""
    items = [make_item(partnership.tehran, shelfmark=f"MS {n}") for n in range(1, 6)]
    grant(partnership, items[0], "web", D(2012, 3, 1))
    grant(partnership, items[0], "api", D(2012, 3, 1), reader="user:7")
    grant(partnership, items[1], "oai", D(2012, 6, 1))
    grant(partnership, items[2], "search", D(2012, 7, 1))
    grant(partnership, items[2], "images", D(2012, 7, 1), reader="user:7")
    grant(partnership, items[2], "images", D(2012, 7, 2))
    grant(partnership, items[3], "web", D(2012, 8, 1), is_granted=False)
    grant(partnership, items[4], "images", D(2013, 1, 1))
    grant(partnership, items[4], "web", D(2012, 1, 1), partner=partnership.tehran)
    return items


def download(client: Client, partnership: Partnership, year: int) -> tuple[Any, list[list[str]]]:
    client.force_login(partnership.responsible)
    response = client.get(URL.format(year=year), {"lang": "en"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    return response, list(csv.reader(io.StringIO(text)))


def section(rows: list[list[str]], title: str) -> list[list[str]]:
    """The rows of a section after its title and header rows, up to the empty row."""
    start = rows.index([title]) + 2
    end = next((i for i in range(start, len(rows)) if not rows[i]), len(rows))
    return rows[start:end]


def test_the_report_is_a_csv_download_naming_the_partner_and_year(
    client: Client, partnership: Partnership, shared: list[Item]
) -> None:
    response, rows = download(client, partnership, 2012)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="nuskha-cooperation-KZ-NALRK-2012.csv"'
    )
    assert response.content.startswith("\ufeff".encode())
    assert rows[0] == [
        "Yearly cooperation report",
        "KZ-NALRK",
        "National Academic Library of the Republic of Kazakhstan",
    ]
    assert rows[1] == ["Year (Gregorian calendar)", "2012", "from 2012-01-01 to 2012-12-31"]


def test_the_report_lists_the_years_activities(
    client: Client, partnership: Partnership, shared: list[Item]
) -> None:
    Activity.objects.create(
        kind=Activity.Kind.COURSE,
        agreement=partnership.memorandum,
        title="Winter course on bookbinding",
        starts_on=D(2011, 12, 20),
        ends_on=D(2012, 1, 10),
        place="Almaty",
    )
    _, rows = download(client, partnership, 2012)
    assert rows[rows.index(["Activities"]) + 1] == [
        "first day",
        "last day",
        "kind",
        "title",
        "place",
        "participants",
    ]
    assert section(rows, "Activities") == [
        [
            "2011-12-20",
            "2012-01-10",
            "training course",
            "Winter course on bookbinding",
            "Almaty",
            "0",
        ],
        ["2012-02-14", "", "meeting", "Meeting on the renewal of the memorandum", "Almaty", "2"],
        ["2012-09-01", "2012-09-30", "specialist exchange", "Conservators' visit", "", "3"],
    ]


def test_the_report_details_specialist_exchanges(
    client: Client, partnership: Partnership, shared: list[Item]
) -> None:
    _, rows = download(client, partnership, 2012)
    assert section(rows, "Specialist exchanges") == [
        [
            "Aigul Serikova; Yerlan Bekov",
            "National Academic Library of the Republic of Kazakhstan",
            "National Library and Archives of Iran",
            "2012-09-01",
            "2012-09-30",
            "Learning the treatment of lithographs.",
        ]
    ]


def test_the_report_counts_distinct_items_shared_by_door(
    client: Client, partnership: Partnership, shared: list[Item]
) -> None:
    _, rows = download(client, partnership, 2012)
    assert section(rows, "Shared with the partner") == [
        ["records", "web api oai search", "3"],
        ["images", "images", "1"],
    ]
    _, next_year = download(client, partnership, 2013)
    assert section(next_year, "Shared with the partner") == [
        ["records", "web api oai search", "0"],
        ["images", "images", "1"],
    ]
    assert section(next_year, "Activities") == []


def test_a_year_with_nothing_still_gives_every_section(
    client: Client, partnership: Partnership
) -> None:
    _, rows = download(client, partnership, 2003)
    for title in ("Activities", "Specialist exchanges"):
        assert section(rows, title) == []
    assert [row[2] for row in section(rows, "Shared with the partner")] == ["0", "0"]


def test_the_report_is_for_staff_only(
    client: Client, partnership: Partnership, reader: Any
) -> None:
    assert client.get(URL.format(year=2012)).status_code == 302
    client.force_login(reader)
    assert client.get(URL.format(year=2012)).status_code == 302


def test_a_year_out_of_range_or_an_unknown_partner_is_not_found(
    client: Client, partnership: Partnership
) -> None:
    client.force_login(partnership.responsible)
    assert client.get(URL.format(year=0)).status_code == 404
    assert client.get(URL.format(year=10000)).status_code == 404
    assert client.get("/staff/cooperation/partners/NOWHERE/report/2012.csv").status_code == 404


def test_the_doors_counted_are_those_of_the_access_rule() -> None:
    assert set(reports.RECORD_DOORS) | set(reports.IMAGE_DOORS) == {door.value for door in Door}
    assert reports.IMAGE_DOORS == (Door.IMAGES.value,)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("KZ-NALRK", "nuskha-cooperation-KZ-NALRK-2012.csv"),
        ('IR "NLAI"/x', "nuskha-cooperation-IR-NLAI-x-2012.csv"),
        ("کتابخانه", "nuskha-cooperation-partner-2012.csv"),
    ],
)
def test_the_file_name_is_safe_in_a_header(code: str, expected: str) -> None:
    from nuskha.catalogue.models import Institution

    assert reports.file_name(Institution(code=code), 2012) == expected
