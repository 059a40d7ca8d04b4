"""Records in and out of the catalogue: a plain `formats.record.Record` to rows, and back.

Django glue around the pure crosswalks in `formats/`. `store_record()` writes one record
as one item, inside a transaction: the item with everything it holds goes in whole or not
at all, and an item imported before (the same control number at the same institution) is
updated, not duplicated. `record_of()` gives an item's record for export, with the record
as received (SourceRecord) for the crosswalk to merge into.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction

from nuskha.calendars import DateParseError
from nuskha.calendars import parse as parse_date
from nuskha.catalogue.formats import record as plain
from nuskha.catalogue.models import (
    Agent,
    AgentName,
    ContentItem,
    FormerShelfmark,
    FormType,
    Institution,
    Item,
    ItemAgent,
    ItemPart,
    Language,
    Material,
    Provenance,
    Role,
    Script,
    ScriptStyle,
    SourceRecord,
    Subject,
    SubjectLabel,
    Title,
    validate_locus,
)
from nuskha.text import fold, transliterate
from nuskha.text.scripts import script_of

ROMANISED_FORMS = ("romanised", "machine_romanised")


class ImportError_(ValueError):  # noqa: N801 (the builtin ImportError means something else)
    """A record the catalogue cannot take: the message names the field and the reason."""


@dataclass
class Stored:
    item: Item
    created: bool
    warnings: list[str]


def store_record(
    record: plain.Record,
    institution: Institution,
    *,
    status: str = Item.Status.PUBLISHED,
    agents: AgentIndex | None = None,
    replacing: Item | None = None,
) -> Stored:
    """Write the record as an item of the institution: a new one, or the one imported
    before under the same control number (or the one given as replacing), whose
    descriptive fields it replaces."""
    if not record.shelfmark:
        raise ImportError_("shelfmark: the record gives none (MARC 852 $h/$j, TEI idno)")
    if not record.titles:
        raise ImportError_("titles: the record has no title")
    warnings: list[str] = []
    with transaction.atomic():
        item, created = (replacing, False) if replacing else _item_for(record, institution, status)
        _fill_item(item, record, warnings)
        _saved(item)
        _replace_rows(item, record, agents or AgentIndex(), warnings)
        _keep_source(item, record, institution)
    return Stored(item, created, warnings)


def _item_for(record: plain.Record, institution: Institution, status: str) -> tuple[Item, bool]:
    if record.control_number:
        source = (
            SourceRecord.objects.select_related("item")
            .filter(institution=institution, control_number=record.control_number)
            .first()
        )
        if source is not None:
            return source.item, False
    clash = Item.objects.filter(institution=institution, shelfmark=record.shelfmark).first()
    if clash is not None:
        raise ImportError_(
            f"shelfmark: {record.shelfmark} is already item {clash.pk} of {institution.code}, "
            "catalogued here or imported under another control number"
        )
    return Item(institution=institution, status=status), True


def _fill_item(item: Item, record: plain.Record, warnings: list[str]) -> None:
    item.shelfmark = record.shelfmark
    item.kind = record.kind if record.kind in Item.Kind.values else Item.Kind.MANUSCRIPT
    item.place_as_written = record.place_as_written[:300]
    item.notes = "\n\n".join(note for note in record.notes if note)
    for name, value in _physical_fields(record.physical, warnings).items():
        setattr(item, name, value)
    _fill_date(item, record.date_as_written, record, warnings)


def _fill_date(
    target: Any, as_written: str, record: plain.Record | None, warnings: list[str]
) -> None:
    """The date as written, and its span: read from the text, else from the record's
    years; a text nuskha cannot read and no years leave the text in a note instead."""
    target.date_as_written = as_written[:300]
    target.date_earliest = target.date_latest = None
    target.date_certainty = ""
    if as_written:
        try:
            span = parse_date(as_written)
        except DateParseError:
            pass
        else:
            target.date_earliest, target.date_latest = span.earliest, span.latest
            target.date_certainty = span.certainty
            return
    if record is not None and record.date_earliest_year:
        latest = record.date_latest_year or record.date_earliest_year
        target.date_earliest = date(record.date_earliest_year, 1, 1)
        target.date_latest = date(latest, 12, 31)
        target.date_certainty = "approximate"
    elif as_written:
        warnings.append(f"date: “{as_written}” cannot be read; kept as written without a span")


def _physical_fields(physical: plain.Physical, warnings: list[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "height_mm": physical.height_mm,
        "width_mm": physical.width_mm,
        "leaf_count": physical.leaf_count,
        "page_count": physical.page_count,
        "lines_per_page": physical.lines_per_page,
        "decoration": physical.decoration,
        "binding": physical.binding,
        "material": physical.material if physical.material in Material.values else "",
        "script_style": physical.script_style
        if physical.script_style in ScriptStyle.values
        else "",
    }
    if physical.material and not fields["material"]:
        warnings.append(f"material: “{physical.material}” is not one of the catalogue's")
    return fields


def _replace_rows(
    item: Item, record: plain.Record, agents: AgentIndex, warnings: list[str]
) -> None:
    """Replace what the record describes: its titles, agents, contents, parts,
    provenance, former shelfmarks, languages, scripts and subjects."""
    for related in (item.titles, item.agents, item.contents, item.parts, item.provenance):
        related.all().delete()
    item.former_shelfmarks.all().delete()
    item.languages.set(language_for(code) for code in dict.fromkeys(record.languages))
    scripts = record.scripts or [t.script for t in record.titles if t.script]
    item.scripts.set(script_for(code) for code in dict.fromkeys(scripts))
    item.subjects.set(subject_for(heading) for heading in dict.fromkeys(record.subjects))
    _store_titles(item, record.titles)
    for former in dict.fromkeys(record.former_shelfmarks):
        _saved(FormerShelfmark(item=item, shelfmark=former[:200]))
    for position, agent in enumerate(record.agents):
        _store_agent_role(item, agent, position, agents, warnings)
    _store_contents(item, None, record.contents, warnings)
    for position, part in enumerate(record.parts):
        _store_part(item, part, position, warnings)
    for position, mark in enumerate(record.provenance):
        _store_provenance(item, mark, position)


def _store_titles(item: Item, titles: Iterable[plain.Title]) -> None:
    position = 0
    for title in titles:
        if title.form == "machine_romanised":
            continue  # made by nuskha on export: the original is here, and is searched
        title_type = "romanised" if title.form == "romanised" else title.title_type
        _saved(
            Title(
                item=item,
                text=title.text[:1000],
                language=language_for(title.language or "und"),
                script=script_for(title.script or guess_script(title.text)),
                title_type=title_type if title_type in Title.Type.values else "uniform",
                position=position,
            )
        )
        position += 1


def _store_agent_role(
    item: Item, ref: plain.AgentRef, position: int, agents: AgentIndex, warnings: list[str]
) -> None:
    names = [n for n in ref.names if n.text and n.form != "machine_romanised"]
    if not names:
        warnings.append(f"agents: an agent in the role {ref.role} has no name; left out")
        return
    role = ref.role if ref.role in Role.values else Role.CONTRIBUTOR
    note = "" if ref.role in Role.values else (ref.relator_term or ref.role)
    _saved(
        ItemAgent(
            item=item,
            agent=agent_for(ref, agents),
            role=role,
            name_as_written=names[0].text[:500],
            note=note[:500],
            position=position,
        )
    )


def _store_contents(
    item: Item, part: ItemPart | None, contents: Iterable[plain.Content], warnings: list[str]
) -> None:
    offset = item.contents.count()
    for position, content in enumerate(contents, start=offset):
        entry = ContentItem(
            item=item,
            part=part,
            position=position,
            locus=content.locus[:200],
            title_as_written=content.title[:1000],
            language=language_for(content.language) if content.language else None,
            incipit=content.incipit,
            explicit=content.explicit,
            colophon=content.colophon,
            note="\n".join(
                text
                for text in (content.note, content.author and f"Author: {content.author}")
                if text
            ),
        )
        _fill_date(entry, content.date_as_written, None, warnings)
        if content.locus:
            _saved(entry)
        else:
            # A partner's contents note often gives no locus: the entry is kept with every
            # other rule checked, and staff are asked for the locus when they edit it.
            _saved_without_locus(entry)
            warnings.append(f"contents: “{content.title or position + 1}” has no locus")


def _store_part(item: Item, part: plain.Part, position: int, warnings: list[str]) -> None:
    row = ItemPart(
        item=item,
        label=part.label[:100] or str(position + 1),
        locus=part.locus[:200],
        place_as_written=part.place_as_written[:300],
        position=position,
        **_physical_fields(part.physical, warnings),
    )
    _fill_date(row, part.date_as_written, None, warnings)
    _saved(row)
    _store_contents(item, row, part.contents, warnings)


def _store_provenance(item: Item, mark: plain.ProvenanceMark, position: int) -> None:
    kind = mark.kind if mark.kind in Provenance.Kind.values else Provenance.Kind.OTHER
    _saved(
        Provenance(
            item=item,
            kind=kind,
            text=mark.text,
            date_as_written=mark.date_as_written[:300],
            place=mark.place[:300],
            locus=mark.locus[:200],
            note=mark.note,
            position=position,
        ),
        exclude=[] if _locus_ok(mark.locus) else ["locus"],
    )


def _keep_source(item: Item, record: plain.Record, institution: Institution) -> None:
    if not record.control_number or record.source_format not in SourceRecord.Format.values:
        return
    SourceRecord.objects.update_or_create(
        item=item,
        defaults={
            "institution": institution,
            "control_number": record.control_number,
            "format": record.source_format,
            "data": record.source,
            "imported_as": _parts(
                _catalogued_record(Item.objects.get(pk=item.pk), settings.BASE_URL)
            ),
        },
    )


# Authorities and vocabularies -----------------------------------------------------------


def language_for(code: str) -> Language:
    """The catalogue's language for a BCP 47 tag (or a MARC code), added if missing."""
    code = code.strip() or "und"
    found = Language.objects.filter(models.Q(code=code) | models.Q(marc_code=code)).first()
    if found is not None:
        return found
    marc_code = code if len(code) == 3 else code.split("-")[0][:3]
    return Language.objects.create(code=code, marc_code=marc_code, name_en=code)


def script_for(code: str) -> Script:
    code = (code or "Zyyy")[:4]
    found = Script.objects.filter(code=code).first()
    return found or Script.objects.create(code=code, name_en=code)


def guess_script(text: str) -> str:
    """The script of the text's first letter (Arab, Cyrl, Latn), as ISO 15924."""
    return script_of(text)


def subject_for(heading: str) -> Subject:
    """A subject whose label is this heading, or a new one labelled with it."""
    label = SubjectLabel.objects.filter(text=heading[:500]).select_related("subject").first()
    if label is not None:
        return label.subject
    code = _unique_slug(Subject, heading, "subject")
    subject = Subject.objects.create(code=code)
    language = {"Arab": "fa", "Cyrl": "ru"}.get(guess_script(heading), "en")
    SubjectLabel.objects.create(subject=subject, language=language_for(language), text=heading)
    return subject


class AgentIndex:
    """Every agent name form by its folded key, to match a record's names to authorities:
    علي كاتب and علی کاتب are one name. Built once for an import run and kept up to date
    as the run adds agents."""

    def __init__(self) -> None:
        self._by_key: dict[str, int] | None = None

    def find(self, text: str) -> Agent | None:
        if self._by_key is None:
            self._by_key = {
                fold(name): agent_id
                for name, agent_id in AgentName.objects.values_list("text", "agent_id")
            }
        agent_id = self._by_key.get(fold(text))
        return Agent.objects.filter(pk=agent_id).first() if agent_id else None

    def add(self, agent: Agent, texts: Iterable[str]) -> None:
        if self._by_key is not None:
            self._by_key.update((fold(text), agent.pk) for text in texts)


def agent_for(ref: plain.AgentRef, index: AgentIndex | None = None) -> Agent:
    """The authority record for the agent: matched by VIAF or local identifier, then by
    a name form that folds alike; else a new authority with every form given."""
    index = index or AgentIndex()
    viaf = ref.identifiers.get("viaf", "")
    if viaf and (found := Agent.objects.filter(viaf=viaf).first()):
        return found
    local = ref.identifiers.get("local", "")
    if local and (found := Agent.objects.filter(identifier=local).first()):
        return found
    names = [n for n in ref.names if n.text and n.form != "machine_romanised"]
    for name in names:
        if found := index.find(name.text):
            return found
    agent = Agent.objects.create(
        identifier=_unique_slug(Agent, names[0].text, "agent"),
        kind=ref.kind if ref.kind in Agent.Kind.values else Agent.Kind.PERSON,
        dates=ref.dates[:200],
        viaf=viaf[:32],
    )
    for position, name in enumerate(names):
        form = name.form if name.form in FormType.values else FormType.VARIANT
        AgentName.objects.create(
            agent=agent,
            text=name.text[:500],
            language=language_for(name.language or "und"),
            script=script_for(name.script or guess_script(name.text)),
            form_type=FormType.PREFERRED if position == 0 else form,
            position=position,
        )
    index.add(agent, (name.text for name in names))
    return agent


def _unique_slug(model: type[models.Model], text: str, fallback: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", transliterate(text, "Latn").lower()).strip("-")[:80]
    base = base or fallback
    slug, number = base, 1
    field = "code" if model is Subject else "identifier"
    while model._default_manager.filter(**{field: slug}).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _locus_ok(locus: str) -> bool:
    if not locus:
        return True
    try:
        validate_locus(locus)
    except ValidationError:
        return False
    return True


def _saved(instance: models.Model, exclude: list[str] | None = None) -> Any:
    """Check the instance against every model rule, then save it; a broken rule becomes
    an ImportError_ naming the field."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=True)
    except ValidationError as error:
        raise ImportError_(_describe(instance, error)) from None
    instance.save()
    return instance


def _saved_without_locus(entry: ContentItem) -> None:
    try:
        entry.clean_fields(exclude=["locus"])
        if errors := entry.clean_date():
            raise ValidationError(errors)
    except ValidationError as error:
        raise ImportError_(_describe(entry, error)) from None
    entry.save()


def _describe(instance: models.Model, error: ValidationError) -> str:
    what = instance._meta.verbose_name
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{what} {name}: {' '.join(str(m) for m in messages)}"
            for name, messages in error.message_dict.items()
        )
    return f"{what}: {' '.join(error.messages)}"


# Out: an item as a plain record ----------------------------------------------------------


def with_interchange_relations(items: models.QuerySet[Item]) -> models.QuerySet[Item]:
    """The items with everything record_of() reads, in a fixed number of queries however
    many items there are (an OAI-PMH page holds hundreds)."""
    # Languages and scripts are prefetched, not joined: a page's titles and names share
    # the few there are, where a join would make one of each per row.
    named = ("language", "script")
    roles = ItemAgent.objects.select_related("agent").prefetch_related(
        _loaded("agent__names"), *(f"agent__{_LOADED}names__{lookup}" for lookup in named)
    )
    contents = ContentItem.objects.select_related("work__author", "scribe")
    # The work's and the scribe's names are read by their models' own methods (.all()).
    contents = contents.prefetch_related(
        "language", "work__titles", "work__author__names", "scribe__names"
    )
    return items.select_related("institution", "source_record").prefetch_related(
        _loaded("titles"),
        *(f"{_LOADED}titles__{lookup}" for lookup in named),
        _loaded("former_shelfmarks"),
        _loaded("languages"),
        _loaded("scripts"),
        _loaded("subjects", Subject.objects.prefetch_related(_loaded("labels"))),
        _loaded("provenance"),
        _loaded("agents", roles),
        _loaded("contents", contents),
        _loaded("parts"),
    )


# with_interchange_relations() puts each relation record_of() reads in a plain list named
# with this prefix (Prefetch to_attr): a prefetch into the related manager's cache builds
# a filtered QuerySet per item and relation, which was most of the time of an OAI-PMH page
# (docs/performance.md, OAI-PMH harvest).
_LOADED = "interchange_"


def _loaded(lookup: str, queryset: models.QuerySet[Any] | None = None) -> models.Prefetch:
    return models.Prefetch(lookup, queryset, to_attr=_LOADED + lookup.rpartition("__")[2])


def _related(holder: models.Model, relation: str) -> list[Any]:
    """holder's related rows, from with_interchange_relations() if it loaded them."""
    loaded: list[Any] | None = holder.__dict__.get(_LOADED + relation)
    return list(getattr(holder, relation).all()) if loaded is None else loaded


def record_of(item: Item, base_url: str = "") -> plain.Record:
    """The item's description as a plain record, with its record as received, if any.

    For an imported item, each part of the record that nobody has changed since the
    import (the titles, the agents, the notes…) is given as received, so an export merges
    only the catalogue's changes into the partner's record and loses nothing of it."""
    record = _catalogued_record(item, base_url)
    source = getattr(item, "source_record", None)
    if source is not None and source.imported_as:
        _unchanged_parts_as_received(record, source)
    return record


def _catalogued_record(item: Item, base_url: str = "") -> plain.Record:
    source = getattr(item, "source_record", None)
    contents = _related(item, "contents")
    return plain.Record(
        control_number=source.control_number if source else str(item.pk),
        institution=item.institution.code,
        shelfmark=item.shelfmark,
        former_shelfmarks=[f.shelfmark for f in _related(item, "former_shelfmarks")],
        kind=item.kind,
        titles=[
            plain.Title(
                t.text,
                t.language.code,
                t.script.code,
                "romanised" if t.title_type == "romanised" else "preferred",
                t.title_type,
            )
            for t in _related(item, "titles")
        ],
        agents=[_agent_ref(role) for role in _related(item, "agents")],
        languages=[language.code for language in _related(item, "languages")],
        scripts=[script.code for script in _related(item, "scripts")],
        date_as_written=item.date_as_written,
        date_earliest_year=item.date_earliest.year if item.date_earliest else None,
        date_latest_year=item.date_latest.year if item.date_latest else None,
        place_as_written=item.place_as_written,
        physical=_physical_of(item),
        contents=[_content_of(c) for c in contents if c.part_id is None],
        parts=[_part_of(part, contents) for part in _related(item, "parts")],
        provenance=[
            plain.ProvenanceMark(m.kind, m.text, m.date_as_written, m.place, m.locus, m.note)
            for m in _related(item, "provenance")
        ],
        subjects=[_subject_label(s) for s in _related(item, "subjects")],
        notes=[note for note in item.notes.split("\n\n") if note],
        identifier_url=f"{base_url.rstrip('/')}/items/{item.pk}" if base_url else "",
        source_format=source.format if source else "",
        source=bytes(source.data) if source else b"",
    )


# The parts of a record that follow the catalogue: who holds it and where it came from
# are the catalogue's own facts, compared like any other part.
_NOT_PARTS = ("source", "source_format")


def _parts(record: plain.Record) -> dict[str, Any]:
    """The record's parts as JSON values, to compare one with another."""
    parts = {f.name: getattr(record, f.name) for f in fields(record) if f.name not in _NOT_PARTS}
    return json.loads(json.dumps(parts, default=asdict, ensure_ascii=False))


def _unchanged_parts_as_received(record: plain.Record, source: SourceRecord) -> None:
    received = _read_source(source)
    if received is None:
        return
    now = _parts(record)
    for name, value in now.items():
        if source.imported_as.get(name) == value:
            setattr(record, name, getattr(received, name))


def _read_source(source: SourceRecord) -> plain.Record | None:
    """The record as received, read again by its format's crosswalk."""
    from nuskha.catalogue.exchange_formats import SOURCE_READERS

    reader = SOURCE_READERS.get(source.format)
    parsed = next(iter(reader.read(bytes(source.data))), None) if reader else None
    return parsed.record if parsed is not None else None


def _agent_ref(role: ItemAgent) -> plain.AgentRef:
    agent = role.agent
    names = [
        plain.Text(n.text, n.language.code, n.script.code, n.form_type)
        for n in _related(agent, "names")
    ]
    identifiers = {"local": agent.identifier}
    if agent.viaf:
        identifiers["viaf"] = agent.viaf
    return plain.AgentRef(role.role, names, agent.kind, agent.dates, identifiers)


def _physical_of(holder: Any) -> plain.Physical:
    return plain.Physical(
        material=holder.material,
        height_mm=holder.height_mm,
        width_mm=holder.width_mm,
        leaf_count=holder.leaf_count,
        page_count=holder.page_count,
        lines_per_page=holder.lines_per_page,
        script_style=holder.script_style,
        decoration=holder.decoration,
        binding=holder.binding,
    )


def _content_of(content: ContentItem) -> plain.Content:
    return plain.Content(
        locus=content.locus,
        title=content.title_as_written or (content.work.uniform_title() if content.work else ""),
        language=content.language.code if content.language else "",
        author=_work_author(content),
        incipit=content.incipit,
        explicit=content.explicit,
        colophon=content.colophon,
        date_as_written=content.date_as_written,
        scribe=content.scribe.preferred_name() if content.scribe else "",
        note=content.note,
    )


def _work_author(content: ContentItem) -> str:
    if content.work and content.work.author:
        return content.work.author.preferred_name()
    return ""


def _part_of(part: ItemPart, contents: list[ContentItem]) -> plain.Part:
    return plain.Part(
        label=part.label,
        locus=part.locus,
        date_as_written=part.date_as_written,
        place_as_written=part.place_as_written,
        physical=_physical_of(part),
        contents=[_content_of(c) for c in contents if c.part_id == part.pk],
    )


def _subject_label(subject: Subject) -> str:
    labels = _related(subject, "labels")
    return labels[0].text if labels else subject.code
