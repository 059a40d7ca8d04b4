"""The demo collection: complete records from both libraries, loaded once, staff edits kept."""

from __future__ import annotations

import copy

import pytest

from nuskha.catalogue.demo.loader import DemoDataError, load_collection, read_demo_file
from nuskha.catalogue.models import Agent, Institution, Item, Title

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_data() -> dict:
    return read_demo_file()


@pytest.fixture
def loaded(demo_data) -> dict:
    load_collection(demo_data)
    return demo_data


def test_the_demo_has_at_least_thirty_records_from_both_libraries(loaded) -> None:
    counts = {i.code: i.items.count() for i in Institution.objects.all()}
    assert sum(counts.values()) >= 30
    assert counts["IR-NLAI"] >= 12 and counts["KZ-NALRK"] >= 12
    assert {kind for kind in Item.objects.values_list("kind", flat=True)} == set(Item.Kind.values)
    assert Item.objects.filter(parts__isnull=False).distinct().count() >= 2  # composite volumes
    assert set(Item.objects.values_list("status", flat=True)) == set(Item.Status.values)


def test_every_demo_record_is_complete(loaded) -> None:
    for item in Item.objects.prefetch_related("titles__language", "titles__script", "contents"):
        label = f"{item.institution.code} {item.shelfmark}"
        title_languages = {t.language.code for t in item.titles.all()}
        assert {"kk", "ru", "en"} <= title_languages, label
        assert any(t.script.code in ("Arab", "Cyrl") for t in item.titles.all()), label
        assert item.contents.exists() and all(c.locus for c in item.contents.all()), label
        assert item.date_as_written and item.date_earliest and item.date_latest, label
        assert item.material and (item.leaf_count or item.page_count or item.parts.exists()), label
    for agent in Agent.objects.prefetch_related("names__language"):
        languages = {n.language.code for n in agent.names.all()}
        assert {"kk", "ru", "en"} <= languages, agent.identifier


def test_the_demo_says_its_shelfmarks_and_physical_details_are_illustrative(demo_data) -> None:
    assert "illustrative" in demo_data["description"]["en"]
    assert set(demo_data["description"]) == {"fa", "kk", "ru", "en"}


def test_a_second_load_creates_nothing_and_keeps_staff_edits(loaded) -> None:
    item = Item.objects.filter(institution__code="IR-NLAI").order_by("pk").first()
    item.notes = "Checked against the shelf by a cataloguer."
    item.save()
    title = item.titles.first()
    title.text = title.text + " (ویرایش)"
    title.save()
    before = (Item.objects.count(), Title.objects.count(), Agent.objects.count())

    report = load_collection(loaded)

    assert sum(report.created.values()) == 0
    assert report.kept["items"] == len(loaded["items"])
    assert (Item.objects.count(), Title.objects.count(), Agent.objects.count()) == before
    item.refresh_from_db()
    assert item.notes == "Checked against the shelf by a cataloguer."
    assert item.titles.first().text.endswith("(ویرایش)")


def test_a_bad_record_is_named_with_its_field_and_leaves_nothing_half_written(demo_data) -> None:
    data = copy.deepcopy(demo_data)
    bad = data["items"][2]
    bad["contents"][0]["locus"] = "ff. 45r–1v"
    with pytest.raises(DemoDataError) as error:
        load_collection(data)
    message = str(error.value)
    assert message.startswith(f"items[3] ({bad['institution']} {bad['shelfmark']})")
    assert "field 'locus'" in message and "ends before it begins" in message
    assert not Item.objects.filter(shelfmark=bad["shelfmark"]).exists()  # no half-made item
    assert Item.objects.count() == 2  # the two before it went in whole
