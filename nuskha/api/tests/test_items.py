"""/api/v1/items: lists, filters, cursor paging, detail, and what each reader may see."""

from __future__ import annotations

import pytest

from nuskha.catalogue.conftest import language, make_item, script
from nuskha.catalogue.models import Item

pytestmark = pytest.mark.django_db


def shelfmarks(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["shelfmark"] for item in response.json()["items"]]


def test_the_list_gives_full_records_in_id_order(client, full_item, iran_library) -> None:
    second = make_item(iran_library, shelfmark="MS 2")
    body = client.get("/api/v1/items").json()
    assert [item["id"] for item in body["items"]] == [full_item.pk, second.pk]
    assert body["next_cursor"] is None
    assert body["items"][0]["titles"][1]["text"] == "Shāhnāma"


def test_the_detail_is_the_full_record(client, full_item) -> None:
    response = client.get(f"/api/v1/items/{full_item.pk}")
    assert response.status_code == 200
    assert response.json()["shelfmark"] == "MS 5-1234"


def test_an_unknown_item_is_a_404_with_a_message(client, db) -> None:
    response = client.get("/api/v1/items/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no item 999999."}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("institution=IR-NLAI", ["MS 1", "MS 2"]),
        ("institution=KZ-NALRK", ["R-1"]),
        ("institution=XX-NONE", []),
        ("kind=lithograph", ["MS 2"]),
        ("language=kk", ["R-1"]),
        ("script=Cyrl", ["R-1"]),
        ("subject=poetry", ["MS 1"]),
        ("institution=IR-NLAI&kind=manuscript", ["MS 1"]),
    ],
)
def test_filters(client, iran_library, kazakh_library, query: str, expected: list[str]) -> None:
    from nuskha.api.tests.conftest import make_subject

    first = make_item(iran_library, shelfmark="MS 1")
    first.languages.add(language("fa"))
    first.subjects.add(make_subject("poetry"))
    make_item(iran_library, shelfmark="MS 2", kind="lithograph")
    kazakh = make_item(kazakh_library, shelfmark="R-1", title="Абай жолы")
    kazakh.languages.add(language("kk"))
    kazakh.scripts.add(script("Cyrl"))
    assert shelfmarks(client.get(f"/api/v1/items?{query}")) == expected


def test_a_filter_value_outside_the_list_is_a_bad_request(client, db) -> None:
    response = client.get("/api/v1/items?kind=scroll")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("kind:")


def test_cursor_paging_walks_every_record_once_in_order(client, iran_library) -> None:
    made = [make_item(iran_library, shelfmark=f"MS {n}").pk for n in range(7)]
    seen, cursor, pages = [], None, 0
    while True:
        url = "/api/v1/items?limit=3" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == made
    assert pages == 3


def test_a_page_that_ends_exactly_at_the_last_record_has_no_next_cursor(
    client, iran_library
) -> None:
    for n in range(4):
        make_item(iran_library, shelfmark=f"MS {n}")
    first = client.get("/api/v1/items?limit=2").json()
    second = client.get(f"/api/v1/items?limit=2&cursor={first['next_cursor']}").json()
    assert len(second["items"]) == 2
    assert second["next_cursor"] is None


def test_records_added_while_paging_are_met_at_the_end(client, iran_library) -> None:
    early = [make_item(iran_library, shelfmark=f"MS {n}").pk for n in range(3)]
    first = client.get("/api/v1/items?limit=2").json()
    late = make_item(iran_library, shelfmark="MS 0-new").pk  # sorts first by shelfmark
    rest = client.get(f"/api/v1/items?limit=10&cursor={first['next_cursor']}").json()
    assert [i["id"] for i in first["items"] + rest["items"]] == [*early, late]


@pytest.mark.parametrize("cursor", ["garbage", "MTI", "%F0%9F%92%A9"])
def test_a_bad_cursor_is_a_bad_request_with_a_clear_message(client, db, cursor: str) -> None:
    response = client.get(f"/api/v1/items?cursor={cursor}")
    assert response.status_code == 400
    assert "is not one this API gave out" in response.json()["detail"]


@pytest.mark.parametrize("limit", ["0", "101", "many"])
def test_a_limit_out_of_range_is_a_bad_request(client, db, limit: str) -> None:
    response = client.get(f"/api/v1/items?limit={limit}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("limit:")


@pytest.fixture
def hidden_items(iran_library) -> dict[str, Item]:
    return {
        "published": make_item(iran_library, shelfmark="MS 1"),
        "draft": make_item(iran_library, shelfmark="MS 2", status="draft"),
        "withdrawn": make_item(iran_library, shelfmark="MS 3", status="withdrawn"),
        "restricted": make_item(iran_library, shelfmark="MS 4", access="restricted"),
    }


def test_anonymous_readers_see_only_published_open_items(client, hidden_items) -> None:
    assert shelfmarks(client.get("/api/v1/items")) == ["MS 1"]
    for name in ("draft", "withdrawn", "restricted"):
        response = client.get(f"/api/v1/items/{hidden_items[name].pk}")
        assert response.status_code == 404, name
        assert response.json() == {"detail": f"There is no item {hidden_items[name].pk}."}


def test_a_signed_in_member_of_the_public_is_a_reader_too(client, reader, hidden_items) -> None:
    client.force_login(reader)
    assert shelfmarks(client.get("/api/v1/items")) == ["MS 1"]
    assert client.get(f"/api/v1/items/{hidden_items['draft'].pk}").status_code == 404


def test_staff_see_every_record_through_their_session(staff_client, hidden_items) -> None:
    assert shelfmarks(staff_client.get("/api/v1/items")) == ["MS 1", "MS 2", "MS 3", "MS 4"]
    for item in hidden_items.values():
        assert staff_client.get(f"/api/v1/items/{item.pk}").status_code == 200


def test_staff_may_filter_by_status(staff_client, hidden_items) -> None:
    assert shelfmarks(staff_client.get("/api/v1/items?status=draft")) == ["MS 2"]
    assert shelfmarks(staff_client.get("/api/v1/items?status=withdrawn")) == ["MS 3"]


def test_a_status_filter_never_shows_the_public_more(client, hidden_items) -> None:
    assert shelfmarks(client.get("/api/v1/items?status=draft")) == []
    assert shelfmarks(client.get("/api/v1/items?status=published")) == ["MS 1"]


def test_the_list_costs_the_same_queries_for_one_item_or_many(
    client, iran_library, django_assert_max_num_queries
) -> None:
    from nuskha.api.tests.conftest import make_full_item

    make_full_item(iran_library, "MS 1")
    with django_assert_max_num_queries(40) as one:
        client.get("/api/v1/items")
    for n in range(2, 8):
        make_full_item(iran_library, f"MS {n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        body = client.get("/api/v1/items").json()
    assert len(body["items"]) == 7
