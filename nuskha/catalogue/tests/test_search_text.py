"""Every searchable field of a record, with its language and folded keys."""

import pytest

from nuskha.catalogue.conftest import language, make_agent, make_content, make_item, make_work
from nuskha.catalogue.models import ItemAgent
from nuskha.catalogue.search_text import searchable_texts
from nuskha.text import tokenize

pytestmark = pytest.mark.django_db


def test_a_records_fields_come_with_their_language_and_folded_keys(iran_library) -> None:
    item = make_item(
        iran_library, shelfmark="MS 5-1", title="كتابخانه"
    )  # Arabic letters, as US records
    ItemAgent.objects.create(item=item, agent=make_agent(), role="author")
    make_content(item, work=make_work(), incipit="به نام خداوند جان و خرد", language=language("fa"))
    texts = searchable_texts(item)
    by_field = {}
    for text in texts:
        by_field.setdefault(text.field, []).append(text)
    assert by_field["title"][0].keys == tokenize("کتابخانه")  # found however it is spelt
    assert by_field["title"][0].lang == "fa"
    assert by_field["shelfmark"][0].text == "MS 5-1"
    assert any(t.text == "ابوالقاسم فردوسی" for t in by_field["author"])
    assert by_field["incipit"][0].keys == ["به", "نام", "خداوند", "جان", "و", "خرد"]
    assert by_field["work"][0].text == "شاهنامه"
    assert all(text.text.strip() for text in texts)  # no empty fields
