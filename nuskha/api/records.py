"""An item as JSON: the one representation behind the API's item detail and list and
/items/{id}/record.json, so the two can never disagree.

item_record() turns an item into plain values (schemas.ItemSchema describes them);
with_record_relations() loads everything it reads in a fixed number of queries, however
many items a page holds.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from nuskha.api.links import item_url
from nuskha.catalogue.models import (
    AgentName,
    CollectionName,
    ContentItem,
    DatedMixin,
    InstitutionName,
    Item,
    ItemAgent,
    PhysicalDescriptionMixin,
    Provenance,
    SubjectLabel,
    Title,
)


def labels_of(labels: Any) -> dict[str, str]:
    """A related manager of labels as {language tag: text}; the first label per language."""
    found: dict[str, str] = {}
    for label in labels.all():
        found.setdefault(label.language.code, label.text)
    return found


def _labels(lookup: str, model: Any) -> Prefetch:
    return Prefetch(lookup, model.objects.select_related("language"))


def with_record_relations(items: QuerySet[Item]) -> QuerySet[Item]:
    """The queryset, loading what item_record() reads (no query per item or per row)."""
    return items.select_related("institution", "collection").prefetch_related(
        _labels("institution__names", InstitutionName),
        _labels("collection__names", CollectionName),
        "former_shelfmarks",
        "languages",
        "scripts",
        "subjects",
        _labels("subjects__labels", SubjectLabel),
        Prefetch("titles", Title.objects.select_related("language", "script")),
        Prefetch("agents", ItemAgent.objects.select_related("agent")),
        Prefetch("agents__agent__names", AgentName.objects.select_related("language", "script")),
        Prefetch("contents", ContentItem.objects.select_related("work", "language", "scribe")),
        "contents__work__titles",
        "contents__scribe__names",
        "parts",
        Prefetch("provenance", Provenance.objects.select_related("agent")),
        "provenance__agent__names",
    )


def name_forms(names: Any) -> list[dict[str, Any]]:
    return [
        {
            "text": name.text,
            "language": name.language.code,
            "script": name.script.code,
            "form": name.form_type,
        }
        for name in names.all()
    ]


def agent_reference(agent: Any) -> dict[str, Any] | None:
    if agent is None:
        return None
    return {"id": agent.pk, "preferred_name": agent.preferred_name()}


def date_of(record: DatedMixin) -> dict[str, Any]:
    span = record.date_span()
    return {
        "as_written": record.date_as_written,
        "earliest": record.date_earliest,
        "latest": record.date_latest,
        "certainty": record.date_certainty or None,
        "calendar": span.calendar if span else None,
    }


def physical_of(record: PhysicalDescriptionMixin) -> dict[str, Any]:
    return {
        "material": record.material or None,
        "height_mm": record.height_mm,
        "width_mm": record.width_mm,
        "leaf_count": record.leaf_count,
        "page_count": record.page_count,
        "lines_per_page": record.lines_per_page,
        "script_style": record.script_style or None,
        "decoration": record.decoration,
        "binding": record.binding,
    }


def item_record(item: Item) -> dict[str, Any]:
    """The item's full record (load it through with_record_relations() first)."""
    collection = item.collection
    return {
        "id": item.pk,
        "url": item_url(item.pk),
        "institution": {"code": item.institution.code, "names": labels_of(item.institution.names)},
        "collection": (
            {"code": collection.code, "names": labels_of(collection.names)} if collection else None
        ),
        "shelfmark": item.shelfmark,
        "former_shelfmarks": [
            {"shelfmark": former.shelfmark, "note": former.note}
            for former in item.former_shelfmarks.all()
        ],
        "kind": item.kind,
        "status": item.status,
        "access": item.access,
        "max_image_pixels": item.max_image_pixels,
        "is_shareable": item.is_shareable,
        "languages": [
            {"code": lang.code, "marc_code": lang.marc_code} for lang in item.languages.all()
        ],
        "scripts": [writing.code for writing in item.scripts.all()],
        "subjects": [
            {"code": subject.code, "labels": labels_of(subject.labels)}
            for subject in item.subjects.all()
        ],
        "titles": [
            {
                "text": title.text,
                "language": title.language.code,
                "script": title.script.code,
                "type": title.title_type,
            }
            for title in item.titles.all()
        ],
        "agents": [_item_agent(role) for role in item.agents.all()],
        "date": date_of(item),
        "place_as_written": item.place_as_written,
        "physical": physical_of(item),
        "contents": [_content(content) for content in item.contents.all()],
        "parts": [_part(part) for part in item.parts.all()],
        "provenance": [_provenance(mark) for mark in item.provenance.all()],
        "notes": item.notes,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }


def _item_agent(role: ItemAgent) -> dict[str, Any]:
    return {
        "id": role.agent_id,
        "role": role.role,
        "name_as_written": role.name_as_written,
        "preferred_name": role.agent.preferred_name(),
        "names": name_forms(role.agent.names),
    }


def _content(content: ContentItem) -> dict[str, Any]:
    work = content.work
    return {
        "position": content.position,
        "locus": content.locus,
        "part": content.part_id,
        "work": {"id": work.pk, "uniform_title": work.uniform_title()} if work else None,
        "title_as_written": content.title_as_written,
        "language": content.language.code if content.language else None,
        "incipit": content.incipit,
        "explicit": content.explicit,
        "colophon": content.colophon,
        "scribe": agent_reference(content.scribe),
        "date": date_of(content),
        "note": content.note,
    }


def _part(part: Any) -> dict[str, Any]:
    return {
        "id": part.pk,
        "label": part.label,
        "locus": part.locus,
        "date": date_of(part),
        "place_as_written": part.place_as_written,
        "physical": physical_of(part),
    }


def _provenance(mark: Provenance) -> dict[str, Any]:
    return {
        "kind": mark.kind,
        "text": mark.text,
        "date_as_written": mark.date_as_written,
        "agent": agent_reference(mark.agent),
        "place": mark.place,
        "locus": mark.locus,
        "note": mark.note,
    }
