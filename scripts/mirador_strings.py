"""Check that nuskha's Mirador translations (kk, ru) cover Mirador's English strings exactly.

Pure: reads JSON files, returns a list of problems. Mirador ships no Kazakh or Russian, so
nuskha keeps its own in nuskha/images/static/images/mirador-<language>.json, in Mirador's own
locale format ({"translation": {key: text}}). When Mirador is upgraded and adds, renames or
drops a key, or changes a placeholder, this reports it, so the translations never fall back
to English unnoticed.

Plural keys follow i18next's JSON v4 format (i18next 21 and later, which Mirador 4 bundles):
a key "numItems" with count has one variant per CLDR plural category of the language,
"numItems_one", "numItems_other" in English; Russian needs one, few, many and other.

Run: .venv/bin/python scripts/mirador_strings.py [LANGUAGE ...]   (exits 1 on any problem)
Tests import it as tests/test_docs.py imports cli_docs: put scripts/ on sys.path, then
`from mirador_strings import check` and `assert check() == []`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = ROOT / "node_modules" / "mirador" / "src" / "locales" / "en" / "translation.json"
TRANSLATIONS = ROOT / "nuskha" / "images" / "static" / "images"
LANGUAGES = ("kk", "ru")

# CLDR plural categories for cardinal numbers, as Intl.PluralRules reports them in the
# browser; i18next picks the key suffix from these.
PLURAL_CATEGORIES = {
    "en": ("one", "other"),
    "fa": ("one", "other"),
    "kk": ("one", "other"),
    "ru": ("one", "few", "many", "other"),
}
ALL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
PLACEHOLDER = re.compile(r"\{\{(.+?)\}\}")


def translation_path(language: str) -> Path:
    return TRANSLATIONS / f"mirador-{language}.json"


def load_strings(path: Path) -> dict[str, str]:
    """The key -> text mapping of a Mirador locale file ({"translation": {...}})."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("translation"), dict):
        raise ValueError(f'{path}: expected {{"translation": {{key: text, ...}}}}')
    strings: dict[str, str] = data["translation"]
    return strings


def placeholders(text: str) -> set[str]:
    # i18next trims names and reads a format after a comma: "{{ count, number }}" -> count
    return {match.split(",")[0].strip() for match in PLACEHOLDER.findall(text)}


def split_plural(key: str) -> tuple[str, str | None]:
    """("numItems", "one") for "numItems_one"; (key, None) for a key without a plural suffix."""
    base, _, suffix = key.rpartition("_")
    if base and suffix in ALL_CATEGORIES:
        return base, suffix
    return key, None


def expected_placeholders(reference: dict[str, str], language: str) -> dict[str, set[str]]:
    """Every key the language needs, with the placeholders its text must use.

    A plural family's forms share the placeholders of all the English forms together.
    """
    expected: dict[str, set[str]] = {}
    families: dict[str, set[str]] = {}
    for key, text in reference.items():
        base, category = split_plural(key)
        if category is None:
            expected[key] = placeholders(text)
        else:
            families.setdefault(base, set()).update(placeholders(text))
    categories = PLURAL_CATEGORIES.get(language, ("one", "other"))
    for base, names in families.items():
        for category in categories:
            expected[f"{base}_{category}"] = names
    return expected


def compare(reference: dict[str, str], translation: dict[str, str], language: str) -> list[str]:
    """Problems of one translation against the English reference, one line each."""
    expected = expected_placeholders(reference, language)
    problems = [f"{language}: missing key {key!r}" for key in expected if key not in translation]
    problems += [f"{language}: extra key {key!r}" for key in translation if key not in expected]
    for key, text in translation.items():
        if key not in expected:
            continue
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{language}: empty text for {key!r}")
            continue
        found = placeholders(text)
        if found != expected[key]:
            problems.append(
                f"{language}: {key!r} has placeholders {sorted(found)}, "
                f"English has {sorted(expected[key])}"
            )
    return problems


def check(
    languages: tuple[str, ...] = LANGUAGES,
    english: Path = ENGLISH,
    directory: Path = TRANSLATIONS,
) -> list[str]:
    """Problems of every listed translation; an empty list means all are complete."""
    if not english.exists():
        return [f"Mirador's English strings are missing: {english} (run `npm ci`)"]
    reference = load_strings(english)
    problems: list[str] = []
    for language in languages:
        path = directory / f"mirador-{language}.json"
        if not path.exists():
            problems.append(f"{language}: no translation file {path}")
            continue
        problems += compare(reference, load_strings(path), language)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "languages", nargs="*", default=list(LANGUAGES), help="languages to check (default: kk ru)"
    )
    parser.add_argument(
        "--english", type=Path, default=ENGLISH, help="Mirador's English translation.json"
    )
    arguments = parser.parse_args(argv)
    problems = check(tuple(arguments.languages), english=arguments.english)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"Mirador strings complete for {', '.join(arguments.languages)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
