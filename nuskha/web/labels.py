"""Names of reference values in the reader's language: languages, scripts and countries.

ICU knows the names of most languages, scripts and countries in Persian, Kazakh, Russian
and English (its data ships with pyicu, already used for sorting); the few it lacks or
gets wrong for catalogues of manuscripts are nuskha's own, translated in the gettext
catalogues. A value neither knows keeps its record's own name, or its code.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nuskha.catalogue.models import Language, Script

INTERFACE_LANGUAGES = ("fa", "kk", "ru", "en")

# ICU has no Kazakh names for these languages, and calls the Nastaliq script "آران" in
# Persian (a transliteration of its code): nuskha names them itself.
LANGUAGE_NAMES = {
    "chg": _("Chagatai"),
    "ota": _("Ottoman Turkish"),
}
SCRIPT_NAMES = {
    "Aran": _("Nastaliq"),
}


def interface_language() -> str:
    """The interface language as a bare code: fa, kk, ru or en."""
    code = (get_language() or "en").split("-")[0].lower()
    return code if code in INTERFACE_LANGUAGES else "en"


@cache
def _icu_locale(code: str) -> Any:
    import icu  # pyicu: imported when first needed, as nuskha.search does

    return icu.Locale(code)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def language_name(language: Language, ui: str | None = None) -> str:
    """ "Persian", "персидский" -> "Персидский", "فارسی"."""
    ui = ui or interface_language()
    if language.code in LANGUAGE_NAMES:
        return str(LANGUAGE_NAMES[language.code])
    name = _icu_locale(language.code).getDisplayLanguage(_icu_locale(ui))
    if not name or name == language.code:
        return language.name_native if ui != "en" and language.name_native else language.name_en
    return _capitalised(name)


def script_name(script: Script, ui: str | None = None) -> str:
    ui = ui or interface_language()
    if script.code in SCRIPT_NAMES:
        return str(SCRIPT_NAMES[script.code])
    name = _icu_locale(f"und_{script.code}").getDisplayScript(_icu_locale(ui))
    if not name or name == script.code:
        return script.name_en
    return _capitalised(name)


def country_name(code: str, ui: str | None = None) -> str:
    """An ISO 3166-1 alpha-2 code's country: "IR" -> "Iran", "ایران", "Иран"."""
    ui = ui or interface_language()
    name = _icu_locale(f"und_{code.upper()}").getDisplayCountry(_icu_locale(ui))
    return name if name and name != code.upper() else code
