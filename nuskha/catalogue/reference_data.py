"""Reference data: the languages and scripts records are catalogued in.

BCP 47 tags with their MARC 21 language codes (used on export), and ISO 15924 scripts.
Staff may add more in /staff/; ensure_reference_data() only adds what is missing. It
takes the model classes, so migration 0002 can pass its historical models.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = [
    # tag, MARC code, English name, name in the language
    ("fa", "per", "Persian", "فارسی"),
    ("ar", "ara", "Arabic", "العربية"),
    ("kk", "kaz", "Kazakh", "қазақ тілі"),
    ("chg", "chg", "Chagatai", "چغتای"),
    ("ota", "ota", "Ottoman Turkish", "لسان عثمانی"),
    ("ru", "rus", "Russian", "русский"),
    ("en", "eng", "English", "English"),
    ("tt", "tat", "Tatar", "татар теле"),
    ("uz", "uzb", "Uzbek", "oʻzbekcha"),
    ("az", "aze", "Azerbaijani", "azərbaycanca"),
    ("tr", "tur", "Turkish", "Türkçe"),
    ("ug", "uig", "Uyghur", "ئۇيغۇرچە"),
    ("tg", "tgk", "Tajik", "тоҷикӣ"),
    ("ky", "kir", "Kyrgyz", "кыргызча"),
    ("la", "lat", "Latin", "Latina"),
    ("de", "ger", "German", "Deutsch"),
    ("fr", "fre", "French", "français"),
]

SCRIPTS = [
    ("Arab", "Arabic"),
    ("Aran", "Arabic (Nastaliq variant)"),
    ("Cyrl", "Cyrillic"),
    ("Latn", "Latin"),
]


def ensure_reference_data(Language: Any, Script: Any) -> None:  # noqa: N803 (model classes)
    for code, marc_code, name_en, name_native in LANGUAGES:
        Language.objects.get_or_create(
            code=code,
            defaults={"marc_code": marc_code, "name_en": name_en, "name_native": name_native},
        )
    for code, name_en in SCRIPTS:
        Script.objects.get_or_create(code=code, defaults={"name_en": name_en})
