"""The search page's facets: which GET parameters filter, the label of each value in the
reader's language, and the link that adds or removes it.

Glue between the request, nuskha.search.service (which counts) and the catalogue (which
names institutions, languages, subjects...). Labels are looked up once per facet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from nuskha.catalogue.models import Institution, Item, Language, Material, Script, Subject
from nuskha.search.service import FacetValue
from nuskha.web.labels import interface_language, language_name, script_name
from nuskha.web.links import Params, query_string, toggled
from nuskha.web.numerals import century_label

# In the order the page shows them.
FACET_HEADINGS: dict[str, Promise] = {
    "institution": _("Institution"),
    "kind": _("Kind of item"),
    "language": _("Language"),
    "script": _("Script"),
    "century_ah": _("Century (Hijri)"),
    "century_ce": _("Century (Common Era)"),
    "material": _("Material"),
    "subject": _("Subject"),
}
# Facets whose values are numbers (primary keys, centuries): anything else is dropped
# before it reaches the database.
NUMERIC_FACETS = {"institution", "language", "script", "subject", "century_ah", "century_ce"}


@dataclass
class FacetLink:
    label: str
    count: int | None
    is_selected: bool
    url: str


@dataclass
class FacetGroup:
    name: str
    heading: str
    links: list[FacetLink]


def filters_from(query: QueryDict) -> dict[str, list[str]]:
    """The facet filters a request asks for, as search() takes them."""
    filters = {}
    for name in FACET_HEADINGS:
        values = [v.strip() for v in query.getlist(name) if v.strip()]
        if name in NUMERIC_FACETS:
            values = [v for v in values if v.isdigit()]
        if values:
            filters[name] = list(dict.fromkeys(values))
    return filters


def facet_groups(
    facets: dict[str, list[FacetValue]], params: Params, language: str | None = None
) -> list[FacetGroup]:
    """Every facet with values, each value labelled and linked (a link adds the value to
    the filter, or removes it when it is selected)."""
    language = language or interface_language()
    groups = []
    for name, heading in FACET_HEADINGS.items():
        values = facets.get(name) or []
        if not values:
            continue
        labels = value_labels(name, [v.value for v in values], language)
        links = [
            FacetLink(
                labels[v.value],
                v.count,
                v.selected,
                query_string(toggled(params, name, v.value)),
            )
            for v in values
        ]
        groups.append(FacetGroup(name, str(heading), links))
    return groups


def selected_filters(
    filters: dict[str, list[str]], params: Params, language: str | None = None
) -> list[FacetGroup]:
    """The filters in force, each with the link that removes it."""
    language = language or interface_language()
    groups = []
    for name, values in filters.items():
        labels = value_labels(name, values, language)
        links = [
            FacetLink(labels[v], None, True, query_string(toggled(params, name, v))) for v in values
        ]
        groups.append(FacetGroup(name, str(FACET_HEADINGS[name]), links))
    return groups


def value_labels(name: str, values: Iterable[str], language: str) -> dict[str, str]:
    """Each value's label: the name of an institution, language, subject; a century..."""
    values = list(values)
    labels = _LABELLERS[name](values, language)
    return {value: labels.get(value) or value for value in values}


def _institutions(values: list[str], language: str) -> dict[str, str]:
    institutions = Institution.objects.filter(pk__in=values).prefetch_related("names__language")
    return {str(i.pk): i.name(language) or i.code for i in institutions}


def _languages(values: list[str], language: str) -> dict[str, str]:
    languages = Language.objects.filter(pk__in=values)
    return {str(each.pk): language_name(each, language) for each in languages}


def _scripts(values: list[str], language: str) -> dict[str, str]:
    return {str(s.pk): script_name(s, language) for s in Script.objects.filter(pk__in=values)}


def _subjects(values: list[str], language: str) -> dict[str, str]:
    subjects = Subject.objects.filter(pk__in=values).prefetch_related("labels__language")
    return {str(s.pk): s.label(language) or s.code for s in subjects}


def _choices(choices: dict[str, str]) -> Callable[[list[str], str], dict[str, str]]:
    def labels(values: list[str], language: str) -> dict[str, str]:
        return {v: capfirst(str(choices[v])) for v in values if v in choices}

    return labels


def _centuries(era: str) -> Callable[[list[str], str], dict[str, str]]:
    def labels(values: list[str], language: str) -> dict[str, str]:
        return {v: century_label(int(v), era, language) for v in values if v.isdigit()}

    return labels


_LABELLERS: dict[str, Callable[[list[str], str], dict[str, str]]] = {
    "institution": _institutions,
    "kind": _choices(dict(Item.Kind.choices)),
    "language": _languages,
    "script": _scripts,
    "century_ah": _centuries("ah"),
    "century_ce": _centuries("ce"),
    "material": _choices(dict(Material.choices)),
    "subject": _subjects,
}
