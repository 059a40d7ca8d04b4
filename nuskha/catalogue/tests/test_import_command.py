"""`nuskha import` and `nuskha export`: partners' files in, the same records out."""

from __future__ import annotations

import io
from pathlib import Path

import pymarc
import pytest
from django.core.management import CommandError, call_command

from nuskha.catalogue.models import Item, SourceRecord, Title

pytestmark = pytest.mark.django_db(transaction=True)

SAMPLES = Path(__file__).resolve().parents[1] / "formats/tests/samples"
MARCXML_SAMPLES = sorted((SAMPLES / "marc21").glob("*.xml"))
ZWNJ = "\u200c"


def run(*arguments: str) -> str:
    out = io.StringIO()
    call_command(*arguments, stdout=out)
    return out.getvalue()


def import_file(path: Path, format_name: str, institution: str = "IR-NLAI") -> str:
    return run("import", str(path), "--format", format_name, "--institution", institution)


def fields_of(marcxml: bytes) -> list[list[tuple[str, str, str, list[tuple[str, str]]]]]:
    """Every record's fields as (tag, indicators, data, subfields), for comparison."""
    records = pymarc.parse_xml_to_array(io.BytesIO(marcxml))
    return [
        [
            (
                field.tag,
                "".join(field.indicators or []) if not field.is_control_field() else "",
                field.data or "" if field.is_control_field() else "",
                [(s.code, s.value) for s in getattr(field, "subfields", [])],
            )
            for field in record.fields
        ]
        for record in records
    ]


def test_a_marcxml_file_goes_in_and_a_second_import_updates_it(iran_library) -> None:
    path = SAMPLES / "marc21/persian-hafiz-divan.xml"
    first = import_file(path, "marcxml")
    assert "1 created, 0 updated, 0 skipped" in first
    assert any(ZWNJ in t.text for t in Title.objects.all())  # the ZWNJ as written
    second = import_file(path, "marcxml")
    assert "0 created, 1 updated, 0 skipped" in second
    assert Item.objects.count() == 1 and SourceRecord.objects.count() == 1


@pytest.mark.parametrize("path", MARCXML_SAMPLES, ids=lambda p: p.stem)
def test_import_then_export_loses_no_field_and_no_character(iran_library, path) -> None:
    import_file(path, "marcxml")
    ids = [str(pk) for pk in Item.objects.order_by("pk").values_list("pk", flat=True)]
    exported = run("export", "--format", "marcxml", *ids).encode("utf-8")
    assert fields_of(exported) == fields_of(path.read_bytes())


def test_a_bad_record_is_reported_with_its_position_and_the_others_go_in(iran_library) -> None:
    out = io.StringIO()
    path = SAMPLES / "unimarc/three-records-one-broken.mrc"
    with pytest.raises(CommandError, match="1 record"):
        call_command(
            "import", str(path), "--format", "unimarc", "--institution", "IR-NLAI", stdout=out
        )
    assert "record 2" in out.getvalue() and "skipped" in out.getvalue()
    assert "2 created, 0 updated, 1 skipped" in out.getvalue()
    assert Item.objects.count() == 2


def test_tei_descriptions_go_in_and_bad_ones_are_named(iran_library) -> None:
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import",
            str(SAMPLES / "tei/corpus_with_bad_descriptions.xml"),
            "--format",
            "tei",
            "--institution",
            "IR-NLAI",
            stdout=out,
        )
    text = out.getvalue()
    assert "record 2" in text and "record 3" in text
    assert Item.objects.count() == 2


def test_an_unknown_institution_is_named(db) -> None:
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import",
            str(SAMPLES / "marc21/persian-hafiz-divan.xml"),
            "--format",
            "marcxml",
            "--institution",
            "XX-NONE",
            stdout=out,
        )
    assert "no institution with the code XX-NONE" in out.getvalue()
    assert Item.objects.count() == 0


def test_a_file_that_cannot_be_read_is_named(db, tmp_path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<collection><record>", encoding="utf-8")
    with pytest.raises(CommandError, match="broken.xml"):
        import_file(broken, "marcxml")
    with pytest.raises(CommandError, match="missing.mrc"):
        import_file(tmp_path / "missing.mrc", "marc")


@pytest.mark.parametrize("format_name", ["marc", "marcxml", "tei", "dc", "json"])
def test_every_format_exports_a_catalogued_item(iran_library, format_name) -> None:
    from nuskha.catalogue.conftest import make_item

    item = make_item(iran_library, title=f"می{ZWNJ}خواند")
    out = run("export", "--format", format_name, str(item.pk))
    assert f"می{ZWNJ}خواند" in out or format_name == "marc" and "MS 5-1234" in out


def test_exporting_an_unknown_item_is_an_error(db) -> None:
    with pytest.raises(CommandError, match="There is no item 999"):
        run("export", "--format", "tei", "999")


def test_an_edit_made_here_is_merged_into_the_record_as_received(iran_library) -> None:
    path = SAMPLES / "marc21/persian-hafiz-divan.xml"
    import_file(path, "marcxml")
    item = Item.objects.get()
    item.notes = "Rebound in 1999."
    item.save()
    exported = fields_of(run("export", "--format", "marcxml", str(item.pk)).encode("utf-8"))[0]
    received = fields_of(path.read_bytes())[0]
    notes = [subfields for tag, _i, _d, subfields in exported if tag == "500"]
    assert [("a", "Rebound in 1999.")] in notes
    # Fields outside the crosswalk are kept as they came: 035, 040 and the local 9XX.
    kept = [field for field in received if field[0] in ("035", "040") or field[0] >= "900"]
    assert kept and all(field in exported for field in kept)


def test_an_item_a_format_cannot_carry_is_left_out_and_named(iran_library) -> None:
    from nuskha.catalogue.conftest import make_item

    good = make_item(iran_library, shelfmark="MS 1")
    untitled = Item.objects.create(institution=iran_library, shelfmark="MS 2")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 item"):
        call_command("export", "--format", "marcxml", stdout=out, stderr=err)
    assert f"item {untitled.pk} (MS 2): left out" in err.getvalue()
    assert len(fields_of(out.getvalue().encode("utf-8"))) == 1 and good.pk
