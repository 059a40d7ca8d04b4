"""The catalogue's rules for a record, as the model enforces them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from nuskha.catalogue.conftest import make_content, make_item
from nuskha.catalogue.models import ContentItem, Item, ItemPart

pytestmark = pytest.mark.django_db


def test_an_item_needs_a_holding_institution() -> None:
    item = Item(shelfmark="MS 1", kind=Item.Kind.MANUSCRIPT)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "institution" in error.value.message_dict
    with pytest.raises(IntegrityError):
        Item.objects.create(shelfmark="MS 1")


def test_a_shelfmark_is_unique_within_its_institution(iran_library, kazakh_library) -> None:
    make_item(iran_library, shelfmark="MS 5-1")
    make_item(kazakh_library, shelfmark="MS 5-1")  # another library may use the same mark
    with pytest.raises(IntegrityError):
        make_item(iran_library, shelfmark="MS 5-1")


def test_a_content_locus_is_validated(item) -> None:
    content = ContentItem(item=item, locus="ff. 45r–1v")
    with pytest.raises(ValidationError) as error:
        content.full_clean()
    assert "ends before it begins" in error.value.message_dict["locus"][0]


def test_a_content_locus_must_lie_within_the_volume(item) -> None:
    item.leaf_count = 40
    item.save()
    content = ContentItem(item=item, locus="ff. 1v–45r")
    with pytest.raises(ValidationError) as error:
        content.full_clean()
    assert "beyond the volume's 40 leaves" in error.value.message_dict["locus"][0]


def test_a_content_may_sit_only_in_a_part_of_its_own_volume(iran_library) -> None:
    volume = make_item(iran_library, shelfmark="MS 1")
    other = make_item(iran_library, shelfmark="MS 2")
    foreign_part = ItemPart.objects.create(item=other, label="Part I", locus="ff. 1r–10v")
    content = ContentItem(item=volume, part=foreign_part, locus="ff. 1v–5r")
    with pytest.raises(ValidationError) as error:
        content.full_clean()
    assert "part" in error.value.message_dict


def test_an_item_open_at_reduced_size_states_its_largest_size(item) -> None:
    item.access = Item.Access.OPEN_REDUCED
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "max_image_pixels" in error.value.message_dict
    item.max_image_pixels = 1200
    item.full_clean()


def test_a_date_span_must_run_forwards_and_say_how_certain_it_is(item) -> None:
    item.date_earliest, item.date_latest, item.date_certainty = (
        date(1602, 1, 1),
        date(1601, 1, 1),
        "",
    )
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert {"date_latest", "date_certainty"} <= set(error.value.message_dict)


def test_a_work_lists_every_copy_in_any_institution(iran_library, kazakh_library) -> None:
    from nuskha.catalogue.conftest import make_work

    work = make_work()
    tehran = make_item(iran_library, shelfmark="MS 1")
    astana = make_item(kazakh_library, shelfmark="R-1")
    make_content(tehran, work=work)
    make_content(astana, work=work)
    make_content(astana, locus="f. 1r", work=work)  # a second text of the same work in one volume
    assert set(work.copies()) == {tehran, astana}


def test_names_follow_the_readers_language(iran_library) -> None:
    assert iran_library.name("fa") == "سازمان اسناد و کتابخانه ملی ایران"
    assert iran_library.name("en") == "National Library and Archives of Iran"
    assert (
        iran_library.name("kk") == "National Library and Archives of Iran"
    )  # English when missing


def test_a_date_as_written_fills_the_span_and_certainty(item) -> None:
    item.date_as_written, item.date_earliest, item.date_latest, item.date_certainty = (
        "رمضان ۱۰۱۰ ق",
        None,
        None,
        "",
    )
    item.full_clean()
    assert (item.date_earliest, item.date_latest) == (date(1602, 2, 23), date(1602, 3, 24))
    assert item.date_certainty == "exact"


def test_the_cataloguers_own_span_wins_over_the_text(item) -> None:
    item.date_as_written = "قرن ۱۱ ق"
    item.date_earliest, item.date_latest, item.date_certainty = (
        date(1650, 1, 1),
        date(1660, 12, 31),
        "inferred",
    )
    item.full_clean()
    assert (item.date_earliest, item.date_latest) == (date(1650, 1, 1), date(1660, 12, 31))


def test_a_date_nuskha_cannot_read_asks_for_the_span(item) -> None:
    item.date_as_written, item.date_earliest, item.date_latest = "undated, old", None, None
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "cannot read this date" in error.value.message_dict["date_as_written"][0]
