"""/api/v1/institutions: the libraries whose items the catalogue holds, with their names,
collections, and how many items the reader may see in each."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Query, Router

from nuskha.access import Door, visible_items
from nuskha.api.errors import ERRORS, not_found
from nuskha.api.links import institution_url
from nuskha.api.paging import PageParameters, page_of, paged
from nuskha.api.records import labels_of
from nuskha.api.schemas import InstitutionPage, InstitutionSchema
from nuskha.catalogue.models import CollectionName, Institution, InstitutionName

router = Router(tags=["institutions"])


def with_names(institutions: QuerySet[Institution]) -> QuerySet[Institution]:
    return institutions.prefetch_related(
        Prefetch("names", InstitutionName.objects.select_related("language"))
    )


def visible_counts(request: HttpRequest, by: str, **filters: Any) -> dict[Any, int]:
    """Items the reader may see, counted per value of one column (one query)."""
    rows = (
        visible_items(request.user, Door.API)
        .filter(**filters)
        .order_by()
        .values(by)
        .annotate(count=Count("pk"))
        .values_list(by, "count")
    )
    return dict(rows)


def institution_summary(institution: Institution, item_count: int) -> dict[str, Any]:
    return {
        "code": institution.code,
        "url": institution_url(institution.code),
        "names": labels_of(institution.names),
        "country": institution.country,
        "item_count": item_count,
    }


@router.get("", response={200: InstitutionPage, **ERRORS}, summary="List institutions")
def list_institutions(request: HttpRequest, paging: Query[PageParameters]) -> dict[str, Any]:
    """Every institution, in the order they were added, a page at a time."""
    page, next_cursor = page_of(with_names(Institution.objects.all()), paging.cursor, paging.limit)
    counts = visible_counts(request, "institution_id", institution__in=page)
    return paged(
        [institution_summary(row, counts.get(row.pk, 0)) for row in page],
        next_cursor,
    )


@router.get("/{code}", response={200: InstitutionSchema, **ERRORS}, summary="One institution")
def get_institution(request: HttpRequest, code: str) -> dict[str, Any]:
    """The institution's names, country, time zone, website, collections and item counts."""
    institution = (
        with_names(Institution.objects.filter(code=code))
        .prefetch_related(
            Prefetch("collections__names", CollectionName.objects.select_related("language"))
        )
        .first()
    )
    if institution is None:
        raise not_found(f"There is no institution with the code “{code}”.")
    by_collection = visible_counts(request, "collection_id", institution=institution)
    by_kind = visible_counts(request, "kind", institution=institution)
    return {
        **institution_summary(institution, sum(by_kind.values())),
        "time_zone": institution.time_zone,
        "website": institution.website,
        "collections": [
            {
                "code": collection.code,
                "names": labels_of(collection.names),
                "description": collection.description,
                "item_count": by_collection.get(collection.pk, 0),
            }
            for collection in institution.collections.all()
        ],
        "item_counts_by_kind": by_kind,
    }
