"""IIIF Presentation 3.0 manifests (manifests.py): a Persian manuscript, a Russian book
and a Kazakh one, with pages as ingest records them (no image files needed)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from iiif_prezi3 import Manifest

from nuskha.catalogue.conftest import language, make_agent, make_item, script
from nuskha.catalogue.models import (
    AgentName,
    Collection,
    CollectionName,
    Institution,
    Item,
    ItemAgent,
    Title,
)
from nuskha.images.manifests import (
    SEARCH_PROFILE,
    build_manifest,
    canvas_url,
    manifest_url,
    reading_direction,
    with_manifest_relations,
)
from nuskha.images.models import Page
from nuskha.images.tests.builders import FOLIO_HEIGHT, FOLIO_WIDTH, make_page, make_pages

BASE = "https://nuskha.example.org"
PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
INTERFACE_LANGUAGES = ["en", "fa", "kk", "ru"]


def add_title(item: Item, text: str, tag: str, script_code: str, **fields: Any) -> Title:
    position = item.titles.count()
    return Title.objects.create(
        item=item,
        text=text,
        language=language(tag),
        script=script(script_code),
        position=position,
        **fields,
    )


@pytest.fixture
def shahnama(iran_library: Institution) -> Item:
    """A Persian manuscript of the Shāhnāma: two Persian titles and an English one."""
    item = make_item(iran_library, height_mm=250, width_mm=160)
    add_title(item, "شاهنامهٔ فردوسی", "fa", "Arab", title_type=Title.Type.COLOPHON)
    add_title(item, "The Book of Kings", "en", "Latn", title_type=Title.Type.TRANSLATED)
    item.languages.add(language("fa"))
    item.scripts.add(script("Arab"))
    ferdowsi = make_agent()
    AgentName.objects.create(
        agent=ferdowsi, text="Фирдоуси", language=language("ru"), script=script("Cyrl"), position=1
    )
    ItemAgent.objects.create(item=item, agent=ferdowsi, role="author")
    return item


@pytest.fixture
def russian_book(kazakh_library: Institution) -> Item:
    """A book printed in Kazan in Russian, held in Almaty."""
    item = Item.objects.create(
        institution=kazakh_library,
        shelfmark="Р-1874/12",
        kind=Item.Kind.PRINTED_BOOK,
        status=Item.Status.PUBLISHED,
        date_as_written="1874",
        page_count=240,
    )
    add_title(item, "Киргизская хрестоматия", "ru", "Cyrl")
    item.languages.add(language("ru"))
    item.scripts.add(script("Cyrl"))
    return item


@pytest.fixture
def kazakh_book(kazakh_library: Institution) -> Item:
    item = Item.objects.create(
        institution=kazakh_library,
        shelfmark="КР-1923/4",
        kind=Item.Kind.PRINTED_BOOK,
        status=Item.Status.PUBLISHED,
    )
    add_title(item, "Қазақ әдебиеті", "kk", "Cyrl")
    add_title(item, "Казахская литература", "ru", "Cyrl", title_type=Title.Type.TRANSLATED)
    return item


def manifest_of(item: Item, labels: list[str] | None = None) -> dict[str, Any]:
    pages = make_pages(item, labels or ["1r", "1v", "2r"])
    return build_manifest(item, pages, base_url=BASE)


def metadata_entry(manifest: dict[str, Any], english_label: str) -> dict[str, Any]:
    for entry in manifest["metadata"]:
        if entry["label"]["en"] == [english_label]:
            return entry
    raise AssertionError(f"no metadata entry {english_label!r}")


# The manifest itself -------------------------------------------------------------------


@pytest.mark.django_db
def test_it_is_a_presentation_3_manifest_at_its_public_id(shahnama: Item) -> None:
    manifest = manifest_of(shahnama)

    assert list(manifest)[0] == "@context"
    # Presentation last (§4.6), after the context of the Content Search 1.0 service.
    assert manifest["@context"][-1] == PRESENTATION_CONTEXT
    assert manifest["id"] == f"{BASE}/iiif/3/manifest/{shahnama.pk}"
    assert manifest["type"] == "Manifest"
    json.dumps(manifest)  # plain JSON data, ready for a response


@pytest.mark.django_db
def test_manifest_url_is_under_the_public_base_url(shahnama: Item, settings: Any) -> None:
    settings.BASE_URL = "https://manuscripts.nlai.example"

    assert (
        manifest_url(shahnama) == f"https://manuscripts.nlai.example/iiif/3/manifest/{shahnama.pk}"
    )
    assert manifest_url(shahnama, base_url=BASE) == f"{BASE}/iiif/3/manifest/{shahnama.pk}"


@pytest.mark.django_db
def test_its_label_gives_every_title_under_its_language(shahnama: Item) -> None:
    assert manifest_of(shahnama)["label"] == {
        "fa": ["شاهنامه", "شاهنامهٔ فردوسی"],
        "en": ["The Book of Kings"],
    }


@pytest.mark.django_db
def test_an_item_without_titles_is_labelled_by_its_shelfmark(russian_book: Item) -> None:
    russian_book.titles.all().delete()

    assert manifest_of(russian_book)["label"] == {"none": ["Р-1874/12"]}


@pytest.mark.django_db
def test_an_item_without_pages_has_no_manifest(shahnama: Item) -> None:
    with pytest.raises(ValueError, match="no pages"):
        build_manifest(shahnama, [], base_url=BASE)


# Canvases ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_page_is_a_canvas_painted_with_its_image(shahnama: Item) -> None:
    manifest = manifest_of(shahnama)
    pages = list(Page.objects.filter(item=shahnama))

    assert [canvas["label"] for canvas in manifest["items"]] == [
        {"none": ["1r"]},
        {"none": ["1v"]},
        {"none": ["2r"]},
    ]
    canvas, page = manifest["items"][0], pages[0]
    service = f"{BASE}/iiif/3/image/{page.image_id}"
    assert canvas["id"] == f"{BASE}/iiif/3/manifest/{shahnama.pk}/canvas/{page.pk}"
    assert canvas["type"] == "Canvas"
    assert (canvas["width"], canvas["height"]) == (FOLIO_WIDTH, FOLIO_HEIGHT)
    [annotation_page] = canvas["items"]
    assert annotation_page["type"] == "AnnotationPage"
    [painting] = annotation_page["items"]
    assert painting["type"] == "Annotation"
    assert painting["motivation"] == "painting"
    assert painting["target"] == canvas["id"]
    assert painting["body"] == {
        "id": f"{service}/full/max/0/default.jpg",
        "type": "Image",
        "format": "image/jpeg",
        "width": FOLIO_WIDTH,
        "height": FOLIO_HEIGHT,
        "service": [{"id": service, "type": "ImageService3", "profile": "level2"}],
    }


@pytest.mark.django_db
def test_every_id_in_a_manifest_is_distinct(shahnama: Item) -> None:
    manifest = manifest_of(shahnama)
    ids = [
        resource["id"]
        for canvas in manifest["items"]
        for resource in (canvas, canvas["items"][0], canvas["items"][0]["items"][0])
    ]

    assert len(ids) == len(set(ids)) == 9


@pytest.mark.django_db
def test_a_canvas_keeps_its_id_when_pages_are_renumbered_or_rescanned(shahnama: Item) -> None:
    pages = make_pages(shahnama, ["1r", "1v"])
    before = [canvas_url(page, base_url=BASE) for page in pages]
    # A missed leaf is ingested before them, and 1r is scanned again.
    make_page(shahnama, 1, "flyleaf", name="0000.tif")
    pages[0].position, pages[0].image_id = 2, f"{shahnama.pk}-{'f' * 20}"
    pages[0].save()
    pages[1].position = 3
    pages[1].save()
    reordered = list(Page.objects.filter(item=shahnama).order_by("position"))

    canvases = build_manifest(shahnama, reordered, base_url=BASE)["items"]

    assert [canvas["id"] for canvas in canvases[1:]] == before


@pytest.mark.django_db
def test_thumbnails_are_small_images_from_the_page_service(shahnama: Item) -> None:
    manifest = manifest_of(shahnama)
    first = Page.objects.filter(item=shahnama).first()
    assert first is not None
    service = f"{BASE}/iiif/3/image/{first.image_id}"
    # 2400 x 3200 in a 256 px box, in the canonical form the tile cache keys on.
    thumbnail = {
        "id": f"{service}/full/192,256/0/default.jpg",
        "type": "Image",
        "format": "image/jpeg",
        "width": 192,
        "height": 256,
        "service": [{"id": service, "type": "ImageService3", "profile": "level2"}],
    }

    assert manifest["thumbnail"] == [thumbnail]
    assert manifest["items"][0]["thumbnail"] == [thumbnail]


@pytest.mark.django_db
def test_a_page_smaller_than_a_thumbnail_is_its_own(shahnama: Item) -> None:
    page = make_page(shahnama, 1, "1r", width=200, height=240)

    [thumbnail] = build_manifest(shahnama, [page], base_url=BASE)["thumbnail"]

    assert thumbnail["id"].endswith("/full/max/0/default.jpg")
    assert (thumbnail["width"], thumbnail["height"]) == (200, 240)


@pytest.mark.django_db
def test_an_item_open_at_reduced_size_paints_the_size_readers_get(shahnama: Item) -> None:
    shahnama.access, shahnama.max_image_pixels = Item.Access.OPEN_REDUCED, 1600
    shahnama.save()

    [canvas, *_] = manifest_of(shahnama)["items"]
    body = canvas["items"][0]["items"][0]["body"]

    assert (canvas["width"], canvas["height"]) == (FOLIO_WIDTH, FOLIO_HEIGHT)
    assert body["id"].endswith("/full/max/0/default.jpg")
    assert (body["width"], body["height"]) == (1200, 1600)


# Reading direction ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_persian_manuscript_reads_right_to_left(shahnama: Item) -> None:
    manifest = manifest_of(shahnama)

    assert manifest["viewingDirection"] == "right-to-left"
    assert manifest["behavior"] == ["paged"]


@pytest.mark.django_db
def test_a_russian_book_reads_left_to_right(russian_book: Item) -> None:
    manifest = manifest_of(russian_book, ["1", "2"])

    assert manifest["viewingDirection"] == "left-to-right"
    assert manifest["behavior"] == ["paged"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("scripts", "titles", "direction"),
    [
        # The item's scripts decide when they agree, whatever the titles.
        (["Arab"], [("kk", "Cyrl", "uniform")], "right-to-left"),  # Kazakh in Arabic script
        (["Aran"], [], "right-to-left"),
        (["Cyrl"], [("ar", "Arab", "uniform")], "left-to-right"),
        # Several scripts, or none: the first title as written.
        (["Arab", "Cyrl"], [("ru", "Cyrl", "uniform")], "left-to-right"),
        (["Arab", "Cyrl"], [("chg", "Arab", "uniform")], "right-to-left"),
        ([], [("fa", "Latn", "romanised"), ("fa", "Arab", "supplied")], "right-to-left"),
        ([], [("en", "Latn", "translated"), ("kk", "Cyrl", "uniform")], "left-to-right"),
        ([], [("ar", "Latn", "romanised")], "left-to-right"),
        ([], [], "left-to-right"),
    ],
)
def test_reading_direction_follows_the_script_the_book_is_written_in(
    iran_library: Institution,
    scripts: list[str],
    titles: list[tuple[str, str, str]],
    direction: str,
) -> None:
    item = Item.objects.create(institution=iran_library, shelfmark="MS 1")
    item.scripts.add(*(script(code) for code in scripts))
    for number, (tag, script_code, title_type) in enumerate(titles):
        add_title(item, f"Title {number}", tag, script_code, title_type=title_type)

    assert reading_direction(item) == direction


@pytest.mark.django_db
def test_an_archival_document_shows_each_page_alone(russian_book: Item) -> None:
    russian_book.kind = Item.Kind.ARCHIVAL_DOCUMENT
    russian_book.save()

    assert manifest_of(russian_book, ["1"])["behavior"] == ["individuals"]


# Metadata, rights and links ------------------------------------------------------------


@pytest.mark.django_db
def test_metadata_labels_are_in_english_and_the_interface_languages(shahnama: Item) -> None:
    manifest = manifest_of(shahnama)

    for entry in manifest["metadata"]:
        assert list(entry["label"]) == INTERFACE_LANGUAGES
    assert metadata_entry(manifest, "Shelfmark") == {
        "label": {
            "en": ["Shelfmark"],
            "fa": ["شمارهٔ بازیابی"],
            "kk": ["Шифр"],
            "ru": ["Шифр хранения"],
        },
        "value": {"none": ["MS 5-1234"]},
    }


@pytest.mark.django_db
def test_metadata_describes_the_manuscript(shahnama: Item) -> None:
    manifest = manifest_of(shahnama)

    assert [entry["label"]["en"][0] for entry in manifest["metadata"]] == [
        "Shelfmark",
        "Holding institution",
        "Kind of item",
        "Date",
        "Author",
        "Languages",
        "Material",
        "Dimensions",
        "Leaves",
    ]
    assert metadata_entry(manifest, "Holding institution")["value"] == {
        "en": ["National Library and Archives of Iran"],
        "fa": ["سازمان اسناد و کتابخانه ملی ایران"],
    }
    assert metadata_entry(manifest, "Kind of item")["value"]["en"] == ["Manuscript"]
    assert metadata_entry(manifest, "Author")["value"] == {
        "fa": ["ابوالقاسم فردوسی"],
        "ru": ["Фирдоуси"],
    }
    assert metadata_entry(manifest, "Languages")["value"]["ru"] == ["Персидский"]
    assert metadata_entry(manifest, "Material")["value"]["en"] == ["Paper"]
    assert metadata_entry(manifest, "Dimensions")["value"]["en"] == ["250 × 160 mm"]
    assert metadata_entry(manifest, "Leaves")["value"] == {
        "en": ["512"],
        "fa": ["۵۱۲"],
        "kk": ["512"],
        "ru": ["512"],
    }


@pytest.mark.django_db
def test_the_date_is_as_written_then_in_each_languages_calendars(shahnama: Item) -> None:
    date = metadata_entry(manifest_of(shahnama), "Date")["value"]

    assert list(date) == INTERFACE_LANGUAGES
    # The date as written is isolated (FSI...PDI), so its direction stays its own.
    as_written = "\u2068ربیع الاول ۱۰۱۰ ق\u2069"
    assert date["en"] == [f"{as_written} (30 August – 28 September 1601)"]
    assert date["ru"] == [f"{as_written} (30 августа – 28 сентября 1601 г.)"]
    assert date["fa"][0].startswith(f"{as_written} (")


@pytest.mark.django_db
def test_an_uncertain_date_says_so(shahnama: Item) -> None:
    shahnama.date_certainty = "approximate"
    shahnama.save()

    date = metadata_entry(manifest_of(shahnama), "Date")["value"]

    assert date["en"][0].endswith("1601) (approximate)")


@pytest.mark.django_db
def test_metadata_leaves_out_what_is_not_catalogued(kazakh_book: Item) -> None:
    manifest = manifest_of(kazakh_book, ["1"])

    assert [entry["label"]["en"][0] for entry in manifest["metadata"]] == [
        "Shelfmark",
        "Holding institution",
        "Kind of item",
    ]


@pytest.mark.django_db
def test_a_kazakh_book_is_labelled_in_kazakh_and_russian(kazakh_book: Item) -> None:
    collection = Collection.objects.create(institution=kazakh_book.institution, code="rare")
    CollectionName.objects.create(
        collection=collection, language=language("kk"), text="Сирек кітаптар"
    )
    kazakh_book.collection = collection
    kazakh_book.save()

    manifest = manifest_of(kazakh_book, ["1", "2"])

    assert manifest["label"] == {"kk": ["Қазақ әдебиеті"], "ru": ["Казахская литература"]}
    assert manifest["viewingDirection"] == "left-to-right"
    assert metadata_entry(manifest, "Collection")["value"] == {"kk": ["Сирек кітаптар"]}


@pytest.mark.django_db
def test_the_required_statement_names_the_holding_institution(kazakh_book: Item) -> None:
    statement = manifest_of(kazakh_book, ["1"])["requiredStatement"]

    assert statement == {
        "label": {
            "en": ["Holding institution"],
            "fa": ["مؤسسهٔ نگهدارنده"],
            "kk": ["Сақтаушы мекеме"],
            "ru": ["Учреждение-держатель"],
        },
        "value": {
            "en": ["National Academic Library of the Republic of Kazakhstan"],
            "kk": ["Қазақстан Республикасының Ұлттық академиялық кітапханасы"],
        },
    }


@pytest.mark.django_db
@pytest.mark.parametrize("access", list(Item.Access))
def test_rights_are_not_claimed_beyond_what_the_catalogue_knows(
    shahnama: Item, access: str
) -> None:
    shahnama.access, shahnama.max_image_pixels = access, 1600
    shahnama.save()

    assert manifest_of(shahnama)["rights"] == "http://rightsstatements.org/vocab/CNE/1.0/"


@pytest.mark.django_db
def test_the_provider_is_the_holding_institution(shahnama: Item) -> None:
    shahnama.institution.website = "https://www.nlai.ir/"
    shahnama.institution.save()

    [provider] = manifest_of(shahnama)["provider"]

    assert provider["id"] == f"{BASE}/institutions/IR-NLAI"
    assert provider["type"] == "Agent"
    assert provider["label"]["en"] == ["National Library and Archives of Iran"]
    assert [page["id"] for page in provider["homepage"]] == ["https://www.nlai.ir/"]


@pytest.mark.django_db
def test_it_links_the_item_page_and_the_catalogue_records(shahnama: Item) -> None:
    manifest = manifest_of(shahnama)
    record = f"{BASE}/items/{shahnama.pk}"

    assert manifest["homepage"] == [
        {"id": record, "type": "Text", "format": "text/html", "label": manifest["label"]}
    ]
    assert [
        (link["id"], link["type"], link["format"], link["profile"]) for link in manifest["seeAlso"]
    ] == [
        (
            f"{record}/record.marcxml",
            "Dataset",
            "application/marcxml+xml",
            "http://www.loc.gov/MARC21/slim",
        ),
        (f"{record}/record.tei", "Dataset", "application/tei+xml", "http://www.tei-c.org/ns/1.0"),
    ]


@pytest.mark.django_db
def test_its_content_search_service_is_where_mirador_4_looks(shahnama: Item) -> None:
    manifest = manifest_of(shahnama)

    # Mirador 4.0 matches the profile exactly and asks `${id or @id}?q=...`; Search 1.0
    # keeps its @id and @type in a Presentation 3 manifest (§3.3.1 `service`), and its
    # context joins the document's.
    assert manifest["service"] == [
        {
            "@id": f"{BASE}/iiif/3/search/{shahnama.pk}",
            "@type": "SearchService1",
            "profile": SEARCH_PROFILE,
        }
    ]
    assert SEARCH_PROFILE == "http://iiif.io/api/search/1/search"
    assert manifest["@context"] == [
        "http://iiif.io/api/search/1/context.json",
        PRESENTATION_CONTEXT,
    ]


# Round trip and queries ----------------------------------------------------------------


@pytest.mark.django_db
def test_it_loads_back_into_iiif_prezi3_unchanged(shahnama: Item) -> None:
    manifest = manifest_of(shahnama)

    loaded = Manifest.model_validate(manifest)
    without_context = Manifest(**{k: v for k, v in manifest.items() if k != "@context"})

    assert json.loads(loaded.jsonld()) == manifest
    assert json.loads(without_context.jsonld())["items"] == manifest["items"]


@pytest.mark.django_db
def test_a_prefetched_item_builds_without_further_queries(
    shahnama: Item, django_assert_num_queries: Any
) -> None:
    make_pages(shahnama, [f"{leaf}{side}" for leaf in range(1, 21) for side in "rv"])
    item = with_manifest_relations(Item.objects.filter(pk=shahnama.pk)).get()
    pages = list(Page.objects.filter(item=item))

    with django_assert_num_queries(0):
        manifest = build_manifest(item, pages, base_url=BASE)

    assert len(manifest["items"]) == 40
