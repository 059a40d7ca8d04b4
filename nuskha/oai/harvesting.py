"""The harvester: keep this instance's copy of a partner's records current over OAI-PMH.

Django glue around a real OAI-PMH client (sickle). A harvest asks for the records changed
since the last successful one (`from`, OAI-PMH 2.0 §2.7.1 and §3.3), stores each as an
item of its home institution (the copy harvested before, matched on its OAI identifier,
is updated), removes the copies of records the partner reports deleted (§2.5.1), and
moves the source's `last_datestamp` on only once the whole list has been read. An
interrupted harvest is simply run again: what it had stored is stored again, unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from lxml import etree

from nuskha.catalogue.formats.marc21 import read_marcxml
from nuskha.catalogue.formats.record import FormatError, Record
from nuskha.catalogue.interchange import AgentIndex, ImportError_, store_record
from nuskha.catalogue.models import ContentItem, Institution, Item, Work
from nuskha.oai.models import HarvestedRecord, HarvestRun, HarvestSource
from nuskha.text import fold

# oai:<repository id>:<institution code>:<item id>, the scheme nuskha's provider uses
# (docs/reference/oai.md): the home institution is read from the identifier.
IDENTIFIER = re.compile(r"^oai:(?P<repository>[^:]+):(?P<institution>[^:]+):(?P<local>.+)$")
MARC21_SLIM = "http://www.loc.gov/MARC21/slim"


@dataclass
class HarvestReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.deleted} deleted, "
            f"{len(self.errors)} errors"
        )


def harvest(
    base_url: str,
    set_spec: str = "",
    on_record: Callable[[str], None] | None = None,
    client: Any = None,
) -> HarvestReport:
    """Harvest the records changed at base_url since the last harvest of it (all of them
    the first time), in MARC21; the run, its counts and its errors are kept (HarvestRun)
    for staff to see."""
    source, _created = HarvestSource.objects.get_or_create(
        base_url=base_url, set_spec=set_spec, defaults={"metadata_prefix": "marc21"}
    )
    run = HarvestRun.objects.create(source=source, started_at=timezone.now())
    report = HarvestReport()
    try:
        client = client or _client(base_url, source.credential)
        _harvest_into(source, client, report, on_record, run.started_at)
    except Exception as error:
        run.failure = f"{type(error).__name__}: {error}"
        raise
    finally:
        run.finished_at = timezone.now()
        run.created, run.updated, run.deleted = report.created, report.updated, report.deleted
        run.errors = report.errors
        run.save()
    return report


def _harvest_into(
    source: HarvestSource,
    sickle: Any,
    report: HarvestReport,
    on_record: Callable[[str], None] | None,
    started: datetime,
) -> None:
    newest, first_failed = source.last_datestamp, None
    indexes = AgentIndex(), WorkIndex()
    for header, element in _list_records(sickle, source):
        newest = max(filter(None, (newest, header.datestamp)), default=None)
        if not _apply(source, header, element, indexes, report) and header.datestamp:
            first_failed = min(filter(None, (first_failed, header.datestamp)))
        if on_record:
            on_record(header.identifier)
    # Only a harvest that read the whole list moves the datestamp on (see the docstring),
    # and not past a record it could not store: the next harvest asks for that one again.
    if first_failed is not None and newest is not None:
        newest = min(newest, first_failed - timedelta(seconds=1))
    source.last_datestamp, source.last_harvest_at = newest, started
    source.save(update_fields=["last_datestamp", "last_harvest_at"])


@dataclass(frozen=True)
class Header:
    identifier: str
    datestamp: datetime | None
    deleted: bool


def _client(base_url: str, credential: str = "") -> Any:
    """sickle, sending the partner's credential (if stored) with every request, so the
    harvest gets what the partner's agreements grant (access/middleware.py reads it)."""
    from sickle import Sickle

    headers = {"Authorization": f"Bearer {credential}"} if credential else {}
    return Sickle(base_url, max_retries=3, timeout=120, headers=headers)


def _list_records(sickle: Any, source: HarvestSource) -> Iterator[tuple[Header, Any]]:
    from sickle.oaiexceptions import NoRecordsMatch

    arguments = {"metadataPrefix": source.metadata_prefix, "ignore_deleted": False}
    if source.set_spec:
        arguments["set"] = source.set_spec
    if source.last_datestamp:
        arguments["from"] = _from_argument(sickle, source.last_datestamp)
    try:
        for record in sickle.ListRecords(**arguments):
            yield _header(record.header), record.xml
    except NoRecordsMatch:
        return


def _from_argument(sickle: Any, last: datetime) -> str:
    """The `from` of an incremental harvest, at the finest granularity the repository
    supports (§3.3.2); a day-granular one is asked from the day before, since a record
    changed later on the last day would otherwise be missed."""
    granularity = getattr(sickle.Identify(), "granularity", "YYYY-MM-DD")
    last = last.astimezone(UTC)
    if granularity == "YYYY-MM-DDThh:mm:ssZ":
        return last.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (last - timedelta(days=1)).strftime("%Y-%m-%d")


def _header(header: Any) -> Header:
    return Header(header.identifier, _datestamp(header.datestamp), bool(header.deleted))


def _datestamp(text: str) -> datetime | None:
    for pattern in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=UTC)
        except (TypeError, ValueError):
            continue
    return None


def _apply(
    source: HarvestSource,
    header: Header,
    element: Any,
    indexes: tuple[AgentIndex, WorkIndex],
    report: HarvestReport,
) -> bool:
    """Apply one record of the list; False when it could not be stored."""
    existing = HarvestedRecord.objects.filter(oai_identifier=header.identifier).first()
    if header.deleted:
        if existing is not None:
            existing.item.delete()
            report.deleted += 1
        return True
    try:
        record = _record_in(element, header.identifier)
        with transaction.atomic():
            stored = _store(source, header, record, existing, *indexes)
    except (FormatError, ImportError_, LookupError) as error:
        report.errors.append(f"{header.identifier}: {error}")
        return False
    if stored:
        report.created += 1
    else:
        report.updated += 1
    return True


def _record_in(element: Any, identifier: str) -> Record:
    """The MARCXML record in the OAI record's metadata, read by the MARC21 crosswalk."""
    found = element.find(f".//{{{MARC21_SLIM}}}record")
    if found is None:
        raise FormatError("the record's metadata holds no MARC21 slim record")
    parsed = next(iter(read_marcxml(etree.tostring(found))), None)
    if parsed is None or parsed.record is None:
        raise FormatError(parsed.error if parsed else "the MARCXML record is empty")
    return parsed.record


def _store(
    source: HarvestSource,
    header: Header,
    record: Record,
    existing: HarvestedRecord | None,
    agents: AgentIndex,
    works: WorkIndex,
) -> bool:
    """Store the record as the partner's item; True when it is new here."""
    institution = _home_institution(header.identifier, record, source)
    # The copy harvested before is matched on its OAI identifier, whatever its 001 says.
    replacing = existing.item if existing is not None else None
    stored = store_record(record, institution, agents=agents, replacing=replacing)
    HarvestedRecord.objects.update_or_create(
        item=stored.item,
        defaults={
            "source": source,
            "oai_identifier": header.identifier,
            "datestamp": header.datestamp or timezone.now(),
            "home_url": _web_link(record.identifier_url),
        },
    )
    link_works(stored.item, works)
    return existing is None


def _web_link(url: str) -> str:
    """The partner's permalink, if it is a web address: it becomes a link on our pages, so
    nothing but http(s) is taken (a javascript: link would run in our readers' browsers)."""
    return url[:200] if re.match(r"^https?://[^\s\"'<>]+$", url) else ""


def _home_institution(identifier: str, record: Record, source: HarvestSource) -> Institution:
    """The record's home: the institution its OAI identifier or its holdings name, known
    here or added (with the partner's base URL as its website, for staff to complete)."""
    match = IDENTIFIER.match(identifier)
    code = match["institution"] if match else record.institution
    if not code:
        raise LookupError("institution: neither the identifier nor the record names one")
    institution, _created = Institution.objects.get_or_create(
        code=code, defaults={"country": "", "time_zone": "UTC", "website": source.base_url}
    )
    return institution


class WorkIndex:
    """Every local work by its folded uniform titles: built once for a harvest run."""

    def __init__(self) -> None:
        self._by_title: dict[str, list[Work]] | None = None

    def find(self, title: str, authors: set[int]) -> Work | None:
        """The work with this title (folded) by one of these agents; or with no author,
        when the copy names none."""
        for work in self._works().get(fold(title), []):
            if work.author_id in authors or (work.author_id is None and not authors):
                return work
        return None

    def _works(self) -> dict[str, list[Work]]:
        if self._by_title is None:
            self._by_title = {}
            for work in Work.objects.prefetch_related("titles"):
                for title in work.titles.all():
                    self._by_title.setdefault(fold(title.text), []).append(work)
        return self._by_title


def link_works(item: Item, works: WorkIndex | None = None) -> None:
    """Link each content of a harvested copy to the local Work with the same uniform title
    (folded) and author (the local authority its names or identifiers matched), so the
    work's page lists the partner's copy beside ours. A copy that matches nothing stays
    unlinked, for staff to link by hand."""
    works = works or WorkIndex()
    authors = set(item.agents.filter(role="author").values_list("agent_id", flat=True))
    titles = [title.text for title in item.titles.all()]
    for content in ContentItem.objects.filter(item=item, work=None):
        candidates = [content.title_as_written] if content.title_as_written else titles
        work = next(filter(None, (works.find(t, authors) for t in candidates)), None)
        if work is not None:
            content.work = work
            content.save(update_fields=["work"])
