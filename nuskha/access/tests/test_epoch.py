"""The access epoch advances, after commit, on every change the access rule reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from nuskha.access import epoch
from nuskha.catalogue.conftest import make_item
from nuskha.catalogue.models import Item


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


def test_the_first_reading_starts_an_epoch_and_later_ones_agree(data_dir: Path) -> None:
    first = epoch.current()

    assert first.isalnum() and len(first) == 16
    assert epoch.current() == first
    assert (data_dir / epoch.FILE_NAME).read_text() == first


def test_an_advance_waits_for_the_commit(db: Any, django_capture_on_commit_callbacks: Any) -> None:
    before = epoch.current()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        epoch.advance()
        assert epoch.current() == before  # a pass issued now carries the old epoch
    for callback in callbacks:
        callback()
    assert epoch.current() != before


def _change_access(item: Item) -> None:
    item.access = Item.Access.RESTRICTED
    item.save()


def _withdraw_staff(user: Any) -> None:
    user.is_staff = False
    user.save()


CHANGES: list[tuple[str, Callable[[Item, Any], None]]] = [
    ("an item's access", lambda item, user: _change_access(item)),
    ("an item deleted", lambda item, user: item.delete()),
    ("a user's staff status", lambda item, user: _withdraw_staff(user)),
    ("a user deleted", lambda item, user: user.delete()),
    ("a user's groups", lambda item, user: user.groups.add(Group.objects.create(name="x"))),
]


@pytest.mark.parametrize("change", [change for _, change in CHANGES], ids=[n for n, _ in CHANGES])
def test_a_change_the_rule_reads_advances_the_epoch(
    change: Callable[[Item, Any], None], cataloguer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    item = make_item()
    before = epoch.current()

    with django_capture_on_commit_callbacks(execute=True):
        change(item, cataloguer)

    assert epoch.current() != before


def test_signing_out_advances_the_epoch(
    cataloguer: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(cataloguer)
    before = epoch.current()

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/staff/logout/")

    assert epoch.current() != before
