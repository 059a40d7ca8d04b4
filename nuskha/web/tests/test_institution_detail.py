"""The institution page: names, country, website, counts, collections, a search link."""

from __future__ import annotations

import pytest
from django.test import Client

from nuskha.web.tests.conftest import LANGUAGES, html_tag, page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_institution_page_renders_in_every_interface_language(sample, lang) -> None:
    assert html_tag(lang) in page(Client(), "/institutions/IR-NLAI", lang)


def test_the_institution_page_counts_only_public_records(sample) -> None:
    response = Client().get("/institutions/IR-NLAI?lang=en")
    assert response.context["total"] == 1  # the draft and the restricted copy are left out
    assert response.context["kinds"] == [("Manuscript", 1)]
    html = response.content.decode()
    assert "National Library and Archives of Iran" in html
    assert '<span lang="fa" dir="auto">سازمان اسناد و کتابخانه ملی ایران</span>' in html
    assert "<dd>Iran</dd>" in html
    assert '<span dir="auto">Manuscripts</span>' in html


def test_the_institution_page_links_to_a_search_of_its_records(sample) -> None:
    response = Client().get("/institutions/KZ-NALRK?lang=en")
    url = response.context["search_url"]
    assert url == f"/search?institution={sample.kazakhstan.pk}"
    found = Client().get(url)
    assert [entry["row"].item.shelfmark for entry in found.context["hits"]] == ["Қ-0101"]


def test_the_country_is_named_in_the_readers_language(sample) -> None:
    assert "<dd>ایران</dd>" in page(Client(), "/institutions/IR-NLAI", "fa")
    assert "<dd>Қазақстан</dd>" in page(Client(), "/institutions/KZ-NALRK", "kk")


def test_staff_counts_include_every_record(sample, staff_client) -> None:
    assert staff_client.get("/institutions/IR-NLAI").context["total"] == 3


def test_an_unknown_institution_answers_404(db) -> None:
    assert Client().get("/institutions/XX-NONE").status_code == 404
