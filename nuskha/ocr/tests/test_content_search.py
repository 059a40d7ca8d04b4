"""Search inside a book's OCR: which words a query finds, and the IIIF answer Mirador reads."""

from __future__ import annotations

import json
from typing import Any

import pytest

from nuskha.ocr.content_search import (
    PRESENTATION_CONTEXT,
    SEARCH_CONTEXT,
    Hit,
    annotation_id,
    find_hits,
    search_response,
    service_description,
)
from nuskha.ocr.hocr import Box, Line, PageText, Word
from nuskha.ocr.tests.conftest import RunOcr, assert_pure

SERVICE = "https://nuskha.example.org/iiif/3/search/42"
CANVAS = "https://nuskha.example.org/iiif/3/manifest/42/canvas/f1r"
CANVAS_2 = "https://nuskha.example.org/iiif/3/manifest/42/canvas/f1v"


def page_of(*lines: str) -> PageText:
    """A page whose words stand 100 pixels apart, lines 60 pixels apart."""
    built = []
    for row, line in enumerate(lines):
        words = tuple(
            Word(text, Box(100 * column, 60 * row, 90, 40), 90.0)
            for column, text in enumerate(line.split())
        )
        built.append(Line(Box.enclosing(word.bbox for word in words), words))
    return PageText(2000, 60 * len(lines) + 100, tuple(built))


def matched(hits: list[Hit]) -> list[str]:
    return [hit.match for hit in hits]


FINDS = [
    # (page line, query, language, what is found as written)
    # fold(): Arabic yeh and kaf for Persian ones, either way round
    ("كتابخانه ملي ايران", "کتابخانه", "fa", ["كتابخانه"]),
    ("کتابخانه ملی ایران", "كتابخانه ملي", "fa", ["کتابخانه", "ملی"]),
    # digits in any system
    ("چاپ سال ۱۳۴۰ هجری", "1340", "fa", ["۱۳۴۰"]),
    # punctuation stuck to the word by OCR
    ("کتابخانه ملی ایران.", "ایران", "fa", ["ایران."]),
    # a whole word, never part of one
    ("کتابخانه ملی ایران", "کتاب", "fa", []),
    # Persian compounds written apart, with ZWNJ, or joined, find each other
    ("ما کتاب را می خوانیم", "می‌خوانیم", "fa", ["می خوانیم"]),
    ("ما کتاب را می‌خوانیم", "می خوانیم", "fa", ["می‌خوانیم"]),
    # case, and ё as е
    ("НАЦИОНАЛЬНАЯ БИБЛИОТЕКА", "библиотека", "ru", ["БИБЛИОТЕКА"]),
    ("Ёлка и елка", "елка", "ru", ["Ёлка", "елка"]),
    # Kazakh across scripts, and a plain ASCII query
    ("Қазақстан Республикасының Ұлттық кітапханасы", "Qazaqstan", "kk", ["Қазақстан"]),
    ("Қазақстан Республикасының Ұлттық кітапханасы", "ulttyq", "kk", ["Ұлттық"]),
    # nothing to find
    ("Национальная библиотека", "", "ru", []),
    ("Национальная библиотека", "«»", "ru", []),
]


@pytest.mark.parametrize(("line", "query", "lang", "expected"), FINDS)
def test_it_finds_words_as_the_catalogue_search_does(
    line: str, query: str, lang: str, expected: list[str]
) -> None:
    assert matched(find_hits([(CANVAS, page_of(line))], query, lang)) == expected


def test_it_finds_every_occurrence_page_by_page() -> None:
    pages = [
        (CANVAS, page_of("کتاب اول", "کتاب دوم")),
        (CANVAS_2, page_of("این كتاب")),
    ]
    hits = find_hits(pages, "کتاب", "fa")
    assert [(hit.canvas_id, hit.indexes) for hit in hits] == [
        (CANVAS, (0,)),
        (CANVAS, (2,)),
        (CANVAS_2, (1,)),
    ]


def test_it_finds_loose_words_each_on_its_own() -> None:
    page = page_of("کتابخانه ملی ایران", "ایران زمین")
    assert matched(find_hits([(CANVAS, page)], "ایران ملی", "fa")) == ["ملی", "ایران", "ایران"]


def test_it_finds_a_quoted_phrase_only_as_consecutive_words() -> None:
    page = page_of("کتابخانه ملی ایران", "ایران کتابخانه ملی")
    hits = find_hits([(CANVAS, page)], '"کتابخانه ملی"', "fa")
    assert [(hit.match, hit.indexes) for hit in hits] == [
        ("کتابخانه ملی", (0, 1)),
        ("کتابخانه ملی", (4, 5)),
    ]
    assert find_hits([(CANVAS, page)], '"ملی کتابخانه"', "fa") == []


def test_a_phrase_runs_on_across_a_line_break_word_by_word() -> None:
    page = page_of("Национальная библиотека Республики", "Казахстан в Астане")
    (hit,) = find_hits([(CANVAS, page)], "«Республики Казахстан»", "ru")
    assert hit.match == "Республики Казахстан"
    assert [word.bbox for word in hit.words] == [Box(200, 0, 90, 40), Box(0, 60, 90, 40)]
    assert hit.box == Box(0, 0, 290, 100)


def test_a_hit_carries_words_either_side_as_its_snippet() -> None:
    page = page_of("one two three four five six seven eight nine ten")
    (hit,) = find_hits([(CANVAS, page)], "six", "en", context_words=3)
    assert (hit.before, hit.match, hit.after) == ("three four five ", "six", " seven eight nine")
    (first,) = find_hits([(CANVAS, page)], "one", "en")
    assert first.before == ""
    (last,) = find_hits([(CANVAS, page)], "ten", "en")
    assert last.after == ""


def test_a_word_found_by_two_query_words_is_one_hit() -> None:
    hits = find_hits([(CANVAS, page_of("کتاب كتاب"))], "کتاب كتاب", "fa")
    assert [hit.indexes for hit in hits] == [(0,), (1,)]


def test_a_page_with_no_words_has_no_hits() -> None:
    assert find_hits([(CANVAS, PageText(100, 100))], "کتاب", "fa") == []


def response_for(query: str, extra: str = "") -> dict[str, Any]:
    pages = [
        (CANVAS, page_of("کتابخانه ملی ایران", "ایران زمین")),
        (CANVAS_2, page_of("كتابخانه")),
    ]
    return search_response(find_hits(pages, query, "fa"), f"{SERVICE}?q={query}{extra}")


def test_the_answer_is_a_content_search_annotation_list() -> None:
    response = response_for("ایران")
    # §3.4: both contexts, Presentation's first; §3.3.1: @id is the query's URL.
    assert response["@context"] == [PRESENTATION_CONTEXT, SEARCH_CONTEXT]
    assert response["@context"][1] == "http://iiif.io/api/search/1/context.json"
    assert response["@id"] == f"{SERVICE}?q=ایران"
    assert response["@type"] == "sc:AnnotationList"
    assert response["within"] == {"@type": "sc:Layer", "total": 2}
    json.dumps(response)  # JSON as it stands


def test_each_matched_word_is_a_painting_annotation_on_its_box() -> None:
    resources = response_for("ایران")["resources"]
    assert resources == [
        {
            "@id": annotation_id(SERVICE, CANVAS, 2),
            "@type": "oa:Annotation",
            "motivation": "sc:painting",
            "resource": {"@type": "cnt:ContentAsText", "chars": "ایران"},
            "on": f"{CANVAS}#xywh=200,0,90,40",
        },
        {
            "@id": annotation_id(SERVICE, CANVAS, 3),
            "@type": "oa:Annotation",
            "motivation": "sc:painting",
            "resource": {"@type": "cnt:ContentAsText", "chars": "ایران"},
            "on": f"{CANVAS}#xywh=0,60,90,40",
        },
    ]


def test_each_hit_points_at_its_annotations_with_match_and_snippet() -> None:
    hits = response_for("ایران")["hits"]
    assert hits == [
        {
            "@type": "search:Hit",
            "annotations": [annotation_id(SERVICE, CANVAS, 2)],
            "match": "ایران",
            "before": "کتابخانه ملی ",
            "after": " ایران زمین",
        },
        {
            "@type": "search:Hit",
            "annotations": [annotation_id(SERVICE, CANVAS, 3)],
            "match": "ایران",
            "before": "کتابخانه ملی ایران ",
            "after": " زمین",
        },
    ]


def test_a_phrase_hit_points_at_one_annotation_per_word() -> None:
    response = response_for('"ملی ایران"')
    (hit,) = response["hits"]
    assert hit["match"] == "ملی ایران"
    assert hit["annotations"] == [
        annotation_id(SERVICE, CANVAS, 1),
        annotation_id(SERVICE, CANVAS, 2),
    ]
    assert [resource["@id"] for resource in response["resources"]] == hit["annotations"]


def test_every_hit_annotation_is_among_the_resources() -> None:
    response = response_for("کتابخانه ایران")
    ids = {resource["@id"] for resource in response["resources"]}
    assert len(ids) == len(response["resources"]) == 4
    assert all(set(hit["annotations"]) <= ids for hit in response["hits"])
    assert response["within"]["total"] == len(response["hits"]) == 4


def test_no_hits_is_an_empty_list() -> None:
    response = response_for("شاهنامه")
    assert response["resources"] == [] and response["hits"] == []
    assert response["within"]["total"] == 0


@pytest.mark.parametrize(
    ("extra", "ignored"),
    [
        ("", None),
        ("&motivation=painting", None),
        ("&user=https%3A%2F%2Fexample.org%2Fusers%2F1", ["user"]),
        ("&date=2020-01-01T00:00:00Z/2021-01-01T00:00:00Z&user=x", ["date", "user"]),
        ("&lang=fa", None),  # not a Content Search parameter
    ],
)
def test_the_layer_lists_the_parameters_it_ignored(extra: str, ignored: list[str] | None) -> None:
    assert response_for("ایران", extra)["within"].get("ignored") == ignored


@pytest.mark.parametrize(
    ("motivation", "total"),
    [("painting", 2), ("sc:painting", 2), ("commenting painting", 2), ("commenting", 0)],
)
def test_ocr_text_answers_only_a_search_for_painting(motivation: str, total: int) -> None:
    response = response_for("ایران", f"&motivation={motivation}")
    assert response["within"]["total"] == total
    assert len(response["resources"]) == total


def test_annotation_ids_stay_the_same_from_query_to_query() -> None:
    first = response_for("ایران")["resources"][0]["@id"]
    again = response_for('"ملی ایران"')["resources"][1]["@id"]
    assert first == again
    assert annotation_id(SERVICE, CANVAS, 0) != annotation_id(SERVICE, CANVAS_2, 0)
    assert annotation_id(SERVICE, CANVAS, 0).startswith(f"{SERVICE}/annotation/")


def test_the_service_url_defaults_to_the_request_without_its_query() -> None:
    hits = find_hits([(CANVAS, page_of("ایران"))], "ایران", "fa")
    given = search_response(hits, f"{SERVICE}?q=ایران", service_url=SERVICE)
    guessed = search_response(hits, f"{SERVICE}?q=ایران")
    assert given == guessed


def test_a_manifest_offers_the_search_with_this_service_block() -> None:
    assert service_description(SERVICE) == {
        "@context": "http://iiif.io/api/search/1/context.json",
        "@id": SERVICE,
        "profile": "http://iiif.io/api/search/1/search",
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    ("key", "query", "lang"),
    [
        ("fa-Arab", "ايران", "fa"),  # typed with Arabic yeh
        ("kk-Cyrl", "Ulttyq", "kk"),  # typed in Latin letters
        ("ru-Cyrl", "республики", "ru"),
    ],
)
def test_it_finds_words_on_a_page_tesseract_read(
    key: str, query: str, lang: str, ocr_runs: RunOcr
) -> None:
    run = ocr_runs(key)
    page = run.page
    hits = find_hits([(CANVAS, page)], query, lang)
    (hit,) = hits
    (word,) = hit.words
    assert word in page.words
    response = search_response(hits, f"{SERVICE}?q={query}")
    box = word.bbox
    assert response["resources"][0]["on"] == f"{CANVAS}#xywh={box.x},{box.y},{box.w},{box.h}"


@pytest.mark.slow
def test_it_does_not_import_django() -> None:
    assert_pure("nuskha.ocr.content_search")
