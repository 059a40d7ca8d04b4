"""The search, as a reader meets it. The same suite runs on SQLite and on PostgreSQL
(tests/test_search_postgres.py runs this package again against a throwaway cluster)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from nuskha.catalogue.conftest import (
    language,
    make_agent,
    make_content,
    make_item,
    make_work,
    script,
)
from nuskha.catalogue.models import Item, ItemAgent, Title
from nuskha.search import service
from nuskha.search.service import SearchError, SearchRequest, search

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC = AnonymousUser()


@pytest.fixture(autouse=True, params=["few matches", "many matches"])
def route(request, monkeypatch) -> str:
    """Every test takes both routes to an answer: the words' few items ranked and filtered
    in one pass, and the full-text index filtering, counting and ranking them itself."""
    monkeypatch.setattr(service, "FEW_MATCHES", 1000 if request.param == "few matches" else 0)
    return request.param


def found(query: str, reader=PUBLIC, **options) -> list[str]:
    results = search(SearchRequest(query=query, reader=reader, **options))
    return sorted(hit.item.shelfmark for hit in results.hits)


def titled(institution, shelfmark: str, *titles: tuple[str, str, str], **fields) -> Item:
    item = Item.objects.create(
        institution=institution, shelfmark=shelfmark, status="published", **fields
    )
    for position, (text, lang, writing) in enumerate(titles):
        Title.objects.create(
            item=item, text=text, language=language(lang), script=script(writing), position=position
        )
    return item


def test_a_saved_record_is_findable_at_once(iran_library) -> None:
    make_item(iran_library, shelfmark="MS 1", title="گلستان سعدی")
    assert found("گلستان") == ["MS 1"]


def test_a_failed_save_leaves_no_index_entry(iran_library) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        make_item(iran_library, shelfmark="MS 2", title="بوستان")
        raise RuntimeError("the save failed after the item was written")
    assert found("بوستان") == []


def test_persian_letters_find_arabic_letters_and_back(iran_library) -> None:
    make_item(iran_library, shelfmark="MS 3", title="كتابخانه مركزي")  # keyed in a US library
    make_item(iran_library, shelfmark="MS 4", title="کتابخانه مرکزی")
    assert found("کتابخانه") == ["MS 3", "MS 4"]
    assert found("كتابخانة") == ["MS 3", "MS 4"]


def test_every_word_is_needed_and_phrases_keep_their_order(iran_library) -> None:
    make_item(iran_library, shelfmark="MS 5", title="دیوان حافظ شیرازی")
    make_item(iran_library, shelfmark="MS 6", title="حافظ دیوان")
    assert found("دیوان حافظ") == ["MS 5", "MS 6"]
    assert found('"دیوان حافظ"') == ["MS 5"]
    assert found("دیوان سعدی") == []


def test_prefix_and_fielded_queries(iran_library) -> None:
    item = make_item(iran_library, shelfmark="MS 7-120", title="Kitāb al-mūsīqī al-kabīr")
    ItemAgent.objects.create(item=item, agent=make_agent("farabi", "Al-Fārābī"), role="author")
    make_content(item, locus="ff. 1v–20r", incipit="الحمد لله رب العالمين")
    assert found("mūsī*") == ["MS 7-120"]
    assert found("musi*") == ["MS 7-120"]  # plain ASCII prefix
    assert found("author:farabi") == ["MS 7-120"]
    assert found("title:farabi") == []
    assert found("incipit:العالمين") == ["MS 7-120"]
    assert found("shelfmark:7") == ["MS 7-120"]
    assert found('title:"al-mūsīqī al-kabīr"') == ["MS 7-120"]


def test_kazakh_is_found_in_any_of_its_scripts(kazakh_library) -> None:
    titled(kazakh_library, "R-1", ("Астана қаласы", "kk", "Cyrl"))
    titled(kazakh_library, "R-2", ("Astana", "kk", "Latn"))
    titled(kazakh_library, "R-3", ("استانا", "kk", "Arab"))
    assert found("Астана") == ["R-1", "R-2", "R-3"]
    assert found("Astana") == ["R-1", "R-2", "R-3"]
    assert found("استانا") == ["R-1", "R-2", "R-3"]  # read as Kazakh in Kazakh fields
    assert found("قالاسى") == ["R-1"]  # қаласы, in Arabic script
    assert found("قالا") == []


def test_titles_and_names_rank_above_notes(iran_library) -> None:
    make_item(iran_library, shelfmark="MS 8", title="مجموعه", notes="یادداشتی دربارهٔ گلستان")
    make_item(iran_library, shelfmark="MS 9", title="گلستان")
    results = search(SearchRequest(query="گلستان", reader=PUBLIC))
    assert [hit.item.shelfmark for hit in results.hits] == ["MS 9", "MS 8"]


def test_the_public_never_sees_drafts_withdrawn_or_restricted_items(
    iran_library, cataloguer
) -> None:
    make_item(iran_library, shelfmark="MS 10", title="گلستان")
    make_item(iran_library, shelfmark="MS 11", title="گلستان", status="draft")
    make_item(iran_library, shelfmark="MS 12", title="گلستان", status="withdrawn")
    make_item(iran_library, shelfmark="MS 13", title="گلستان", access="restricted")
    results = search(SearchRequest(query="گلستان", reader=PUBLIC))
    assert results.total == 1
    assert results.facets["kind"][0].count == 1
    assert found("گلستان", reader=cataloguer) == ["MS 10", "MS 11", "MS 12", "MS 13"]


def test_facets_count_exactly_and_filters_combine(iran_library, kazakh_library) -> None:
    make_item(iran_library, shelfmark="MS 14", title="گلستان", kind="manuscript")
    make_item(iran_library, shelfmark="MS 15", title="گلستان", kind="lithograph")
    make_item(kazakh_library, shelfmark="R-4", title="گلستان", kind="lithograph")
    results = search(SearchRequest(query="گلستان", reader=PUBLIC))
    kinds = {v.value: v.count for v in results.facets["kind"]}
    assert kinds == {"manuscript": 1, "lithograph": 2}
    narrowed = search(
        SearchRequest(
            query="گلستان",
            reader=PUBLIC,
            filters={"kind": ["lithograph"], "institution": [str(kazakh_library.pk)]},
        )
    )
    assert [h.item.shelfmark for h in narrowed.hits] == ["R-4"]
    assert narrowed.total == 1
    assert {v.value: v.count for v in narrowed.facets["kind"]} == {"lithograph": 1}
    # a facet's own selection is left out of its counts: the other library stays in view
    institutions = {v.value: (v.count, v.selected) for v in narrowed.facets["institution"]}
    assert institutions == {str(iran_library.pk): (1, False), str(kazakh_library.pk): (1, True)}


def test_a_date_range_in_any_calendar(iran_library) -> None:
    make_item(
        iran_library,
        shelfmark="MS 16",
        title="الف",
        date_earliest=date(1601, 8, 30),
        date_latest=date(1601, 9, 28),
    )  # AH 1010
    make_item(
        iran_library,
        shelfmark="MS 17",
        title="ب",
        date_earliest=date(1921, 3, 21),
        date_latest=date(1922, 3, 20),
        date_as_written="1300 ش",
    )
    assert found("", date_range="1001-1100 AH") == ["MS 16"]
    assert found("", date_range="1300-1350 SH") == ["MS 17"]
    assert found("", date_range="1600-1650") == ["MS 16"]
    with pytest.raises(SearchError):
        search(SearchRequest(query="", reader=PUBLIC, date_range="whenever"))


def test_an_empty_or_punctuation_query_gets_a_message(db) -> None:
    for query in ("", "   ", "!!! ؟ …"):
        results = search(SearchRequest(query=query, reader=PUBLIC))
        assert results.total == 0 and "nothing to look for" in results.message


def test_titles_sort_in_the_readers_alphabet(iran_library, kazakh_library) -> None:
    titled(iran_library, "MS 18", ("لاله", "fa", "Arab"))
    titled(iran_library, "MS 19", ("کتاب", "fa", "Arab"))  # ک comes before ل in Persian order
    titled(kazakh_library, "R-5", ("бала", "kk", "Cyrl"))
    titled(kazakh_library, "R-6", ("әке", "kk", "Cyrl"))  # ә comes right after а in Kazakh
    persian = search(
        SearchRequest(
            query="",
            reader=PUBLIC,
            filters={"institution": [str(iran_library.pk)]},
            sort="title",
            language="fa",
        )
    )
    assert [h.item.shelfmark for h in persian.hits] == ["MS 19", "MS 18"]
    kazakh = search(
        SearchRequest(
            query="",
            reader=PUBLIC,
            filters={"institution": [str(kazakh_library.pk)]},
            sort="title",
            language="kk",
        )
    )
    assert [h.item.shelfmark for h in kazakh.hits] == ["R-6", "R-5"]


def test_the_match_is_highlighted_in_the_text_as_written(iran_library) -> None:
    make_item(iran_library, shelfmark="MS 20", title="ديوان حافظ شيرازي")
    hit = search(SearchRequest(query="دیوان", reader=PUBLIC)).hits[0]
    assert hit.title_html == "<mark>ديوان</mark> حافظ شيرازي"


def test_a_change_to_an_agents_names_reaches_every_item(iran_library) -> None:
    agent = make_agent("saadi", "سعدی")
    for shelfmark in ("MS 21", "MS 22"):
        ItemAgent.objects.create(
            item=make_item(iran_library, shelfmark=shelfmark, title="کلیات"),
            agent=agent,
            role="author",
        )
    name = agent.names.get()
    name.text = "شیخ مصلح‌الدین سعدی"
    name.save()
    assert found("مصلح‌الدین") == ["MS 21", "MS 22"]


def test_a_works_title_finds_its_copies(iran_library, kazakh_library) -> None:
    work = make_work("gulistan", "گلستان")
    make_content(make_item(iran_library, shelfmark="MS 23", title="مجموعه"), work=work)
    make_content(make_item(kazakh_library, shelfmark="R-7", title="Жинақ"), work=work)
    assert found("work:گلستان") == ["MS 23", "R-7"]


def test_a_hit_shows_where_its_words_were_found_when_its_title_does_not(iran_library) -> None:
    item = titled(
        iran_library, "MS 24", ("گلستان", "fa", "Arab"), ("The Rose Garden", "en", "Latn")
    )
    hit = search(SearchRequest(query="گلستان", reader=PUBLIC, language="en")).hits[0]
    assert (hit.item, hit.title, hit.matched_html) == (
        item,
        "The Rose Garden",
        "<mark>گلستان</mark>",
    )


def test_both_routes_give_the_same_page_in_the_same_order(
    iran_library, kazakh_library, cataloguer, administrator, monkeypatch
) -> None:
    for number in range(30):
        institution = iran_library if number % 3 else kazakh_library
        make_item(
            institution,
            shelfmark=f"MS {100 + number}",
            title="گلستان " * (1 + number % 4) + "سعدی",
            notes="گلستان" if number % 5 == 0 else "",
            status="draft" if number % 7 == 0 else "published",
            kind="lithograph" if number % 2 else "manuscript",
        )
    requests = [
        SearchRequest(query="گلستان", reader=PUBLIC, page=2, page_size=7),
        SearchRequest(query="گلستان سعدی", reader=cataloguer),
        SearchRequest(query="گلستان سعدی", reader=administrator),
        SearchRequest(
            query="گلستان",
            reader=PUBLIC,
            filters={"kind": ["lithograph"], "institution": [str(iran_library.pk)]},
        ),
    ]
    answers = {}
    for few in (1000, 0):
        monkeypatch.setattr(service, "FEW_MATCHES", few)
        answers[few] = [
            (r.total, [(h.item.shelfmark, round(h.score, 6)) for h in r.hits])
            for r in map(search, requests)
        ]
    assert answers[1000] == answers[0]
    # The Iranian cataloguer sees Iran's drafts, not the two Kazakh ones.
    assert [total for total, _hits in answers[0]] == [25, 28, 30, 9]
