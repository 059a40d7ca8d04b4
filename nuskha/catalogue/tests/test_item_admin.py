"""The cataloguing UI at /staff/: a cataloguer records a Persian manuscript, and only
changes records held by their own institution."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nuskha.catalogue.conftest import language, make_agent, make_item, make_work, script
from nuskha.catalogue.models import Item

pytestmark = pytest.mark.django_db

INLINES = ["titles", "former_shelfmarks", "agents", "contents", "parts", "provenance"]


def inline_rows(prefix: str, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": len(rows),
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def persian_manuscript(institution_id: int, **inlines: list[dict[str, Any]]) -> dict[str, Any]:
    agent, work = make_agent(), make_work()
    data: dict[str, Any] = {
        "institution": institution_id,
        "shelfmark": "MS 5-20001",
        "kind": "manuscript",
        "status": "published",
        "access": "open",
        "languages": [language("fa").pk],
        "scripts": [script("Arab").pk],
        "date_as_written": "ربیع الاول ۱۰۱۰ ق",
        "date_earliest": "1601-08-30",
        "date_latest": "1601-09-28",
        "date_certainty": "exact",
        "place_as_written": "اصفهان",
        "material": "paper",
        "height_mm": 340,
        "width_mm": 220,
        "leaf_count": 512,
        "lines_per_page": 25,
        "script_style": "nastaliq",
        "decoration": "Illuminated headpiece (sarlawh) on f. 1v.",
        "binding": "Lacquer binding, 19th century.",
        "notes": "یادداشت",
    }
    rows = {
        "titles": [
            {
                "text": "شاهنامه",
                "language": language("fa").pk,
                "script": script("Arab").pk,
                "title_type": "uniform",
                "position": 0,
            },
            {
                "text": "Shāhnāma",
                "language": language("fa").pk,
                "script": script("Latn").pk,
                "title_type": "romanised",
                "position": 1,
            },
        ],
        "agents": [
            {
                "agent": agent.pk,
                "role": "author",
                "name_as_written": "حکیم ابوالقاسم فردوسی",
                "position": 0,
            }
        ],
        "contents": [
            {
                "locus": "ff. 1v–512r",
                "work": work.pk,
                "language": language("fa").pk,
                "incipit": "به نام خداوند جان و خرد",
                "position": 0,
            }
        ],
        "provenance": [{"kind": "seal", "text": "مهر کتابخانه", "locus": "f. 1r", "position": 0}],
        **inlines,
    }
    for prefix in INLINES:
        data.update(inline_rows(prefix, rows.get(prefix, [])))
    return data


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_cataloguer_records_a_complete_persian_manuscript(cataloguer, iran_library) -> None:
    response = signed_in(cataloguer).post(
        "/staff/catalogue/item/add/", persian_manuscript(iran_library.pk)
    )
    assert response.status_code == 302, (
        response.context["adminform"].errors if response.context else response
    )
    item = Item.objects.get(shelfmark="MS 5-20001")
    assert [t.text for t in item.titles.all()] == ["شاهنامه", "Shāhnāma"]
    assert item.contents.get().incipit == "به نام خداوند جان و خرد"
    assert item.agents.get().role == "author"
    assert item.provenance.get().kind == "seal"
    assert list(item.languages.values_list("code", flat=True)) == ["fa"]


def test_an_item_without_a_title_is_refused(cataloguer, iran_library) -> None:
    response = signed_in(cataloguer).post(
        "/staff/catalogue/item/add/", persian_manuscript(iran_library.pk, titles=[])
    )
    assert response.status_code == 200
    assert not Item.objects.filter(shelfmark="MS 5-20001").exists()
    assert "at least" in str(
        response.context["inline_admin_formsets"][0].formset.non_form_errors()
    ) or any(f.errors for f in response.context["inline_admin_formsets"][0].formset.forms)


def test_a_bad_locus_is_refused_with_the_field_named(cataloguer, iran_library) -> None:
    bad = [{"locus": "ff. 45r–1v", "position": 0}]
    response = signed_in(cataloguer).post(
        "/staff/catalogue/item/add/", persian_manuscript(iran_library.pk, contents=bad)
    )
    assert response.status_code == 200
    assert "ends before it begins" in response.content.decode()
    assert not Item.objects.filter(shelfmark="MS 5-20001").exists()


def test_a_cataloguer_cannot_edit_another_institutions_record(cataloguer, kazakh_library) -> None:
    astana_item = make_item(kazakh_library, shelfmark="R-100", title="Қозы Көрпеш – Баян сұлу")
    client = signed_in(cataloguer)
    page = client.get(f"/staff/catalogue/item/{astana_item.pk}/change/")
    assert page.status_code == 200  # may read it...
    assert b'name="_save"' not in page.content  # ...but there is no save button
    response = client.post(
        f"/staff/catalogue/item/{astana_item.pk}/change/", {"shelfmark": "changed"}
    )
    assert response.status_code == 403
    astana_item.refresh_from_db()
    assert astana_item.shelfmark == "R-100"


def test_a_cataloguer_cannot_file_a_record_under_another_institution(
    cataloguer, kazakh_library
) -> None:
    response = signed_in(cataloguer).post(
        "/staff/catalogue/item/add/", persian_manuscript(kazakh_library.pk)
    )
    assert response.status_code == 200
    assert "institution" in response.context["adminform"].form.errors
    assert not Item.objects.exists()


def test_an_administrator_edits_any_institutions_record(administrator, kazakh_library) -> None:
    astana_item = make_item(kazakh_library, shelfmark="R-100")
    page = signed_in(administrator).get(f"/staff/catalogue/item/{astana_item.pk}/change/")
    assert b'name="_save"' in page.content


def test_text_inputs_read_in_the_direction_of_their_text(cataloguer) -> None:
    page = signed_in(cataloguer).get("/staff/catalogue/item/add/").content.decode()
    assert 'name="shelfmark"' in page
    assert 'dir="auto"' in page.split('name="shelfmark"')[0].rsplit("<input", 1)[1] + 'dir="auto"'
    assert page.count('dir="auto"') > 20


@pytest.mark.parametrize(
    ("lang", "direction", "word"),
    [
        ("fa", "rtl", "اضافه کردن"),
        ("kk", "ltr", "Қосу"),
        ("ru", "ltr", "Добавить"),
        ("en", "ltr", "Add"),
    ],
)
def test_the_staff_ui_speaks_four_languages(cataloguer, lang, direction, word) -> None:
    page = signed_in(cataloguer).get(f"/staff/catalogue/item/add/?lang={lang}").content.decode()
    assert f'lang="{lang}" dir="{direction}"' in page
    assert word in page  # Django's own strings
    assert SHELFMARK[lang] in page  # and nuskha's


SHELFMARK = {"fa": "شمارهٔ بازیابی", "kk": "Шифр", "ru": "Шифр хранения", "en": "Shelfmark"}


def test_the_list_filters_by_institution_kind_language_and_status(
    cataloguer, iran_library, kazakh_library
) -> None:
    make_item(iran_library, shelfmark="MS 1")
    make_item(kazakh_library, shelfmark="R-1", status="draft")
    client = signed_in(cataloguer)
    page = client.get(
        f"/staff/catalogue/item/?institution__id__exact={kazakh_library.pk}&status__exact=draft"
    )
    assert page.context["cl"].result_count == 1
    page = client.get("/staff/catalogue/item/?kind__exact=manuscript")
    assert page.context["cl"].result_count == 2
    assert (
        client.get(f"/staff/catalogue/item/?languages__id__exact={language('fa').pk}").status_code
        == 200
    )
    page = client.get("/staff/catalogue/item/?q=شاهنامه")
    assert page.context["cl"].result_count == 2


def test_a_works_page_lists_its_copies_in_every_institution(
    cataloguer, iran_library, kazakh_library
):
    from nuskha.catalogue.conftest import make_content

    work = make_work()
    make_content(make_item(iran_library, shelfmark="MS 1"), work=work)
    make_content(make_item(kazakh_library, shelfmark="R-7"), work=work)
    page = signed_in(cataloguer).get(f"/staff/catalogue/work/{work.pk}/change/").content.decode()
    assert "IR-NLAI MS 1" in page and "KZ-NALRK R-7" in page


def test_the_record_shows_its_date_in_the_readers_calendars(cataloguer, iran_library):
    item = make_item(iran_library)  # ربیع الاول ۱۰۱۰ ق
    client = signed_in(cataloguer)
    persian = client.get(f"/staff/catalogue/item/{item.pk}/change/?lang=fa").content.decode()
    assert "۸ شهریور – ۶ مهر ۹۸۰ ش" in persian and "۱۶۰۱ م" in persian
    english = client.get(f"/staff/catalogue/item/{item.pk}/change/?lang=en").content.decode()
    assert "30 August – 28 September 1601" in english
