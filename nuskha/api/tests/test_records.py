"""The item representation (records.py) and /items/{id}/record.json, which must say
exactly what the API's item detail says."""

from __future__ import annotations

from datetime import date

import pytest

from nuskha.catalogue.conftest import make_item

pytestmark = pytest.mark.django_db

FIELDS = [
    "id", "url", "institution", "collection", "shelfmark", "former_shelfmarks", "kind",
    "status", "access", "max_image_pixels", "is_shareable", "languages", "scripts", "subjects",
    "titles", "agents", "date", "place_as_written", "physical", "contents", "parts",
    "provenance", "notes", "created_at", "updated_at",
]  # fmt: skip


def test_record_json_is_byte_for_byte_the_api_detail(client, full_item) -> None:
    record = client.get(f"/items/{full_item.pk}/record.json")
    detail = client.get(f"/api/v1/items/{full_item.pk}")
    assert record.status_code == 200
    assert record["Content-Type"].startswith("application/json")
    assert record.content == detail.content
    assert record.json() == detail.json()


def test_the_record_has_every_field_in_its_documented_order(client, full_item) -> None:
    assert list(client.get(f"/items/{full_item.pk}/record.json").json()) == FIELDS


def test_the_record_describes_the_item_fully(client, full_item) -> None:
    record = client.get(f"/api/v1/items/{full_item.pk}").json()
    assert record["institution"] == {
        "code": "IR-NLAI",
        "names": {
            "en": "National Library and Archives of Iran",
            "fa": "سازمان اسناد و کتابخانه ملی ایران",
        },
    }
    assert record["collection"] == {"code": "majlis", "names": {"en": "Majlis"}}
    assert record["former_shelfmarks"] == [{"shelfmark": "Dorn 329", "note": "St Petersburg"}]
    assert record["languages"] == [{"code": "fa", "marc_code": "per"}]
    assert record["scripts"] == ["Arab"]
    assert record["subjects"] == [{"code": "poetry", "labels": {"en": "Poetry", "fa": "شعر"}}]
    assert record["titles"] == [
        {"text": "شاهنامه", "language": "fa", "script": "Arab", "type": "uniform"},
        {"text": "Shāhnāma", "language": "en", "script": "Latn", "type": "romanised"},
    ]
    author = record["agents"][0]
    assert author["role"] == "author" and author["name_as_written"] == "فردوسی"
    assert author["preferred_name"] == "ابوالقاسم فردوسی"
    assert [name["text"] for name in author["names"]] == ["ابوالقاسم فردوسی", "Ferdowsi"]
    assert author["names"][1] == {
        "text": "Ferdowsi", "language": "en", "script": "Latn", "form": "romanised"
    }  # fmt: skip
    assert record["date"] == {
        "as_written": "ربیع الاول ۱۰۱۰ ق",
        "earliest": "1601-08-30",
        "latest": "1601-09-28",
        "certainty": "exact",
        "calendar": "hijri",
    }
    assert record["physical"]["script_style"] == "nastaliq"
    assert record["physical"]["height_mm"] == 330
    part = record["parts"][0]
    assert part["label"] == "Part I" and part["date"]["earliest"] == "1601-07-02"
    content = record["contents"][0]
    assert content["part"] == part["id"]
    assert content["work"]["uniform_title"] == "شاهنامه"
    assert content["scribe"]["preferred_name"] == "محمود کاتب"
    assert content["incipit"] == "به نام خداوند جان و خرد"
    assert record["provenance"][0]["kind"] == "seal"
    assert record["provenance"][0]["agent"]["preferred_name"] == "محمود کاتب"


def test_a_bare_record_keeps_the_same_shape(client, iran_library) -> None:
    item = make_item(
        iran_library, date_as_written="", date_earliest=None, date_latest=None, date_certainty=""
    )
    record = client.get(f"/api/v1/items/{item.pk}").json()
    assert list(record) == FIELDS
    assert record["collection"] is None
    assert record["date"] == {
        "as_written": "", "earliest": None, "latest": None, "certainty": None, "calendar": None
    }  # fmt: skip
    assert record["contents"] == record["parts"] == record["provenance"] == []


def test_a_date_given_by_hand_for_an_unreadable_text_has_no_calendar(client, iran_library) -> None:
    item = make_item(
        iran_library,
        date_as_written="by the paper, Safavid",
        date_earliest=date(1550, 1, 1),
        date_latest=date(1650, 12, 31),
        date_certainty="inferred",
    )
    date_part = client.get(f"/api/v1/items/{item.pk}").json()["date"]
    assert date_part["certainty"] == "inferred"
    assert date_part["calendar"] == "gregorian"  # the model's default for a span by hand


def test_links_use_the_base_url_of_the_moment(client, settings, full_item) -> None:
    settings.BASE_URL = "https://nuskha.nlai.ir"
    record = client.get(f"/items/{full_item.pk}/record.json").json()
    assert record["url"] == f"https://nuskha.nlai.ir/items/{full_item.pk}"


@pytest.mark.parametrize("status", ["draft", "withdrawn"])
def test_record_json_of_a_hidden_item_is_a_404(client, iran_library, status: str) -> None:
    item = make_item(iran_library, status=status)
    response = client.get(f"/items/{item.pk}/record.json")
    assert response.status_code == 404
    assert response.json() == {"detail": f"There is no item {item.pk}."}


def test_record_json_of_a_restricted_item_is_for_staff_only(
    client, cataloguer, iran_library
) -> None:
    item = make_item(iran_library, access="restricted")
    assert client.get(f"/items/{item.pk}/record.json").status_code == 404
    client.force_login(cataloguer)
    assert client.get(f"/items/{item.pk}/record.json").json()["access"] == "restricted"


def test_record_json_of_an_unknown_item_is_a_404(client, db) -> None:
    assert client.get("/items/999999/record.json").status_code == 404
