"""/api/v1/search: the catalogue's search (nuskha.search.service) as JSON.

The service does the searching, the access rule and the counting; this module only reads
the parameters, turns codes into the ids the service filters by, and labels the facet
values in the reader's language (?lang=). Messages stay in English, like the rest of the API.
"""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import Model, Prefetch
from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Query, Router, Schema

from nuskha.access import Door
from nuskha.api.errors import ERRORS, bad_request
from nuskha.api.links import item_url
from nuskha.api.schemas import SearchResultsSchema
from nuskha.catalogue.models import (
    Institution,
    InstitutionName,
    Item,
    Language,
    Material,
    Script,
    Subject,
    SubjectLabel,
)
from nuskha.search.service import (
    FACETS,
    FacetValue,
    Hit,
    SearchError,
    SearchRequest,
    SearchResults,
    search,
)
from nuskha.web.numerals import ordinal

router = Router(tags=["search"])

MAX_PAGE_SIZE = 100
# Facets whose values are ids of a table with codes: a filter may give either.
CODED: dict[str, type[Model]] = {
    "institution": Institution,
    "language": Language,
    "script": Script,
    "subject": Subject,
}


class SearchParameters(Schema):
    q: str = Field("", description='Words, "phrases", prefixes (word*), fields (title:…).')
    institution: list[str] = Field([], description="Institution code or facet value.")
    kind: list[Item.Kind] = []
    language: list[str] = Field([], description="BCP 47 tag or facet value.")
    script: list[str] = Field([], description="ISO 15924 code or facet value.")
    century_ah: list[int] = Field([], description="Hijri century, e.g. 10.")
    century_ce: list[int] = Field([], description="Common-era century, e.g. 17.")
    material: list[Material] = []
    subject: list[str] = Field([], description="Subject code or facet value.")
    date_range: str = Field(
        "", description="A date as catalogues write it: 1850s, 10th century AH."
    )
    sort: Literal["relevance", "date", "title"] = "relevance"
    lang: Literal["fa", "kk", "ru", "en"] = Field(
        "en", description="Language of titles and facet labels."
    )
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


def facet_filters(parameters: SearchParameters) -> dict[str, list[str]]:
    """The service's filters: facet name → values as it stores them (ids, codes, numbers)."""
    filters = {}
    for facet in FACETS:
        values = [str(getattr(v, "value", v)) for v in getattr(parameters, facet.name)]
        if values:
            filters[facet.name] = resolve_codes(facet.name, values)
    return filters


def resolve_codes(name: str, values: list[str]) -> list[str]:
    """Codes (IR-NLAI, fa, Arab) → the ids the service filters by; digits are ids already."""
    model = CODED.get(name)
    if model is None:
        return values
    codes = [value for value in values if not value.isdigit()]
    ids = dict(model._default_manager.filter(code__in=codes).values_list("code", "pk"))
    unknown = [code for code in codes if code not in ids]
    if unknown:
        raise bad_request(f"There is no {name} with the code “{unknown[0]}”.")
    return [value if value.isdigit() else str(ids[value]) for value in values]


@router.get("", response={200: SearchResultsSchema, **ERRORS}, summary="Search the catalogue")
def search_catalogue(request: HttpRequest, parameters: Query[SearchParameters]) -> dict[str, Any]:
    """Hits the reader may see, with exact facet counts; repeat a filter to allow several
    values (values of one facet OR, facets AND)."""
    search_request = SearchRequest(
        query=parameters.q,
        reader=request.user,
        filters=facet_filters(parameters),
        date_range=parameters.date_range,
        sort=parameters.sort,
        language=parameters.lang,
        page=parameters.page,
        page_size=parameters.page_size,
        door=Door.API,
    )
    with translation.override("en"):
        try:
            results = search(search_request)
        except SearchError as error:
            raise bad_request(str(error)) from None
    return {
        "total": results.total,
        "page": parameters.page,
        "page_size": parameters.page_size,
        "hits": hits_of(results.hits),
        "facets": labelled_facets(results, parameters.lang),
        "message": results.message,
    }


def hits_of(hits: list[Hit]) -> list[dict[str, Any]]:
    return [
        {
            "id": hit.item.pk,
            "url": item_url(hit.item.pk),
            "title": hit.title,
            "title_html": str(hit.title_html),
            "shelfmark": hit.item.shelfmark,
            "institution": hit.item.institution.code,  # the service loads it with the item
            "kind": hit.item.kind,
            "date_as_written": hit.item.date_as_written,
            "score": hit.score,
        }
        for hit in hits
    ]


def labelled_facets(results: SearchResults, lang: str) -> dict[str, list[dict[str, Any]]]:
    with translation.override(lang):
        return {name: labelled(name, values, lang) for name, values in results.facets.items()}


def labelled(name: str, values: list[FacetValue], lang: str) -> list[dict[str, Any]]:
    labels = facet_labels(name, values, lang)
    return [
        {
            "value": value.value,
            "code": labels.get(value.value, (None, ""))[0],
            "label": labels.get(value.value, (None, value.value))[1],
            "count": value.count,
            "selected": value.selected,
        }
        for value in values
    ]


def facet_labels(
    name: str, values: list[FacetValue], lang: str
) -> dict[str, tuple[str | None, str]]:
    """Facet value → (code, label in the reader's language), one query per facet at most."""
    wanted = [value.value for value in values]
    if name == "kind":
        return {v: (None, str(Item.Kind(v).label)) for v in wanted if v in Item.Kind.values}
    if name == "material":
        return {v: (None, str(Material(v).label)) for v in wanted if v in Material.values}
    if name in ("century_ah", "century_ce"):
        era = "AH" if name == "century_ah" else "CE"
        return {v: (None, f"{ordinal(int(v))} century {era}") for v in wanted}
    if name == "institution":
        rows = Institution.objects.filter(pk__in=wanted).prefetch_related(
            Prefetch("names", InstitutionName.objects.select_related("language"))
        )
        return {str(row.pk): (row.code, row.name(lang) or row.code) for row in rows}
    if name == "language":
        rows = Language.objects.filter(pk__in=wanted)
        return {str(row.pk): (row.code, language_name(row)) for row in rows}
    if name == "script":
        rows = Script.objects.filter(pk__in=wanted)
        return {str(row.pk): (row.code, row.name_en) for row in rows}
    if name == "subject":
        rows = Subject.objects.filter(pk__in=wanted).prefetch_related(
            Prefetch("labels", SubjectLabel.objects.select_related("language"))
        )
        return {str(row.pk): (row.code, row.label(lang) or row.code) for row in rows}
    return {}


def language_name(language: Language) -> str:
    """The language's name in the active language, from Django's own catalogue of names."""
    try:
        return str(translation.get_language_info(language.code)["name_translated"])
    except KeyError:
        return language.name_en
