"""Agreements as rows: validation, the renewal chain and its scopes, status from the
granting institution's calendar, the signed document's checksum, partners' credentials."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from nuskha.conftest import make_institution
from nuskha.cooperation.models import Agreement, Clause, ClauseScope, Credential, Party

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def agreement(reference: str, **fields: Any) -> Agreement:
    defaults = {
        "kind": Agreement.Kind.MEMORANDUM,
        "signed_on": D(2007, 5, 5),
        "effective_from": D(2007, 5, 5),
        "expires_on": D(2012, 5, 4),
    }
    return Agreement.objects.create(reference=reference, **{**defaults, **fields})


def with_scopes(made: Agreement, *scopes: str) -> Agreement:
    clause = Clause.objects.create(agreement=made, number=str(made.clauses.count() + 1))
    for scope in scopes:
        ClauseScope.objects.create(clause=clause, scope=scope)
    return made


def test_a_renewal_without_clauses_has_the_scopes_of_what_it_renews() -> None:
    original = with_scopes(agreement("MoU-2007"), "catalogue_exchange", "specialist_exchange")
    renewal = agreement("MoU-2012", extends=original, extension="renewal")
    amendment = with_scopes(
        agreement("MoU-2012-A1", extends=renewal, extension="amendment"), "digital_copies"
    )

    assert renewal.scopes() == ["catalogue_exchange", "specialist_exchange"]
    assert amendment.scopes() == ["digital_copies"]
    assert amendment.chain() == [original, renewal, amendment]
    assert list(Agreement.objects.with_scope(["catalogue_exchange"])) == [original, renewal]


def test_a_signed_renewal_that_took_effect_supersedes_what_it_renews() -> None:
    tehran = make_institution("IR-NLAI", "IR")
    tehran.time_zone = "Asia/Tehran"
    tehran.save()
    original = agreement("MoU-2007")
    Party.objects.create(agreement=original, institution=tehran)
    agreement(
        "MoU-2012",
        extends=original,
        extension="renewal",
        effective_from=D(2012, 5, 5),
        expires_on=D(2017, 5, 4),
    )
    before = datetime.datetime(2012, 5, 4, 20, 0, tzinfo=datetime.UTC)  # 00:30 on the 5th in Tehran
    assert original.status(before - datetime.timedelta(hours=1)) == "expiring_soon"
    assert original.status(before) == "superseded"


def test_a_draft_renewal_supersedes_nothing() -> None:
    original = agreement("MoU-2007")
    agreement("MoU-2012", extends=original, extension="renewal", signed_on=None)
    late = datetime.datetime(2013, 1, 1, tzinfo=datetime.UTC)
    assert original.status(late) == "expired"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"effective_from": D(2012, 1, 1), "expires_on": D(2011, 1, 1)}, "expires_on"),
        ({"extension": "renewal"}, "extension"),
        ({"signed_as_written": "the thirteenth of Smarch", "signed_on": None}, "signed_as_written"),
    ],
)
def test_it_names_the_field_of_a_bad_value(fields: dict, field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        Agreement(kind="memorandum", reference="X", **fields).clean()
    assert field in raised.value.message_dict


def test_the_signed_date_is_read_from_the_text_in_any_calendar() -> None:
    made = Agreement(kind="memorandum", reference="X", signed_as_written="15 Ordibehesht 1386")
    made.clean()
    assert made.signed_on == D(2007, 5, 5)


def test_an_agreement_cannot_extend_itself_through_others() -> None:
    first = agreement("A")
    second = agreement("B", extends=first, extension="renewal")
    first.extends, first.extension = second, "renewal"
    with pytest.raises(ValidationError) as raised:
        first.clean()
    assert "extends" in raised.value.message_dict


def test_the_signed_documents_checksum_is_kept() -> None:
    content = b"%PDF-1.4 memorandum signed in Astana"
    made = agreement("MoU", document=SimpleUploadedFile("mou.pdf", content))
    assert made.document_sha256 == hashlib.sha256(content).hexdigest()


def test_a_credential_is_found_by_its_key_until_revoked() -> None:
    partner = make_institution("KZ-NLRK", "KZ")
    credential, key = Credential.issue(partner, "harvester")

    assert Credential.find(key) == credential
    assert key not in str(credential.__dict__.values())  # only a hash is kept
    assert Credential.find(key + "x") is None
    credential.revoked_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    credential.save()
    assert Credential.find(key) is None
