"""The search page: results, facets with labels and counts, paging, sorting, messages.

The plain `db` fixture is enough: the SQLite FTS5 index is written in the same
transaction as the record (nuskha.search.indexing), so a test transaction sees it.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client

from nuskha.catalogue.conftest import make_item
from nuskha.web.tests.conftest import LANGUAGES, html_tag, page

pytestmark = pytest.mark.django_db

QUERY = "/search?q=دیوان+حافظ"  # typed with Persian ی


def shelfmarks(response) -> list[str]:
    return sorted(entry["row"].item.shelfmark for entry in response.context["hits"])


def facet(response, name: str) -> dict[str, tuple[int, str, bool]]:
    """A facet's values by label: (count, link, is selected)."""
    for group in response.context["facets"]:
        if group.name == name:
            return {link.label: (link.count, link.url, link.is_selected) for link in group.links}
    return {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_page_renders_in_every_interface_language(sample, lang) -> None:
    html = page(Client(), QUERY, lang)
    assert html_tag(lang) in html
    assert "MS 5-07781" in html


def test_a_persian_letter_query_finds_a_record_keyed_with_arabic_letters(sample) -> None:
    response = Client().get(QUERY + "&lang=fa")
    assert "MS 5-07781" in shelfmarks(response)
    html = response.content.decode()
    # The words found are marked in the title as it was written, with Arabic ي.
    assert "<mark>ديوان</mark> خواجه <mark>حافظ</mark> شيرازي" in html
    # An English reader sees the record's English title.
    assert "The Divan of Hafez of Shiraz" in page(Client(), QUERY, "en")


def test_each_hit_shows_shelfmark_institution_kind_and_date(sample) -> None:
    html = page(Client(), "/search?q=غزلیات", "en")
    assert f'href="/items/{sample.hafez.pk}"' in html
    assert "National Library and Archives of Iran" in html
    assert "Manuscript" in html
    # The date as written, then its Gregorian equivalent for an English reader.
    assert "<bdi>قرن ۱۱ ق</bdi> (1592–1689)" in html


def test_the_public_never_sees_drafts_withdrawn_or_restricted_copies(sample) -> None:
    response = Client().get(QUERY + "&lang=en")
    assert shelfmarks(response) == ["MS 5-07781", "Қ-0101"]
    assert response.context["results"].total == 2
    institutions = facet(response, "institution")
    assert {label: count for label, (count, _url, _sel) in institutions.items()} == {
        "National Library and Archives of Iran": 1,
        "National Academic Library of the Republic of Kazakhstan": 1,
    }
    html = response.content.decode()
    for hidden in ("MS DRAFT-1", "Қ-WITHDRAWN", "MS SECRET-1"):
        assert hidden not in html


def test_staff_see_every_copy(sample, staff_client) -> None:
    response = staff_client.get(QUERY + "&lang=en")
    assert shelfmarks(response) == [
        "MS 5-07781",
        "MS DRAFT-1",
        "MS SECRET-1",
        "Қ-0101",
        "Қ-WITHDRAWN",
    ]
    assert dict((k, v[0]) for k, v in facet(response, "institution").items()) == {
        "National Library and Archives of Iran": 3,
        "National Academic Library of the Republic of Kazakhstan": 2,
    }


def test_an_institutions_staff_see_its_copies_and_what_the_public_sees(sample, cataloguer) -> None:
    client = Client()
    client.force_login(cataloguer)  # of the Iranian library
    response = client.get(QUERY + "&lang=en")
    assert shelfmarks(response) == ["MS 5-07781", "MS DRAFT-1", "MS SECRET-1", "Қ-0101"]
    assert dict((k, v[0]) for k, v in facet(response, "institution").items()) == {
        "National Library and Archives of Iran": 3,
        "National Academic Library of the Republic of Kazakhstan": 1,
    }


def test_facet_values_have_labels_in_the_interface_language_and_counts(sample) -> None:
    response = Client().get(QUERY + "&lang=en")
    query = "?q=%D8%AF%DB%8C%D9%88%D8%A7%D9%86+%D8%AD%D8%A7%D9%81%D8%B8"
    assert facet(response, "kind") == {
        "Manuscript": (1, f"{query}&kind=manuscript", False),
        "Lithograph": (1, f"{query}&kind=lithograph", False),
    }
    assert "17th century" in facet(response, "century_ce")
    assert "11th century AH" in facet(response, "century_ah")
    assert "Persian" in facet(response, "language")
    assert "Arabic" in facet(response, "script")
    assert "Poetry" in facet(response, "subject")

    persian = Client().get(QUERY + "&lang=fa")
    assert "قرن ۱۱ ق" in facet(persian, "century_ah")
    assert "نسخهٔ خطی" in facet(persian, "kind")
    assert "شعر" in facet(persian, "subject")
    assert "فارسی" in facet(persian, "language")
    assert facet(persian, "kind")["نسخهٔ خطی"][0] == 1
    assert 'class="count">۱</span>' in persian.content.decode()  # counts in Persian digits

    russian = Client().get(QUERY + "&lang=ru")
    assert "XI в. х." in facet(russian, "century_ah") and "XVII в." in facet(russian, "century_ce")
    kazakh = Client().get(QUERY + "&lang=kk")
    assert "XI ғ. (х.)" in facet(kazakh, "century_ah")


def test_a_facet_link_filters_and_a_second_click_removes_it(sample) -> None:
    client = Client()
    _count, url, _selected = facet(client.get(QUERY + "&lang=en"), "kind")["Lithograph"]
    filtered = client.get("/search" + url)
    assert shelfmarks(filtered) == ["Қ-0101"]
    count, remove_url, selected = facet(filtered, "kind")["Lithograph"]
    assert selected and count == 1
    # The other kind stays offered, with its own count, to add to the filter.
    assert facet(filtered, "kind")["Manuscript"][:1] == (1,)
    assert "kind" not in dict(parse_qsl(urlsplit(remove_url).query))
    assert shelfmarks(client.get("/search" + remove_url)) == ["MS 5-07781", "Қ-0101"]


def test_values_of_one_facet_add_up_and_facets_narrow(sample) -> None:
    client = Client()
    both = client.get(QUERY + "&kind=manuscript&kind=lithograph")
    assert shelfmarks(both) == ["MS 5-07781", "Қ-0101"]
    narrowed = client.get(QUERY + f"&kind=manuscript&kind=lithograph&institution={sample.iran.pk}")
    assert shelfmarks(narrowed) == ["MS 5-07781"]
    html = narrowed.content.decode()
    assert "Filters in use" in html and "Remove filter:" in html


def test_filters_alone_search_without_a_query(sample) -> None:
    response = Client().get(f"/search?institution={sample.kazakhstan.pk}&lang=en")
    assert shelfmarks(response) == ["Қ-0101"]


def test_an_empty_query_shows_the_message_not_an_error(db) -> None:
    response = Client().get("/search?q=&lang=en")
    assert response.status_code == 200
    assert "this query has nothing to look for" in response.content.decode()


def test_a_date_range_in_any_calendar_narrows_the_results(sample) -> None:
    client = Client()
    assert shelfmarks(client.get(QUERY + "&date=1000-1100+AH")) == ["MS 5-07781", "Қ-0101"]
    assert shelfmarks(client.get(QUERY + "&date=1650-1700")) == ["MS 5-07781"]
    assert shelfmarks(client.get(QUERY + "&date=1300-1350+SH")) == []


def test_an_unreadable_date_range_is_explained(sample) -> None:
    response = Client().get(QUERY + "&date=sometime&lang=en")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error" role="alert"' in html and "The date range cannot be read" in html


def test_links_leave_out_the_empty_fields_of_a_sent_form(sample) -> None:
    response = Client().get(QUERY + "&date=&lang=en")
    assert all("date=" not in url for _label, url, _current in response.context["sorts"])


def test_bad_parameters_are_ignored_rather_than_failing(sample) -> None:
    response = Client().get(QUERY + "&institution=IR&subject=x&page=zero&sort=random&lang=en")
    assert response.status_code == 200
    assert shelfmarks(response) == ["MS 5-07781", "Қ-0101"]


def test_sort_links_keep_the_query_and_mark_the_current_order(sample) -> None:
    response = Client().get(QUERY + "&sort=title&lang=en")
    sorts = {label: (url, current) for label, url, current in response.context["sorts"]}
    assert sorts["title"][1] and not sorts["date"][1]
    assert dict(parse_qsl(urlsplit(sorts["date"][0]).query)) == {"q": "دیوان حافظ", "sort": "date"}


def test_results_are_paged(iran_library) -> None:
    for number in range(45):
        make_item(iran_library, shelfmark=f"MS 9-{number:03}", title=f"گلستان {number}")
    client = Client()
    first = client.get("/search?q=گلستان&sort=title&lang=fa")
    assert len(first.context["hits"]) == 20
    pager = first.context["pager"]
    assert (pager.current, pager.last) == (1, 3)
    assert "page=2" in pager.next_url and not pager.previous_url
    html = first.content.decode()
    assert "۴۵" in html  # the total, in Persian digits
    assert '<span aria-current="page"><span class="visually-hidden">صفحه </span>۱</span>' in html
    last = client.get("/search" + pager.pages[-1][1])
    assert len(last.context["hits"]) == 5
    assert last.context["first_number"] == 41
    assert re.search(r'<ol class="hits" start="41">', last.content.decode())
