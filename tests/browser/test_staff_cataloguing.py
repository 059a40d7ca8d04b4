"""A cataloguer records a Persian manuscript in /staff/, in Persian, right to left,
without touching code: a real browser fills the real form."""

from __future__ import annotations

from pathlib import Path

import pytest

from nuskha.catalogue.models import Item

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def sign_in(page, live_server, username: str, lang: str) -> None:
    page.goto(f"{live_server.url}/staff/login/?lang={lang}")
    page.fill("#id_username", username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/")


@pytest.mark.django_db(transaction=True)
def test_a_cataloguer_records_a_persian_manuscript_in_a_right_to_left_ui(
    page, live_server, cataloguer
) -> None:
    sign_in(page, live_server, "maryam", "fa")
    page.goto(f"{live_server.url}/staff/catalogue/item/add/")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "fa"

    page.fill("#id_shelfmark", "MS 5-30001")
    page.select_option("#id_status", "published")
    page.fill("#id_date_as_written", "ربیع الاول ۱۰۱۰ ق")
    page.fill("#id_leaf_count", "512")
    page.select_option("#id_material", "paper")
    page.select_option("#id_script_style", "nastaliq")
    page.fill("#id_titles-0-text", "دیوان حافظ")
    page.select_option("#id_titles-0-language", label="fa — فارسی")
    page.select_option("#id_titles-0-script", label="Arab — Arabic")
    # The title box reads right to left because of what was typed, whatever the UI language.
    assert page.get_attribute("#id_titles-0-text", "dir") == "auto"
    assert page.eval_on_selector("#id_titles-0-text", "e => getComputedStyle(e).direction") == "rtl"

    page.locator("#contents-group .add-row a").click()
    page.fill("#id_contents-0-locus", "ff. 1v–245r")
    page.fill("#id_contents-0-incipit", "الا یا ایها الساقی ادر کأسا و ناولها")
    page.locator("#provenance-group .add-row a").click()
    page.select_option("#id_provenance-0-kind", "waqf")
    page.fill("#id_provenance-0-text", "وقف کتابخانهٔ آستان قدس رضوی")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "staff-item-form-fa.png"))
    page.click("input[name=_save]")

    page.wait_for_selector(".messagelist .success")
    item = Item.objects.get(shelfmark="MS 5-30001")
    assert item.institution.code == "IR-NLAI"  # filed under the cataloguer's own library
    assert item.titles.get().text == "دیوان حافظ"
    assert item.contents.get().locus == "ff. 1v–245r"
    assert item.provenance.get().kind == "waqf"


@pytest.mark.django_db(transaction=True)
def test_a_bad_locus_is_shown_next_to_its_field(page, live_server, cataloguer) -> None:
    sign_in(page, live_server, "maryam", "en")
    page.goto(f"{live_server.url}/staff/catalogue/item/add/")
    page.fill("#id_shelfmark", "MS 5-30002")
    page.fill("#id_titles-0-text", "گلستان")
    page.select_option("#id_titles-0-language", label="fa — فارسی")
    page.select_option("#id_titles-0-script", label="Arab — Arabic")
    page.locator("#contents-group .add-row a").click()
    page.fill("#id_contents-0-locus", "ff. 45r–1v")
    page.click("input[name=_save]")
    error = page.locator("#contents-group .errorlist").first
    assert "ends before it begins" in error.inner_text()
    assert not Item.objects.filter(shelfmark="MS 5-30002").exists()
