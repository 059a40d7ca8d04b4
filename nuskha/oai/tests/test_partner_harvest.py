"""A partner's harvester sends its credential, and gets what its agreement grants: the
harvester's own client (sickle, as harvesting.py builds it) against a running server.
Without the credential, the restricted record comes as deleted, as for anyone."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from nuskha.catalogue.conftest import make_item
from nuskha.catalogue.models import Institution, Item
from nuskha.cooperation.conftest import agree
from nuskha.cooperation.models import Credential
from nuskha.oai.harvesting import _client

pytestmark = pytest.mark.django_db(transaction=True)


def harvested(live_server: Any, credential: str = "") -> dict[str, bool]:
    """Each record's shelfmark-free identifier, and whether it came with metadata."""
    client = _client(live_server.url + "/oai", credential)
    records = client.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False)
    return {record.header.identifier: not record.header.deleted for record in records}


def test_a_partner_harvest_with_its_credential_gets_the_shared_records(
    live_server: Any, iran_library: Institution, kazakh_library: Institution
) -> None:
    shared = make_item(
        iran_library, shelfmark="MS 1", access=Item.Access.RESTRICTED, is_shareable=True
    )
    kept = make_item(iran_library, shelfmark="MS 2", access=Item.Access.RESTRICTED)
    agree(iran_library, kazakh_library)
    _credential, key = Credential.issue(kazakh_library, "union catalogue")

    as_partner = harvested(live_server, key)
    as_public = harvested(live_server)

    def status(found: dict[str, bool], item: Item) -> bool:
        (value,) = [v for identifier, v in found.items() if identifier.endswith(f":{item.pk}")]
        return value

    assert status(as_partner, shared) is True and status(as_partner, kept) is False
    assert status(as_public, shared) is False


def test_an_expired_agreement_shares_nothing_and_says_so(
    live_server: Any, iran_library: Institution, kazakh_library: Institution
) -> None:
    make_item(iran_library, shelfmark="MS 1", access=Item.Access.RESTRICTED, is_shareable=True)
    agree(iran_library, kazakh_library, expires_on=datetime.date(2020, 12, 31))
    _credential, key = Credential.issue(kazakh_library, "union catalogue")

    assert set(harvested(live_server, key).values()) == {False}  # all deleted
    response = _client(live_server.url + "/oai", key).harvest(
        verb="ListRecords", metadataPrefix="oai_dc"
    )
    assert "2020-12-31" in response.http_response.headers["Nuskha-Access-Refused"]


def test_a_revoked_credential_is_refused(live_server: Any, kazakh_library: Institution) -> None:
    import requests

    credential, key = Credential.issue(kazakh_library, "union catalogue")
    credential.revoked_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    credential.save()
    response = requests.get(
        live_server.url + "/oai",
        params={"verb": "Identify"},
        headers={"Authorization": f"Bearer {key}"},
        timeout=30,
    )
    assert response.status_code == 401
    assert "revoked" in response.json()["error"]


def test_staff_keep_a_sources_credential_masked(client: Any, administrator: Any) -> None:
    from nuskha.oai.models import HarvestSource

    source = HarvestSource.objects.create(base_url="https://kz.example/oai", credential="nk_s3cret")
    client.force_login(administrator)
    page = client.get(f"/staff/oai/harvestsource/{source.pk}/change/").content.decode()
    assert 'type="password"' in page and 'name="credential"' in page
