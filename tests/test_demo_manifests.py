"""Every demo item with page images has a IIIF Presentation 3.0 manifest that a viewer can use.

Each manifest is read as an anonymous reader would read it, checked against the
properties Presentation 3.0 requires or recommends (section numbers of
https://iiif.io/api/presentation/3.0/), and each link in it is followed through the test
client: the Image API services' info.json, the catalogue records in seeAlso, the
homepage and the Content Search service. iiif-prezi3's models read each one back. An
item that is not open (restricted, or a draft) gives its manifest to staff only.

The demo collection and its page images (see tests/test_demo_pages.py) are loaded once
for the module, in a transaction rolled back at its end; each test runs in a savepoint.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import iiif_prezi3
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

from nuskha.catalogue.models import Item, Language, Script
from nuskha.catalogue.reference_data import ensure_reference_data
from nuskha.web.demo_pages import load_demo_pages, read_pages_file

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

# Not the test client's host: ids must follow NUSKHA_BASE_URL, whoever asks (design.md).
BASE_URL = "https://nuskha.example.org"
PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
SEARCH_PROFILE = "http://iiif.io/api/search/1/search"
MARCXML_PROFILE = "http://www.loc.gov/MARC21/slim"
TEI_PROFILE = "http://www.tei-c.org/ns/1.0"
# §3.2.1 `rights`: a Creative Commons licence or a RightsStatements.org statement.
RIGHTS_PREFIXES = ("http://creativecommons.org/licenses/", "http://rightsstatements.org/vocab/")

# The demo items with pages (catalogue/demo/pages.yaml): the direction their leaves turn,
# and a word of their pages that Tesseract reads (test_demo_pages.py finds each).
DEMO_ITEMS = {
    ("IR-NLAI", "MS 5-10234"): ("right-to-left", "فروزنده"),  # Shahnama, fa
    ("IR-NLAI", "LITH 6-01577"): ("right-to-left", "زمردین"),  # Saadi, fa
    ("IR-NLAI", "MS 5-06120"): ("right-to-left", "ويستردها"),  # Ibn Sina, ar
    ("KZ-NALRK", "СК-1909-01"): ("right-to-left", "سیقیرلاپ"),  # Abai, kk in Arabic script
    ("KZ-NALRK", "СК-1904-02"): ("left-to-right", "Бадахшана"),  # Valikhanov, ru
}
EACH_ITEM = pytest.mark.parametrize("key", list(DEMO_ITEMS), ids=[key[1] for key in DEMO_ITEMS])


@pytest.fixture(scope="module")
def demo(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[tuple[str, str], int]]:
    """The demo collection with its page images: item pks by (institution, shelfmark)."""
    data_dir = tmp_path_factory.mktemp("demo-manifests") / "data"
    with django_db_blocker.unblock(), override_settings(DATA_DIR=data_dir, BASE_URL=BASE_URL):
        with transaction.atomic():
            ensure_reference_data(Language, Script)
            call_command("load_demo", verbosity=0)
            load_demo_pages(data_dir)
            items = Item.objects.filter(pages__isnull=False).distinct()
            yield {(item.institution.code, item.shelfmark): item.pk for item in items}
            transaction.set_rollback(True)


def path_of(url: str) -> str:
    """The path the test client asks for a URL the manifest gives."""
    assert url.startswith(BASE_URL + "/"), f"{url} is not under {BASE_URL}"
    return url.removeprefix(BASE_URL)


def get_manifest(client: Client, pk: int) -> dict[str, Any]:
    response = client.get(f"/iiif/3/manifest/{pk}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/ld+json")
    data: dict[str, Any] = json.loads(response.content)
    return data


def assert_language_map(value: Any) -> None:
    """§3.1 `label`, `value`: a JSON object of language tags to lists of strings."""
    assert isinstance(value, dict) and value
    for tag, texts in value.items():
        assert isinstance(tag, str) and tag
        assert isinstance(texts, list) and texts
        assert all(isinstance(text, str) and text for text in texts)


def canvases_of(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [canvas for canvas in manifest["items"] if canvas["type"] == "Canvas"]


def test_the_manifests_cover_every_demo_item_with_pages(demo: dict[tuple[str, str], int]) -> None:
    in_pages_file = {(item.institution, item.shelfmark) for item in read_pages_file()}
    assert set(DEMO_ITEMS) == in_pages_file == set(demo)


@EACH_ITEM
def test_an_anonymous_reader_gets_a_presentation_3_manifest(
    client: Client, demo: dict[tuple[str, str], int], key: tuple[str, str]
) -> None:
    pk = demo[key]
    item = Item.objects.get(pk=pk)
    manifest = get_manifest(client, pk)

    context = manifest["@context"]
    contexts = context if isinstance(context, list) else [context]
    assert contexts[-1] == PRESENTATION_CONTEXT  # §4.6: the Presentation context last
    assert manifest["id"] == f"{BASE_URL}/iiif/3/manifest/{pk}"
    assert manifest["type"] == "Manifest"

    assert_language_map(manifest["label"])
    titles: dict[str, set[str]] = {}
    for title in item.titles.all():
        titles.setdefault(title.language.code, set()).add(title.text)
    assert {tag: set(texts) for tag, texts in manifest["label"].items()} == titles

    assert manifest["viewingDirection"] == DEMO_ITEMS[key][0]
    assert_language_map(manifest["requiredStatement"]["label"])
    assert_language_map(manifest["requiredStatement"]["value"])
    assert manifest["rights"].startswith(RIGHTS_PREFIXES)

    (demo_item,) = [d for d in read_pages_file() if (d.institution, d.shelfmark) == key]
    canvases = canvases_of(manifest)
    assert len(canvases) == len(manifest["items"]) == len(demo_item.pages)
    assert [canvas["label"] for canvas in canvases] == [
        {"none": [page.label]} for page in demo_item.pages
    ]
    ids = [canvas["id"] for canvas in canvases]
    assert len(set(ids)) == len(ids)
    for canvas in canvases:
        assert canvas["id"].startswith(manifest["id"] + "/canvas/")
        assert isinstance(canvas["width"], int) and canvas["width"] > 0
        assert isinstance(canvas["height"], int) and canvas["height"] > 0


@EACH_ITEM
def test_every_canvas_paints_an_image_whose_service_answers(
    client: Client, demo: dict[tuple[str, str], int], key: tuple[str, str]
) -> None:
    for canvas in canvases_of(get_manifest(client, demo[key])):
        (annotation_page,) = canvas["items"]
        assert annotation_page["type"] == "AnnotationPage" and annotation_page["id"]
        (painting,) = annotation_page["items"]
        assert painting["type"] == "Annotation" and painting["id"]
        assert painting["motivation"] == "painting"
        assert painting["target"] == canvas["id"]

        body = painting["body"]
        assert body["type"] == "Image" and body["format"] == "image/jpeg"
        assert (body["width"], body["height"]) == (canvas["width"], canvas["height"])
        assert client.get(path_of(body["id"])).status_code == 200

        (service,) = body["service"]
        assert service["type"] == "ImageService3" and service["profile"] == "level2"
        response = client.get(path_of(service["id"]) + "/info.json")
        assert response.status_code == 200
        info = json.loads(response.content)
        assert info["id"] == service["id"] and info["type"] == "ImageService3"
        assert (info["width"], info["height"]) == (canvas["width"], canvas["height"])


@EACH_ITEM
def test_its_records_and_homepage_answer(
    client: Client, demo: dict[tuple[str, str], int], key: tuple[str, str]
) -> None:
    pk = demo[key]
    manifest = get_manifest(client, pk)

    records = {record["profile"]: record for record in manifest["seeAlso"]}
    assert set(records) >= {MARCXML_PROFILE, TEI_PROFILE}
    assert records[MARCXML_PROFILE]["id"] == f"{BASE_URL}/items/{pk}/record.marcxml"
    assert records[TEI_PROFILE]["id"] == f"{BASE_URL}/items/{pk}/record.tei"
    for record in records.values():
        assert record["type"] == "Dataset"
        response = client.get(path_of(record["id"]))
        assert response.status_code == 200, record["id"]
        assert response["Content-Type"].split(";")[0] == record["format"]

    (homepage,) = manifest["homepage"]
    assert homepage["id"] == f"{BASE_URL}/items/{pk}"
    assert (homepage["type"], homepage["format"]) == ("Text", "text/html")
    assert_language_map(homepage["label"])
    assert client.get(path_of(homepage["id"])).status_code == 200


@EACH_ITEM
def test_its_search_service_finds_a_word_of_its_pages(
    client: Client, demo: dict[tuple[str, str], int], key: tuple[str, str]
) -> None:
    pk = demo[key]
    manifest = get_manifest(client, pk)
    (service,) = [s for s in manifest["service"] if s.get("@type") == "SearchService1"]
    assert service["profile"] == SEARCH_PROFILE
    assert service["@id"] == f"{BASE_URL}/iiif/3/search/{pk}"

    response = client.get(path_of(service["@id"]), {"q": DEMO_ITEMS[key][1]})
    assert response.status_code == 200
    found = json.loads(response.content)
    assert len(found["resources"]) >= 1 and len(found["hits"]) >= 1
    canvases = {canvas["id"] for canvas in canvases_of(manifest)}
    for annotation in found["resources"]:
        assert annotation["on"].split("#")[0] in canvases


@EACH_ITEM
def test_iiif_prezi3_reads_the_manifest_back(
    client: Client, demo: dict[tuple[str, str], int], key: tuple[str, str]
) -> None:
    data = get_manifest(client, demo[key])
    fields = {name: value for name, value in data.items() if name != "@context"}
    manifest = iiif_prezi3.Manifest(**fields)
    assert str(manifest.id) == data["id"]
    assert len(manifest.items) == len(data["items"])
    assert iiif_prezi3.Manifest.model_validate(fields).viewingDirection == DEMO_ITEMS[key][0]


@pytest.mark.parametrize(
    "change",
    [{"access": Item.Access.RESTRICTED}, {"status": Item.Status.DRAFT}],
    ids=["restricted", "draft"],
)
def test_a_closed_items_manifest_is_for_staff_only(
    client: Client,
    demo: dict[tuple[str, str], int],
    reader: Any,
    cataloguer: Any,
    change: dict[str, str],
) -> None:
    item = Item.objects.get(pk=demo["IR-NLAI", "MS 5-10234"])
    for name, value in change.items():
        setattr(item, name, value)
    item.save()
    url = f"/iiif/3/manifest/{item.pk}"

    response = client.get(url)
    assert response.status_code == 401
    assert "error" in json.loads(response.content)

    client.force_login(reader)
    assert client.get(url).status_code == 403

    client.force_login(cataloguer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")  # not for shared caches
