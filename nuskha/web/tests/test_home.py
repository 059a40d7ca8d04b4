"""The home page, the language switcher and the health check."""

import pytest
from django.test import Client

from nuskha.catalogue.conftest import make_item
from nuskha.web.tests.conftest import LANGUAGES, html_tag, page

pytestmark = pytest.mark.django_db


def test_the_home_page_counts_only_what_the_public_may_see(iran_library, kazakh_library) -> None:
    make_item(iran_library, shelfmark="MS 1")
    make_item(iran_library, shelfmark="MS 2", status="draft")
    make_item(kazakh_library, shelfmark="R-1", access="restricted")
    page = Client().get("/?lang=en")
    assert page.status_code == 200
    assert page.context["total"] == 1
    assert dict((i.code, n) for i, n in page.context["institutions"]) == {
        "IR-NLAI": 1,
        "KZ-NALRK": 0,
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_renders_in_every_interface_language(iran_library, lang) -> None:
    assert html_tag(lang) in page(Client(), "/", lang)


def test_the_home_page_is_right_to_left_in_persian_and_names_libraries_in_it(iran_library) -> None:
    page = Client().get("/?lang=fa").content.decode()
    assert '<html lang="fa" dir="rtl">' in page
    assert "سازمان اسناد و کتابخانه ملی ایران" in page


def test_the_home_page_has_a_search_box_and_links_to_each_institution(iran_library) -> None:
    make_item(iran_library, shelfmark="MS 1")
    html = page(Client(), "/", "en")
    assert '<form class="search-form" role="search" action="/search" method="get">' in html
    assert '<label for="search-q">' in html and 'id="search-q" name="q"' in html
    assert 'href="/institutions/IR-NLAI"' in html


def test_counts_are_in_persian_digits_in_the_persian_interface(iran_library) -> None:
    for number in range(12):
        make_item(iran_library, shelfmark=f"MS {number}")
    assert "<td>۱۲</td>" in page(Client(), "/", "fa")
    assert "<td>12</td>" in page(Client(), "/", "ru")


def test_the_language_switcher_keeps_the_page_and_its_query(db) -> None:
    html = page(Client(), "/search?q=حافظ&kind=manuscript&kind=lithograph", "en")
    assert (
        'href="/search?q=%D8%AD%D8%A7%D9%81%D8%B8&amp;kind=manuscript&amp;kind=lithograph'
        '&amp;lang=kk" lang="kk" hreflang="kk"'
    ) in html
    assert '<strong lang="en" aria-current="true">English</strong>' in html


def test_the_language_choice_is_remembered_in_a_cookie(db) -> None:
    client = Client()
    client.get("/?lang=kk")
    assert '<html lang="kk" dir="ltr">' in client.get("/").content.decode()


def test_the_browser_language_is_used_when_nothing_was_chosen(db) -> None:
    page = Client().get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9").content.decode()
    assert '<html lang="ru"' in page


def test_an_unknown_address_answers_404_in_the_site_layout(db) -> None:
    response = Client().get("/items/999999?lang=fa")
    assert response.status_code == 404
    assert '<html lang="fa" dir="rtl">' in response.content.decode()


def test_healthz_answers_when_the_database_does(db) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_fails_when_the_database_does_not(db, monkeypatch) -> None:
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = Client().get("/healthz")
    assert response.status_code == 503 and "disk I/O error" in response.json()["database"]
