"""The item page: every field of the record, its contents, parts and provenance, the
work's other copies, a citation and the alternate JSON link; 404 for what readers may not see."""

from __future__ import annotations

import pytest
from django.test import Client

from nuskha.web.tests.conftest import LANGUAGES, html_tag, page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_item_page_renders_in_every_interface_language(sample, lang) -> None:
    html = page(Client(), f"/items/{sample.hafez.pk}", lang)
    assert html_tag(lang) in html
    assert "MS 5-07781" in html


def test_the_item_page_shows_the_record_with_translated_labels(sample) -> None:
    html = page(Client(), f"/items/{sample.hafez.pk}", "en")
    title = "The Divan of Hafez of Shiraz"
    assert f'<h1 id="record-title" lang="en-Latn" dir="auto">{title}</h1>' in html
    # Every title, in its language and script, with its type.
    assert '<span lang="fa-Arab" dir="auto">ديوان خواجه حافظ شيرازي</span>' in html
    assert '<span lang="kk-Cyrl" dir="auto">Хафиз Шеразидің диуаны</span>' in html
    assert "(translated; Kazakh, Cyrillic)" in html
    # The agent, linked to the authority record, with the role and the name as written.
    assert f'href="/agents/{sample.hafez_agent.pk}" lang="en-Latn" dir="auto">Hafez</a>' in html
    assert "(author)" in html and "لسان‌الغیب حافظ" in html
    # The date as written, then its equivalent for this reader.
    assert "<bdi>قرن ۱۱ ق</bdi> (1592–1689)" in html and "(approximate)" in html
    assert "شیراز" in html
    # Physical description, languages, scripts, subjects, notes.
    assert "240 × 150 mm" in html and "<dd>286</dd>" in html and "Nastaʿlīq" in html
    assert "<li>Persian</li>" in html and "<li>Arabic</li>" in html
    assert "Poetry" in html and "Manuscripts" in html
    assert "Uniform title keyed with Arabic letters." in html


def test_the_item_page_shows_contents_parts_and_provenance(sample) -> None:
    html = page(Client(), f"/items/{sample.hafez.pk}", "en")
    assert '<td class="locus"><span dir="ltr">ff. 1v–268v</span></td>' in html
    work = f'href="/works/{sample.divan.pk}" lang="en-Latn" dir="auto">The Divan of Hafez</a>'
    assert work in html
    assert 'lang="fa" dir="auto">الا یا ایها الساقی ادر کأسا و ناولها</dd>' in html
    assert "یوسف گم‌گشته باز آید به کنعان غم مخور" in html
    assert "تمت الدیوان بعون الملک المنان" in html
    assert f'href="/agents/{sample.scribe.pk}"' in html
    # The part, with its own locus, date and physical description.
    assert 'dir="auto">Part II</h3>' in html and "<dd>15</dd>" in html and "۱۰۵۰ ق" in html
    # Provenance marks, in order, with their agent.
    assert "Seal" in html and "عبده الراجی محمدحسن ۱۲۴۵" in html and "Purchased in Tehran." in html


def test_the_item_page_lists_only_the_other_copies_a_reader_may_see(sample) -> None:
    html = page(Client(), f"/items/{sample.hafez.pk}", "en")
    assert "Other copies of this work" in html
    assert f'href="/items/{sample.astana.pk}"' in html and "Қ-0101" in html
    assert "National Academic Library of the Republic of Kazakhstan" in html
    for hidden in ("MS DRAFT-1", "Қ-WITHDRAWN", "MS SECRET-1"):
        assert hidden not in html


def test_staff_see_every_copy_on_the_item_page(sample, staff_client) -> None:
    html = page(staff_client, f"/items/{sample.hafez.pk}", "en")
    for shelfmark in ("Қ-0101", "MS DRAFT-1", "Қ-WITHDRAWN", "MS SECRET-1"):
        assert shelfmark in html


def test_the_item_page_links_its_json_record_and_offers_a_citation(sample, settings) -> None:
    settings.BASE_URL = "https://nuskha.example.org"
    item_id = sample.hafez.pk
    html = page(Client(), f"/items/{item_id}", "en")
    assert (
        f'<link rel="alternate" type="application/json" href="/items/{item_id}/record.json"' in html
    )
    permalink = f"https://nuskha.example.org/items/{item_id}"
    assert f'<a href="{permalink}" dir="ltr">{permalink}</a>' in html
    assert (
        '<p class="citation"><bdi>National Library and Archives of Iran</bdi>, '
        "<bdi>MS 5-07781</bdi>, <bdi>The Divan of Hafez of Shiraz</bdi>. "
        f"<bdi>{permalink}</bdi></p>"
    ) in html


def test_the_persian_page_uses_persian_labels_and_digits(sample) -> None:
    html = page(Client(), f"/items/{sample.hafez.pk}", "fa")
    assert '<h1 id="record-title" lang="fa-Arab" dir="auto">ديوان خواجه حافظ شيرازي</h1>' in html
    assert "<dd>۲۸۶</dd>" in html and "<dt>شمارهٔ بازیابی</dt>" in html
    assert "<bdi>قرن ۱۱ ق</bdi> (۹۷۱–۱۰۶۸ ش / ۱۵۹۲–۱۶۸۹ م)" in html


@pytest.mark.parametrize("hidden", ["draft", "withdrawn", "restricted"])
def test_items_the_public_may_not_see_answer_404(sample, hidden) -> None:
    item = getattr(sample, hidden)
    assert Client().get(f"/items/{item.pk}").status_code == 404


@pytest.mark.parametrize("hidden", ["draft", "withdrawn", "restricted"])
def test_staff_see_those_items_with_a_notice(sample, staff_client, hidden) -> None:
    html = page(staff_client, f"/items/{getattr(sample, hidden).pk}", "en")
    assert "Only staff see this record" in html


def test_a_signed_in_reader_is_still_the_public(sample, reader) -> None:
    client = Client()
    client.force_login(reader)
    assert client.get(f"/items/{sample.draft.pk}").status_code == 404
