"""The OCFL master store: versions, checksums, undoing a failed version."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from nuskha.preservation import storage
from nuskha.preservation.storage import MasterStore, StorageError, sha256_of


def write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


@pytest.fixture
def store(tmp_path: Path) -> MasterStore:
    return MasterStore(tmp_path / "ocfl")


@pytest.fixture
def incoming(tmp_path: Path) -> Path:
    folder = tmp_path / "incoming"
    folder.mkdir()
    return folder


def test_first_version_holds_the_files_unchanged_under_sha256(store, incoming):
    page = write(incoming, "0001.tif", b"master one")
    version = store.add_version(
        "nuskha:item:1", {"masters/0001.tif": page}, message="Ingest", user="digitiser"
    )
    assert version == "v1"
    stored = store.files("nuskha:item:1")["masters/0001.tif"]
    assert stored.path.read_bytes() == b"master one"
    assert stored.digest == hashlib.sha256(b"master one").hexdigest()
    assert stored.path.relative_to(store.object_dir("nuskha:item:1")).as_posix() == (
        "v1/content/masters/0001.tif"
    )
    inventory = store.inventory("nuskha:item:1")
    assert inventory["digestAlgorithm"] == "sha256"
    assert inventory["versions"]["v1"]["message"] == "Ingest"
    assert store.validate("nuskha:item:1") == []


def test_replacing_a_file_makes_a_new_version_and_keeps_the_old_master(store, incoming):
    first = write(incoming, "a", b"first scan")
    store.add_version("obj", {"masters/1r.tif": first}, message="Ingest", user="u")
    second = write(incoming, "b", b"second scan")
    assert store.add_version("obj", {"masters/1r.tif": second}, message="Rescan", user="u") == "v2"
    assert store.files("obj")["masters/1r.tif"].path.read_bytes() == b"second scan"
    assert store.files_in("obj", "v1")["masters/1r.tif"].path.read_bytes() == b"first scan"
    assert [v.message for v in store.versions("obj")] == ["Ingest", "Rescan"]
    assert store.validate("obj") == []


def test_storing_the_same_content_again_writes_no_version(store, incoming):
    page = write(incoming, "p", b"same")
    store.add_version("obj", {"masters/p.tif": page}, message="Ingest", user="u")
    assert store.add_version("obj", {"masters/p.tif": page}, message="Again", user="u") is None
    assert [v.name for v in store.versions("obj")] == ["v1"]


def test_added_files_carry_the_earlier_ones_forward(store, incoming):
    store.add_version("obj", {"masters/1.tif": write(incoming, "1", b"one")}, message="m", user="u")
    store.add_version("obj", {"masters/2.tif": write(incoming, "2", b"two")}, message="m", user="u")
    assert sorted(store.files("obj")) == ["masters/1.tif", "masters/2.tif"]
    # Forward delta: v2 holds only the new file.
    assert store.files("obj")["masters/1.tif"].version == "v1"


def test_removed_files_stay_in_earlier_versions(store, incoming):
    store.add_version("obj", {"masters/1.tif": write(incoming, "1", b"one")}, message="m", user="u")
    store.add_version("obj", {}, message="Withdraw page", user="u", remove=["masters/1.tif"])
    assert store.files("obj") == {}
    assert "masters/1.tif" in store.files_in("obj", "v1")


def test_a_source_that_changed_since_its_checksum_aborts_the_first_version(store, incoming):
    page = write(incoming, "p", b"as scanned")
    with pytest.raises(StorageError, match="masters/p.tif changed"):
        store.add_version(
            "obj",
            {"masters/p.tif": page},
            message="m",
            user="u",
            expected={"masters/p.tif": hashlib.sha256(b"something else").hexdigest()},
        )
    assert not store.exists("obj")


def test_a_failed_later_version_is_undone_whole(store, incoming, monkeypatch):
    store.add_version("obj", {"masters/1.tif": write(incoming, "1", b"one")}, message="m", user="u")
    before = store.inventory("obj")

    def corrupt_copy(object_id, object_dir, inventory, version, expected):
        raise StorageError("copy damaged")

    monkeypatch.setattr(storage, "_verify", corrupt_copy)
    with pytest.raises(StorageError, match="copy damaged"):
        store.add_version(
            "obj", {"masters/2.tif": write(incoming, "2", b"two")}, message="m", user="u"
        )
    assert store.inventory("obj") == before
    assert not (store.object_dir("obj") / "v2").exists()
    assert store.validate("obj") == []


def test_a_damaged_copy_is_detected_by_its_digest(store, incoming, monkeypatch):
    real_copy = storage.ocfl.Object.copy_into_object

    def damaging_copy(self, src_fs, srcfile, filepath, create_dirs=False):
        real_copy(self, src_fs, srcfile, filepath, create_dirs)
        with self.obj_fs.open(filepath, "ab") as stream:
            stream.write(b"!")

    monkeypatch.setattr(storage.ocfl.Object, "copy_into_object", damaging_copy)
    with pytest.raises(StorageError, match="does not match its SHA-256"):
        store.add_version(
            "obj", {"masters/1.tif": write(incoming, "1", b"x")}, message="m", user="u"
        )
    assert not store.exists("obj")


@pytest.mark.parametrize("logical_path", ["../escape.tif", "/abs.tif", "masters//x", "a/./b"])
def test_it_refuses_logical_paths_that_are_not_plain(store, incoming, logical_path):
    with pytest.raises(StorageError, match="Refused logical path"):
        store.add_version("obj", {logical_path: write(incoming, "x", b"x")}, message="m", user="u")


def test_the_storage_root_is_valid_ocfl(store, incoming):
    store.add_version("obj", {"masters/1.tif": write(incoming, "1", b"one")}, message="m", user="u")
    assert (store.root / "0=ocfl_1.1").exists()
    layout = json.loads((store.root / "ocfl_layout.json").read_text())
    assert layout["extension"] == storage.LAYOUT
    assert sha256_of(incoming / "1") == hashlib.sha256(b"one").hexdigest()


def test_the_latest_version_can_be_taken_back(store, incoming):
    store.add_version("obj", {"masters/1.tif": write(incoming, "1", b"one")}, message="m", user="u")
    before = store.inventory("obj")
    store.add_version("obj", {"masters/2.tif": write(incoming, "2", b"two")}, message="m", user="u")
    store.discard_head("obj", "v2")
    assert store.inventory("obj") == before
    assert store.validate("obj") == []
    store.discard_head("obj", "v1")
    assert not store.exists("obj")


def test_only_the_latest_version_can_be_taken_back(store, incoming):
    store.add_version("obj", {"masters/1.tif": write(incoming, "1", b"one")}, message="m", user="u")
    store.add_version("obj", {"masters/2.tif": write(incoming, "2", b"two")}, message="m", user="u")
    with pytest.raises(StorageError, match="not the latest"):
        store.discard_head("obj", "v1")
