"""IIIF Presentation 3.0 manifests: one per item, one canvas per page image, built with
iiif-prezi3. Django glue: it reads catalogue and Page rows and translates labels with
gettext into the four interface languages.

Section numbers (§) are those of https://iiif.io/api/presentation/3.0/. Ids are public
interfaces (design.md): a manifest is `/iiif/3/manifest/<item-id>` and a canvas is
`<manifest>/canvas/<page-pk>` (see canvas_url() for why the page's pk). The image body of
a canvas and its thumbnail are requests to the page's own Image API service
(`/iiif/3/image/<image-id>`), written in the canonical form iiif.py gives, so the tile
cache keeps them under the same key the viewer will ask for.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, override
from django.utils.translation import gettext_lazy as _
from iiif_prezi3 import (
    Annotation,
    AnnotationBody,
    AnnotationPage,
    Canvas,
    Homepage,
    KeyValueString,
    LinkedResource,
    Manifest,
    Provider,
    ServiceV2,
    ServiceV3,
)

from nuskha import calendars
from nuskha.access import image_size_limit
from nuskha.catalogue.exchange_formats import WRITE_FORMATS
from nuskha.catalogue.models import Certainty, Institution, Item, ItemAgent, Language, Role, Title
from nuskha.images.iiif import canonical_path, parse_request
from nuskha.images.models import Page

LanguageMap = dict[str, list[str]]

# English first: a client with no better choice shows the first language of a map.
INTERFACE_LANGUAGES = ("en", "fa", "kk", "ru")

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
# §3.3.1 `service`: an older API's service keeps its @id/@type, and its context goes at
# the beginning of the document's @context, the Presentation context last (§4.6).
SEARCH_CONTEXT = "http://iiif.io/api/search/1/context.json"
# Mirador 4.0 finds content search by this profile alone (search/0 or search/1; it does
# not read search/2), and asks `${id}?q=...` of the service's id or @id.
SEARCH_PROFILE = "http://iiif.io/api/search/1/search"

# Scripts written right to left (ISO 15924); Aran is Nastaliq, as reference_data.py has it.
RIGHT_TO_LEFT_SCRIPTS = frozenset(
    {"Adlm", "Arab", "Aran", "Hebr", "Mand", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa"}
)
# Titles a cataloguer wrote in another script than the book's own.
NOT_AS_WRITTEN = frozenset({Title.Type.TRANSLATED, Title.Type.ROMANISED})

# Bound volumes open as books: the first canvas (the first recto) alone, then spreads.
BOUND_KINDS = frozenset({Item.Kind.MANUSCRIPT, Item.Kind.LITHOGRAPH, Item.Kind.PRINTED_BOOK})

# The catalogue records no rights status, and access (who may see the images) says nothing
# about what readers may do with them: so no item claims more than RightsStatements.org's
# "Copyright Not Evaluated", which sends readers to the holding institution named in
# requiredStatement. A rights field on Item, when one is added, replaces this.
RIGHTS_NOT_EVALUATED = "http://rightsstatements.org/vocab/CNE/1.0/"

THUMBNAIL_SIZE = 256  # the longest side, in pixels

# Existing msgids of the site (templates and models), so every label is translated already.
SHELFMARK = _("Shelfmark")
HOLDING_INSTITUTION = _("holding institution")
COLLECTION = _("Collection")
KIND = _("Kind of item")
DATE = _("Date")
PLACE = _("Place")
LANGUAGES = _("Languages")
MATERIAL = _("Material")
DIMENSIONS = _("Dimensions")
LEAVES = _("Leaves")
PAGES = _("Pages")
# The names ICU lacks in Kazakh: the same msgids as nuskha/web/labels.py, which images,
# below web in the import order, cannot import.
LANGUAGE_NAMES = {"chg": _("Chagatai"), "ota": _("Ottoman Turkish")}

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


# Ids ----------------------------------------------------------------------------------


def manifest_url(item: Item, *, base_url: str | None = None) -> str:
    """The item's manifest, under NUSKHA_BASE_URL unless base_url is given."""
    return _manifest_id(item.pk, _base(base_url))


def canvas_url(page: Page, *, base_url: str | None = None) -> str:
    """The page's canvas. By the page's pk, not its position or its image: an ingest that
    adds a missed leaf renumbers the positions after it, and a re-scan gives the same Page
    row a new image_id, but annotations, content search hits and citations made on a leaf
    must keep pointing at that leaf."""
    return f"{_manifest_id(page.item_id, _base(base_url))}/canvas/{page.pk}"


def image_service_url(page: Page, *, base_url: str | None = None) -> str:
    # The same base URI the Image API views answer for (views.image_base_url).
    return f"{_base(base_url)}/iiif/3/image/{page.image_id}"


def _base(base_url: str | None) -> str:
    return (settings.BASE_URL if base_url is None else base_url).rstrip("/")


def _manifest_id(item_id: int, base_url: str) -> str:
    return f"{base_url}/iiif/3/manifest/{item_id}"


# Properties the viewer reads too ------------------------------------------------------


def reading_direction(item: Item) -> str:
    """The direction the book's leaves turn: "right-to-left" or "left-to-right".

    The item's scripts decide when they agree; a book in several scripts (a Russian book
    quoting Arabic) goes by its first title as written, not a translated or romanised one.
    """
    scripts = {script.code for script in item.scripts.all()}
    right_to_left = scripts & RIGHT_TO_LEFT_SCRIPTS
    if scripts and right_to_left in (scripts, set()):
        return _direction(bool(right_to_left))
    written = [title for title in item.titles.all() if title.title_type not in NOT_AS_WRITTEN]
    return _direction(bool(written) and written[0].script.code in RIGHT_TO_LEFT_SCRIPTS)


def _direction(is_right_to_left: bool) -> str:
    return "right-to-left" if is_right_to_left else "left-to-right"


def rights_statement(item: Item) -> str:
    """The item's `rights` URI (§3.2.1): see RIGHTS_NOT_EVALUATED for why it is one value."""
    return RIGHTS_NOT_EVALUATED


def with_manifest_relations(items: QuerySet[Item]) -> QuerySet[Item]:
    """The items with everything build_manifest() reads, in a fixed number of queries."""
    return items.select_related("institution", "collection").prefetch_related(
        "titles__language",
        "titles__script",
        "scripts",
        "languages",
        "institution__names__language",
        "collection__names__language",
        "agents__agent__names__language",
    )


# The manifest -------------------------------------------------------------------------


def build_manifest(item: Item, pages: list[Page], *, base_url: str) -> dict[str, Any]:
    """The item's Presentation 3.0 manifest as JSON-ready data, @context first.

    pages: the item's pages in reading order; a manifest needs at least one (§3.4.1
    `items`), so the caller answers 404 for an item without pages. base_url: the public
    base URL (settings.BASE_URL, from NUSKHA_BASE_URL). The caller checks access first;
    with_manifest_relations() loads what this reads.
    """
    if not pages:
        raise ValueError(f"item {item.pk} has no pages: a manifest needs at least one canvas")
    base_url = base_url.rstrip("/")
    identifier = _manifest_id(item.pk, base_url)
    limit = image_size_limit(None, item)  # what the public may see: the manifest is shared
    label = _title_label(item)
    manifest = Manifest(
        context=[SEARCH_CONTEXT, PRESENTATION_CONTEXT],
        id=identifier,
        label=label,
        metadata=_metadata(item),
        requiredStatement=KeyValueString(
            label=_translated(HOLDING_INSTITUTION), value=_names(item.institution)
        ),
        rights=rights_statement(item),
        provider=[_provider(item.institution, base_url)],
        viewingDirection=reading_direction(item),
        behavior=["paged"] if item.kind in BOUND_KINDS else ["individuals"],
        thumbnail=[_thumbnail(pages[0], base_url, limit)],
        homepage=[_homepage(f"{base_url}/items/{item.pk}", label)],
        seeAlso=_records(item, base_url),
        service=[_search_service(item, base_url)],
        items=[_canvas(page, base_url, limit) for page in pages],
    )
    # jsonld_dict() would leave pydantic URL objects in; the JSON text has plain strings.
    data: dict[str, Any] = json.loads(manifest.jsonld())
    return data


def _canvas(page: Page, base_url: str, limit: int | None) -> Canvas:
    identifier = canvas_url(page, base_url=base_url)
    painting = Annotation(
        id=f"{identifier}/annotation/{page.image_id}",
        motivation="painting",
        body=_image(page, "max", base_url, limit),
        target=identifier,
    )
    return Canvas(
        id=identifier,
        label={"none": [page.label or str(page.position)]},
        width=page.width,
        height=page.height,
        thumbnail=[_thumbnail(page, base_url, limit)],
        items=[AnnotationPage(id=f"{identifier}/page", items=[painting])],
    )


def thumbnail_url(page: Page, *, limit: int | None = None, base_url: str | None = None) -> str:
    """The page's thumbnail as the manifest gives it, in canonical form (so the tile
    cache's public half answers it without Django)."""
    return str(_thumbnail(page, _base(base_url), limit).id)


def page_image_url(page: Page, *, limit: int | None = None, base_url: str | None = None) -> str:
    """The whole page at the largest size this limit allows, in canonical form."""
    return str(_image(page, "max", _base(base_url), limit).id)


def _thumbnail(page: Page, base_url: str, limit: int | None) -> AnnotationBody:
    is_small = max(page.width, page.height) <= THUMBNAIL_SIZE
    # !w,h larger than the image both ways would need ^ (iiif.py, §4.2 of the Image API).
    size = "max" if is_small else f"!{THUMBNAIL_SIZE},{THUMBNAIL_SIZE}"
    return _image(page, size, base_url, limit)


def _image(page: Page, size: str, base_url: str, limit: int | None) -> AnnotationBody:
    """The whole page at `size`, as its Image API service serves it to the public: its
    width and height are those of the image the URL gives (reduced for items open at
    reduced size), while the canvas keeps the full size."""
    request = parse_request(
        "full", size, "0", "default.jpg", page.width, page.height,
        max_width=limit, max_height=limit,
    )  # fmt: skip
    path = canonical_path(request, page.width, page.height, max_width=limit, max_height=limit)
    service = image_service_url(page, base_url=base_url)
    return AnnotationBody(
        id=f"{service}/{path}",
        type="Image",
        format="image/jpeg",
        width=request.size[0],
        height=request.size[1],
        service=[ServiceV3(id=service, type="ImageService3", profile="level2")],
    )


def _homepage(url: str, label: LanguageMap) -> Homepage:
    return Homepage(id=url, type="Text", format="text/html", label=label)


def _records(item: Item, base_url: str) -> list[LinkedResource]:
    """The catalogue record in the exchange formats, as /items/<id>/record.<ext> serves
    them (media types from exchange_formats, so they match the response)."""
    profiles = [
        ("marcxml", "http://www.loc.gov/MARC21/slim", "MARCXML"),
        ("tei", "http://www.tei-c.org/ns/1.0", "TEI"),
    ]
    return [
        LinkedResource(
            id=f"{base_url}/items/{item.pk}/record.{WRITE_FORMATS[name].extension}",
            type="Dataset",
            label={"none": [format_name]},
            format=WRITE_FORMATS[name].media_type,
            profile=profile,
        )
        for name, profile, format_name in profiles
    ]


def _search_service(item: Item, base_url: str) -> ServiceV2:
    return ServiceV2(
        **{
            "@id": f"{base_url}/iiif/3/search/{item.pk}",
            "@type": "SearchService1",
            "profile": SEARCH_PROFILE,
        }
    )


def _provider(institution: Institution, base_url: str) -> Provider:
    page = f"{base_url}/institutions/{institution.code}"
    names = _names(institution)
    return Provider(id=page, label=names, homepage=[_homepage(institution.website or page, names)])


# Language maps --------------------------------------------------------------------------


def _by_language(pairs: Iterable[tuple[str, str]]) -> LanguageMap:
    """{tag: [text, ...]} in the order given: several texts in one language share a list."""
    language_map: LanguageMap = {}
    for tag, text in pairs:
        if text:
            language_map.setdefault(tag or "none", []).append(text)
    return language_map


def _in_each_language(text: Callable[[], str]) -> LanguageMap:
    """text() in each interface language, for labels and translated values."""
    language_map: LanguageMap = {}
    for language in INTERFACE_LANGUAGES:
        with override(language):
            language_map[language] = [str(text())]
    return language_map


def _translated(message: Any) -> LanguageMap:
    return _in_each_language(lambda: capfirst(str(message)))


def _title_label(item: Item) -> LanguageMap:
    titles = _by_language((title.language.code, title.text) for title in item.titles.all())
    return titles or {"none": [item.shelfmark]}


def _names(record: Any) -> LanguageMap:
    """An institution's or collection's names, by language; its code if it has none."""
    names = _by_language((name.language.code, name.text) for name in record.names.all())
    return names or {"none": [record.code]}


# Metadata ------------------------------------------------------------------------------


def _metadata(item: Item) -> list[KeyValueString]:
    entries: list[tuple[Any, LanguageMap | None]] = [
        (SHELFMARK, {"none": [item.shelfmark]}),
        (HOLDING_INSTITUTION, _names(item.institution)),
        (COLLECTION, _names(item.collection) if item.collection else None),
        (KIND, _in_each_language(lambda: capfirst(item.get_kind_display()))),
        (DATE, _date(item)),
        (PLACE, {"none": [item.place_as_written]} if item.place_as_written else None),
        *_agents(item),
        (LANGUAGES, _languages(list(item.languages.all()))),
        *_physical_description(item),
    ]
    return [
        KeyValueString(label=_translated(label), value=value) for label, value in entries if value
    ]


def _date(item: Item) -> LanguageMap | None:
    """As the item page gives it: the date as written, then its equivalents in each
    language's calendars (calendars.format), with the certainty unless exact."""
    span = item.date_span()
    if span is None:
        return {"none": [item.date_as_written]} if item.date_as_written else None

    def written() -> str:
        text = calendars.format(span, _active_language())
        original = item.date_as_written.strip()
        if original and text.startswith(original):
            # Isolated (FSI...PDI): a Hijri date in Arabic script would otherwise pull the
            # Gregorian years after it into its direction ("(1878–1877)").
            text = f"\u2068{original}\u2069{text[len(original) :]}"
        if span.certainty and span.certainty != Certainty.EXACT:
            text += f" ({Certainty(span.certainty).label})"
        return text

    return _in_each_language(written)


def _agents(item: Item) -> list[tuple[Any, LanguageMap]]:
    """One entry per role (Author, Scribe...), in the order the record gives them, each
    with its agents' names: the form in a language, else the agent's first form."""
    by_role: dict[str, list[ItemAgent]] = {}
    for credit in item.agents.all():
        by_role.setdefault(credit.role, []).append(credit)
    return [
        (Role(role).label, _agent_names([entry.agent for entry in entries]))
        for role, entries in by_role.items()
    ]


def _agent_names(agents: list[Any]) -> LanguageMap:
    languages = list(
        dict.fromkeys(name.language.code for agent in agents for name in agent.names.all())
    )
    if not languages:
        return {"none": [agent.identifier for agent in agents]}
    return {
        language: [agent.preferred_name(language) or agent.identifier for agent in agents]
        for language in languages
    }


def _languages(languages: list[Language]) -> LanguageMap | None:
    if not languages:
        return None
    return _in_each_language(
        lambda: ", ".join(_language_name(language, _active_language()) for language in languages)
    )


def _language_name(language: Language, interface: str) -> str:
    if language.code in LANGUAGE_NAMES:
        return str(LANGUAGE_NAMES[language.code])
    name = _icu_name(language.code, interface)
    if not name or name == language.code:
        return (
            language.name_native if interface != "en" and language.name_native else language.name_en
        )
    return str(capfirst(name))


@cache
def _icu_name(code: str, interface: str) -> str:
    import icu  # pyicu, imported when first needed, as nuskha.web.labels does

    return str(icu.Locale(code).getDisplayLanguage(icu.Locale(interface)))


def _physical_description(item: Item) -> list[tuple[Any, LanguageMap | None]]:
    material = (
        _in_each_language(lambda: capfirst(item.get_material_display())) if item.material else None
    )
    dimensions = None
    if item.height_mm and item.width_mm:
        dimensions = _in_each_language(
            lambda: (
                gettext("%(height)s × %(width)s mm")
                % {"height": _number(item.height_mm), "width": _number(item.width_mm)}
            )
        )
    return [
        (MATERIAL, material),
        (DIMENSIONS, dimensions),
        (LEAVES, _in_each_language(lambda: _number(item.leaf_count)) if item.leaf_count else None),
        (PAGES, _in_each_language(lambda: _number(item.page_count)) if item.page_count else None),
    ]


def _number(number: int | None) -> str:
    """A number as the active language writes it: Persian digits in Persian."""
    text = str(number)
    return text.translate(_PERSIAN_DIGITS) if _active_language() == "fa" else text


def _active_language() -> str:
    return (get_language() or "en").split("-")[0]
