"""/api/v1/works: uniform titles, author, subjects, and copies across institutions."""

from __future__ import annotations

import pytest

from nuskha.api.tests.conftest import make_subject
from nuskha.catalogue.conftest import (
    language,
    make_agent,
    make_content,
    make_item,
    make_work,
    script,
)
from nuskha.catalogue.models import WorkTitle

pytestmark = pytest.mark.django_db


def test_the_list_pages_through_every_work(client, db) -> None:
    author = make_agent()
    made = [make_work(f"work-{n}", f"کتاب {n}", author=author).pk for n in range(3)]
    first = client.get("/api/v1/works?limit=2").json()
    rest = client.get(f"/api/v1/works?limit=2&cursor={first['next_cursor']}").json()
    assert [w["id"] for w in first["items"] + rest["items"]] == made
    assert rest["next_cursor"] is None
    assert first["items"][0]["author"] == {"id": author.pk, "preferred_name": "ابوالقاسم فردوسی"}
    assert first["items"][0]["language"] == "fa"


def test_the_detail_gives_titles_subjects_and_copies_in_every_institution(
    client, iran_library, kazakh_library
) -> None:
    work = make_work(author=make_agent())
    WorkTitle.objects.create(
        work=work, text="Shāhnāma", language=language("en"), script=script("Latn"),
        form_type="romanised", position=1,
    )  # fmt: skip
    work.subjects.add(make_subject("epic", en="Epic poetry"))
    tehran = make_item(iran_library, shelfmark="MS 1")
    make_content(tehran, "ff. 1v–200r", work=work)
    make_content(tehran, "ff. 201v–300r", work=work)
    almaty = make_item(kazakh_library, shelfmark="R-1")
    make_content(almaty, "ff. 3r–90v", work=work)
    body = client.get(f"/api/v1/works/{work.pk}").json()
    assert body["uniform_title"] == "شاهنامه"
    assert [t["text"] for t in body["uniform_titles"]] == ["شاهنامه", "Shāhnāma"]
    assert body["uniform_titles"][1]["form"] == "romanised"
    assert body["subjects"] == [{"code": "epic", "labels": {"en": "Epic poetry"}}]
    assert [(c["institution"]["code"], c["shelfmark"], c["loci"]) for c in body["copies"]] == [
        ("IR-NLAI", "MS 1", ["ff. 1v–200r", "ff. 201v–300r"]),
        ("KZ-NALRK", "R-1", ["ff. 3r–90v"]),
    ]


def test_copies_the_reader_may_not_see_are_left_out(client, iran_library, cataloguer) -> None:
    work = make_work()
    make_content(make_item(iran_library, shelfmark="MS 1"), work=work)
    make_content(make_item(iran_library, shelfmark="MS 2", status="draft"), work=work)
    make_content(make_item(iran_library, shelfmark="MS 3", access="restricted"), work=work)
    copies = client.get(f"/api/v1/works/{work.pk}").json()["copies"]
    assert [copy["shelfmark"] for copy in copies] == ["MS 1"]
    client.force_login(cataloguer)
    copies = client.get(f"/api/v1/works/{work.pk}").json()["copies"]
    assert [copy["shelfmark"] for copy in copies] == ["MS 1", "MS 2", "MS 3"]


def test_an_unknown_work_is_a_404(client, db) -> None:
    assert client.get("/api/v1/works/999999").json() == {"detail": "There is no work 999999."}
