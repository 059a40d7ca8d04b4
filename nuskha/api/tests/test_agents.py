"""/api/v1/agents: authority records with every name form, works and visible items."""

from __future__ import annotations

import pytest

from nuskha.catalogue.conftest import make_agent, make_content, make_item, make_work
from nuskha.catalogue.models import ItemAgent

pytestmark = pytest.mark.django_db


def test_the_list_pages_through_every_agent(client, db) -> None:
    made = [make_agent(f"agent-{n}", f"نام {n}").pk for n in range(5)]
    first = client.get("/api/v1/agents?limit=3").json()
    rest = client.get(f"/api/v1/agents?limit=3&cursor={first['next_cursor']}").json()
    assert [a["id"] for a in first["items"] + rest["items"]] == made
    assert rest["next_cursor"] is None
    assert first["items"][0] == {
        "id": made[0],
        "url": f"http://127.0.0.1:8000/agents/{made[0]}",
        "kind": "person",
        "preferred_name": "نام 0",
        "dates": {"as_written": "329–411 AH", "birth_year": 940, "death_year": 1020},
        "identifiers": {"local": "agent-0", "viaf": None, "wikidata": None},
    }


def test_a_bad_cursor_is_a_bad_request(client, db) -> None:
    assert client.get("/api/v1/agents?cursor=nonsense").status_code == 400


def test_the_detail_gives_names_works_and_roles(client, full_item) -> None:
    author = full_item.agents.get(role="author").agent
    body = client.get(f"/api/v1/agents/{author.pk}").json()
    assert [(n["text"], n["language"], n["script"]) for n in body["names"]] == [
        ("ابوالقاسم فردوسی", "fa", "Arab"),
        ("Ferdowsi", "en", "Latn"),
    ]
    assert [work["uniform_title"] for work in body["works"]] == ["شاهنامه"]
    assert body["items"] == [
        {
            "id": full_item.pk,
            "url": f"http://127.0.0.1:8000/items/{full_item.pk}",
            "institution": "IR-NLAI",
            "shelfmark": "MS 5-1234",
            "title": "شاهنامه",
            "roles": ["author"],
        }
    ]


def test_a_scribe_of_a_text_in_the_volume_has_the_scribe_role(client, iran_library) -> None:
    scribe = make_agent("katib")
    item = make_item(iran_library)
    ItemAgent.objects.create(item=item, agent=scribe, role="owner")
    make_content(item, scribe=scribe)
    assert client.get(f"/api/v1/agents/{scribe.pk}").json()["items"][0]["roles"] == [
        "owner",
        "scribe",
    ]


def test_items_the_reader_may_not_see_are_left_out(client, iran_library, cataloguer) -> None:
    agent = make_agent()
    for shelfmark, fields in [
        ("MS 1", {}),
        ("MS 2", {"status": "draft"}),
        ("MS 3", {"status": "withdrawn"}),
        ("MS 4", {"access": "restricted"}),
    ]:
        item = make_item(iran_library, shelfmark=shelfmark, **fields)
        ItemAgent.objects.create(item=item, agent=agent, role="author")
    shown = client.get(f"/api/v1/agents/{agent.pk}").json()["items"]
    assert [item["shelfmark"] for item in shown] == ["MS 1"]
    client.force_login(cataloguer)
    shown = client.get(f"/api/v1/agents/{agent.pk}").json()["items"]
    assert [item["shelfmark"] for item in shown] == ["MS 1", "MS 2", "MS 3", "MS 4"]


def test_an_unknown_agent_is_a_404(client, db) -> None:
    response = client.get("/api/v1/agents/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no agent 999999."}


def test_works_by_the_agent_are_listed(client, db) -> None:
    agent = make_agent()
    make_work("shahnama", author=agent)
    make_work("yusuf-u-zulaykha", "یوسف و زلیخا", author=agent)
    works = client.get(f"/api/v1/agents/{agent.pk}").json()["works"]
    assert [work["uniform_title"] for work in works] == ["شاهنامه", "یوسف و زلیخا"]
    assert works[0]["url"].endswith(f"/works/{works[0]['id']}")
