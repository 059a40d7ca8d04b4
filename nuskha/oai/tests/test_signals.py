"""Tombstones: every deleted item of this instance leaves one; a harvested item none."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db.models import ProtectedError
from django.utils import timezone

from nuskha.catalogue.conftest import make_item
from nuskha.catalogue.models import Institution, Item
from nuskha.oai.models import HarvestedRecord, HarvestSource, Tombstone
from nuskha.oai.tests.conftest import make_collection


def test_a_deleted_item_leaves_a_tombstone_with_its_header(iran_library: Institution) -> None:
    collection = make_collection(iran_library, "lithographs", "Lithographs")
    item = make_item(iran_library, collection=collection)
    item_id = item.pk
    item.delete()
    tombstone = Tombstone.objects.get()
    assert tombstone.item_id == item_id
    assert tombstone.oai_identifier == f"oai:nuskha.localhost:IR-NLAI:{item_id}"
    assert (tombstone.institution_code, tombstone.collection_code) == ("IR-NLAI", "lithographs")
    assert tombstone.set_spec_list() == (
        "institution:IR-NLAI",
        "institution:IR-NLAI:collection:lithographs",
    )
    assert timezone.now() - tombstone.datestamp < timedelta(minutes=1)


def test_items_deleted_together_each_leave_one(iran_library: Institution) -> None:
    for n in range(3):
        make_item(iran_library, shelfmark=f"MS {n}")
    Item.objects.all().delete()
    assert Tombstone.objects.count() == 3
    assert {t.collection_code for t in Tombstone.objects.all()} == {""}


def test_a_harvested_item_leaves_none(kazakh_library: Institution) -> None:
    item = make_item(kazakh_library, shelfmark="Ms 1")
    source = HarvestSource.objects.create(base_url="https://nuskha.nlrk.kz/oai")
    HarvestedRecord.objects.create(
        item=item, source=source, oai_identifier="oai:nlrk.kz:KZ-NALRK:1", datestamp=timezone.now()
    )
    item.delete()
    assert not Tombstone.objects.exists()
    assert not HarvestedRecord.objects.exists()


def test_a_source_with_records_cannot_be_dropped_alone(kazakh_library: Institution) -> None:
    # Its records would become this instance's own, and be served back over /oai.
    item = make_item(kazakh_library, shelfmark="Ms 1")
    source = HarvestSource.objects.create(base_url="https://nuskha.nlrk.kz/oai")
    HarvestedRecord.objects.create(
        item=item, source=source, oai_identifier="oai:nlrk.kz:KZ-NALRK:1", datestamp=timezone.now()
    )
    with pytest.raises(ProtectedError):
        source.delete()


def test_a_tombstone_names_the_item_by_the_identifier_it_was_served_under(
    iran_library: Institution, settings: Any
) -> None:
    settings.OAI_REPOSITORY_ID = "nlai.ir"
    item = make_item(iran_library)
    item_id = item.pk
    item.delete()
    assert Tombstone.objects.get().oai_identifier == f"oai:nlai.ir:IR-NLAI:{item_id}"


@pytest.mark.django_db
def test_a_change_to_an_authority_gives_its_items_a_new_datestamp(iran_library) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from nuskha.catalogue.conftest import make_agent, make_item
    from nuskha.catalogue.models import AgentName, ItemAgent

    agent = make_agent()
    item = make_item(iran_library)
    other = make_item(iran_library, shelfmark="MS 2")
    ItemAgent.objects.create(item=item, agent=agent, role="author")
    long_ago = timezone.now() - timedelta(days=30)
    Item.objects.update(updated_at=long_ago)
    name = AgentName.objects.get(agent=agent)
    name.text = "حکیم ابوالقاسم فردوسی"
    name.save()
    item.refresh_from_db()
    other.refresh_from_db()
    assert item.updated_at > long_ago  # harvested again with the new name
    assert other.updated_at == long_ago
