"""The (language, script) -> Tesseract model table, as the module docstring documents it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nuskha.ocr import languages
from nuskha.ocr.languages import (
    MODELS,
    UnknownLanguageError,
    installed_models,
    model_for,
    models_for,
    parse_list_langs,
)
from nuskha.ocr.tests.conftest import assert_pure, tesseract_models

MODEL_FOR = [
    ("fa", "Arab", "fas"),
    ("ar", "Arab", "ara"),
    ("kk", "Arab", "Arabic"),
    ("chg", "Arab", "Arabic"),
    ("ota", "Arab", "Arabic"),
    ("kk", "Cyrl", "kaz"),
    ("ru", "Cyrl", "rus"),
    ("kk", "Latn", "Latin"),
    ("en", "Latn", "eng"),
    # codes as a form or an import may spell them
    ("FA", "arab", "fas"),
    (" kk ", "CYRL", "kaz"),
]


@pytest.mark.parametrize(("language", "script", "model"), MODEL_FOR)
def test_it_gives_the_model_for_a_language_and_script(
    language: str, script: str, model: str
) -> None:
    assert model_for(language, script) == model


@pytest.mark.parametrize(
    ("language", "script"),
    [("fa", "Latn"), ("ru", "Arab"), ("de", "Latn"), ("", ""), ("fa", "Arabic")],
)
def test_it_rejects_a_pair_it_has_no_model_for(language: str, script: str) -> None:
    with pytest.raises(UnknownLanguageError, match=re.escape(repr(language))) as error:
        model_for(language, script)
    assert "fa-Arab" in str(error.value)  # the message lists the known pairs


MODELS_FOR = [
    ([("fa", "Arab")], "fas"),
    ([("fa", "Arab"), ("ar", "Arab")], "fas+ara"),
    ([("ar", "Arab"), ("fa", "Arab")], "ara+fas"),  # the main language leads
    ([("kk", "Cyrl"), ("ru", "Cyrl")], "kaz+rus"),
    ([("kk", "Arab"), ("chg", "Arab"), ("fa", "Arab")], "Arabic+fas"),  # once each
    ([("ru", "Cyrl"), ("kk", "Cyrl"), ("ru", "Cyrl")], "rus+kaz"),
]


@pytest.mark.parametrize(("pairs", "expected"), MODELS_FOR)
def test_it_joins_the_models_of_a_multilingual_page(
    pairs: list[tuple[str, str]], expected: str
) -> None:
    assert models_for(pairs) == expected


def test_it_wants_at_least_one_language_for_a_page() -> None:
    with pytest.raises(UnknownLanguageError):
        models_for([])


def test_it_names_the_unknown_pair_among_several() -> None:
    with pytest.raises(UnknownLanguageError, match="'de'"):
        models_for([("fa", "Arab"), ("de", "Latn")])


def test_the_docstring_table_is_the_table_the_code_uses() -> None:
    assert languages.__doc__ is not None
    rows = re.findall(r"^\| (\w+) \| (\w+) \| (\w+) \| ([\w-]+) \|", languages.__doc__, re.M)
    documented = {(language, script): model for language, script, model, _package in rows}
    assert documented == MODELS
    assert list(documented) == list(MODELS)  # in the same order


def test_the_docstring_names_a_package_matching_each_model() -> None:
    assert languages.__doc__ is not None
    rows = re.findall(r"^\| \w+ \| \w+ \| (\w+) \| ([\w-]+) \|", languages.__doc__, re.M)
    for model, package in rows:
        if model[0].isupper():  # script models are named for the script: Arabic, Latin
            assert package.startswith("tesseract-ocr-script-")
        else:
            assert package == f"tesseract-ocr-{model}"


LIST_LANGS = [
    # Tesseract 5 on stdout
    (
        'List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (4):\n'
        "Arabic\nfas\nkaz\nosd\n",
        {"Arabic", "fas", "kaz", "osd"},
    ),
    # Tesseract 4 printed the same on stderr, sometimes after a warning
    (
        "Warning: TESSDATA_PREFIX is set\nList of available languages (2):\nrus\neng\n",
        {"rus", "eng"},
    ),
    ('List of available languages in "/nonexistent/" (0):\n', set()),
    ("", set()),
]


@pytest.mark.parametrize(("output", "expected"), LIST_LANGS)
def test_it_reads_the_list_of_installed_models(output: str, expected: set[str]) -> None:
    assert parse_list_langs(output) == expected


@pytest.mark.slow
def test_it_lists_the_models_installed_here() -> None:
    if not tesseract_models():
        pytest.skip("tesseract is not installed")
    found = installed_models()
    # The models the project's Debian packages provide (design.md: OCR).
    assert {"fas", "ara", "kaz", "rus"} <= found


@pytest.mark.slow
def test_it_lists_no_models_in_an_empty_folder(tmp_path: Path) -> None:
    if not tesseract_models():
        pytest.skip("tesseract is not installed")
    assert installed_models(tmp_path) == set()


@pytest.mark.slow
def test_it_does_not_import_django() -> None:
    assert_pure("nuskha.ocr.languages")
