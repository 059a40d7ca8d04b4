"""The public site's pages (home, search, items, agents, works, institutions) and /healthz.

Every page asks nuskha.access what the reader may see: can_see() for the record it shows,
visible_items() for every list and count. Searches go through nuskha.search.service only.
Labels, links and dates come from facets.py, links.py and records.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from math import ceil
from typing import Any
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count, QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache

from nuskha.access import Door, can_see, decide, image_size_limit, told_why, visible_items
from nuskha.catalogue.models import (
    Agent,
    ContentItem,
    Institution,
    Item,
    ItemAgent,
    Provenance,
    Role,
    Title,
    Work,
)
from nuskha.cooperation.models import Agreement
from nuskha.cooperation.views.news import latest_news
from nuskha.images.manifests import (
    manifest_url,
    page_image_url,
    reading_direction,
    thumbnail_url,
)
from nuskha.images.models import Page
from nuskha.ocr.recognition import pages_matching
from nuskha.search import service
from nuskha.web.facets import facet_groups, filters_from, selected_filters
from nuskha.web.labels import country_name, interface_language
from nuskha.web.links import Params, page_window, query_string, replaced
from nuskha.web.records import in_language, item_title, permalink, written_date

PAGE_SIZE = 20
# After "Sort by:" (Russian puts them in the dative: "по дате"), hence the context.
SORT_LABELS = {
    "relevance": pgettext_lazy("sort by", "relevance"),
    "date": pgettext_lazy("sort by", "date"),
    "title": pgettext_lazy("sort by", "title"),
}

# An item page shows every field of the record and of its inline rows: fetch them at once.
ITEM_DETAIL = Item.objects.select_related("institution", "collection").prefetch_related(
    "institution__names__language",
    "collection__names__language",
    "titles__language",
    "titles__script",
    "former_shelfmarks",
    "agents__agent__names__language",
    "agents__agent__names__script",
    "languages",
    "scripts",
    "subjects__labels__language",
    "contents__work__titles__language",
    "contents__work__titles__script",
    "contents__scribe__names__language",
    "contents__scribe__names__script",
    "contents__language",
    "contents__part",
    "parts",
    "provenance__agent__names__language",
    "provenance__agent__names__script",
)


# Rows of item lists (search hits, copies of a work, an agent's items) ----------------------


@dataclass
class ItemRow:
    """One item in a list: its title in the reader's language, shelfmark, institution, date."""

    item: Item
    url: str
    title: Title | None
    institution: str
    kind: str
    date: str
    notes: list[str] = field(default_factory=list)


def item_rows(
    items: Iterable[Item], language: str, notes: dict[int, list[str]] | None = None
) -> list[ItemRow]:
    names = institution_names(language)
    return [
        ItemRow(
            item,
            reverse("web:item-detail", args=[item.pk]),
            item_title(item, language),
            names.get(item.institution_id, ""),
            capfirst(item.get_kind_display()),
            written_date(item, language),
            (notes or {}).get(item.pk, []),
        )
        for item in items
    ]


def with_titles(items: QuerySet[Item]) -> QuerySet[Item]:
    return items.prefetch_related("titles__language", "titles__script").order_by(
        "institution__code", "shelfmark"
    )


def institution_names(language: str) -> dict[int, str]:
    institutions = Institution.objects.prefetch_related("names__language")
    return {i.pk: i.name(language) or i.code for i in institutions}


# Home and health --------------------------------------------------------------------------


def home(request: HttpRequest) -> HttpResponse:
    items = visible_items(request.user, Door.WEB)
    counts = dict(
        items.values_list("institution").annotate(n=Count("id")).values_list("institution", "n")
    )
    institutions = [
        (institution, counts.get(institution.pk, 0))
        for institution in Institution.objects.prefetch_related("names__language")
    ]
    context = {
        "institutions": institutions,
        "total": sum(counts.values()),
        "latest_news": latest_news(3),
    }
    return render(request, "web/home.html", context)


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not: for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": str(error)}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# Search -----------------------------------------------------------------------------------


@dataclass
class Pager:
    current: int
    last: int
    previous_url: str
    next_url: str
    pages: list[tuple[int | None, str]]


def search(request: HttpRequest) -> HttpResponse:
    params = request_params(request)
    filters = filters_from(request.GET)
    sort = request.GET.get("sort", "relevance")
    search_request = service.SearchRequest(
        query=request.GET.get("q", "").strip(),
        reader=request.user,
        filters=filters,
        date_range=request.GET.get("date", "").strip(),
        sort=sort if sort in service.SORTS else "relevance",
        language=interface_language(),
        page=page_number(request.GET.get("page")),
        page_size=PAGE_SIZE,
    )
    context = search_form_context(search_request, params)
    try:
        results = service.search(search_request)
    except service.SearchError as error:
        return render(request, "web/search.html", {**context, "error": str(error)})
    context.update(
        results=results,
        hits=hit_rows(results.hits, search_request.language, search_request.query),
        first_number=(search_request.page - 1) * PAGE_SIZE + 1,
        facets=facet_groups(results.facets, params, search_request.language),
        sorts=sort_links(params, search_request.sort),
        pager=pager(params, search_request.page, results.total),
    )
    return render(request, "web/search.html", context)


def request_params(request: HttpRequest) -> Params:
    """The query string as (name, value) pairs, without the one-off ?lang= and without
    the empty fields a sent form leaves (date=)."""
    return [
        (name, value)
        for name, values in request.GET.lists()
        if name != "lang"
        for value in values
        if value.strip() or name == "q"
    ]


def page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else 1


def search_form_context(search_request: service.SearchRequest, params: Params) -> dict[str, Any]:
    """What the search form shows, and keeps (the filters and sort) when sent again."""
    kept = [(name, value) for name, values in search_request.filters.items() for value in values]
    if search_request.sort != "relevance":
        kept.append(("sort", search_request.sort))
    return {
        "query": search_request.query,
        "date_range": search_request.date_range,
        "kept_params": kept,
        "selected": selected_filters(search_request.filters, params, search_request.language),
    }


def hit_rows(hits: list[service.Hit], language: str, query: str = "") -> list[dict[str, Any]]:
    items = [hit.item for hit in hits]
    prefetch_related_objects(items, "titles__language", "titles__script")
    rows = item_rows(items, language)
    # The pages whose text the words were found on: such an item opens with the viewer's
    # search on them (?q=), at the first.
    on_pages = pages_matching([item.pk for item in items], query) if query else {}
    return [
        {
            "row": row,
            "hit": hit,
            "lang": title_language(hit),
            "pages": on_pages.get(hit.item.pk, []),
            "url": (f"{row.url}?{urlencode({'q': query})}" if hit.item.pk in on_pages else row.url),
        }
        for row, hit in zip(rows, hits, strict=True)
    ]


def title_language(hit: service.Hit) -> str:
    """The language and script of the title the hit shows, for its lang attribute."""
    for title in hit.item.titles.all():
        if title.text == hit.title:
            return f"{title.language.code}-{title.script.code}"
    return ""


def sort_links(params: Params, current: str) -> list[tuple[str, str, bool]]:
    return [
        (str(label), query_string(replaced(params, "sort", name)), name == current)
        for name, label in SORT_LABELS.items()
    ]


def pager(params: Params, current: int, total: int) -> Pager | None:
    last = max(1, ceil(total / PAGE_SIZE))
    if last == 1 and current == 1:
        return None

    def url(number: int) -> str:
        return query_string(replaced(params, "page", str(number)))

    return Pager(
        current,
        last,
        url(current - 1) if current > 1 else "",
        url(current + 1) if current < last else "",
        [(n, url(n) if n else "") for n in page_window(current, last)],
    )


# Items ------------------------------------------------------------------------------------


def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(ITEM_DETAIL, pk=item_id)
    decision = decide(request.user, item, Door.WEB)
    if not decision.is_granted:
        message = told_why(request.user, decision)
        if message is None:
            raise Http404("No such item.")
        return render(request, "web/refused.html", {"message": message}, status=403)
    language = interface_language()
    contents = list(item.contents.all())
    context = {
        "item": item,
        "title": item_title(item, language),
        "institution_name": item.institution.name(language) or item.institution.code,
        "collection_name": item.collection.name(language) if item.collection else "",
        "agents": [
            (role, in_language(role.agent.names.all(), language)) for role in item.agents.all()
        ],
        "date": written_date(item, language),
        "contents": [(content, content_context(content, language)) for content in contents],
        "parts": [(part, written_date(part, language)) for part in item.parts.all()],
        "provenance": [
            (mark, in_language(mark.agent.names.all(), language) if mark.agent else None)
            for mark in item.provenance.all()
        ],
        "subjects": [subject.label(language) or subject.code for subject in item.subjects.all()],
        "other_copies": other_copies(request.user, item, contents, language),
        "permalink": permalink(item),
        "is_hidden_from_public": not can_see(None, item, Door.WEB),
        # A partner's record harvested into the union catalogue: link back to its home.
        "harvested": getattr(item, "harvested_record", None),
        **viewer_context(request, item, language),
    }
    return render(request, "web/item.html", context)


def viewer_context(request: HttpRequest, item: Item, language: str) -> dict[str, Any]:
    """What the page viewer (images/viewer.html) needs; no pages when the reader may not
    see the images."""
    if not can_see(request.user, item, Door.IMAGES):
        return {"pages": []}
    pages = list(Page.objects.filter(item=item))
    if not pages:
        return {"pages": []}
    rtl = reading_direction(item) == "right-to-left"
    return {
        "pages": [PageLink(page, image_size_limit(request.user, item)) for page in pages],
        "manifest_url": manifest_url(item),
        "viewer_language": language,
        "viewer_direction": "rtl" if rtl else "ltr",
        "search_query": request.GET.get("q", "")[:200],
    }


class PageLink:
    """A page as the viewer's no-JavaScript list shows it: label, thumbnail, image."""

    def __init__(self, page: Page, limit: int | None) -> None:
        self.label = page.label or str(page.position)
        self.thumbnail_url = thumbnail_url(page, limit=limit)
        self.image_url = page_image_url(page, limit=limit)


def content_context(content: ContentItem, language: str) -> dict[str, Any]:
    work = content.work
    return {
        "work_title": in_language(work.titles.all(), language) if work else None,
        "scribe_name": in_language(content.scribe.names.all(), language)
        if content.scribe
        else None,
        "date": written_date(content, language),
    }


def other_copies(
    reader: Any, item: Item, contents: list[ContentItem], language: str
) -> list[tuple[Work, Title | None, list[ItemRow]]]:
    """For each work the item holds: every other item, in any institution, that holds it
    and that the reader may see."""
    works = list(dict.fromkeys(content.work for content in contents if content.work))
    visible = visible_items(reader, Door.WEB)
    copies = []
    for work in works:
        items = with_titles(visible.filter(contents__work=work).exclude(pk=item.pk).distinct())
        rows = item_rows(items, language)
        if rows:
            copies.append((work, in_language(work.titles.all(), language), rows))
    return copies


# Agents and works -------------------------------------------------------------------------


def agent_detail(request: HttpRequest, agent_id: int) -> HttpResponse:
    agent = get_object_or_404(
        Agent.objects.prefetch_related("names__language", "names__script"), pk=agent_id
    )
    language = interface_language()
    visible = visible_items(request.user, Door.WEB)
    roles = agent_roles(agent, visible)
    works = agent.works.prefetch_related("titles__language", "titles__script")
    context = {
        "agent": agent,
        "name": in_language(agent.names.all(), language),
        "works": [(work, in_language(work.titles.all(), language)) for work in works],
        "items": item_rows(with_titles(visible.filter(pk__in=roles)), language, roles),
    }
    return render(request, "web/agent.html", context)


def agent_roles(agent: Agent, visible: QuerySet[Item]) -> dict[int, list[str]]:
    """What the agent is on each visible item: author, scribe, owner, a seal's owner..."""
    roles: dict[int, list[str]] = defaultdict(list)
    for item_id, role in ItemAgent.objects.filter(agent=agent, item__in=visible).values_list(
        "item_id", "role"
    ):
        roles[item_id].append(capfirst(Role(role).label))
    scribed = ContentItem.objects.filter(scribe=agent, item__in=visible)
    for item_id in scribed.values_list("item_id", flat=True):
        roles[item_id].append(capfirst(Role.SCRIBE.label))
    marks = Provenance.objects.filter(agent=agent, item__in=visible)
    for item_id, kind in marks.values_list("item_id", "kind"):
        label = _("Provenance: %(kind)s") % {"kind": Provenance.Kind(kind).label}
        roles[item_id].append(label)
    return {item_id: list(dict.fromkeys(labels)) for item_id, labels in roles.items()}


def work_detail(request: HttpRequest, work_id: int) -> HttpResponse:
    work = get_object_or_404(
        Work.objects.select_related("author", "language").prefetch_related(
            "titles__language",
            "titles__script",
            "subjects__labels__language",
            "author__names__language",
            "author__names__script",
        ),
        pk=work_id,
    )
    language = interface_language()
    copies = visible_items(request.user, Door.WEB).filter(contents__work=work).distinct()
    loci: dict[int, list[str]] = defaultdict(list)
    for item_id, locus in ContentItem.objects.filter(work=work, item__in=copies).values_list(
        "item_id", "locus"
    ):
        loci[item_id].append(locus)
    context = {
        "work": work,
        "title": in_language(work.titles.all(), language),
        "author_name": in_language(work.author.names.all(), language) if work.author else None,
        "subjects": [subject.label(language) or subject.code for subject in work.subjects.all()],
        "copies": item_rows(with_titles(copies), language, loci),
    }
    return render(request, "web/work.html", context)


# Institutions -----------------------------------------------------------------------------


def institution_detail(request: HttpRequest, code: str) -> HttpResponse:
    institution = get_object_or_404(
        Institution.objects.prefetch_related("names__language", "collections__names__language"),
        code=code,
    )
    language = interface_language()
    items = visible_items(request.user, Door.WEB).filter(institution=institution)
    by_kind = items.values_list("kind").annotate(n=Count("id")).order_by("-n", "kind")
    by_collection = dict(
        items.values_list("collection").annotate(n=Count("id")).values_list("collection", "n")
    )
    context = {
        "institution": institution,
        "name": institution.name(language) or institution.code,
        "country": country_name(institution.country, language),
        "total": items.count(),
        "kinds": [(capfirst(Item.Kind(kind).label), n) for kind, n in by_kind],
        "collections": [
            (
                collection.name(language) or collection.code,
                collection,
                by_collection.get(collection.pk, 0),
            )
            for collection in institution.collections.all()
        ],
        "search_url": reverse("web:search") + query_string([("institution", str(institution.pk))]),
        # Its agreements and their timeline are on the cooperation pages.
        "has_agreements": Agreement.objects.signed()
        .filter(parties__institution=institution)
        .exists(),
    }
    return render(request, "web/institution.html", context)
