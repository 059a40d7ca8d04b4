"""OCR of ingested pages: the text is kept, searchable, and answers IIIF Content Search."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import AnonymousUser

from nuskha.catalogue.conftest import make_item
from nuskha.catalogue.models import Item, Language, Script
from nuskha.images.ingest import ingest
from nuskha.images.models import Page
from nuskha.jobs.models import Job
from nuskha.jobs.worker import Worker
from nuskha.ocr.jobs import queue_recognition
from nuskha.ocr.models import PageText
from nuskha.ocr.recognition import language_pairs, model_for_item, recognise_item
from nuskha.ocr.tests.conftest import render_page
from nuskha.search.service import SearchRequest, search

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PERSIAN = "کتابخانه ملی ایران\nنسخه‌های خطی فارسی در کتابخانه نگهداری می‌شود"
RUSSIAN = "Национальная библиотека\nРеспублики Казахстан"


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


def printed_book(shelfmark: str, language: str, script: str, title: str) -> Item:
    item = make_item(shelfmark=shelfmark, title=title, kind=Item.Kind.PRINTED_BOOK)
    item.languages.set([Language.objects.get(code=language)])
    item.scripts.set([Script.objects.get(code=script)])
    item.titles.update(
        language=Language.objects.get(code=language), script=Script.objects.get(code=script)
    )
    return item


def pages_of(tmp_path: Path, texts: list[tuple[str, str]]) -> Path:
    folder = tmp_path / "scans"
    folder.mkdir()
    for number, (text, font) in enumerate(texts, start=1):
        render_page(text, font, folder / f"{number:03d}.png")
    return folder


def test_the_model_follows_the_items_languages_and_scripts():
    persian = printed_book("P 1", "fa", "Arab", "کتاب")
    persian.languages.add(Language.objects.get(code="ar"))
    assert language_pairs(persian) == [("fa", "Arab"), ("ar", "Arab")]
    assert model_for_item(persian) == "fas+ara"
    kazakh_arabic = printed_book("P 2", "kk", "Arab", "قازاق")
    assert model_for_item(kazakh_arabic) == "Arabic"
    assert model_for_item(printed_book("P 3", "kk", "Cyrl", "Қазақ")) == "kaz"
    assert model_for_item(printed_book("P 4", "ru", "Cyrl", "Книга")) == "rus"


def test_ingesting_a_printed_book_queues_its_reading(tmp_path):
    item = printed_book("P 5", "ru", "Cyrl", "Книга")
    ingest(item, pages_of(tmp_path, [(RUSSIAN, "DejaVu Serif 12")]))
    job = Job.objects.get(name="nuskha.ocr.jobs.recognise")
    page = Page.objects.get(item=item)
    assert job.arguments == {"item_id": item.pk, "page_ids": [page.pk], "again": False}
    while Worker().run_one():
        pass
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.result == {"pages": 1}
    assert "библиотека" in PageText.objects.get(page=page).text.casefold()
    again = queue_recognition(item)  # read already, and the master has not changed since
    while Worker().run_one():
        pass
    again.refresh_from_db()
    assert again.result == {"pages": 0}


def test_a_manuscript_is_not_read_unless_asked(tmp_path):
    item = make_item(shelfmark="MS 9")
    ingest(item, pages_of(tmp_path, [(PERSIAN, "Noto Naskh Arabic 14")]))
    assert not Job.objects.filter(name="nuskha.ocr.jobs.recognise").exists()


def test_recognised_text_is_kept_and_found_by_search_and_content_search(tmp_path, client):
    item = printed_book("P 6", "fa", "Arab", "یک کتاب چاپی")
    ingest(
        item,
        pages_of(tmp_path, [(RUSSIAN, "DejaVu Serif 12"), (PERSIAN, "Noto Naskh Arabic 14")]),
    )
    item.languages.add(Language.objects.get(code="ru"))
    item.scripts.add(Script.objects.get(code="Cyrl"))
    assert recognise_item(item, workers=2) == 2
    second = PageText.objects.get(page__position=2)
    assert "کتابخانه" in second.text and second.model.startswith("fas")
    assert second.recognised_page().words[0].bbox.w > 0

    # The catalogue knows nothing of "نگهداری": only the page does; Arabic letters find it.
    found = search(SearchRequest(query="نگهداري", reader=AnonymousUser()))
    assert [hit.item.pk for hit in found.hits] == [item.pk]
    found = search(SearchRequest(query="text:Казахстан", reader=AnonymousUser()))
    assert [hit.item.pk for hit in found.hits] == [item.pk]

    answer = client.get(f"/iiif/3/search/{item.pk}", {"q": "کتابخانه"})
    assert answer.status_code == 200 and answer["Access-Control-Allow-Origin"] == "*"
    hits = answer.json()
    assert hits["within"]["total"] >= 2
    canvas = hits["resources"][0]["on"]
    assert canvas.startswith(f"http://127.0.0.1:8000/iiif/3/manifest/{item.pk}/canvas/")
    assert "#xywh=" in canvas


def test_content_search_of_a_restricted_item_is_refused_to_the_public(client):
    item = make_item(shelfmark="MS 10", access=Item.Access.RESTRICTED)
    assert client.get(f"/iiif/3/search/{item.pk}", {"q": "x"}).status_code == 401


def test_search_results_name_the_pages_the_words_are_on(tmp_path, client):
    item = printed_book("P 7", "ru", "Cyrl", "Книга без этих слов")
    ingest(item, pages_of(tmp_path, [(RUSSIAN, "DejaVu Serif 12")]), scheme="page")
    recognise_item(item, workers=1)
    answer = client.get("/search", {"q": "Казахстан", "lang": "en"})
    assert answer.status_code == 200
    page = answer.content.decode()
    assert f'href="/items/{item.pk}?{urlencode({"q": "Казахстан"})}"' in page
    assert "Found in the text of the pages:" in page and '<span dir="ltr">1</span>' in page
