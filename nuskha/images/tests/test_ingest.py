"""Ingest: masters stored unchanged as OCFL versions, pages recorded, bad input refused whole."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from nuskha.catalogue.conftest import make_item
from nuskha.images.ingest import IngestError, ingest, master_store, object_id_for
from nuskha.images.models import Page
from nuskha.images.tests.conftest import (
    page_8_bit,
    save_huge_png_header,
    save_tiff_header_first,
    truncate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


def scans(folder: Path, names: list[str], width: int = 400, height: int = 600) -> Path:
    """A folder of small JPEG page scans, each a little different (no two alike)."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, name in enumerate(names):
        page = page_8_bit(width, height).draw_rect([number * 7 % 255, 0, 0], 5, 5, 20, 20)
        page.jpegsave(str(folder / name), Q=90)
    return folder


def zipped(folder: Path, archive: Path, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(folder.iterdir()):
            out.write(path, f"volume/{path.name}")
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return archive


def stored_files(item) -> dict[str, str]:
    return {path: f.digest for path, f in master_store().files(object_id_for(item)).items()}


def nothing_left_of(item, data_dir: Path) -> None:
    assert not Page.objects.filter(item=item).exists()
    assert not master_store().exists(object_id_for(item))
    assert not any((data_dir / "images").rglob("*.tif"))
    assert not any((data_dir / "staging").iterdir())


def test_a_folder_becomes_pages_in_natural_order_with_folio_labels(tmp_path):
    item = make_item()
    folder = scans(tmp_path / "in", ["p10.jpg", "p2.jpg", "p1.jpg"])
    result = ingest(item, folder, user="digitiser")
    pages = list(Page.objects.filter(item=item))
    assert [p.source_name for p in pages] == ["p1.jpg", "p2.jpg", "p10.jpg"]
    assert [p.label for p in pages] == ["1r", "1v", "2r"]
    assert [p.position for p in pages] == [1, 2, 3]
    assert result.version == "v1" and len(result.added) == 3
    for page in pages:
        master = folder / page.source_name
        assert page.master_sha256 == hashlib.sha256(master.read_bytes()).hexdigest()
        assert (page.width, page.height) == (400, 600)
        assert page.access_copy.exists() and page.thumbnail.exists()
    assert stored_files(item) == {f"masters/{p.source_name}": p.master_sha256 for p in pages}
    assert master_store().validate(object_id_for(item)) == []


def test_masters_are_stored_byte_for_byte(tmp_path):
    item = make_item()
    folder = scans(tmp_path / "in", ["001.jpg"])
    ingest(item, folder)
    stored = master_store().files(object_id_for(item))["masters/001.jpg"]
    assert stored.path.read_bytes() == (folder / "001.jpg").read_bytes()


def test_running_the_same_ingest_again_changes_nothing(tmp_path):
    item = make_item()
    folder = scans(tmp_path / "in", ["1.jpg", "2.jpg"])
    ingest(item, folder)
    before = list(Page.objects.filter(item=item).values())
    again = ingest(item, folder)
    assert again.version is None and again.unchanged == ["1.jpg", "2.jpg"]
    assert list(Page.objects.filter(item=item).values()) == before
    assert [v.name for v in master_store().versions(object_id_for(item))] == ["v1"]


def test_a_replaced_master_is_a_new_version_and_the_old_one_is_kept(
    tmp_path, django_capture_on_commit_callbacks
):
    item = make_item()
    folder = scans(tmp_path / "in", ["1.jpg", "2.jpg"])
    ingest(item, folder)
    old = Page.objects.get(item=item, source_name="2.jpg")
    old_master = master_store().files(object_id_for(item))["masters/2.jpg"].path
    rescan = scans(tmp_path / "rescan", ["2.jpg"], width=410)  # a new scan of the page
    with django_capture_on_commit_callbacks(execute=True):
        result = ingest(item, rescan / "2.jpg")
    new = Page.objects.get(item=item, source_name="2.jpg")
    assert result.replaced == ["2.jpg"] and result.version == "v2"
    assert new.pk == old.pk and new.image_id != old.image_id and new.position == old.position
    assert old_master.exists()  # v1 still holds the first scan
    assert master_store().files_in(object_id_for(item), "v1")["masters/2.jpg"].path == old_master
    assert not old.derivative_dir().exists() and new.access_copy.exists()


def test_a_page_scanned_later_takes_its_place_by_name(tmp_path):
    item = make_item()
    ingest(item, scans(tmp_path / "a", ["0001.jpg", "0003.jpg"]))
    ingest(item, scans(tmp_path / "b", ["0002.jpg"], width=401))
    pages = Page.objects.filter(item=item)
    assert [p.source_name for p in pages] == ["0001.jpg", "0002.jpg", "0003.jpg"]
    assert [p.label for p in pages] == ["1r", "1v", "2r"]  # never edited, so relabelled


def test_labels_edited_by_staff_are_kept_when_pages_are_added(tmp_path):
    item = make_item()
    ingest(item, scans(tmp_path / "a", ["1.jpg", "2.jpg"]))
    Page.objects.filter(item=item, source_name="1.jpg").update(label="fly-leaf")
    ingest(item, scans(tmp_path / "b", ["3.jpg"], width=402))
    assert [p.label for p in Page.objects.filter(item=item)][0] == "fly-leaf"


def test_pagination_labels_on_request(tmp_path):
    item = make_item()
    ingest(item, scans(tmp_path / "in", ["a.jpg", "b.jpg"]), scheme="page")
    assert [p.label for p in Page.objects.filter(item=item)] == ["1", "2"]


def test_a_zip_is_ingested_and_system_files_skipped(tmp_path):
    item = make_item()
    archive = zipped(
        scans(tmp_path / "in", ["1.jpg", "2.jpg"]),
        tmp_path / "volume.zip",
        {"__MACOSX/volume/._1.jpg": b"resource fork", "volume/Thumbs.db": b"cache"},
    )
    result = ingest(item, archive)
    assert [p.source_name for p in Page.objects.filter(item=item)] == [
        "volume/1.jpg",
        "volume/2.jpg",
    ]
    assert result.skipped == ["__MACOSX/volume/._1.jpg", "volume/Thumbs.db"]


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("../../etc/evil.jpg", "outside the zip"),
        ("/etc/evil.jpg", "absolute path"),
        ("volume/../../evil.jpg", "outside the zip"),
    ],
)
def test_a_zip_with_a_dangerous_path_is_refused_whole(tmp_path, data_dir, entry, reason):
    item = make_item()
    archive = zipped(scans(tmp_path / "in", ["1.jpg"]), tmp_path / "bad.zip", {entry: b"x"})
    with pytest.raises(IngestError, match=reason) as refused:
        ingest(item, archive)
    assert "bad.zip" in str(refused.value) and entry in str(refused.value)
    nothing_left_of(item, data_dir)
    assert not (tmp_path / "etc").exists()


def test_a_zip_entry_that_is_a_link_is_refused(tmp_path, data_dir):
    item = make_item()
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as out:
        link = zipfile.ZipInfo("volume/1.jpg")
        link.external_attr = (0o120777 << 16) | 0
        out.writestr(link, "/etc/passwd")
    with pytest.raises(IngestError, match="is a link"):
        ingest(item, archive)
    nothing_left_of(item, data_dir)


def test_a_zip_bomb_is_refused_before_it_fills_the_disk(tmp_path, data_dir, settings):
    settings.INGEST_MAX_BYTES = 10_000_000
    item = make_item()
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("volume/1.tif", b"\0" * 50_000_000)
    assert archive.stat().st_size < 100_000
    with pytest.raises(IngestError, match="more than 10,000,000 bytes"):
        ingest(item, archive)
    nothing_left_of(item, data_dir)


def test_an_image_over_the_pixel_limit_is_refused_from_its_header(tmp_path, data_dir):
    item = make_item()
    folder = scans(tmp_path / "in", ["1.jpg"])
    save_huge_png_header(folder / "2.png", 30_000, 30_000)
    with pytest.raises(IngestError, match=r"^2\.png: 30000x30000 is more than"):
        ingest(item, folder)
    nothing_left_of(item, data_dir)


def test_a_file_that_is_not_an_image_is_refused_by_name(tmp_path, data_dir):
    item = make_item()
    folder = scans(tmp_path / "in", ["1.jpg"])
    (folder / "2.tif").write_text("a scanning log, not a page")
    with pytest.raises(IngestError, match=r"^2\.tif: not an image"):
        ingest(item, folder)
    nothing_left_of(item, data_dir)


def test_a_truncated_tiff_is_refused_and_nothing_is_kept(tmp_path, data_dir):
    item = make_item()
    folder = scans(tmp_path / "in", ["1.jpg"])
    truncate(save_tiff_header_first(folder / "2.tif", page_8_bit(400, 600)))
    with pytest.raises(IngestError, match=r"^2\.tif: "):
        ingest(item, folder)
    nothing_left_of(item, data_dir)


def test_a_truncated_tiff_in_a_zip_is_named_as_in_the_zip(tmp_path, data_dir):
    item = make_item()
    folder = scans(tmp_path / "in", ["1.jpg"])
    truncate(save_tiff_header_first(folder / "2.tif", page_8_bit(400, 600)))
    with pytest.raises(IngestError, match=r"^volume/2\.tif: "):
        ingest(item, zipped(folder, tmp_path / "v.zip"))
    nothing_left_of(item, data_dir)


def test_the_same_image_twice_is_refused_as_a_duplicate(tmp_path, data_dir):
    item = make_item()
    folder = scans(tmp_path / "in", ["1.jpg"])
    (folder / "1 copy.jpg").write_bytes((folder / "1.jpg").read_bytes())
    with pytest.raises(IngestError, match="duplicate"):
        ingest(item, folder)
    nothing_left_of(item, data_dir)


def test_an_image_already_ingested_under_another_name_is_refused(tmp_path):
    item = make_item()
    folder = scans(tmp_path / "in", ["1.jpg"])
    ingest(item, folder)
    (tmp_path / "renamed.jpg").write_bytes((folder / "1.jpg").read_bytes())
    with pytest.raises(IngestError, match="already ingested"):
        ingest(item, tmp_path / "renamed.jpg")
    assert Page.objects.filter(item=item).count() == 1


def test_a_failure_while_recording_takes_the_stored_version_back(tmp_path, data_dir, monkeypatch):
    item = make_item()
    ingest(item, scans(tmp_path / "a", ["1.jpg"]))
    before = master_store().inventory(object_id_for(item))

    def broken_save(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Page, "save", broken_save)
    with pytest.raises(RuntimeError, match="went away"):
        ingest(item, scans(tmp_path / "b", ["2.jpg"], width=403))
    monkeypatch.undo()
    assert master_store().inventory(object_id_for(item)) == before
    assert Page.objects.filter(item=item).count() == 1
    assert len(list((data_dir / "images").rglob("access.tif"))) == 1


def test_the_command_reports_and_refuses_with_the_file_named(tmp_path, capsys):
    item = make_item()
    folder = scans(tmp_path / "in", ["1.jpg", "2.jpg"])
    call_command("ingest", str(item.pk), str(folder), verbosity=0)
    assert "2 added" in capsys.readouterr().out
    (folder / "3.png").write_text("not an image")
    with pytest.raises(CommandError, match=r"3\.png: not an image"):
        call_command("ingest", str(item.pk), str(folder), verbosity=0)
    with pytest.raises(CommandError, match="No item 999999"):
        call_command("ingest", "999999", str(folder))


def test_access_copies_are_rebuilt_from_the_masters(tmp_path):
    from nuskha.images.jobs import rebuild_derivatives
    from nuskha.jobs.models import Job
    from nuskha.jobs.running import enqueue
    from nuskha.jobs.worker import Worker

    item = make_item()
    ingest(item, scans(tmp_path / "in", ["1.jpg", "2.jpg"]))
    for page in Page.objects.filter(item=item):
        page.access_copy.unlink()
        page.thumbnail.unlink()
    job = enqueue(
        f"{rebuild_derivatives.__module__}.{rebuild_derivatives.__qualname__}",
        {"item_id": item.pk},
    )
    while Worker().run_one():
        pass
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.result == {"pages": 2}
    assert all(p.access_copy.exists() and p.thumbnail.exists() for p in Page.objects.all())
