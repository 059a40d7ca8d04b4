"""The search shows each reader exactly what nuskha.access lets them see: the public,
an institution's own staff, a partner's staff and a partner's credential, under the
agreements in force. visible_items() is the judge: hits, totals and facet counts agree
with it on both routes (few matches, many) and on both backends."""

from __future__ import annotations

import datetime
from collections import Counter
from itertools import product
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from nuskha.access import Door, visible_items
from nuskha.catalogue.conftest import make_item
from nuskha.catalogue.models import Institution, Item
from nuskha.conftest import make_institution, make_staff
from nuskha.cooperation.conftest import agree
from nuskha.search import service
from nuskha.search.conftest import partner_key
from nuskha.search.service import SearchRequest, search

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC = AnonymousUser()
WORD = "گلستان"
TODAY = datetime.date.today()


@pytest.fixture(autouse=True, params=["few matches", "many matches"])
def route(request, monkeypatch) -> str:
    """Both routes to an answer: the words' few items filtered in one pass, and the
    full-text index filtering, counting and ranking them itself."""
    monkeypatch.setattr(service, "FEW_MATCHES", 1000 if request.param == "few matches" else 0)
    return request.param


def found(reader: Any, query: str = WORD, **options: Any) -> list[str]:
    results = search(SearchRequest(query=query, reader=reader, page_size=500, **options))
    return sorted(hit.item.shelfmark for hit in results.hits)


@pytest.fixture
def holdings(iran_library: Institution) -> dict[str, Item]:
    """Iran's copies of one title, in every state the rule tells apart."""
    states = {
        "MS OPEN": {},
        "MS REDUCED": {"access": "open_reduced"},
        "MS SHARED": {"access": "restricted", "is_shareable": True},
        "MS SECRET": {"access": "restricted"},
        "MS DRAFT": {"status": "draft", "is_shareable": True},
        "MS DRAFT-SHARED": {"status": "draft", "access": "restricted", "is_shareable": True},
        "MS WITHDRAWN": {"status": "withdrawn", "access": "restricted", "is_shareable": True},
    }
    return {
        shelfmark: make_item(iran_library, shelfmark=shelfmark, title=WORD, **fields)
        for shelfmark, fields in states.items()
    }


def test_a_cataloguer_finds_their_own_institutions_drafts_but_not_anothers(
    holdings, kazakh_library, cataloguer, kz_cataloguer
) -> None:
    make_item(kazakh_library, shelfmark="Қ-DRAFT", title=WORD, status="draft")
    make_item(kazakh_library, shelfmark="Қ-OPEN", title=WORD)
    assert found(cataloguer) == sorted([*holdings, "Қ-OPEN"])
    assert found(kz_cataloguer) == ["MS OPEN", "MS REDUCED", "Қ-DRAFT", "Қ-OPEN"]
    assert found(PUBLIC) == ["MS OPEN", "MS REDUCED", "Қ-OPEN"]


@pytest.mark.parametrize("partner_reader", ["staff", "key"])
def test_a_partner_finds_shared_restricted_records_under_catalogue_exchange(
    holdings, iran_library, kazakh_library, kz_cataloguer, partner_reader
) -> None:
    reader = kz_cataloguer if partner_reader == "staff" else partner_key(kazakh_library)
    assert found(reader) == ["MS OPEN", "MS REDUCED"]
    agree(iran_library, kazakh_library, expires_on=TODAY + datetime.timedelta(days=30))
    assert found(reader) == ["MS OPEN", "MS REDUCED", "MS SHARED"]


def test_a_partners_key_does_not_find_its_own_institutions_drafts(
    holdings, iran_library, kazakh_library
) -> None:
    agree(iran_library, kazakh_library)
    make_item(kazakh_library, shelfmark="Қ-DRAFT", title=WORD, status="draft")
    assert found(partner_key(kazakh_library)) == ["MS OPEN", "MS REDUCED", "MS SHARED"]


def test_shared_records_disappear_when_the_agreement_expires(
    holdings, iran_library, kazakh_library, kz_cataloguer
) -> None:
    agreement = agree(iran_library, kazakh_library, expires_on=TODAY + datetime.timedelta(days=1))
    assert "MS SHARED" in found(kz_cataloguer)
    agreement.expires_on = datetime.date(2024, 12, 31)
    agreement.save()
    assert found(kz_cataloguer) == ["MS OPEN", "MS REDUCED"]
    assert found(partner_key(kazakh_library)) == ["MS OPEN", "MS REDUCED"]


def test_other_scopes_and_other_partners_share_no_records(
    holdings, iran_library, kazakh_library, kz_cataloguer
) -> None:
    agree(iran_library, kazakh_library, scope="digital_copies")
    assert found(kz_cataloguer) == ["MS OPEN", "MS REDUCED"]
    third = make_institution("TJ-NLT", "TJ")
    agree(third, kazakh_library)  # Kazakhstan's agreement with another library
    make_item(third, shelfmark="T-SHARED", title=WORD, access="restricted", is_shareable=True)
    assert found(kz_cataloguer) == ["MS OPEN", "MS REDUCED", "T-SHARED"]


def test_changing_an_item_changes_who_finds_it(
    holdings, iran_library, kazakh_library, kz_cataloguer
) -> None:
    agree(iran_library, kazakh_library)
    shared, secret = holdings["MS SHARED"], holdings["MS SECRET"]
    shared.is_shareable = False
    shared.save()
    secret.is_shareable = True
    secret.save()
    assert found(kz_cataloguer) == ["MS OPEN", "MS REDUCED", "MS SECRET"]
    secret.institution = kazakh_library
    secret.status = "draft"
    secret.save()
    assert found(kz_cataloguer) == ["MS OPEN", "MS REDUCED", "MS SECRET"]  # now its own
    assert found(partner_key(kazakh_library)) == ["MS OPEN", "MS REDUCED"]


# Every reader against visible_items() ---------------------------------------------------


@pytest.fixture
def collection(iran_library, kazakh_library) -> list[Item]:
    """Every state, kind and material at three libraries; Iran shares with Kazakhstan,
    the third shares with no one."""
    third = make_institution("TJ-NLT", "TJ")
    agree(iran_library, kazakh_library)
    agree(kazakh_library, iran_library, expires_on=datetime.date(2024, 12, 31))  # expired
    states = product(
        (iran_library, kazakh_library, third),
        Item.Status.values,
        Item.Access.values,
        (False, True),
    )
    items = []
    for number, (institution, status, access, is_shareable) in enumerate(states):
        items.append(
            make_item(
                institution,
                shelfmark=f"MS {number:03d}",
                title=WORD if number % 5 else f"{WORD} سعدی",
                status=status,
                access=access,
                is_shareable=is_shareable,
                kind="lithograph" if number % 3 else "manuscript",
                material="parchment" if number % 4 == 0 else "paper",
            )
        )
    return items


def readers(iran_library: Institution, kazakh_library: Institution) -> dict[str, Any]:
    return {
        "public": PUBLIC,
        "signed-in reader": _signed_in_reader(),
        "Iranian cataloguer": make_staff("maryam", iran_library),
        "Kazakh cataloguer": make_staff("aigerim", kazakh_library),
        "Kazakh key": partner_key(kazakh_library),
        "Iranian key": partner_key(iran_library),
        "administrator": make_staff("admin", None, superuser=True),
    }


def _signed_in_reader() -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("reader", "reader@example.org", "password")


def facet_counts(results: Any, name: str) -> dict[str, int]:
    return {value.value: value.count for value in results.facets[name]}


def expected_counts(items: Any, column: str) -> dict[str, int]:
    return {
        str(value): count for value, count in Counter(items.values_list(column, flat=True)).items()
    }


@pytest.mark.parametrize(
    ("query", "options"),
    [
        (WORD, {}),
        (f"{WORD} سعدی", {}),
        (WORD, {"sort": "title"}),
        (WORD, {"date_range": "1601"}),
        ("", {"filters": {"kind": ["manuscript", "lithograph"]}}),
    ],
)
def test_hits_totals_and_facets_agree_with_visible_items(
    collection, iran_library, kazakh_library, query, options
) -> None:
    words = Item.objects.filter(pk__in=[item.pk for item in collection])
    if "سعدی" in query:
        words = words.filter(titles__text__contains="سعدی")
    for name, reader in readers(iran_library, kazakh_library).items():
        visible = visible_items(reader, Door.SEARCH).filter(pk__in=words)
        results = search(SearchRequest(query=query, reader=reader, page_size=500, **options))
        assert sorted(hit.item.pk for hit in results.hits) == sorted(
            visible.values_list("pk", flat=True)
        ), name
        assert results.total == visible.count(), name
        for facet, column in (("institution", "institution_id"), ("kind", "kind")):
            assert facet_counts(results, facet) == expected_counts(visible, column), (name, facet)
        assert facet_counts(results, "material") == expected_counts(visible, "material"), name


def test_a_selected_facet_counts_as_visible_items_do(
    collection, iran_library, kazakh_library
) -> None:
    reader = partner_key(kazakh_library)
    visible = visible_items(reader, Door.SEARCH).filter(pk__in=[item.pk for item in collection])
    chosen = {"institution": [str(iran_library.pk)], "kind": ["lithograph"]}
    results = search(SearchRequest(query=WORD, reader=reader, filters=chosen, page_size=500))
    expected = visible.filter(institution=iran_library, kind="lithograph")
    assert sorted(hit.item.pk for hit in results.hits) == sorted(
        expected.values_list("pk", flat=True)
    )
    # A facet's own selection is left out of its counts.
    institutions = expected_counts(visible.filter(kind="lithograph"), "institution_id")
    assert facet_counts(results, "institution") == institutions
    kinds = expected_counts(visible.filter(institution=iran_library), "kind")
    assert facet_counts(results, "kind") == kinds
