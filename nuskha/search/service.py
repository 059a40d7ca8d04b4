"""search(): the one entry point every door (site, API, command line) uses.

A request is parsed (query.py), matched by the backend, filtered by what the reader may
see (nuskha.access) and by the chosen facets and date range, counted per facet, sorted,
and paged; the hits come back with their highlighted titles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from nuskha.access import Door, visibility_sql
from nuskha.calendars import DateParseError
from nuskha.calendars import parse as parse_date
from nuskha.catalogue.models import Item
from nuskha.search.backends import backend
from nuskha.search.highlight import highlight
from nuskha.search.indexing import display_title
from nuskha.search.query import EmptyQuery, ParsedQuery, parse_search_query

SORTS = ("relevance", "date", "title")


@dataclass(frozen=True)
class Facet:
    """How a facet is counted and filtered: a column of the entry, or a many-to-many table."""

    name: str
    column: str
    through: tuple[str, str, str] | None = None  # table, item column, value column


FACETS = (
    Facet("institution", "e.institution_id"),
    Facet("kind", "e.kind"),
    Facet("language", "", ("catalogue_item_languages", "item_id", "language_id")),
    Facet("script", "", ("catalogue_item_scripts", "item_id", "script_id")),
    Facet("century_ah", "e.century_ah"),
    Facet("century_ce", "e.century_ce"),
    Facet("material", "e.material"),
    Facet("subject", "", ("catalogue_item_subjects", "item_id", "subject_id")),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}


class SearchError(ValueError):
    """The request cannot be answered as asked; the message says why, for the reader."""


@dataclass
class SearchRequest:
    query: str = ""
    reader: Any = None
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_range: str = ""
    sort: str = "relevance"
    language: str = "en"
    page: int = 1
    page_size: int = 20
    door: Door = Door.SEARCH


@dataclass
class FacetValue:
    value: str
    count: int
    selected: bool


@dataclass
class Hit:
    item: Item
    score: float
    title: str
    title_html: str


@dataclass
class SearchResults:
    request: SearchRequest
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    message: str = ""
    parsed: ParsedQuery | None = None


def search(request: SearchRequest) -> SearchResults:
    results = SearchResults(request)
    if request.sort not in SORTS:
        raise SearchError(_("Sort by one of: %(sorts)s.") % {"sorts": ", ".join(SORTS)})
    try:
        results.parsed = parse_search_query(request.query, None)
    except EmptyQuery:
        if not (request.filters or request.date_range):
            results.message = _("Type a word to search for: this query has nothing to look for.")
            return results
    where, params = _where(request, results.parsed)
    results.total = _count(where, params)
    results.facets = _facets(request, results.parsed)
    results.hits = _page(request, results.parsed, where, params)
    return results


def _where(
    request: SearchRequest, parsed: ParsedQuery | None, without: str = ""
) -> tuple[str, list[Any]]:
    visible, params = visibility_sql(request.reader, request.door, "e")
    clauses = [visible]
    if parsed is not None:
        ids_sql, ids_params = backend().matching_ids_sql(parsed)
        clauses.append(f"e.item_id IN ({ids_sql})")
        params += ids_params
    for name, values in request.filters.items():
        if name == without or not values:
            continue
        clause, clause_params = _facet_clause(name, values)
        clauses.append(clause)
        params += clause_params
    if request.date_range:
        earliest, latest = _date_range(request.date_range)
        clauses.append("e.date_latest >= %s AND e.date_earliest <= %s")
        params += [earliest, latest]
    return " AND ".join(f"({c})" for c in clauses), params


def _facet_clause(name: str, values: list[str]) -> tuple[str, list[Any]]:
    facet = FACETS_BY_NAME.get(name)
    if facet is None:
        raise SearchError(_("There is no filter called “%(name)s”.") % {"name": name})
    marks = ", ".join(["%s"] * len(values))
    if facet.through is None:
        return f"{facet.column} IN ({marks})", list(values)
    table, item_column, value_column = facet.through
    return (
        f"EXISTS (SELECT 1 FROM {table} t WHERE t.{item_column} = e.item_id "
        f"AND t.{value_column} IN ({marks}))",
        list(values),
    )


def _date_range(text: str) -> tuple[Any, Any]:
    try:
        span = parse_date(text)
    except DateParseError as error:
        raise SearchError(
            _("The date range cannot be read: %(reason)s") % {"reason": error}
        ) from None
    return span.earliest, span.latest


def _count(where: str, params: list[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM search_searchentry e WHERE {where}", params)
        return int(cursor.fetchone()[0])


def _facets(request: SearchRequest, parsed: ParsedQuery | None) -> dict[str, list[FacetValue]]:
    """Exact counts per value. A facet's own selection is left out of its counts, so its
    other values stay visible to add (values of one facet OR, facets AND)."""
    counted = {}
    for facet in FACETS:
        where, params = _where(request, parsed, without=facet.name)
        if facet.through is None:
            sql = (f"SELECT {facet.column}, count(*) FROM search_searchentry e WHERE {where} "
                   f"AND {facet.column} IS NOT NULL GROUP BY {facet.column}")  # fmt: skip
        else:
            table, item_column, value_column = facet.through
            sql = (f"SELECT t.{value_column}, count(*) FROM search_searchentry e "
                   f"JOIN {table} t ON t.{item_column} = e.item_id WHERE {where} "
                   f"GROUP BY t.{value_column}")  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        selected = set(request.filters.get(facet.name, []))
        counted[facet.name] = sorted(
            (
                FacetValue(str(v), int(n), str(v) in selected)
                for v, n in rows
                if v not in ("", None)
            ),
            key=lambda fv: (-fv.count, fv.value),
        )
    return counted


def _page(
    request: SearchRequest, parsed: ParsedQuery | None, where: str, params: list[Any]
) -> list[Hit]:
    offset = max(0, request.page - 1) * request.page_size
    if request.sort == "relevance" and parsed is not None:
        ranked_sql, ranked_params = backend().ranked_sql(parsed)
        sql = (f"SELECT r.item_id, r.score FROM ({ranked_sql}) r "
               f"JOIN search_searchentry e ON e.item_id = r.item_id WHERE {where} "
               f"ORDER BY r.score, r.item_id LIMIT %s OFFSET %s")  # fmt: skip
        all_params = ranked_params + params + [request.page_size, offset]
    else:
        order = "e.date_earliest IS NULL, e.date_earliest, e.item_id"
        if request.sort == "title":
            language = request.language if request.language in ("fa", "kk", "ru", "en") else "en"
            order = f"e.sort_{language}, e.item_id"
        sql = (f"SELECT e.item_id, 0 FROM search_searchentry e WHERE {where} "
               f"ORDER BY {order} LIMIT %s OFFSET %s")  # fmt: skip
        all_params = params + [request.page_size, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, all_params)
        rows = cursor.fetchall()
    items = Item.objects.prefetch_related("titles__language").in_bulk([row[0] for row in rows])
    hits = []
    for item_id, score in rows:
        item = items[item_id]
        title = display_title(item, request.language)
        hits.append(Hit(item, float(score), title, highlight(title, parsed)))
    return hits
