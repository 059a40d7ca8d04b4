"""Facet parameters from a request, and the labels of facet values in each language."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.utils import translation

from nuskha.catalogue.conftest import language, script
from nuskha.search.service import FacetValue
from nuskha.web.facets import facet_groups, filters_from, value_labels
from nuskha.web.labels import country_name, language_name, script_name


def test_filters_keep_known_facets_and_drop_values_that_cannot_match() -> None:
    query = QueryDict("q=x&kind=manuscript&kind=manuscript&institution=3&institution=IR&foo=1")
    assert filters_from(query) == {"kind": ["manuscript"], "institution": ["3"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ui", "persian", "chagatai", "nastaliq"),
    [
        ("en", "Persian", "Chagatai", "Nastaliq"),
        ("fa", "فارسی", "جغتایی", "نستعلیق"),
        ("ru", "Персидский", "Чагатайский", "Насталик"),
        ("kk", "Парсы тілі", "Шағатай тілі", "Насталик жазуы"),
    ],
)
def test_languages_and_scripts_are_named_in_the_interface_language(
    ui, persian, chagatai, nastaliq
) -> None:
    with translation.override(ui):
        assert language_name(language("fa")) == persian
        assert language_name(language("chg")) == chagatai
        assert script_name(script("Aran")) == nastaliq


@pytest.mark.parametrize(
    ("ui", "iran"), [("en", "Iran"), ("fa", "ایران"), ("kk", "Иран"), ("ru", "Иран")]
)
def test_countries_are_named_in_the_interface_language(ui, iran) -> None:
    assert country_name("IR", ui) == iran


@pytest.mark.django_db
def test_values_get_labels_and_links(iran_library) -> None:
    facets = {
        "institution": [FacetValue(str(iran_library.pk), 3, True)],
        "material": [FacetValue("paper", 2, False), FacetValue("unknown", 1, False)],
        "century_ce": [FacetValue("17", 4, False)],
    }
    groups = facet_groups(facets, [("q", "x"), ("institution", str(iran_library.pk))], "en")
    assert [group.name for group in groups] == ["institution", "century_ce", "material"]
    institution = groups[0].links[0]
    assert (institution.label, institution.count, institution.is_selected, institution.url) == (
        "National Library and Archives of Iran",
        3,
        True,
        "?q=x",
    )
    assert [link.label for link in groups[2].links] == ["Paper", "unknown"]
    assert groups[1].links[0].url == f"?q=x&institution={iran_library.pk}&century_ce=17"


@pytest.mark.django_db
def test_a_value_nuskha_cannot_name_keeps_its_code(db) -> None:
    assert value_labels("subject", ["99999"], "en") == {"99999": "99999"}
