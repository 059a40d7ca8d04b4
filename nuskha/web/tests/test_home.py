"""The home page and the health check."""

import pytest
from django.test import Client

from nuskha.catalogue.conftest import make_item

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


def test_the_home_page_is_right_to_left_in_persian_and_names_libraries_in_it(iran_library) -> None:
    page = Client().get("/?lang=fa").content.decode()
    assert '<html lang="fa" dir="rtl">' in page
    assert "سازمان اسناد و کتابخانه ملی ایران" in page


def test_the_language_choice_is_remembered_in_a_cookie(db) -> None:
    client = Client()
    client.get("/?lang=kk")
    assert '<html lang="kk" dir="ltr">' in client.get("/").content.decode()


def test_the_browser_language_is_used_when_nothing_was_chosen(db) -> None:
    page = Client().get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9").content.decode()
    assert '<html lang="ru"' in page


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
