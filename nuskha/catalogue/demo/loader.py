"""Load the demo collection (collection.yaml beside this file) into the catalogue.

Each record is matched on its natural key (an institution's code, an agent's identifier,
an item's institution and shelfmark). A record that exists already is left exactly as it
is, so a second run creates nothing twice and never undoes what staff entered or edited.
Each new record goes in whole or not at all; a bad one is reported with its position and
field, and the load stops before it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction

from nuskha.catalogue.models import (
    Agent,
    AgentName,
    Collection,
    CollectionName,
    ContentItem,
    FormerShelfmark,
    FormType,
    Institution,
    InstitutionName,
    Item,
    ItemAgent,
    ItemPart,
    Language,
    Provenance,
    Script,
    Subject,
    SubjectLabel,
    Title,
    Work,
    WorkTitle,
)
from nuskha.search.indexing import deferred_indexing

DEMO_FILE = Path(__file__).with_name("collection.yaml")

_PHYSICAL_KEYS = {
    "material": "material",
    "height_mm": "height_mm",
    "width_mm": "width_mm",
    "leaves": "leaf_count",
    "pages": "page_count",
    "lines_per_page": "lines_per_page",
    "script_style": "script_style",
    "decoration": "decoration",
    "binding": "binding",
}


class DemoDataError(Exception):
    """A record of the demo file cannot be loaded; the message names it and the field."""


@dataclass
class LoadReport:
    created: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        kinds = sorted(set(self.created) | set(self.kept))
        return ", ".join(
            f"{kind}: {self.created[kind]} new, {self.kept[kind]} kept" for kind in kinds
        )


def read_demo_file(path: Path = DEMO_FILE) -> dict[str, Any]:
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def load_collection(
    data: dict[str, Any], on_record: Callable[[str], None] | None = None
) -> LoadReport:
    """Create every record of `data` that is not in the catalogue yet."""
    loader = _Loader(on_record or (lambda label: None))
    for section, load_one in [
        ("institutions", loader.institution),
        ("collections", loader.collection),
        ("subjects", loader.subject),
        ("agents", loader.agent),
        ("works", loader.work),
        ("items", loader.item),
    ]:
        for position, record in enumerate(data.get(section) or [], start=1):
            loader.run(section, position, record, load_one)
    return loader.report


def count_records(data: dict[str, Any]) -> int:
    sections = ("institutions", "collections", "subjects", "agents", "works", "items")
    return sum(len(data.get(section) or []) for section in sections)


class _Loader:
    def __init__(self, on_record: Callable[[str], None]) -> None:
        self.report = LoadReport()
        self.on_record = on_record
        self.languages = {language.code: language for language in Language.objects.all()}
        self.scripts = {script.code: script for script in Script.objects.all()}

    def run(
        self, section: str, position: int, record: dict[str, Any], load_one: Callable[..., bool]
    ) -> None:
        label = f"{section}[{position}] {_record_name(record)}"
        try:
            with transaction.atomic(), deferred_indexing():
                created = load_one(record)
        except ValidationError as error:
            raise DemoDataError(f"{label}: {_describe(error)}") from error
        except (KeyError, LookupError, TypeError, ValueError) as error:
            raise DemoDataError(f"{label}: {type(error).__name__}: {error}") from error
        (self.report.created if created else self.report.kept)[section] += 1
        self.on_record(label)

    # Lookups -----------------------------------------------------------------------------

    def language(self, code: str) -> Language:
        if code not in self.languages:
            raise LookupError(f"unknown language {code!r}")
        return self.languages[code]

    def script(self, code: str) -> Script:
        if code not in self.scripts:
            raise LookupError(f"unknown script {code!r}")
        return self.scripts[code]

    # Sections ----------------------------------------------------------------------------

    def institution(self, record: dict[str, Any]) -> bool:
        if Institution.objects.filter(code=record["code"]).exists():
            return False
        institution = _saved(
            Institution(
                code=record["code"],
                country=record["country"],
                time_zone=record.get("time_zone", "UTC"),
                website=record.get("website", ""),
            )
        )
        for language, text in record["names"].items():
            _saved(
                InstitutionName(
                    institution=institution, language=self.language(language), text=text
                )
            )
        return True

    def collection(self, record: dict[str, Any]) -> bool:
        institution = Institution.objects.get(code=record["institution"])
        if Collection.objects.filter(institution=institution, code=record["code"]).exists():
            return False
        collection = _saved(
            Collection(
                institution=institution,
                code=record["code"],
                description=record.get("description", ""),
            )
        )
        for language, text in record["names"].items():
            _saved(
                CollectionName(collection=collection, language=self.language(language), text=text)
            )
        return True

    def subject(self, record: dict[str, Any]) -> bool:
        if Subject.objects.filter(code=record["code"]).exists():
            return False
        broader = Subject.objects.get(code=record["broader"]) if record.get("broader") else None
        subject = _saved(Subject(code=record["code"], broader=broader))
        for language, text in record["labels"].items():
            _saved(SubjectLabel(subject=subject, language=self.language(language), text=text))
        return True

    def agent(self, record: dict[str, Any]) -> bool:
        if Agent.objects.filter(identifier=record["identifier"]).exists():
            return False
        agent = _saved(
            Agent(
                identifier=record["identifier"],
                kind=record.get("kind", Agent.Kind.PERSON),
                dates=record.get("dates", ""),
                birth_year=record.get("birth_year"),
                death_year=record.get("death_year"),
                viaf=str(record.get("viaf", "")),
                wikidata=record.get("wikidata", ""),
                note=record.get("note", ""),
            )
        )
        self._forms(AgentName, {"agent": agent}, _required(record, "names"))
        return True

    def work(self, record: dict[str, Any]) -> bool:
        if Work.objects.filter(identifier=record["identifier"]).exists():
            return False
        author = Agent.objects.get(identifier=record["author"]) if record.get("author") else None
        language = self.language(record["language"]) if record.get("language") else None
        work = _saved(
            Work(
                identifier=record["identifier"],
                author=author,
                language=language,
                note=record.get("note", ""),
                wikidata=record.get("wikidata", ""),
            )
        )
        work.subjects.set(_subjects(record.get("subjects", [])))
        self._forms(WorkTitle, {"work": work}, _required(record, "titles"))
        return True

    def item(self, record: dict[str, Any]) -> bool:
        institution = Institution.objects.get(code=record["institution"])
        if Item.objects.filter(institution=institution, shelfmark=record["shelfmark"]).exists():
            return False
        collection = (
            Collection.objects.get(institution=institution, code=record["collection"])
            if record.get("collection")
            else None
        )
        item = _saved(
            Item(
                institution=institution,
                collection=collection,
                shelfmark=record["shelfmark"],
                kind=record.get("kind", Item.Kind.MANUSCRIPT),
                status=record.get("status", Item.Status.PUBLISHED),
                access=record.get("access", Item.Access.OPEN),
                max_image_pixels=record.get("max_image_pixels"),
                is_shareable=bool(record.get("shareable", False)),
                place_as_written=record.get("place", ""),
                notes=record.get("notes", ""),
                **_date_fields(record.get("date")),
                **_physical_fields(record.get("physical")),
            )
        )
        item.languages.set(self.language(code) for code in record.get("languages", []))
        item.scripts.set(self.script(code) for code in record.get("scripts", []))
        item.subjects.set(_subjects(record.get("subjects", [])))
        self._titles(item, _required(record, "titles"))
        for former in record.get("former_shelfmarks", []):
            _saved(FormerShelfmark(item=item, shelfmark=former))
        for position, role in enumerate(record.get("agents", [])):
            _saved(
                ItemAgent(
                    item=item,
                    agent=Agent.objects.get(identifier=role["agent"]),
                    role=role["role"],
                    name_as_written=role.get("name_as_written", ""),
                    note=role.get("note", ""),
                    position=position,
                )
            )
        self._contents(item, None, record.get("contents", []))
        for position, part_record in enumerate(record.get("parts", [])):
            part = _saved(
                ItemPart(
                    item=item,
                    label=part_record["label"],
                    locus=part_record.get("locus", ""),
                    place_as_written=part_record.get("place", ""),
                    position=position,
                    **_date_fields(part_record.get("date")),
                    **_physical_fields(part_record.get("physical")),
                )
            )
            self._contents(item, part, part_record.get("contents", []))
        for position, mark in enumerate(record.get("provenance", [])):
            agent = Agent.objects.get(identifier=mark["agent"]) if mark.get("agent") else None
            _saved(
                Provenance(
                    item=item,
                    kind=mark["kind"],
                    text=mark.get("text", ""),
                    date_as_written=str(mark.get("date_as_written", "")),
                    agent=agent,
                    place=mark.get("place", ""),
                    locus=mark.get("locus", ""),
                    note=mark.get("note", ""),
                    position=position,
                )
            )
        if not item.contents.exists():
            raise ValidationError({"contents": "an item record needs at least one content entry"})
        return True

    def _forms(
        self, model: type[models.Model], parent: dict[str, Any], forms: list[dict[str, Any]]
    ) -> None:
        """Name forms of an agent or uniform titles of a work: the first is the preferred one."""
        for position, form in enumerate(forms):
            default_type = FormType.PREFERRED if position == 0 else FormType.VARIANT
            _saved(
                model(
                    **parent,
                    text=form["text"],
                    language=self.language(form["lang"]),
                    script=self.script(form["script"]),
                    position=position,
                    form_type=form.get("type", default_type),
                )
            )

    def _titles(self, item: Item, titles: Iterable[dict[str, Any]]) -> None:
        for position, title in enumerate(titles):
            _saved(
                Title(
                    item=item,
                    text=title["text"],
                    language=self.language(title["lang"]),
                    script=self.script(title["script"]),
                    title_type=title.get("type", Title.Type.UNIFORM),
                    position=position,
                )
            )

    def _contents(self, item: Item, part: ItemPart | None, contents: list[dict[str, Any]]) -> None:
        offset = item.contents.count()
        for position, entry in enumerate(contents, start=offset):
            work = Work.objects.get(identifier=entry["work"]) if entry.get("work") else None
            scribe = Agent.objects.get(identifier=entry["scribe"]) if entry.get("scribe") else None
            language = self.language(entry["language"]) if entry.get("language") else None
            _saved(
                ContentItem(
                    item=item,
                    part=part,
                    position=position,
                    locus=entry["locus"],
                    work=work,
                    title_as_written=entry.get("title_as_written", ""),
                    language=language,
                    incipit=entry.get("incipit", ""),
                    explicit=entry.get("explicit", ""),
                    colophon=entry.get("colophon", ""),
                    scribe=scribe,
                    note=entry.get("note", ""),
                    **_date_fields(entry.get("date")),
                )
            )


def _saved(instance: models.Model) -> Any:
    """Check the instance against every model rule, then save it."""
    instance.full_clean(validate_unique=True)
    instance.save()
    return instance


def _required(record: dict[str, Any], key: str) -> list[dict[str, Any]]:
    values = record.get(key) or []
    if not values:
        raise ValidationError({key: f"at least one entry is needed in {key}"})
    return values


def _subjects(codes: list[str]) -> list[Subject]:
    subjects = list(Subject.objects.filter(code__in=codes))
    missing = set(codes) - {s.code for s in subjects}
    if missing:
        raise LookupError(f"unknown subjects {sorted(missing)}")
    return subjects


def _date_fields(date: dict[str, Any] | None) -> dict[str, Any]:
    if not date:
        return {}
    return {
        "date_as_written": str(date.get("as_written", "")),
        "date_earliest": date.get("earliest"),
        "date_latest": date.get("latest"),
        "date_certainty": date.get("certainty", ""),
    }


def _physical_fields(physical: dict[str, Any] | None) -> dict[str, Any]:
    physical = physical or {}
    unknown = set(physical) - set(_PHYSICAL_KEYS)
    if unknown:
        raise ValueError(f"unknown physical description fields {sorted(unknown)}")
    return {_PHYSICAL_KEYS[key]: value for key, value in physical.items() if value is not None}


def _record_name(record: Any) -> str:
    if not isinstance(record, dict):
        return ""
    for key in ("shelfmark", "identifier", "code"):
        if record.get(key):
            prefix = (
                f"{record['institution']} "
                if key == "shelfmark" and "institution" in record
                else ""
            )
            return f"({prefix}{record[key]})"
    return ""


def _describe(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"field '{name}': {' '.join(str(m) for m in messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
