"""The staff dashboard of agreements expiring, expired and in draft: for staff only,
grouped under the nearest reminder threshold, with the reminders sent."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from lxml import html

from nuskha.calendars import format_date
from nuskha.catalogue.models import Institution
from nuskha.conftest import make_staff
from nuskha.cooperation import terms
from nuskha.cooperation.reminders import send_due_reminders
from nuskha.cooperation.tests.test_reminders import make_agreement

URL = "/staff/cooperation/"


def today() -> datetime.date:
    """The day of the party furthest ahead (Almaty), as the dashboard counts."""
    now = timezone.now()
    return max(terms.local_today(now, zone) for zone in ("Asia/Tehran", "Asia/Almaty"))


def in_days(days: int) -> datetime.date:
    return today() + datetime.timedelta(days=days)


def references_in(page: Any, section: str) -> list[str]:
    return page.xpath(f'//div[@id="{section}"]//tr/@data-reference')


def row(page: Any, reference: str) -> str:
    [found] = page.xpath(f'//tr[@data-reference="{reference}"]')
    return " ".join(found.text_content().split())


@pytest.fixture
def agreements(iran_library: Institution, kazakh_library: Institution) -> dict[str, Any]:
    maryam = make_staff("maryam", iran_library)
    aigerim = make_staff("aigerim", kazakh_library)
    both = [(iran_library, maryam), (kazakh_library, aigerim)]
    for reference, days in [
        ("IN-5", 5),
        ("IN-7", 7),
        ("IN-8", 8),
        ("IN-20", 20),
        ("IN-60", 60),
        ("IN-150", 150),
        ("IN-300", 300),
        ("EXPIRED-10", -10),
        ("EXPIRED-400", -400),
    ]:
        make_agreement(
            reference,
            both,
            expires_on=in_days(days),
            effective_from=in_days(-800),
            signed_on=in_days(-810),
        )
    make_agreement("UNATTENDED-40", [(iran_library, None)], expires_on=in_days(40))
    make_agreement("DRAFT-1", both, signed_on=None, titles={"en": "A draft memorandum"})
    return {"maryam": maryam}


@pytest.mark.django_db
def test_anonymous_visitors_and_readers_are_sent_to_the_staff_login(
    client: Client, reader: Any
) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/staff/login/?next={URL}"
    client.force_login(reader)
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")


@pytest.mark.django_db
def test_agreements_are_grouped_under_the_nearest_threshold(
    client: Client, agreements: dict[str, Any]
) -> None:
    client.force_login(agreements["maryam"])
    response = client.get(URL, {"lang": "en"})
    assert response.status_code == 200
    page = html.fromstring(response.content.decode())
    assert references_in(page, "expiring-7") == ["IN-5", "IN-7"]
    assert references_in(page, "expiring-30") == ["IN-8", "IN-20"]
    assert references_in(page, "expiring-90") == ["UNATTENDED-40", "IN-60"]
    assert references_in(page, "expiring-180") == ["IN-150"]
    assert references_in(page, "recently-expired") == ["EXPIRED-10"]
    assert references_in(page, "drafts") == ["DRAFT-1"]
    assert "IN-300" not in response.content.decode()

    line = row(page, "IN-20")
    for expected in [
        "Memorandum IN-20",
        "National Library and Archives of Iran",
        "National Academic Library of the Republic of Kazakhstan",
        format_date(in_days(20), "en"),
        "maryam <maryam@example.org>",
        "aigerim <aigerim@example.org>",
        "90 days: not sent (a nearer one was due)",
        "30 days: due, not yet sent",
    ]:
        assert expected in line
    assert page.xpath('//tr[@data-reference="IN-20"]/td[3]')[0].text_content().strip() == "20"
    assert "no reminder can be sent" in row(page, "UNATTENDED-40")
    # Days since expiry count from the last party to see it expire (Tehran's day).
    days_since = (terms.local_today(timezone.now(), "Asia/Tehran") - in_days(-10)).days
    days_cell = page.xpath('//tr[@data-reference="EXPIRED-10"]/td[3]')[0].text_content()
    assert days_cell.strip() == str(days_since)


@pytest.mark.django_db
def test_the_dashboard_shows_which_reminders_were_sent(
    client: Client, agreements: dict[str, Any]
) -> None:
    send_due_reminders(timezone.now())
    client.force_login(agreements["maryam"])
    page = html.fromstring(client.get(URL, {"lang": "en"}).content.decode())
    sent_today = f"sent on {format_date(timezone.localdate(), 'en')}"
    assert f"7 days: {sent_today}" in row(page, "IN-5")
    assert f"30 days: {sent_today}" in row(page, "IN-20")
    assert "90 days: due, not yet sent" in row(page, "UNATTENDED-40")


@pytest.mark.django_db
def test_dates_follow_the_readers_calendar(client: Client, agreements: dict[str, Any]) -> None:
    client.force_login(agreements["maryam"])
    response = client.get(URL, {"lang": "fa"})
    page = html.fromstring(response.content.decode())
    assert page.xpath("/html/@dir") == ["rtl"]
    assert format_date(in_days(60), "fa") in row(page, "IN-60")  # Solar Hijri, Persian digits
    assert format_date(in_days(60), "en") not in row(page, "IN-60")
    days_cell = page.xpath('//tr[@data-reference="IN-60"]/td[3]')[0].text_content()
    assert days_cell.strip() == "۶۰"


@pytest.mark.django_db
def test_the_staff_front_page_links_to_the_dashboard(client: Client, cataloguer: Any) -> None:
    client.force_login(cataloguer)
    page = html.fromstring(client.get("/staff/", {"lang": "en"}).content.decode())
    assert page.xpath('//div[@id="staff-pages"]//a/@href') == [URL]
