"""The work page: uniform titles, the author, and every visible copy across institutions."""

from __future__ import annotations

import pytest
from django.test import Client

from nuskha.web.tests.conftest import LANGUAGES, html_tag, page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_work_page_renders_in_every_interface_language(sample, lang) -> None:
    assert html_tag(lang) in page(Client(), f"/works/{sample.divan.pk}", lang)


def test_the_work_page_shows_titles_author_and_visible_copies(sample) -> None:
    html = page(Client(), f"/works/{sample.divan.pk}", "en")
    assert '<h1 id="work-title" lang="en-Latn" dir="auto">The Divan of Hafez</h1>' in html
    assert '<span lang="fa-Arab" dir="auto">دیوان حافظ</span>' in html
    assert f'href="/agents/{sample.hafez_agent.pk}" lang="en-Latn" dir="auto">Hafez</a>' in html
    assert "2 copies in the partner libraries." in html
    assert f'href="/items/{sample.hafez.pk}"' in html
    assert f'href="/items/{sample.astana.pk}"' in html
    assert "ff. 1v–268v, ff. 269r–286r" in html  # where the work stands in each copy
    for hidden in ("MS DRAFT-1", "Қ-WITHDRAWN", "MS SECRET-1"):
        assert hidden not in html


def test_staff_see_every_copy_of_the_work(sample, staff_client) -> None:
    html = page(staff_client, f"/works/{sample.divan.pk}", "en")
    assert "5 copies in the partner libraries." in html


def test_an_unknown_work_answers_404(db) -> None:
    assert Client().get("/works/424242").status_code == 404
