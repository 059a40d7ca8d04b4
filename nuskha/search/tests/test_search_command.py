"""`nuskha search` on the command line, over the demo collection as `make demo` loads it."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from nuskha.catalogue.demo.loader import load_collection, read_demo_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db) -> None:
    load_collection(read_demo_file())


def run(*args: str) -> str:
    out = StringIO()
    call_command("search", *args, stdout=out)
    return out.getvalue()


def test_a_persian_letter_query_finds_the_arabic_letter_record(demo) -> None:
    result = json.loads(run("دیوان حافظ", "--json"))
    assert [hit["shelfmark"] for hit in result["hits"]] == ["MS 5-07781"]
    assert result["total"] == 1


def test_kazakh_in_cyrillic_finds_the_1909_abai_in_arabic_script(demo) -> None:
    result = json.loads(run("Абай", "--json"))
    assert "СК-1909-01" in [hit["shelfmark"] for hit in result["hits"]]


def test_drafts_stay_out_of_the_public_search(demo) -> None:
    from nuskha.catalogue.models import Item

    draft = Item.objects.get(status="draft")
    shelfmarks = [
        h["shelfmark"] for h in json.loads(run(draft.shelfmark, "--json", "--limit", "50"))["hits"]
    ]
    assert draft.shelfmark not in shelfmarks


def test_an_empty_query_says_so_and_a_bad_date_range_is_an_error(demo) -> None:
    assert "nothing to look for" in run("!!!")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="date range"):
        run("شاهنامه", "--dates", "sometime")
