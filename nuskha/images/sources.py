"""What digitisation staff hand in, made safe to read: a folder or a zip of page images, pure.

A zip is unpacked into a staging folder only after every entry has been checked: no
absolute paths, no "..", no links, no more bytes than declared and no more than a limit
(a zip bomb), so nothing outside the staging folder is ever written. Files the operating
system leaves behind (.DS_Store, Thumbs.db, __MACOSX/) are skipped and reported; any other
file goes on to the image checks, which refuse what is not an image. Page order is the
natural order of the file names ("page2" before "page10"), as staff name their scans.
"""

from __future__ import annotations

import re
import stat
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# Left behind by file managers and archivers, never page images.
_SYSTEM_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}
_SYSTEM_FOLDERS = {"__macosx"}
_DIGITS = re.compile(r"(\d+)")


class SourceError(ValueError):
    """A source cannot be accepted; the message names the file or the zip entry."""


@dataclass(frozen=True)
class SourceFile:
    name: str  # the path as delivered, relative, with "/" (a zip entry's name)
    path: Path  # where it can be read now


@dataclass(frozen=True)
class Sources:
    files: list[SourceFile]  # in page order
    skipped: list[str]  # system files left out


def collect(source: Path, staging: Path, *, max_bytes: int) -> Sources:
    """The page files of a folder or a zip, in natural order; a zip is unpacked into
    staging. max_bytes bounds what a zip may unpack to."""
    if source.is_dir():
        found = list(_folder_files(source))
    elif zipfile.is_zipfile(source):
        found = list(_unpack_zip(source, staging, max_bytes))
    elif source.is_file():
        found = [SourceFile(source.name, source)]
    else:
        raise SourceError(f"{source}: no such file or folder")
    kept = [file for file in found if not _is_system_file(file.name)]
    skipped = sorted(file.name for file in found if _is_system_file(file.name))
    if not kept:
        raise SourceError(f"{source}: holds no page images")
    return Sources(files=sorted(kept, key=lambda file: natural_key(file.name)), skipped=skipped)


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for file names: runs of digits compare as numbers ("2" < "10")."""
    parts = _DIGITS.split(name.casefold())
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts if part)


def foliation_labels(count: int, *, scheme: str = "folio", start: int = 1) -> list[str]:
    """Labels for count pages: "folio" gives 1r, 1v, 2r...; "page" gives 1, 2, 3..."""
    if scheme == "folio":
        return [f"{start + index // 2}{'rv'[index % 2]}" for index in range(count)]
    if scheme == "page":
        return [str(start + index) for index in range(count)]
    raise ValueError(f"Unknown labelling scheme {scheme!r}: use 'folio' or 'page'")


def _is_system_file(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return (
        parts[-1].casefold() in _SYSTEM_NAMES
        or parts[-1].startswith("._")
        or any(part.casefold() in _SYSTEM_FOLDERS for part in parts[:-1])
    )


def _folder_files(folder: Path) -> Iterable[SourceFile]:
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            raise SourceError(f"{name}: is a link; give the file itself")
        if path.is_file():
            yield SourceFile(name, path)


def _unpack_zip(archive: Path, staging: Path, max_bytes: int) -> Iterable[SourceFile]:
    try:
        with zipfile.ZipFile(archive) as opened:
            entries = [entry for entry in opened.infolist() if not entry.is_dir()]
            for entry in entries:
                _check_entry(archive, entry)
            if sum(entry.file_size for entry in entries) > max_bytes:
                raise SourceError(
                    f"{archive.name}: would unpack to more than {max_bytes:,} bytes; "
                    "split it or raise NUSKHA_INGEST_MAX_BYTES"
                )
            written = 0
            for number, entry in enumerate(entries):
                target = staging / f"{number:06d}{PurePosixPath(entry.filename).suffix.lower()}"
                written += _extract(opened, entry, target, max_bytes - written, archive)
                yield SourceFile(entry.filename, target)
    except zipfile.BadZipFile as error:
        raise SourceError(f"{archive.name}: damaged zip ({error})") from None


def _check_entry(archive: Path, entry: zipfile.ZipInfo) -> None:
    name = entry.filename
    where = f"{archive.name}: entry {name!r}"
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        raise SourceError(f"{where} has an absolute path; refused")
    if ".." in re.split(r"[/\\]", name):
        raise SourceError(f"{where} points outside the zip ('..'); refused")
    if stat.S_ISLNK(entry.external_attr >> 16):
        raise SourceError(f"{where} is a link; refused")
    if entry.flag_bits & 0x1:
        raise SourceError(f"{where} is encrypted; refused")


def _extract(
    opened: zipfile.ZipFile, entry: zipfile.ZipInfo, target: Path, allowance: int, archive: Path
) -> int:
    """Copy one entry out, counting the bytes really inflated: a header may lie."""
    written = 0
    with opened.open(entry) as source, target.open("wb") as out:
        while chunk := source.read(1 << 20):
            written += len(chunk)
            if written > allowance or written > entry.file_size:
                raise SourceError(
                    f"{archive.name}: entry {entry.filename!r} inflates beyond its declared "
                    "size or the unpacking limit (a zip bomb?); refused"
                )
            out.write(chunk)
    return written
