"""Preservation storage: an OCFL 1.1 storage root holding one object per item, pure.

Masters are kept byte for byte as the digitisation staff delivered them. Each change
(pages added, a page replaced) is a new OCFL version that carries the previous state
forward, so an old master is never overwritten: it stays in the version that brought it.
ocfl-py writes and validates the objects; this module adds what ocfl-py leaves to its
caller: SHA-256 as the content digest (the checksum recorded at ingest is the object's own
content address), a check of every stored file against it after the copy, and undoing a
version that failed half-way so that nothing of a failed ingest remains.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import ocfl  # type: ignore[import-untyped]

DIGEST_ALGORITHM = "sha256"  # OCFL 1.1 section 3.5.1 allows sha512 (preferred) or sha256
LAYOUT = "0003-hash-and-id-n-tuple-storage-layout"
_CHUNK = 1 << 20


class StorageError(Exception):
    """Something in preservation storage is wrong; the message names the object and file."""


@dataclass(frozen=True)
class StoredFile:
    logical_path: str
    digest: str  # SHA-256, hex
    path: Path  # the content file on disk
    version: str  # the version whose content directory holds it ("v3")


@dataclass(frozen=True)
class VersionInfo:
    name: str
    created: str
    message: str
    user: str


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class MasterStore:
    """An OCFL storage root on local disk."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def ensure_root(self) -> None:
        if (self.root / "0=ocfl_1.1").exists():
            return
        self.root.parent.mkdir(parents=True, exist_ok=True)
        ocfl.StorageRoot(root=str(self.root), layout_name=LAYOUT).initialize()

    def object_dir(self, object_id: str) -> Path:
        self.ensure_root()
        storage = ocfl.StorageRoot(root=str(self.root))
        return self.root / str(storage.object_path(object_id))

    def exists(self, object_id: str) -> bool:
        return (self.object_dir(object_id) / "inventory.json").exists()

    def inventory(self, object_id: str) -> dict[str, object]:
        path = self.object_dir(object_id) / "inventory.json"
        try:
            return dict(json.loads(path.read_text("utf-8")))
        except FileNotFoundError:
            raise StorageError(f"No object {object_id} in {self.root}") from None

    def files(self, object_id: str) -> dict[str, StoredFile]:
        """The current version's files, by logical path."""
        if not self.exists(object_id):
            return {}
        inventory = self.inventory(object_id)
        return _files_of(self.object_dir(object_id), inventory, str(inventory["head"]))

    def files_in(self, object_id: str, version: str) -> dict[str, StoredFile]:
        return _files_of(self.object_dir(object_id), self.inventory(object_id), version)

    def versions(self, object_id: str) -> list[VersionInfo]:
        versions = dict(self.inventory(object_id)["versions"])  # type: ignore[call-overload]
        return [
            VersionInfo(
                name=name,
                created=str(data.get("created", "")),
                message=str(data.get("message", "")),
                user=str((data.get("user") or {}).get("name", "")),
            )
            for name, data in sorted(versions.items(), key=lambda pair: int(pair[0][1:]))
        ]

    def add_version(
        self,
        object_id: str,
        files: Mapping[str, Path],
        *,
        message: str,
        user: str,
        expected: Mapping[str, str] | None = None,
        remove: Sequence[str] = (),
    ) -> str | None:
        """Store files (logical path -> source file) as a new version; returns its name.

        Logical paths already in the object are replaced, others added; everything else
        is carried forward, except the logical paths in remove (they stay in the
        versions before this one). A file whose content is unchanged adds nothing, and a call
        that changes nothing writes no version (None). expected gives the SHA-256 each
        source had when it was received: a source that changed since, or a stored copy
        that differs from it, aborts the version and removes what was written.
        """
        if not files and not remove:
            return None
        expected = dict(expected or {})
        with tempfile.TemporaryDirectory(dir=self._staging_parent()) as staging:
            sources = _link_sources(files, Path(staging))
            if self.exists(object_id):
                return self._next_version(
                    object_id, sources, Path(staging), message, user, expected, remove
                )
            if remove:
                raise StorageError(f"{object_id}: nothing to remove from an object not stored")
            return self._first_version(object_id, sources, Path(staging), message, user, expected)

    def discard_head(self, object_id: str, version: str) -> None:
        """Take back the version just written (the caller's own later step failed): the
        object is as it was before it, or gone if that was its first version."""
        object_dir = self.object_dir(object_id)
        if str(self.inventory(object_id)["head"]) != version:
            raise StorageError(f"{object_id}: {version} is not the latest version; kept")
        if version == "v1":
            shutil.rmtree(object_dir)
            return
        previous = f"v{int(version[1:]) - 1}"
        _undo_version(object_dir, version, (object_dir / previous / "inventory.json").read_bytes())

    def validate(self, object_id: str, check_digests: bool = True) -> list[str]:
        """The object's OCFL validation errors (empty when valid)."""
        passed, validator = ocfl.Object().validate(
            objdir=str(self.object_dir(object_id)),
            log_warnings=False,
            check_digests=check_digests,
        )
        if passed:
            return []
        return [line for line in str(validator).splitlines() if line.strip()]

    def _staging_parent(self) -> Path:
        # Beside the root, on the same disk, outside the root (OCFL 1.1 section 4.2
        # forbids files in a storage root other than objects and declarations).
        staging = self.root.parent / f".{self.root.name}-staging"
        staging.mkdir(parents=True, exist_ok=True)
        return staging

    def _first_version(
        self,
        object_id: str,
        sources: dict[str, str],
        source_dir: Path,
        message: str,
        user: str,
        expected: dict[str, str],
    ) -> str:
        # Built beside the root, then moved into place whole: a failure leaves nothing.
        target = self.object_dir(object_id)
        with tempfile.TemporaryDirectory(dir=self._staging_parent()) as building:
            built = Path(building) / "object"
            new = ocfl.NewVersion.first_version(
                srcdir=str(source_dir),
                identifier=object_id,
                digest_algorithm=DIGEST_ALGORITHM,
                metadata=_metadata(message, user),
            )
            for logical_path, source in sorted(sources.items()):
                new.add(Path(source).name, logical_path, f"v1/content/{logical_path}")
            writer = ocfl.Object(identifier=object_id, digest_algorithm=DIGEST_ALGORITHM)
            writer.open_obj_fs(str(built), create=True)
            writer.write_inventory_and_sidecar(new.inventory, "v1")
            writer.write_object_declaration()
            writer.write_inventory_and_sidecar(new.inventory)
            for source, content_path in new.files_to_copy.items():
                writer.copy_into_object(new.src_fs, source, content_path, create_dirs=True)
            _verify(object_id, built, new.inventory.data, "v1", expected)
            target.parent.mkdir(parents=True, exist_ok=True)
            built.rename(target)
        return "v1"

    def _next_version(
        self,
        object_id: str,
        sources: dict[str, str],
        source_dir: Path,
        message: str,
        user: str,
        expected: dict[str, str],
        remove: Sequence[str],
    ) -> str | None:
        object_dir = self.object_dir(object_id)
        writer = ocfl.Object(digest_algorithm=DIGEST_ALGORITHM)
        new = writer.start_new_version(
            objdir=str(object_dir),
            srcdir=str(source_dir),
            metadata=_metadata(message, user),
            carry_content_forward=True,
        )
        current = new.inventory.current_version.logical_paths
        for logical_path in remove:
            if logical_path not in current:
                raise StorageError(f"{object_id}: no file {logical_path} to remove")
            if logical_path not in sources:
                new.delete(logical_path)
        for logical_path, source in sorted(sources.items()):
            if logical_path in current:
                new.delete(logical_path)
            new.add(Path(source).name, logical_path, f"{new.inventory.head}/content/{logical_path}")
        if not new.diff_with_previous():
            return None
        head = str(new.inventory.head)
        previous_inventory = (object_dir / "inventory.json").read_bytes()
        try:
            writer.write_new_version(new)
            _verify(object_id, object_dir, new.inventory.data, head, expected)
        except BaseException:
            _undo_version(object_dir, head, previous_inventory)
            raise
        return head


def _link_sources(files: Mapping[str, Path], staging: Path) -> dict[str, str]:
    """Give each source a unique name in one folder (ocfl-py reads sources from one
    directory); hard links where possible, so nothing is copied twice."""
    sources = {}
    for number, (logical_path, source) in enumerate(sorted(files.items())):
        _check_logical_path(logical_path)
        linked = staging / f"{number:06d}"
        try:
            linked.hardlink_to(source)
        except OSError:
            shutil.copyfile(source, linked)
        sources[logical_path] = str(linked)
    return sources


def _check_logical_path(logical_path: str) -> None:
    parts = logical_path.split("/")
    if logical_path.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise StorageError(f"Refused logical path {logical_path!r}: not a plain relative path")


def _metadata(message: str, user: str) -> ocfl.VersionMetadata:
    created = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return ocfl.VersionMetadata(created=created, message=message, name=user or "nuskha")


def _files_of(
    object_dir: Path, inventory: Mapping[str, object], version: str
) -> dict[str, StoredFile]:
    manifest: dict[str, list[str]] = inventory["manifest"]  # type: ignore[assignment]
    versions: dict[str, dict[str, object]] = inventory["versions"]  # type: ignore[assignment]
    state: dict[str, list[str]] = versions[version]["state"]  # type: ignore[assignment]
    files = {}
    for digest, logical_paths in state.items():
        content_path = manifest[digest][0]
        for logical_path in logical_paths:
            files[logical_path] = StoredFile(
                logical_path=logical_path,
                digest=digest,
                path=object_dir / content_path,
                version=content_path.split("/", 1)[0],
            )
    return files


def _verify(
    object_id: str,
    object_dir: Path,
    inventory: Mapping[str, object],
    version: str,
    expected: Mapping[str, str],
) -> None:
    """Every file this version copied in has the digest the inventory gives it, and every
    logical path named in expected has the digest it had when it was received."""
    manifest: dict[str, list[str]] = inventory["manifest"]  # type: ignore[assignment]
    for digest, content_paths in manifest.items():
        for content_path in content_paths:
            if not content_path.startswith(f"{version}/"):
                continue
            stored = object_dir / content_path
            if sha256_of(stored) != digest:
                raise StorageError(
                    f"{object_id}: the stored copy {content_path} does not match its "
                    "SHA-256 after copying; the version was not kept"
                )
    files = _files_of(object_dir, inventory, version)
    for logical_path, digest in expected.items():
        if files[logical_path].digest != digest:
            raise StorageError(
                f"{object_id}: {logical_path} changed between its checksum at ingest and "
                "its copy into storage; the version was not kept"
            )


def _undo_version(object_dir: Path, head: str, previous_inventory: bytes) -> None:
    """Put the object back as it was before head: the root inventory (and its sidecar)
    restored, the version directory removed."""
    (object_dir / "inventory.json").write_bytes(previous_inventory)
    sidecar = object_dir / f"inventory.json.{DIGEST_ALGORITHM}"
    sidecar.write_text(
        f"{hashlib.sha256(previous_inventory).hexdigest()}  inventory.json\n", "utf-8"
    )
    shutil.rmtree(object_dir / head, ignore_errors=True)
