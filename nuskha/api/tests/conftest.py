"""A fully described record for the API's tests: a composite Persian manuscript with every
part of a description filled in, so the representation is checked field by field."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils.text import slugify

from nuskha.catalogue.conftest import (
    language,
    make_agent,
    make_content,
    make_item,
    make_work,
    script,
)
from nuskha.catalogue.models import (
    AgentName,
    Collection,
    CollectionName,
    FormerShelfmark,
    Institution,
    Item,
    ItemAgent,
    ItemPart,
    Provenance,
    Subject,
    SubjectLabel,
    Title,
)


def make_subject(code: str = "poetry", **labels: str) -> Subject:
    subject, created = Subject.objects.get_or_create(code=code)
    if created:
        for lang, text in (labels or {"en": code}).items():
            SubjectLabel.objects.create(subject=subject, language=language(lang), text=text)
    return subject


def make_full_item(institution: Institution, shelfmark: str = "MS 5-1234") -> Item:
    key = slugify(shelfmark)
    collection, created = Collection.objects.get_or_create(institution=institution, code="majlis")
    if created:
        CollectionName.objects.create(collection=collection, language=language("en"), text="Majlis")
    item = make_item(
        institution,
        shelfmark=shelfmark,
        collection=collection,
        height_mm=330,
        width_mm=210,
        lines_per_page=21,
        script_style="nastaliq",
        binding="Lacquer boards.",
        place_as_written="هرات",
        notes="Illuminated headpiece.",
    )
    Title.objects.create(
        item=item, text="Shāhnāma", language=language("en"), script=script("Latn"),
        title_type="romanised", position=1,
    )  # fmt: skip
    item.languages.add(language("fa"))
    item.scripts.add(script("Arab"))
    item.subjects.add(make_subject("poetry", en="Poetry", fa="شعر"))
    FormerShelfmark.objects.create(item=item, shelfmark="Dorn 329", note="St Petersburg")
    ferdowsi = make_agent(f"ferdowsi-{key}")
    AgentName.objects.create(
        agent=ferdowsi, text="Ferdowsi", language=language("en"), script=script("Latn"),
        form_type="romanised", position=1,
    )  # fmt: skip
    scribe = make_agent(f"katib-{key}", "محمود کاتب")
    ItemAgent.objects.create(item=item, agent=ferdowsi, role="author", name_as_written="فردوسی")
    ItemAgent.objects.create(item=item, agent=scribe, role="scribe")
    part = ItemPart.objects.create(
        item=item, label="Part I", locus="ff. 1r–300v", date_as_written="1010 AH",
        date_earliest=date(1601, 7, 2), date_latest=date(1602, 6, 20), date_certainty="exact",
        material="paper",
    )  # fmt: skip
    make_content(
        item,
        work=make_work(f"shahnama-{key}", author=ferdowsi),
        part=part,
        title_as_written="شاهنامه",
        language=language("fa"),
        incipit="به نام خداوند جان و خرد",
        scribe=scribe,
        colophon="تمت الکتاب",
        date_as_written="ربیع الاول ۱۰۱۰ ق",
        date_earliest=date(1601, 8, 30),
        date_latest=date(1601, 9, 28),
        date_certainty="exact",
    )
    Provenance.objects.create(
        item=item, kind="seal", text="مهر کتابخانه سلطنتی", agent=scribe, locus="f. 1r"
    )
    return item


@pytest.fixture
def full_item(iran_library: Institution) -> Item:
    return make_full_item(iran_library)


@pytest.fixture
def staff_client(client: Any, cataloguer: Any) -> Any:
    client.force_login(cataloguer)
    return client
