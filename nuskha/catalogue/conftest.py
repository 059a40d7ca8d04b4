"""Builders for catalogue records, with realistic values (a Persian Shāhnāma copy by default)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from nuskha.catalogue.models import (
    Agent,
    AgentName,
    ContentItem,
    Institution,
    Item,
    Language,
    Script,
    Title,
    Work,
    WorkTitle,
)
from nuskha.conftest import make_institution


def language(code: str) -> Language:
    return Language.objects.get(code=code)


def script(code: str) -> Script:
    return Script.objects.get(code=code)


def make_item(
    institution: Institution | None = None,
    shelfmark: str = "MS 5-1234",
    title: str = "شاهنامه",
    status: str = Item.Status.PUBLISHED,
    **fields: Any,
) -> Item:
    institution = institution or make_institution()
    defaults = {
        "kind": Item.Kind.MANUSCRIPT,
        "leaf_count": 512,
        "material": "paper",
        "date_as_written": "ربیع الاول ۱۰۱۰ ق",
        "date_earliest": date(1601, 8, 30),
        "date_latest": date(1601, 9, 28),
        "date_certainty": "exact",
    }
    item = Item.objects.create(
        institution=institution, shelfmark=shelfmark, status=status, **{**defaults, **fields}
    )
    Title.objects.create(item=item, text=title, language=language("fa"), script=script("Arab"))
    return item


def make_agent(identifier: str = "ferdowsi", name: str = "ابوالقاسم فردوسی") -> Agent:
    agent = Agent.objects.create(
        identifier=identifier, dates="329–411 AH", birth_year=940, death_year=1020
    )
    AgentName.objects.create(agent=agent, text=name, language=language("fa"), script=script("Arab"))
    return agent


def make_work(
    identifier: str = "shahnama", title: str = "شاهنامه", author: Agent | None = None
) -> Work:
    work = Work.objects.create(identifier=identifier, author=author, language=language("fa"))
    WorkTitle.objects.create(work=work, text=title, language=language("fa"), script=script("Arab"))
    return work


def make_content(
    item: Item, locus: str = "ff. 1v–512r", work: Work | None = None, **fields: Any
) -> ContentItem:
    return ContentItem.objects.create(item=item, locus=locus, work=work, **fields)


@pytest.fixture
def item(iran_library: Institution) -> Item:
    return make_item(iran_library)
