"""Personas shared by every app's tests: staff of two partner libraries and a reader.

Like healthchecks' alice and bob: `cataloguer` works at the Iranian national library,
`kz_cataloguer` at the Kazakh one, `administrator` may do anything, `reader` is a
signed-in member of the public. Also the published XML schemas the formats are validated
against, read offline from ../shared/schemas (see its README).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from lxml import etree

from nuskha.catalogue.models import Institution, InstitutionName, Language, Script, StaffProfile
from nuskha.catalogue.reference_data import ensure_reference_data
from nuskha.catalogue.roles import CATALOGUERS


@pytest.fixture(autouse=True)
def fast_password_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def interface_language_reset() -> Iterator[None]:
    """A request through the test client activates its language (?lang=fa) for the thread
    and nothing deactivates it: without this, the next test would read messages in Persian."""
    yield
    translation.deactivate()


def make_institution(code: str = "IR-NLAI", country: str = "IR", **names: str) -> Institution:
    # Transactional tests (browser, live server) empty the tables between tests,
    # migrations' reference data included: put it back first.
    ensure_reference_data(Language, Script)
    institution, created = Institution.objects.get_or_create(
        code=code,
        defaults={
            "country": country,
            "time_zone": "Asia/Tehran" if country == "IR" else "Asia/Almaty",
        },
    )
    if created:
        for language, text in (names or {"en": code}).items():
            InstitutionName.objects.create(
                institution=institution, language=Language.objects.get(code=language), text=text
            )
    return institution


def make_staff(username: str, institution: Institution | None, superuser: bool = False) -> Any:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", "password")
    user = User.objects.create_user(username, f"{username}@example.org", "password", is_staff=True)
    user.groups.add(Group.objects.get(name=CATALOGUERS))
    if institution is not None:
        StaffProfile.objects.create(user=user, institution=institution)
    return user


@pytest.fixture
def iran_library(db: Any) -> Institution:
    return make_institution(
        "IR-NLAI",
        "IR",
        en="National Library and Archives of Iran",
        fa="سازمان اسناد و کتابخانه ملی ایران",
    )


@pytest.fixture
def kazakh_library(db: Any) -> Institution:
    return make_institution(
        "KZ-NALRK",
        "KZ",
        en="National Academic Library of the Republic of Kazakhstan",
        kk="Қазақстан Республикасының Ұлттық академиялық кітапханасы",
    )


@pytest.fixture
def cataloguer(iran_library: Institution) -> Any:
    return make_staff("maryam", iran_library)


@pytest.fixture
def kz_cataloguer(kazakh_library: Institution) -> Any:
    return make_staff("aigerim", kazakh_library)


@pytest.fixture
def administrator(db: Any) -> Any:
    return make_staff("admin", None, superuser=True)


@pytest.fixture
def reader(db: Any) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("reader", "reader@example.org", "password")


# The published schemas ------------------------------------------------------------------

SHARED_SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas"


def shared_schema(name: str) -> Path:
    """A schema of the shared folder. Where the folder is absent a validating test skips,
    saying why, except in CI, where it fails: CI must validate."""
    path = SHARED_SCHEMAS / name
    if not path.is_file():
        message = f"{name} is not in {SHARED_SCHEMAS}: the schemas are not in reach"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI must validate)")
        pytest.skip(message)
    return path


class LocalSchemas(etree.Resolver):
    """Every schema an import names, from the local folder by its file name; anything
    else fails the test rather than reach for the network."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(self, url: str, public_id: str, context: Any) -> Any:
        local = self.folder / Path(urlparse(url).path).name
        if not local.is_file():
            raise AssertionError(f"{url} is not among the local schemas in {self.folder}")
        return self.resolve_filename(str(local), context)


def load_xml_schema(name: str) -> etree.XMLSchema:
    path = shared_schema(name)
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(LocalSchemas(path.parent))
    return etree.XMLSchema(etree.parse(str(path), parser))


def load_relax_ng(name: str) -> etree.RelaxNG:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.RelaxNG(etree.parse(str(shared_schema(name)), parser))
