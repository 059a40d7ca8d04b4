"""Where the cooperation shows on the rest of the site and to staff: the home page's latest
news, the institution page's link to its agreements, and the International relations role."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from nuskha.catalogue.models import Language, StaffProfile
from nuskha.conftest import make_staff
from nuskha.cooperation.conftest import Partnership, make_partnership
from nuskha.cooperation.models import NewsItem, NewsVersion
from nuskha.cooperation.roles import INTERNATIONAL_RELATIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership(db: Any) -> Partnership:
    return make_partnership()


def test_the_home_page_shows_the_latest_news_in_the_readers_language(
    client: Client, partnership: Partnership
) -> None:
    news = NewsItem.objects.create(published_on=datetime.date(2026, 10, 15), is_published=True)
    for code, title in (("en", "Renewal discussed in Astana"), ("fa", "گفت‌وگو دربارهٔ تمدید")):
        NewsVersion.objects.create(
            news=news, language=Language.objects.get(code=code), title=title, body="…"
        )
    NewsItem.objects.create(published_on=datetime.date(2026, 11, 1), is_published=False)

    english = client.get("/", {"lang": "en"}).content.decode()
    persian = client.get("/", {"lang": "fa"}).content.decode()

    assert "Renewal discussed in Astana" in english and f'href="/news/{news.pk}/"' in english
    assert "گفت‌وگو دربارهٔ تمدید" in persian


def test_a_partner_institutions_page_links_to_its_agreements(
    client: Client, partnership: Partnership
) -> None:
    html = client.get(f"/institutions/{partnership.almaty.code}", {"lang": "en"}).content.decode()
    assert f'href="/cooperation/partners/{partnership.almaty.code}/"' in html


def test_international_relations_staff_may_record_agreements(
    client: Client, partnership: Partnership
) -> None:
    officer = make_staff("relations", None)
    officer.groups.set([Group.objects.get(name=INTERNATIONAL_RELATIONS)])
    StaffProfile.objects.create(user=officer, institution=partnership.tehran)
    client.force_login(officer)

    assert client.get("/staff/cooperation/agreement/add/").status_code == 200
    assert client.get("/staff/cooperation/credential/").status_code == 200
    assert client.get("/staff/catalogue/item/add/").status_code == 403  # not a cataloguer


def test_the_language_switcher_works_on_staff_lists(
    client: Client, partnership: Partnership
) -> None:
    client.force_login(make_staff("admin", None, superuser=True))
    response = client.get("/staff/cooperation/agreement/", {"lang": "fa"})
    assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()


def test_access_decisions_and_reminders_sent_are_read_only_for_staff(
    client: Client, partnership: Partnership
) -> None:
    client.force_login(make_staff("admin", None, superuser=True))
    for name in ("accessevent", "remindersent"):
        assert client.get(f"/staff/cooperation/{name}/").status_code == 200
        assert client.get(f"/staff/cooperation/{name}/add/").status_code == 403
