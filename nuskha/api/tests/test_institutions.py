"""/api/v1/institutions: names, collections and counts of the items the reader may see."""

from __future__ import annotations

import pytest

from nuskha.catalogue.conftest import make_item
from nuskha.catalogue.models import Collection

pytestmark = pytest.mark.django_db


@pytest.fixture
def holdings(iran_library, kazakh_library) -> None:
    majlis = Collection.objects.create(institution=iran_library, code="majlis")
    make_item(iran_library, shelfmark="MS 1", collection=majlis)
    make_item(iran_library, shelfmark="MS 2", kind="lithograph")
    make_item(iran_library, shelfmark="MS 3", status="draft", collection=majlis)
    make_item(iran_library, shelfmark="MS 4", status="withdrawn")
    make_item(iran_library, shelfmark="MS 5", access="restricted")
    make_item(kazakh_library, shelfmark="R-1")


def test_the_list_counts_only_what_the_reader_may_see(client, holdings) -> None:
    body = client.get("/api/v1/institutions").json()
    assert body["next_cursor"] is None
    assert [(i["code"], i["country"], i["item_count"]) for i in body["items"]] == [
        ("IR-NLAI", "IR", 2),
        ("KZ-NALRK", "KZ", 1),
    ]
    assert body["items"][0]["names"]["fa"] == "سازمان اسناد و کتابخانه ملی ایران"
    assert body["items"][0]["url"] == "http://127.0.0.1:8000/institutions/IR-NLAI"


def test_staff_counts_include_every_record(staff_client, holdings) -> None:
    body = staff_client.get("/api/v1/institutions").json()
    assert [i["item_count"] for i in body["items"]] == [5, 1]


def test_the_list_pages_by_cursor(client, holdings) -> None:
    first = client.get("/api/v1/institutions?limit=1").json()
    second = client.get(f"/api/v1/institutions?limit=1&cursor={first['next_cursor']}").json()
    assert [i["code"] for i in first["items"] + second["items"]] == ["IR-NLAI", "KZ-NALRK"]
    assert second["next_cursor"] is None


def test_the_detail_gives_collections_and_counts(client, holdings) -> None:
    body = client.get("/api/v1/institutions/IR-NLAI").json()
    assert body["names"] == {
        "en": "National Library and Archives of Iran",
        "fa": "سازمان اسناد و کتابخانه ملی ایران",
    }
    assert body["time_zone"] == "Asia/Tehran" and body["country"] == "IR"
    assert body["website"] == ""
    assert body["item_count"] == 2
    assert body["item_counts_by_kind"] == {"manuscript": 1, "lithograph": 1}
    assert body["collections"] == [
        {"code": "majlis", "names": {}, "description": "", "item_count": 1}
    ]


def test_staff_see_the_counts_of_every_record(staff_client, holdings) -> None:
    body = staff_client.get("/api/v1/institutions/IR-NLAI").json()
    assert body["item_count"] == 5
    assert body["collections"][0]["item_count"] == 2


def test_an_unknown_institution_is_a_404(client, db) -> None:
    response = client.get("/api/v1/institutions/XX-NONE")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no institution with the code “XX-NONE”."}
