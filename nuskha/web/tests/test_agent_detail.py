"""The agent page: every form of the name, dates, works, and the visible items with roles."""

from __future__ import annotations

import pytest
from django.test import Client

from nuskha.catalogue.models import ItemAgent
from nuskha.web.tests.conftest import LANGUAGES, html_tag, page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_agent_page_renders_in_every_interface_language(sample, lang) -> None:
    html = page(Client(), f"/agents/{sample.hafez_agent.pk}", lang)
    assert html_tag(lang) in html


def test_the_agent_is_named_in_the_readers_language_with_every_form(sample) -> None:
    kazakh = page(Client(), f"/agents/{sample.hafez_agent.pk}", "kk")
    assert '<h1 id="agent-name" lang="kk-Cyrl" dir="auto">Хафиз Шерази</h1>' in kazakh
    english = page(Client(), f"/agents/{sample.hafez_agent.pk}", "en")
    assert '<span lang="fa-Arab" dir="auto">شمس‌الدین محمد حافظ شیرازی</span>' in english
    assert '<span lang="kk-Cyrl" dir="auto">Хафиз Шерази</span>' in english
    assert "(variant; Kazakh, Cyrillic)" in english
    assert "329–411 AH" in english


def test_the_agent_page_lists_works_and_visible_items_with_roles(sample) -> None:
    for item in (sample.astana, sample.draft):
        ItemAgent.objects.create(item=item, agent=sample.hafez_agent, role="author")
    html = page(Client(), f"/agents/{sample.hafez_agent.pk}", "en")
    assert f'href="/works/{sample.divan.pk}"' in html and "The Divan of Hafez" in html
    assert "MS 5-07781" in html and "Қ-0101" in html
    assert "MS DRAFT-1" not in html
    assert '<td dir="auto">Author</td>' in html


def test_a_scribe_and_a_seal_owner_are_shown_with_those_roles(sample) -> None:
    html = page(Client(), f"/agents/{sample.scribe.pk}", "en")
    assert '<td dir="auto">Scribe, Provenance: seal</td>' in html


def test_an_unknown_agent_answers_404(db) -> None:
    assert Client().get("/agents/424242").status_code == 404
