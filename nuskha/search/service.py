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

from nuskha.access import Door, seen_beyond_the_public, sees_everything
from nuskha.calendars import DateParseError
from nuskha.calendars import parse as parse_date
from nuskha.catalogue.models import Item
from nuskha.search.backends import backend
from nuskha.search.expressions import filter_test
from nuskha.search.highlight import highlight
from nuskha.search.indexing import HIDDEN, PUBLIC, choose_title, shared_token
from nuskha.search.query import EmptyQuery, ParsedQuery, parse_search_query

SORTS = ("relevance", "date", "title")
# When the words alone find at most this many items, they are ranked and filtered in one
# pass (_few_ranked); more, and the full-text index filters, counts and ranks them.
FEW_MATCHES = 1000


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
    # What the reader sees, as filter tokens: worked out once a search (_visibility).
    visible_as: list[str] | None = field(default=None, init=False, repr=False, compare=False)


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
    # Another title of the item, as written, where the words were found (when the title
    # in the reader's language does not show them), highlighted; "" otherwise.
    matched_html: str = ""


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
    _check_filters(request.filters)
    dates = _date_range(request.date_range) if request.date_range else None
    results.total, page = ranked_page(request, results.parsed, dates)
    results.facets = _facets(request, results.parsed, dates)
    results.hits = _hits(request, results.parsed, page)
    return results


def ranked_page(
    request: SearchRequest, parsed: ParsedQuery | None, dates: Any
) -> tuple[int, list[tuple[int, float]]]:
    """The search's answer before it is dressed for the reader: the total, and the
    (item id, score) of the requested page in order."""
    start = max(0, request.page - 1) * request.page_size
    few = _few_ranked(request, parsed, dates)
    if few is not None:
        return len(few), few[start : start + request.page_size]
    engine = backend()
    if engine.counts_with_page and parsed is not None and dates is None:
        if request.sort == "relevance":
            with connection.cursor() as cursor:
                return engine.counted_page(
                    cursor, parsed, _required(request), _excluded(request),
                    request.page_size, start,
                )  # fmt: skip
    return _count(request, parsed, dates), _page_rows(request, parsed, dates, start)


def _few_ranked(
    request: SearchRequest, parsed: ParsedQuery | None, dates: Any
) -> list[tuple[int, float]] | None:
    """Every hit in order when the words alone find few items, else None.

    The full-text match could carry the filters (visibility, facets) itself, but then
    bm25 weighs each filter token by reading its whole posting list: "institution=2" is a
    quarter of a million entries at a million records, ten times the work of ranking a
    rare word. So the words are ranked alone and their few items filtered here, by the
    same tokens, kept on each search entry. See docs/performance.md.
    """
    if parsed is None or dates is not None or request.sort != "relevance":
        return None
    with connection.cursor() as cursor:
        found = backend().few_ranked(cursor, parsed, FEW_MATCHES)
    if found is None:
        return None
    passes = filter_test(_required(request), _excluded(request))
    kept = sorted((score, item_id) for item_id, score, filters in found if passes(filters))
    return [(item_id, score) for score, item_id in kept]


def _excluded(request: SearchRequest) -> list[str]:
    """Filter tokens no hit may carry: what the public may not see, for the public (and
    the readers who see no more than it)."""
    if sees_everything(request.reader, request.door) or _visibility(request):
        return []
    return [HIDDEN]


def _required(request: SearchRequest, without: str = "") -> list[list[str]]:
    """Filter tokens every hit must carry: each chosen facet's values (any one of them),
    and, for a reader who sees more than the public, one of what they see."""
    required = []
    for name, values in request.filters.items():
        if name != without and values:
            required.append([f"{name}={value}" for value in values])
    visibility = _visibility(request)
    return required + [visibility] if visibility else required


def _visibility(request: SearchRequest) -> list[str]:
    """For a reader who sees more than the public and not everything, the filter tokens of
    which each item they see carries one; [] for the others, the public among them (who
    keep the cheaper NOT hidden). Mirrors nuskha.access.visible_items()."""
    if request.visible_as is None:
        request.visible_as = _reader_tokens(request.reader, request.door)
    return request.visible_as


def _reader_tokens(reader: Any, door: Door) -> list[str]:
    """visible_items()'s condition as tokens (nuskha.access.seen_beyond_the_public): the
    public's, the reader's institution's if they are its staff, and the shared records of
    each library whose agreement in force grants their institution catalogue exchange."""
    beyond = seen_beyond_the_public(reader, door)
    if beyond is None:
        return []
    tokens = [shared_token(holder) for holder in beyond.sharing_institutions]
    if beyond.own_institution is not None:
        tokens.append(f"institution={beyond.own_institution}")
    return [PUBLIC, *tokens]


def _matching(
    request: SearchRequest, parsed: ParsedQuery | None, without: str = ""
) -> tuple[str | None, list[Any]]:
    """SQL for the ids of the matching items, or None when every item matches."""
    required, excluded = _required(request, without), _excluded(request)
    if parsed is None and not required and not excluded:
        return None, []
    return backend().matching_ids_sql(parsed, required, excluded)


def _entries(ids_sql: str | None, ids_params: list[Any], dates: Any) -> tuple[str, list[Any]]:
    """A WHERE clause on the entry table `e`: among the ids, within the date range."""
    clauses, params = ["1=1"], []
    if ids_sql is not None:
        clauses.append(f"e.item_id IN ({ids_sql})")
        params += ids_params
    if dates is not None:
        clauses.append("e.date_latest >= %s AND e.date_earliest <= %s")
        params += list(dates)
    return " AND ".join(clauses), params


def _check_filters(filters: dict[str, list[str]]) -> None:
    for name in filters:
        if name not in FACETS_BY_NAME:
            raise SearchError(_("There is no filter called “%(name)s”.") % {"name": name})


def _date_range(text: str) -> tuple[Any, Any]:
    try:
        span = parse_date(text)
    except DateParseError as error:
        raise SearchError(
            _("The date range cannot be read: %(reason)s") % {"reason": error}
        ) from None
    return span.earliest, span.latest


def _count(request: SearchRequest, parsed: ParsedQuery | None, dates: Any) -> int:
    ids_sql, ids_params = _matching(request, parsed)
    if ids_sql is not None and dates is None:
        sql, params = f"SELECT count(*) FROM ({ids_sql}) m", ids_params  # the index alone
    else:
        where, params = _entries(ids_sql, ids_params, dates)
        sql = f"SELECT count(*) FROM search_searchentry e WHERE {where}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])


def _facets(
    request: SearchRequest, parsed: ParsedQuery | None, dates: Any
) -> dict[str, list[FacetValue]]:
    """Exact counts per value. A facet's own selection is left out of its counts, so its
    other values stay visible to add (values of one facet OR, facets AND)."""
    counted = {}
    for facet in FACETS:
        where, params = _entries(*_matching(request, parsed, without=facet.name), dates)
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


def _page_rows(
    request: SearchRequest, parsed: ParsedQuery | None, dates: Any, start: int
) -> list[tuple[int, float]]:
    if request.sort == "relevance" and parsed is not None:
        ranked_sql, params = backend().ranked_sql(parsed, _required(request), _excluded(request))
        if dates is None:  # the index alone ranks and pages
            sql = f"SELECT r.item_id, r.score FROM ({ranked_sql}) r"
        else:
            sql = (f"SELECT r.item_id, r.score FROM ({ranked_sql}) r "
                   "JOIN search_searchentry e ON e.item_id = r.item_id "
                   "WHERE e.date_latest >= %s AND e.date_earliest <= %s")  # fmt: skip
            params = params + list(dates)
        sql += " ORDER BY r.score, r.item_id LIMIT %s OFFSET %s"
    else:
        where, params = _entries(*_matching(request, parsed), dates)
        order = "e.date_earliest IS NULL, e.date_earliest, e.item_id"
        if request.sort == "title":
            language = request.language if request.language in ("fa", "kk", "ru", "en") else "en"
            order = f"e.sort_{language}, e.item_id"
        sql = (f"SELECT e.item_id, 0 FROM search_searchentry e WHERE {where} "
               f"ORDER BY {order} LIMIT %s OFFSET %s")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params + [request.page_size, start])
        return [(item_id, float(score)) for item_id, score in cursor.fetchall()]


def _hits(
    request: SearchRequest, parsed: ParsedQuery | None, rows: list[tuple[int, float]]
) -> list[Hit]:
    """The page's items with their titles, the one in the reader's language highlighted."""
    ids = [item_id for item_id, _score in rows]
    items = Item.objects.select_related("institution").in_bulk(ids)
    titles = _titles(ids)
    hits = []
    for item_id, score in rows:
        item = items[item_id]
        title = choose_title(titles.get(item_id, []), request.language) or item.shelfmark
        title_html = highlight(title, parsed)
        hit = Hit(item, score, title, title_html)
        if parsed is not None and "<mark>" not in title_html:
            hit.matched_html = _matched_title(titles.get(item_id, []), parsed)
        hits.append(hit)
    return hits


def _matched_title(titles: list[tuple[str, str]], parsed: ParsedQuery) -> str:
    for code, text in titles:
        marked = highlight(text, parsed, code)
        if "<mark>" in marked:
            return marked
    return ""


def _titles(ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Every title of these items as (language, text), in catalogue order: one query."""
    if not ids:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    titles: dict[int, list[tuple[str, str]]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.item_id, l.code, t.text FROM catalogue_title t "
            "JOIN catalogue_language l ON l.id = t.language_id "
            f"WHERE t.item_id IN ({marks}) ORDER BY t.item_id, t.position, t.id",
            ids,
        )
        for item_id, code, text in cursor.fetchall():
            titles.setdefault(item_id, []).append((code, text))
    return titles
