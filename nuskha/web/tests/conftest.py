"""A small collection for the public site's tests: the Divan of Hafez in three libraries'
copies, catalogued with Arabic letters in Tehran, and copies the public may not see.

`sample.hafez` is the Tehran copy (title in Arabic letters, as US records spell it,
with contents, a part and provenance); `sample.astana` is a public copy of the same
work in Kazakhstan; `draft`, `withdrawn` and `restricted` are copies readers never see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.test import Client

from nuskha.catalogue.conftest import language, make_agent, make_content, make_item, make_work
from nuskha.catalogue.conftest import script as script_code
from nuskha.catalogue.models import (
    Agent,
    AgentName,
    Collection,
    CollectionName,
    Institution,
    Item,
    ItemAgent,
    ItemPart,
    Provenance,
    Subject,
    SubjectLabel,
    Title,
    Work,
    WorkTitle,
)
from nuskha.conftest import make_staff

LANGUAGES = ("fa", "kk", "ru", "en")


@dataclass
class Sample:
    iran: Institution
    kazakhstan: Institution
    hafez_agent: Agent
    scribe: Agent
    divan: Work
    hafez: Item
    astana: Item
    draft: Item
    withdrawn: Item
    restricted: Item


def page(client: Client, url: str, lang: str = "en") -> str:
    """The page's HTML in one interface language; fails unless it answers 200."""
    separator = "&" if "?" in url else "?"
    response = client.get(f"{url}{separator}lang={lang}")
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def html_tag(lang: str) -> str:
    return f'<html lang="{lang}" dir="{"rtl" if lang == "fa" else "ltr"}">'


def add_title(item: Item, text: str, lang: str, writing: str, title_type: str) -> Title:
    position = item.titles.count()
    return Title.objects.create(
        item=item,
        text=text,
        language=language(lang),
        script=script_code(writing),
        title_type=title_type,
        position=position,
    )


def make_sample(iran: Institution, kazakhstan: Institution) -> Sample:
    hafez_agent = make_agent("hafez", "شمس‌الدین محمد حافظ شیرازی")
    AgentName.objects.create(
        agent=hafez_agent, text="Хафиз Шерази", language=language("kk"), script=script_code("Cyrl")
    )
    AgentName.objects.create(
        agent=hafez_agent, text="Hafez", language=language("en"), script=script_code("Latn")
    )
    scribe = make_agent("muhammad-rahim-tabrizi", "محمدرحیم تبریزی")
    divan = make_work("divan-hafez", "دیوان حافظ", author=hafez_agent)
    WorkTitle.objects.create(
        work=divan, text="The Divan of Hafez", language=language("en"), script=script_code("Latn")
    )
    manuscripts = Collection.objects.create(institution=iran, code="manuscripts")
    CollectionName.objects.create(
        collection=manuscripts, language=language("en"), text="Manuscripts"
    )
    poetry = Subject.objects.create(code="poetry")
    SubjectLabel.objects.create(subject=poetry, language=language("en"), text="Poetry")
    SubjectLabel.objects.create(subject=poetry, language=language("fa"), text="شعر")

    # Keyed with Arabic ي, as records from US catalogues spell Persian.
    hafez = make_item(
        iran,
        shelfmark="MS 5-07781",
        title="ديوان خواجه حافظ شيرازي",
        collection=manuscripts,
        date_as_written="قرن ۱۱ ق",
        date_earliest=date(1592, 10, 8),
        date_latest=date(1689, 10, 14),
        date_certainty="approximate",
        place_as_written="شیراز",
        height_mm=240,
        width_mm=150,
        leaf_count=286,
        script_style="nastaliq",
        binding="Qajar lacquered binding",
        notes="Uniform title keyed with Arabic letters.",
    )
    add_title(hafez, "Хафиз Шеразидің диуаны", "kk", "Cyrl", "translated")
    add_title(hafez, "The Divan of Hafez of Shiraz", "en", "Latn", "translated")
    hafez.languages.set([language("fa")])
    hafez.scripts.set([script_code("Arab")])
    hafez.subjects.set([poetry])
    ItemAgent.objects.create(
        item=hafez, agent=hafez_agent, role="author", name_as_written="لسان‌الغیب حافظ"
    )
    part = ItemPart.objects.create(
        item=hafez,
        label="Part II",
        locus="ff. 269r–286r",
        date_as_written="۱۰۵۰ ق",
        material="paper",
        lines_per_page=15,
    )
    make_content(
        hafez,
        locus="ff. 1v–268v",
        work=divan,
        title_as_written="غزلیات",
        language=language("fa"),
        incipit="الا یا ایها الساقی ادر کأسا و ناولها",
        explicit="یوسف گم‌گشته باز آید به کنعان غم مخور",
    )
    make_content(
        hafez,
        locus="ff. 269r–286r",
        work=divan,
        part=part,
        title_as_written="ساقی‌نامه",
        colophon="تمت الدیوان بعون الملک المنان",
        scribe=scribe,
    )
    Provenance.objects.create(
        item=hafez, kind="seal", text="عبده الراجی محمدحسن ۱۲۴۵", locus="f. 1r", agent=scribe
    )
    Provenance.objects.create(item=hafez, kind="acquisition", text="Purchased in Tehran.")

    def copy(institution: Institution, shelfmark: str, **fields: Any) -> Item:
        item = make_item(institution, shelfmark=shelfmark, title="دیوان حافظ", **fields)
        make_content(item, locus="ff. 1v–100r", work=divan)
        return item

    return Sample(
        iran=iran,
        kazakhstan=kazakhstan,
        hafez_agent=hafez_agent,
        scribe=scribe,
        divan=divan,
        hafez=hafez,
        astana=copy(kazakhstan, "Қ-0101", kind="lithograph"),
        draft=copy(iran, "MS DRAFT-1", status="draft"),
        withdrawn=copy(kazakhstan, "Қ-WITHDRAWN", status="withdrawn"),
        restricted=copy(iran, "MS SECRET-1", access="restricted"),
    )


@pytest.fixture
def sample(iran_library: Institution, kazakh_library: Institution) -> Sample:
    return make_sample(iran_library, kazakh_library)


@pytest.fixture
def staff_client(db: Any) -> Client:
    """Signed in as this instance's own staff (an account linked to no institution), who
    see every record of every institution (nuskha.access)."""
    client = Client()
    client.force_login(make_staff("librarian", None))
    return client
