"""The partners' pages: /cooperation/ and /cooperation/partners/<code>/ for the public
(signed agreements, their clauses, renewals and activities, dates in the reader's
calendar, the timeline mirrored in Persian; no contacts, no drafts), and
/staff/cooperation/partners/<code>/ for staff (contacts, who answers, drafts, reports).

make_partnership() (nuskha/cooperation/conftest.py) builds the two national libraries'
2007 memorandum, its renewal, a draft, a course, a meeting and an exchange."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from lxml import etree, html

from nuskha.calendars import format_date
from nuskha.conftest import make_institution
from nuskha.cooperation.conftest import Partnership, make_agreement, make_partnership

D = datetime.date
SVG = "{http://www.w3.org/2000/svg}"


# Tests -----------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership(db: Any) -> Partnership:
    return make_partnership()


def page(client: Client, url: str, lang: str = "en") -> str:
    response = client.get(url, {"lang": lang})
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def timeline_of(text: str) -> Any:
    """The timeline's SVG, parsed as XML (it must be well-formed to be inlined)."""
    (svg,) = html.fromstring(text).xpath("//div[@class='timeline']/*[local-name()='svg']")
    return etree.fromstring(html.tostring(svg))


def test_the_partners_page_lists_each_party_with_its_agreements_and_timeline(
    client: Client, partnership: Partnership
) -> None:
    text = page(client, "/cooperation/")
    assert "National Library and Archives of Iran" in text
    assert "National Academic Library of the Republic of Kazakhstan" in text
    assert 'href="/cooperation/partners/KZ-NALRK/"' in text
    assert text.count("Memorandum of understanding on library cooperation") >= 2
    assert "Renewal of the memorandum" in text
    assert "superseded" in text and "in force" in text
    assert "5 May 2007" in text and "4 May 2030" in text
    assert "Draft programme" not in text
    assert text.count('role="img"') == 2


def test_the_site_navigation_links_to_the_cooperation_pages(
    client: Client, partnership: Partnership
) -> None:
    assert 'href="/cooperation/"' in page(client, "/cooperation/partners/KZ-NALRK/")


def test_a_partner_page_shows_agreements_clauses_renewals_and_activities(
    client: Client, partnership: Partnership
) -> None:
    text = page(client, "/cooperation/partners/KZ-NALRK/")
    for expected in (
        "Memorandum of understanding on library cooperation",
        "Organising collections.",
        "IR-KZ/MoU/2007",
        "Article 2",
        "Preserving and digitising manuscripts.",
        "exchange of digital copies, conservation training",
        "specialist exchange",
        "renews: Memorandum of understanding on library cooperation",
        "renewed by: Renewal of the memorandum",
        "۱۵ اردیبهشت ۱۳۸۶",  # the signing date as written
        "Pathology and restoration of written works",
        "10 October 2010 – 21 October 2010",
        "Tehran",
        "Meeting on the renewal of the memorandum",
        "14 February 2012",
        "from National Academic Library of the Republic of Kazakhstan to National Library",
    ):
        assert expected in text, expected


def test_a_partner_page_keeps_contacts_drafts_and_people_from_the_public(
    client: Client, partnership: Partnership
) -> None:
    text = page(client, "/cooperation/partners/KZ-NALRK/")
    for private in (
        "dana@nlrk.example.kz",
        "+7 727",
        "Draft programme",
        "farhad",
        "Dana Nurlanova",
        "Renewal for a further term proposed.",
    ):
        assert private not in text, private


def test_a_partner_page_in_persian_gives_solar_hijri_dates_and_a_mirrored_timeline(
    client: Client, partnership: Partnership
) -> None:
    text = page(client, "/cooperation/partners/KZ-NALRK/", "fa")
    assert '<html lang="fa" dir="rtl">' in text
    assert format_date(D(2007, 5, 5), "fa") in text  # ۱۵ اردیبهشت ۱۳۸۶
    assert "تفاهم‌نامهٔ همکاری کتابخانه‌ای" in text
    svg = timeline_of(text)
    assert svg.get("direction") == "rtl"
    years = svg.xpath("//*[local-name()='text'][@class='year']/text()")
    assert years[0] == "۱۳۸۶" and all(year.isdigit() for year in years)


def test_a_partner_page_in_english_draws_time_left_to_right(
    client: Client, partnership: Partnership
) -> None:
    svg = timeline_of(page(client, "/cooperation/partners/KZ-NALRK/"))
    assert svg.get("direction") == "ltr"
    memorandum, renewal = (
        float(svg.xpath(f"//*[@data-key='agreement-{a.pk}']/*[contains(@class, 'bar')]/@x")[0])
        for a in (partnership.memorandum, partnership.renewal)
    )
    assert renewal > memorandum
    links = svg.xpath("//*[@class='link']")
    assert [(link.get("data-from"), link.get("data-to")) for link in links] == [
        (f"agreement-{partnership.memorandum.pk}", f"agreement-{partnership.renewal.pk}")
    ]
    kinds = svg.xpath("//*[@class='activities']/*/@class")
    assert sorted(kinds) == [
        "activity kind-course",
        "activity kind-exchange",
        "activity kind-meeting",
    ]


def test_a_partner_with_only_drafts_has_no_public_page(client: Client, db: Any) -> None:
    lonely = make_institution("RU-NLR", "RU")
    make_agreement("RU/draft", (lonely,), en=("A draft", ""))
    assert client.get("/cooperation/partners/RU-NLR/").status_code == 404
    assert client.get("/cooperation/partners/NOWHERE/").status_code == 404


def test_staff_see_drafts_on_the_public_page_too(client: Client, partnership: Partnership) -> None:
    client.force_login(partnership.responsible)
    text = page(client, "/cooperation/partners/KZ-NALRK/")
    assert "Draft programme of joint publication" in text
    assert "Draft: not signed, not public." in text
    assert 'href="/staff/cooperation/partners/KZ-NALRK/"' in text


def test_the_staff_page_is_for_staff_only(
    client: Client, partnership: Partnership, reader: Any
) -> None:
    response = client.get("/staff/cooperation/partners/KZ-NALRK/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(reader)
    assert client.get("/staff/cooperation/partners/KZ-NALRK/").status_code == 302


def test_the_staff_page_shows_contacts_who_answers_drafts_and_reports(
    client: Client, partnership: Partnership
) -> None:
    client.force_login(partnership.responsible)
    text = page(client, "/staff/cooperation/partners/KZ-NALRK/")
    for expected in (
        "dana@nlrk.example.kz",
        "director of international relations",
        "farhad &lt;farhad@example.org&gt;",
        "Director of the library",
        "Draft programme of joint publication",
        "Dana Nurlanova (director of international relations, participant, National Academic",
        "Renewal for a further term proposed.",
        'href="/staff/cooperation/partners/KZ-NALRK/report/2012.csv"',
        'href="/staff/cooperation/partners/KZ-NALRK/report/2007.csv"',
        f'href="/staff/cooperation/partners/KZ-NALRK/report/{datetime.date.today().year}.csv"',
        'role="img"',
    ):
        assert expected in text, expected
    assert 'href="/staff/cooperation/partners/KZ-NALRK/report/2006.csv"' not in text


def test_the_staff_page_of_a_partner_with_nothing_yet_still_opens(
    client: Client, partnership: Partnership
) -> None:
    make_institution("RU-NLR", "RU")
    client.force_login(partnership.responsible)
    text = page(client, "/staff/cooperation/partners/RU-NLR/")
    assert "No agreements are recorded." in text
    assert "No contacts are recorded." in text
