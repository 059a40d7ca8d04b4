"""/api/v1/works: authority records for texts, and the copies of each that the reader may
see, in every institution of the union catalogue."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Query, Router

from nuskha.access import Door, visible_items
from nuskha.api.agents import identifiers_of
from nuskha.api.errors import ERRORS, not_found
from nuskha.api.links import item_url, work_url
from nuskha.api.paging import PageParameters, page_of, paged
from nuskha.api.records import agent_reference, labels_of, name_forms
from nuskha.api.schemas import WorkPage, WorkSchema
from nuskha.catalogue.models import (
    ContentItem,
    InstitutionName,
    SubjectLabel,
    Work,
    WorkTitle,
)

router = Router(tags=["works"])


def with_summary_relations(works: QuerySet[Work]) -> QuerySet[Work]:
    return works.select_related("author", "language").prefetch_related(
        Prefetch("titles", WorkTitle.objects.select_related("language", "script")),
        "author__names",
    )


def work_summary(work: Work) -> dict[str, Any]:
    return {
        "id": work.pk,
        "url": work_url(work.pk),
        "uniform_title": work.uniform_title(),
        "author": agent_reference(work.author),
        "language": work.language.code if work.language else None,
        "identifiers": identifiers_of(work),
    }


@router.get("", response={200: WorkPage, **ERRORS}, summary="List works")
def list_works(request: HttpRequest, paging: Query[PageParameters]) -> dict[str, Any]:
    """Every work's authority record, in id order, a page at a time."""
    works = with_summary_relations(Work.objects.all())
    page, next_cursor = page_of(works, paging.cursor, paging.limit)
    return paged([work_summary(work) for work in page], next_cursor)


@router.get("/{int:work_id}", response={200: WorkSchema, **ERRORS}, summary="One work")
def get_work(request: HttpRequest, work_id: int) -> dict[str, Any]:
    """The work's uniform titles, author, language, subjects and visible copies."""
    works = with_summary_relations(Work.objects.filter(pk=work_id)).prefetch_related(
        Prefetch("subjects__labels", SubjectLabel.objects.select_related("language"))
    )
    work = works.first()
    if work is None:
        raise not_found(f"There is no work {work_id}.")
    return {
        **work_summary(work),
        "uniform_titles": name_forms(work.titles),
        "subjects": [
            {"code": subject.code, "labels": labels_of(subject.labels)}
            for subject in work.subjects.all()
        ],
        "note": work.note,
        "copies": copies_of(request, work),
    }


def copies_of(request: HttpRequest, work: Work) -> list[dict[str, Any]]:
    """Items the reader may see holding this work, each with where the work stands in it."""
    copies = (
        visible_items(request.user, Door.API)
        .filter(pk__in=ContentItem.objects.filter(work=work).values("item_id"))
        .select_related("institution")
        .prefetch_related(
            Prefetch("institution__names", InstitutionName.objects.select_related("language")),
            "titles",
            Prefetch("contents", ContentItem.objects.filter(work=work), to_attr="copies_of_work"),
        )
        .order_by("pk")
    )
    return [
        {
            "id": item.pk,
            "url": item_url(item.pk),
            "institution": {
                "code": item.institution.code,
                "names": labels_of(item.institution.names),
            },
            "shelfmark": item.shelfmark,
            "title": item.display_title(),
            "loci": [content.locus for content in item.copies_of_work],
        }
        for item in copies
    ]
