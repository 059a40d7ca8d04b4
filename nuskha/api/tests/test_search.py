"""/api/v1/search: the catalogue's search service as JSON, facets labelled."""

from __future__ import annotations

import pytest

from nuskha.api.tests.conftest import make_subject
from nuskha.catalogue.conftest import language, make_item, script

pytestmark = pytest.mark.django_db


def search(client, query: str) -> dict:
    response = client.get(f"/api/v1/search?{query}")
    assert response.status_code == 200, response.content
    return response.json()


def test_a_persian_letter_query_finds_an_arabic_letter_record(client, iran_library) -> None:
    item = make_item(iran_library, shelfmark="MS 3", title="كتابخانه مركزي")  # keyed in the US
    body = search(client, "q=کتابخانه")
    assert body["total"] == 1
    hit = body["hits"][0]
    assert hit == {
        "id": item.pk,
        "url": f"http://127.0.0.1:8000/items/{item.pk}",
        "title": "كتابخانه مركزي",
        "title_html": "<mark>كتابخانه</mark> مركزي",
        "shelfmark": "MS 3",
        "institution": "IR-NLAI",
        "kind": "manuscript",
        "date_as_written": "ربیع الاول ۱۰۱۰ ق",
        "score": hit["score"],
    }


def test_facets_carry_values_codes_labels_counts_and_selection(
    client, iran_library, kazakh_library
) -> None:
    first = make_item(iran_library, shelfmark="MS 1", title="گلستان", kind="manuscript")
    first.languages.add(language("fa"))
    first.scripts.add(script("Arab"))
    first.subjects.add(make_subject("poetry", en="Poetry", fa="شعر"))
    make_item(iran_library, shelfmark="MS 2", title="گلستان", kind="lithograph")
    make_item(kazakh_library, shelfmark="R-1", title="گلستان", kind="lithograph")
    facets = search(client, "q=گلستان")["facets"]
    assert set(facets) == {
        "institution", "kind", "language", "script", "century_ah", "century_ce", "material",
        "subject",
    }  # fmt: skip
    assert facets["kind"] == [
        {"value": "lithograph", "code": None, "label": "lithograph", "count": 2, "selected": False},
        {"value": "manuscript", "code": None, "label": "manuscript", "count": 1, "selected": False},
    ]
    assert {(v["code"], v["label"], v["count"]) for v in facets["institution"]} == {
        ("IR-NLAI", "National Library and Archives of Iran", 2),
        ("KZ-NALRK", "National Academic Library of the Republic of Kazakhstan", 1),
    }
    assert facets["institution"][0]["value"] == str(iran_library.pk)
    assert [(v["code"], v["label"]) for v in facets["language"]] == [("fa", "Persian")]
    assert [(v["code"], v["label"]) for v in facets["script"]] == [("Arab", "Arabic")]
    assert [(v["code"], v["label"]) for v in facets["subject"]] == [("poetry", "Poetry")]
    assert facets["century_ah"] == [
        {"value": "11", "code": None, "label": "11th century AH", "count": 3, "selected": False}
    ]
    assert facets["century_ce"][0]["label"] == "17th century CE"
    assert facets["material"][0]["label"] == "paper"


def test_facet_labels_follow_the_readers_language(client, iran_library) -> None:
    item = make_item(iran_library, shelfmark="MS 1", title="گلستان")
    item.languages.add(language("fa"))
    item.subjects.add(make_subject("poetry", en="Poetry", fa="شعر"))
    facets = search(client, "q=گلستان&lang=fa")["facets"]
    assert facets["institution"][0]["label"] == "سازمان اسناد و کتابخانه ملی ایران"
    assert facets["subject"][0]["label"] == "شعر"
    assert facets["language"][0]["label"] == "فارسی"
    assert facets["kind"][0]["label"] != "manuscript"  # from the site's Persian catalogue


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ("institution=KZ-NALRK", ["R-1"]),
        ("kind=lithograph", ["MS 2", "R-1"]),
        ("kind=lithograph&institution=IR-NLAI", ["MS 2"]),
        ("kind=lithograph&kind=manuscript", ["MS 1", "MS 2", "R-1"]),
        ("language=fa", ["MS 1"]),
        ("script=Arab", ["MS 1"]),
        ("subject=poetry", ["MS 1"]),
        ("century_ah=11", ["MS 1", "MS 2", "R-1"]),
        ("century_ce=16", []),
        ("material=parchment", ["R-1"]),
        ("date_range=1601", ["MS 1", "MS 2", "R-1"]),
        ("date_range=1700", []),
    ],
)
def test_filters_by_code_or_value(
    client, iran_library, kazakh_library, filters: str, expected: list[str]
) -> None:
    first = make_item(iran_library, shelfmark="MS 1", title="گلستان")
    first.languages.add(language("fa"))
    first.scripts.add(script("Arab"))
    first.subjects.add(make_subject("poetry"))
    make_item(iran_library, shelfmark="MS 2", title="گلستان", kind="lithograph")
    make_item(
        kazakh_library, shelfmark="R-1", title="گلستان", kind="lithograph", material="parchment"
    )
    body = search(client, f"q=گلستان&{filters}")
    assert sorted(hit["shelfmark"] for hit in body["hits"]) == expected
    assert body["total"] == len(expected)


def test_a_facet_value_filters_as_its_code_does(client, iran_library, kazakh_library) -> None:
    make_item(iran_library, shelfmark="MS 1", title="گلستان")
    make_item(kazakh_library, shelfmark="R-1", title="گلستان")
    by_code = search(client, "q=گلستان&institution=KZ-NALRK")
    by_value = search(client, f"q=گلستان&institution={kazakh_library.pk}")
    assert by_code == by_value
    selected = [v for v in by_code["facets"]["institution"] if v["selected"]]
    assert [v["code"] for v in selected] == ["KZ-NALRK"]


def test_an_unknown_code_is_a_bad_request(client, iran_library) -> None:
    response = client.get("/api/v1/search?q=x&institution=XX-NONE")
    assert response.status_code == 400
    assert response.json() == {"detail": "There is no institution with the code “XX-NONE”."}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=x&date_range=not a date", "The date range cannot be read"),
        ("q=x&sort=shelfmark", "sort:"),
        ("q=x&page=0", "page:"),
        ("q=x&page_size=500", "page_size:"),
        ("q=x&century_ah=tenth", "century_ah:"),
    ],
)
def test_a_request_the_search_cannot_answer_is_a_400_in_english(
    client, db, query: str, message: str
) -> None:
    response = client.get(f"/api/v1/search?{query}&lang=fa")
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_an_empty_query_says_why_there_is_nothing(client, iran_library) -> None:
    make_item(iran_library, title="گلستان")
    body = search(client, "q=&lang=fa")
    assert body["total"] == 0 and body["hits"] == []
    assert body["message"] == "Type a word to search for: this query has nothing to look for."


def test_filters_alone_browse_the_catalogue(client, iran_library) -> None:
    make_item(iran_library, shelfmark="MS 1", kind="lithograph")
    body = search(client, "kind=lithograph")
    assert [hit["shelfmark"] for hit in body["hits"]] == ["MS 1"]
    assert body["message"] == ""


def test_paging_and_sorting(client, iran_library) -> None:
    from datetime import date

    for n, year in enumerate([1700, 1500, 1600]):
        make_item(
            iran_library, shelfmark=f"MS {n}", title=f"گلستان {n}", date_as_written=str(year),
            date_earliest=date(year, 1, 1), date_latest=date(year, 12, 31),
        )  # fmt: skip
    body = search(client, "q=گلستان&sort=date&page_size=2")
    assert [hit["shelfmark"] for hit in body["hits"]] == ["MS 1", "MS 2"]
    assert body["total"] == 3 and body["page"] == 1 and body["page_size"] == 2
    body = search(client, "q=گلستان&sort=date&page_size=2&page=2")
    assert [hit["shelfmark"] for hit in body["hits"]] == ["MS 0"]


def test_titles_come_in_the_readers_language(client, iran_library) -> None:
    from nuskha.catalogue.models import Title

    item = make_item(iran_library, title="گلستان")
    Title.objects.create(item=item, text="Gulistan", language=language("en"), script=script("Latn"))
    assert search(client, "q=گلستان&lang=en")["hits"][0]["title"] == "Gulistan"
    assert search(client, "q=گلستان&lang=fa")["hits"][0]["title"] == "گلستان"


def test_anonymous_readers_never_find_hidden_items_but_the_holders_staff_do(
    client, iran_library, cataloguer, kz_cataloguer
) -> None:
    make_item(iran_library, shelfmark="MS 1", title="گلستان")
    make_item(iran_library, shelfmark="MS 2", title="گلستان", status="draft")
    make_item(iran_library, shelfmark="MS 3", title="گلستان", status="withdrawn")
    make_item(iran_library, shelfmark="MS 4", title="گلستان", access="restricted")
    body = search(client, "q=گلستان")
    assert body["total"] == 1
    assert [hit["shelfmark"] for hit in body["hits"]] == ["MS 1"]
    assert body["facets"]["kind"][0]["count"] == 1
    client.force_login(cataloguer)  # staff of the holding library
    assert search(client, "q=گلستان")["total"] == 4
    client.force_login(kz_cataloguer)  # staff of another library, with no agreement
    assert search(client, "q=گلستان")["total"] == 1


def test_a_partners_key_finds_the_records_its_agreement_shares(
    client, iran_library, kazakh_library
) -> None:
    from nuskha.cooperation.conftest import agree
    from nuskha.cooperation.models import Credential

    make_item(iran_library, shelfmark="MS 1", title="گلستان")
    make_item(iran_library, shelfmark="MS 2", title="گلستان", access="restricted")
    make_item(
        iran_library, shelfmark="MS 3", title="گلستان", access="restricted", is_shareable=True
    )
    agree(iran_library, kazakh_library)
    _credential, key = Credential.issue(kazakh_library, "union catalogue harvester")
    response = client.get("/api/v1/search?q=گلستان", HTTP_AUTHORIZATION=f"Bearer {key}")
    body = response.json()
    assert [hit["shelfmark"] for hit in body["hits"]] == ["MS 1", "MS 3"]
    assert body["facets"]["institution"][0]["count"] == 2
    assert search(client, "q=گلستان")["total"] == 1  # without the key: the public's
