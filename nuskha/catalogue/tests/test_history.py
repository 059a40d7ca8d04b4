"""Every change is kept, inline rows included: who changed what, and when."""

from __future__ import annotations

import pytest

from nuskha.catalogue.conftest import language, make_agent, make_item, script
from nuskha.catalogue.history import record_timeline
from nuskha.catalogue.models import Provenance
from nuskha.catalogue.tests.test_item_admin import INLINES, inline_rows, signed_in

pytestmark = pytest.mark.django_db


def edit_form(item, titles, provenance=(), agents=()) -> dict:
    data = {
        "institution": item.institution_id,
        "shelfmark": item.shelfmark,
        "kind": item.kind,
        "status": item.status,
        "access": item.access,
        "leaf_count": item.leaf_count,
        "date_as_written": item.date_as_written,
        "date_earliest": item.date_earliest,
        "date_latest": item.date_latest,
        "date_certainty": item.date_certainty,
        "material": item.material,
    }
    rows = {"titles": titles, "provenance": list(provenance), "agents": list(agents)}
    initial = {
        "titles": item.titles.count(),
        "provenance": item.provenance.count(),
        "agents": item.agents.count(),
    }
    for prefix in INLINES:
        data.update(inline_rows(prefix, rows.get(prefix, []), initial.get(prefix, 0)))
    return data


def test_a_changed_inline_title_is_in_the_records_history(cataloguer, iran_library) -> None:
    item = make_item(iran_library, title="شاهنامه")
    title = item.titles.get()
    new_titles = [
        {
            "id": title.pk,
            "item": item.pk,
            "text": "شاهنامهٔ فردوسی",
            "language": language("fa").pk,
            "script": script("Arab").pk,
            "title_type": "uniform",
            "position": 0,
        }
    ]
    new_mark = [{"kind": "waqf", "text": "وقف آستان قدس", "position": 0}]
    client = signed_in(cataloguer)
    response = client.post(
        f"/staff/catalogue/item/{item.pk}/change/", edit_form(item, new_titles, new_mark)
    )
    assert response.status_code == 302

    entries = record_timeline(item)
    title_change = next(e for e in entries if e.what == "title" and e.action == "changed")
    assert title_change.who == "maryam"
    assert [(c.field, c.old, c.new) for c in title_change.changes] == [
        ("title", "شاهنامه", "شاهنامهٔ فردوسی")
    ]
    provenance_added = next(e for e in entries if e.what == "provenance" and e.action == "created")
    assert provenance_added.who == "maryam"
    assert ("kind", "", "endowment (waqf)") in [
        (c.field, c.old, c.new) for c in provenance_added.changes
    ]

    page = client.get(f"/staff/catalogue/item/{item.pk}/history/").content.decode()
    assert "شاهنامهٔ فردوسی" in page and "maryam" in page and "endowment (waqf)" in page
    assert (
        "شاهنامهٔ فردوسی" in client.get(f"/staff/catalogue/item/{item.pk}/change/").content.decode()
    )


def test_a_deleted_provenance_entry_stays_in_the_history(iran_library) -> None:
    item = make_item(iran_library)
    mark = Provenance.objects.create(item=item, kind="seal", text="مهر")
    mark.delete()
    actions = [(e.what, e.action) for e in record_timeline(item)]
    assert ("provenance", "deleted") in actions and ("provenance", "created") in actions


def test_agent_roles_and_language_changes_are_kept(iran_library) -> None:
    item = make_item(iran_library)
    item.languages.add(language("fa"))
    from nuskha.catalogue.models import ItemAgent

    ItemAgent.objects.create(item=item, agent=make_agent(), role="scribe")
    entries = record_timeline(item)
    assert any(
        e.what == "agent on the item"
        and ("role", "", "scribe") in [(c.field, c.old, c.new) for c in e.changes]
        for e in entries
    )
