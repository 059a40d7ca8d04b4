"""/items/<id>/record.<mrc|marcxml|tei|dc>: an item in the exchange formats, checked by the
formats' own readers and schemas, behind the same access rule as every other door."""

from __future__ import annotations

import io

import pymarc
import pytest
from lxml import etree

from nuskha.catalogue.formats.tei import read_tei
from nuskha.conftest import load_relax_ng, load_xml_schema

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("extension", "media_type"),
    [
        ("mrc", "application/marc"),
        ("marcxml", "application/marcxml+xml"),
        ("tei", "application/tei+xml"),
        ("dc", "application/xml"),
    ],
)
def test_each_format_is_served_with_its_media_type(client, full_item, extension, media_type):
    response = client.get(f"/items/{full_item.pk}/record.{extension}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(media_type)
    assert (
        f"{full_item.institution.code}-{full_item.pk}.{extension}"
        in (response["Content-Disposition"])
    )


def test_the_marc_record_reads_back_with_its_title(client, full_item) -> None:
    data = client.get(f"/items/{full_item.pk}/record.mrc").content
    record = next(iter(pymarc.MARCReader(io.BytesIO(data), to_unicode=True, force_utf8=True)))
    title = full_item.titles.first().text
    assert any(title in field.value() for field in record.get_fields("245", "880"))


def test_the_marcxml_record_is_valid_marc21_slim(client, full_item) -> None:
    schema = load_xml_schema("MARC21slim.xsd")
    document = etree.fromstring(client.get(f"/items/{full_item.pk}/record.marcxml").content)
    assert schema.validate(document), schema.error_log


def test_the_tei_record_is_valid_msdesc_and_reads_back(client, full_item) -> None:
    schema = load_relax_ng("msdesc.rng")
    data = client.get(f"/items/{full_item.pk}/record.tei").content
    assert schema.validate(etree.fromstring(data)), schema.error_log
    parsed = next(iter(read_tei(data)))
    assert parsed.record is not None and parsed.record.shelfmark == full_item.shelfmark


def test_a_draft_is_not_served_to_the_public_in_any_format(client, full_item) -> None:
    full_item.status = "draft"
    full_item.save()
    for extension in ("mrc", "marcxml", "tei", "dc", "json"):
        assert client.get(f"/items/{full_item.pk}/record.{extension}").status_code == 404


def test_staff_get_a_draft(staff_client, full_item) -> None:
    full_item.status = "draft"
    full_item.save()
    assert staff_client.get(f"/items/{full_item.pk}/record.tei").status_code == 200


def test_an_unknown_format_is_not_found(client, full_item) -> None:
    assert client.get(f"/items/{full_item.pk}/record.pdf").status_code == 404


def test_a_record_a_format_cannot_carry_is_refused_with_the_reason(client, iran_library):
    from nuskha.catalogue.models import Item

    untitled = Item.objects.create(
        institution=iran_library, shelfmark="MS 9", status=Item.Status.PUBLISHED
    )
    response = client.get(f"/items/{untitled.pk}/record.marcxml")
    assert response.status_code == 422
    assert "title" in response.content.decode()
