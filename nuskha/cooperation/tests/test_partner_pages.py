"""The partners' pages: /cooperation/ and /cooperation/partners/<code>/ for the public
(signed agreements, their clauses, renewals and activities, dates in the reader's
calendar, the timeline mirrored in Persian; no contacts, no drafts), and
/staff/cooperation/partners/<code>/ for staff (contacts, who answers, drafts, reports).

make_partnership() builds the two national libraries' 2007 memorandum, its renewal, a
draft, a course, a meeting and an exchange; test_reports and the browser test use it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from lxml import etree, html

from nuskha.calendars import format_date
from nuskha.catalogue.models import Institution, Language
from nuskha.conftest import make_institution, make_staff
from nuskha.cooperation.models import (
    Activity,
    Agreement,
    AgreementText,
    Clause,
    ClauseScope,
    Contact,
    Participant,
    Party,
)

D = datetime.date
SVG = "{http://www.w3.org/2000/svg}"


@dataclass
class Partnership:
    tehran: Institution
    almaty: Institution
    memorandum: Agreement
    renewal: Agreement
    draft: Agreement
    course: Activity
    meeting: Activity
    exchange: Activity
    responsible: Any


def make_partnership() -> Partnership:
    """The Iranian and Kazakh national libraries (Asia/Tehran, Asia/Almaty): the 2007
    memorandum (expired 2012), its renewal to 2030, a draft programme, a training
    course, the meeting on the renewal, and an exchange of conservators."""
    tehran = make_institution(
        "IR-NLAI",
        "IR",
        en="National Library and Archives of Iran",
        fa="سازمان اسناد و کتابخانه ملی ایران",
    )
    almaty = make_institution(
        "KZ-NALRK",
        "KZ",
        en="National Academic Library of the Republic of Kazakhstan",
        kk="Қазақстан Республикасының Ұлттық академиялық кітапханасы",
    )
    responsible = make_staff("farhad", tehran)
    memorandum = make_agreement(
        "IR-KZ/MoU/2007",
        (tehran, almaty),
        en=("Memorandum of understanding on library cooperation", "Organising collections."),
        fa=("تفاهم‌نامهٔ همکاری کتابخانه‌ای", "سامان‌دهی مجموعه‌ها."),
        signed_as_written="۱۵ اردیبهشت ۱۳۸۶",
        signed_on=D(2007, 5, 5),
        signed_at="Astana",
        effective_from=D(2007, 5, 5),
        expires_on=D(2012, 5, 4),
    )
    Party.objects.filter(agreement=memorandum, institution=tehran).update(
        signatory="Director of the library", responsible=responsible
    )
    preservation = Clause.objects.create(
        agreement=memorandum, number="2", text="Preserving and digitising manuscripts."
    )
    for scope in ("digital_copies", "conservation_training"):
        ClauseScope.objects.create(clause=preservation, scope=scope)
    exchange_clause = Clause.objects.create(agreement=memorandum, number="3")
    ClauseScope.objects.create(clause=exchange_clause, scope="specialist_exchange")
    renewal = make_agreement(
        "IR-KZ/MoU/2012",
        (tehran, almaty),
        en=("Renewal of the memorandum", ""),
        extends=memorandum,
        extension=Agreement.Extension.RENEWAL,
        signed_on=D(2012, 4, 20),
        effective_from=D(2012, 5, 5),
        expires_on=D(2030, 5, 4),
    )
    draft = make_agreement(
        "IR-KZ/Programme/draft",
        (tehran, almaty),
        en=("Draft programme of joint publication", ""),
        kind=Agreement.Kind.PROGRAMME,
    )
    course = Activity.objects.create(
        kind=Activity.Kind.COURSE,
        agreement=memorandum,
        clause=preservation,
        title="Pathology and restoration of written works",
        starts_on=D(2010, 10, 10),
        ends_on=D(2010, 10, 21),
        place="Tehran",
        host=tehran,
    )
    Participant.objects.create(
        activity=course, name="Zahra Karimi", role=Participant.Role.TRAINER, institution=tehran
    )
    Participant.objects.create(
        activity=course, name="Aigul Serikova", role=Participant.Role.TRAINEE, institution=almaty
    )
    meeting = Activity.objects.create(
        kind=Activity.Kind.MEETING,
        agreement=memorandum,
        title="Meeting on the renewal of the memorandum",
        starts_on=D(2012, 2, 14),
        place="Almaty",
        host=almaty,
        outcome="Renewal for a further term proposed.",
    )
    Participant.objects.create(
        activity=meeting, name="Reza Ahmadi", position="cultural counsellor", institution=tehran
    )
    Participant.objects.create(
        activity=meeting,
        name="Dana Nurlanova",
        position="director of international relations",
        institution=almaty,
    )
    exchange = Activity.objects.create(
        kind=Activity.Kind.EXCHANGE,
        agreement=renewal,
        title="Conservators' visit",
        starts_on=D(2012, 9, 1),
        ends_on=D(2012, 9, 30),
        from_institution=almaty,
        to_institution=tehran,
        purpose="Learning the treatment of lithographs.",
    )
    Participant.objects.create(
        activity=exchange, name="Aigul Serikova", role=Participant.Role.SPECIALIST
    )
    Participant.objects.create(
        activity=exchange, name="Yerlan Bekov", role=Participant.Role.SPECIALIST
    )
    Participant.objects.create(activity=exchange, name="Maryam Rahimi", role=Participant.Role.CHAIR)
    Contact.objects.create(
        institution=almaty,
        name="Dana Nurlanova",
        position="director of international relations",
        email="dana@nlrk.example.kz",
        phone="+7 727 000 00 00",
    )
    return Partnership(
        tehran, almaty, memorandum, renewal, draft, course, meeting, exchange, responsible
    )


def make_agreement(
    reference: str,
    parties: tuple[Institution, ...],
    kind: str = Agreement.Kind.MEMORANDUM,
    **fields: Any,
) -> Agreement:
    texts = {code: fields.pop(code) for code in ("en", "fa", "kk", "ru") if code in fields}
    agreement = Agreement.objects.create(kind=kind, reference=reference, **fields)
    for code, (title, summary) in texts.items():
        AgreementText.objects.create(
            agreement=agreement,
            language=Language.objects.get(code=code),
            title=title,
            summary=summary,
        )
    for institution in parties:
        Party.objects.create(agreement=agreement, institution=institution)
    return agreement


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
