"""Access follows the agreements in force, at every door (issue 7's acceptance): a partner
whose memorandum is in force sees a restricted, shareable manuscript through the web
pages, the JSON API, IIIF images, manifests and content search, and OAI-PMH; the clock
moves past the memorandum's expiry day (in Tehran, the granting library's zone) and the
same requests are refused, naming the agreement and its expiry; a renewal is recorded
and they succeed again. The public is refused throughout, saying no more than that.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone
from lxml import etree

from nuskha.access import Door, decide
from nuskha.catalogue.conftest import make_item
from nuskha.catalogue.models import Institution, Item
from nuskha.conftest import make_institution, make_staff
from nuskha.cooperation.models import (
    AccessEvent,
    Agreement,
    AgreementText,
    Clause,
    ClauseScope,
    Credential,
    Party,
)
from nuskha.images import tile_cache
from nuskha.images.ingest import ingest
from nuskha.images.models import Page
from nuskha.images.tests.conftest import page_8_bit

TEHRAN, ALMATY = ZoneInfo("Asia/Tehran"), ZoneInfo("Asia/Almaty")
OAI = "http://www.openarchives.org/OAI/2.0/"


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


class Clock:
    """Stands for the wall clock everywhere nuskha reads it (timezone.now)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def set(self, year: int, month: int, day: int, hour: int, minute: int, zone: ZoneInfo) -> None:
        self.now = datetime.datetime(year, month, day, hour, minute, tzinfo=zone)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


@dataclass
class Partnership:
    iran: Institution
    kazakhstan: Institution
    memorandum: Agreement
    manuscript: Item
    page: Page
    key: str
    partner_staff: Any


def institution(code: str, country: str, zone: str, name: str) -> Institution:
    made = make_institution(code, country, en=name)
    made.time_zone = zone
    made.save()
    return made


def record_agreement(
    reference: str,
    parties: list[Institution],
    effective: datetime.date,
    expires: datetime.date,
    scopes: list[str],
    extends: Agreement | None = None,
) -> Agreement:
    agreement = Agreement.objects.create(
        kind=Agreement.Kind.MEMORANDUM,
        reference=reference,
        signed_as_written="1386/02/15",
        signed_on=effective,
        effective_from=effective,
        expires_on=expires,
        extends=extends,
        extension=Agreement.Extension.RENEWAL if extends else "",
    )
    AgreementText.objects.create(
        agreement=agreement,
        language_id=_english().pk,
        title="Memorandum of understanding on manuscripts" if not extends else "Renewal",
    )
    for party in parties:
        Party.objects.create(agreement=agreement, institution=party)
    if scopes:
        clause = Clause.objects.create(agreement=agreement, number="3")
        for scope in scopes:
            ClauseScope.objects.create(clause=clause, scope=scope)
    return agreement


def _english() -> Any:
    from nuskha.catalogue.models import Language

    return Language.objects.get(code="en")


@pytest.fixture
def partnership(db: Any, tmp_path: Path) -> Partnership:
    iran = institution("IR-NLAI", "IR", "Asia/Tehran", "National Library and Archives of Iran")
    kazakhstan = institution("KZ-NLRK", "KZ", "Asia/Almaty", "National Library of Kazakhstan")
    memorandum = record_agreement(
        "IR-KZ/MoU/2022",
        [iran, kazakhstan],
        datetime.date(2022, 1, 1),
        datetime.date(2026, 12, 31),
        ["catalogue_exchange", "digital_copies"],
    )
    manuscript = make_item(
        iran, shelfmark="MS 5-07781", access=Item.Access.RESTRICTED, is_shareable=True
    )
    folder = tmp_path / "scans"
    folder.mkdir()
    page_8_bit(600, 800).jpegsave(str(folder / "0001.jpg"), Q=90)
    ingest(manuscript, folder)
    _credential, key = Credential.issue(kazakhstan, "union catalogue harvester")
    staff = make_staff("aigerim", kazakhstan)
    return Partnership(iran, kazakhstan, memorandum, manuscript, Page.objects.get(), key, staff)


# The doors, each asked the same way before and after the expiry -------------------------


def partner_client(partnership: Partnership, by: str) -> Client:
    if by == "key":
        return Client(HTTP_AUTHORIZATION=f"Bearer {partnership.key}")
    client = Client()
    client.force_login(partnership.partner_staff)
    return client


def doors(partnership: Partnership) -> dict[str, str]:
    item, image = partnership.manuscript.pk, partnership.page.image_id
    return {
        "web": f"/items/{item}",
        "api": f"/api/v1/items/{item}",
        "image info": f"/iiif/3/image/{image}/info.json",
        "image": f"/iiif/3/image/{image}/full/200,/0/default.jpg",
        "manifest": f"/iiif/3/manifest/{item}",
        "content search": f"/iiif/3/search/{item}?q=word",
    }


def oai_record(client: Client, partnership: Partnership) -> tuple[etree._Element, Any]:
    identifier = f"oai:nuskha.localhost:IR-NLAI:{partnership.manuscript.pk}"
    response = client.get(
        "/oai", {"verb": "GetRecord", "identifier": identifier, "metadataPrefix": "oai_dc"}
    )
    assert response.status_code == 200
    return etree.fromstring(response.content), response


def is_shared_over_oai(client: Client, partnership: Partnership) -> bool:
    document, _response = oai_record(client, partnership)
    (header,) = document.iter(f"{{{OAI}}}header")
    has_metadata = next(document.iter(f"{{{OAI}}}metadata"), None) is not None
    assert has_metadata is (header.get("status") != "deleted")
    return has_metadata


@pytest.mark.parametrize("by", ["key", "staff account"])
def test_a_partner_is_refused_at_every_door_after_expiry_and_let_in_after_renewal(
    partnership: Partnership, clock: Clock, by: str
) -> None:
    # The expiry day itself, late in the evening in Tehran: still in force.
    clock.set(2026, 12, 31, 23, 50, TEHRAN)
    client = partner_client(partnership, by)  # signed in now: sessions expire by the clock
    for door, path in doors(partnership).items():
        assert client.get(path).status_code == 200, door
    assert is_shared_over_oai(client, partnership)

    # Ten minutes later it is 1 January in Tehran (still 31 December in UTC).
    clock.set(2027, 1, 1, 0, 0, TEHRAN)
    for door, path in doors(partnership).items():
        response = client.get(path)
        assert response.status_code == 403, door
        text = response.content.decode()
        assert "IR-KZ/MoU/2022" in text and "2026-12-31" in text, (door, text)
    assert not is_shared_over_oai(client, partnership)
    _document, response = oai_record(client, partnership)
    assert "IR-KZ/MoU/2022" in response["Nuskha-Access-Refused"]
    assert "2026-12-31" in response["Nuskha-Access-Refused"]

    # A renewal is recorded (no clauses of its own: it renews the memorandum's).
    record_agreement(
        "IR-KZ/MoU/2022/R1",
        [partnership.iran, partnership.kazakhstan],
        datetime.date(2027, 1, 1),
        datetime.date(2031, 12, 31),
        [],
        extends=partnership.memorandum,
    )
    for door, path in doors(partnership).items():
        assert client.get(path).status_code == 200, door
    assert is_shared_over_oai(client, partnership)
    assert partnership.memorandum.status() == "superseded"


def test_the_public_is_refused_throughout_and_told_nothing(
    partnership: Partnership, clock: Clock
) -> None:
    anonymous = Client()
    clock.set(2026, 12, 31, 12, 0, TEHRAN)
    expected = {
        "web": 404,
        "api": 404,
        "image info": 401,
        "image": 401,
        "manifest": 401,
        "content search": 401,
    }
    for door, path in doors(partnership).items():
        response = anonymous.get(path)
        assert response.status_code == expected[door], door
        assert "MoU" not in response.content.decode()
    assert not is_shared_over_oai(anonymous, partnership)
    _document, response = oai_record(anonymous, partnership)
    assert "Nuskha-Access-Refused" not in response


def test_records_but_not_images_under_catalogue_exchange_alone(
    partnership: Partnership, clock: Clock
) -> None:
    ClauseScope.objects.filter(scope="digital_copies").delete()
    client = partner_client(partnership, "key")
    clock.set(2026, 6, 1, 12, 0, TEHRAN)
    paths = doors(partnership)
    assert client.get(paths["api"]).status_code == 200
    assert is_shared_over_oai(client, partnership)
    refused = client.get(paths["manifest"])
    assert refused.status_code == 403
    assert "No agreement in force" in refused.json()["error"]


def test_a_restricted_item_not_marked_shareable_is_never_shared(
    partnership: Partnership, clock: Clock
) -> None:
    item = partnership.manuscript
    item.is_shareable = False
    item.save()
    client = partner_client(partnership, "key")
    # Refused as for the public, saying no more: a partner is not told what is kept back.
    assert client.get(f"/api/v1/items/{item.pk}").status_code == 404
    assert not is_shared_over_oai(client, partnership)
    _document, response = oai_record(client, partnership)
    assert "Nuskha-Access-Refused" not in response


def test_an_item_open_at_reduced_size_is_whole_for_a_partner_with_digital_copies(
    partnership: Partnership, clock: Clock
) -> None:
    item = partnership.manuscript
    item.access, item.max_image_pixels = Item.Access.OPEN_REDUCED, 300
    item.save()
    path = f"/iiif/3/image/{partnership.page.image_id}/info.json"
    assert Client().get(path).json()["maxWidth"] <= 300
    assert "maxWidth" not in partner_client(partnership, "key").get(path).json()
    clock.set(2027, 1, 2, 12, 0, TEHRAN)  # expired: what the public gets
    assert partner_client(partnership, "key").get(path).json()["maxWidth"] <= 300


def test_each_decision_is_logged_once_per_reader_item_and_day(
    partnership: Partnership, clock: Clock
) -> None:
    client = partner_client(partnership, "key")
    clock.set(2026, 12, 31, 12, 0, TEHRAN)
    for x in range(0, 600, 100):  # a viewer's worth of image requests through Django
        client.get(f"/iiif/3/image/{partnership.page.image_id}/{x},0,100,100/100,/0/default.jpg")
    client.get(f"/api/v1/items/{partnership.manuscript.pk}")
    clock.set(2027, 1, 1, 9, 0, TEHRAN)
    client.get(f"/api/v1/items/{partnership.manuscript.pk}")
    client.get(f"/api/v1/items/{partnership.manuscript.pk}")

    events = list(AccessEvent.objects.order_by("day").values_list("day", "is_granted", "door"))
    assert [(day, granted) for day, granted, _door in events] == [
        (datetime.date(2026, 12, 31), True),
        (datetime.date(2027, 1, 1), False),
    ]
    refused = AccessEvent.objects.get(is_granted=False)
    assert refused.agreement == partnership.memorandum and "2026-12-31" in refused.reason


def test_an_image_pass_ends_with_the_agreement(
    partnership: Partnership, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A partner's image pass never outlives the grant: near midnight in Tehran on the
    expiry day, it ends at midnight, not five minutes later."""
    clock.set(2026, 12, 31, 23, 58, TEHRAN)

    class Time:  # the pass's own clock
        @staticmethod
        def time() -> float:
            return clock.now.timestamp()

    monkeypatch.setattr("nuskha.images.views.time", Time)
    client = partner_client(partnership, "staff account")
    response = client.get(f"/iiif/3/image/{partnership.page.image_id}/info.json")
    token = response.cookies[tile_cache.PASS_COOKIE].value
    from nuskha.access import epoch
    from nuskha.images import passes

    grants = passes.grants_of(tile_cache.pass_key(), epoch.current(), token, Time.time())
    midnight = datetime.datetime(2027, 1, 1, tzinfo=TEHRAN).timestamp()
    assert grants == {partnership.manuscript.pk: int(midnight)}


def test_the_granting_institutions_day_counts_not_the_partners(
    partnership: Partnership, clock: Clock
) -> None:
    # 1 January 00:30 in Almaty is still 31 December (23:00) in Tehran.
    clock.set(2027, 1, 1, 0, 30, ALMATY)
    key_reader = partner_client(partnership, "key")
    assert key_reader.get(f"/api/v1/items/{partnership.manuscript.pk}").status_code == 200
    assert decide(None, partnership.manuscript, Door.API).is_granted is False


def test_a_partner_is_not_told_of_drafts_or_withdrawn_records(
    partnership: Partnership, clock: Clock
) -> None:
    client = partner_client(partnership, "key")
    for status in (Item.Status.DRAFT, Item.Status.WITHDRAWN):
        item = partnership.manuscript
        item.status = status
        item.save()
        response = client.get(f"/api/v1/items/{item.pk}")
        assert response.status_code == 404 and "agreement" not in response.json()["detail"]
