"""Which Tesseract model reads a page in a given language and script.

Pure Python (installed_models() runs `tesseract --list-langs`, nothing else). Languages
are ISO 639 codes as the catalogue records them, scripts ISO 15924 codes. The table
(tests check it against MODELS):

| language | script | model | Debian package | notes |
|---|---|---|---|---|
| fa | Arab | fas | tesseract-ocr-fas | Persian: پ چ ژ گ, Persian ی ک, Persian digits |
| ar | Arab | ara | tesseract-ocr-ara | Arabic |
| kk | Arab | Arabic | tesseract-ocr-script-arab | script model: has ۇ ۋ ە ڭ ٴ |
| chg | Arab | Arabic | tesseract-ocr-script-arab | Chagatai: script model |
| ota | Arab | Arabic | tesseract-ocr-script-arab | Ottoman Turkish: script model |
| kk | Cyrl | kaz | tesseract-ocr-kaz | Kazakh: ә ғ қ ң ө ұ ү һ і |
| ru | Cyrl | rus | tesseract-ocr-rus | Russian |
| kk | Latn | Latin | tesseract-ocr-script-latn | script model: see below |
| en | Latn | eng | tesseract-ocr-eng | English |

No Tesseract model is trained on Kazakh, Chagatai or Ottoman Turkish in Arabic script;
the Arabic *script* model is trained on the languages written in it together and has
the letters they add to Arabic's.

Kazakh in Latin script gets the Latin *script* model. No Tesseract model is trained on
Kazakh in Latin, and the nearest ones lose letters the 2021 alphabet needs: `eng` has
none of Ä Ğ Ñ Ö Ş Ū Ü İ ı, `kaz` is Cyrillic (its character set has almost no Latin), and
Turkish (`tur`) has no Ä, Ñ or Ū in its alphabet. A letter the model cannot output is
read as its neighbour (ä as a), which fold() keeps apart, so a search would miss the
word. The script model is trained on the Latin alphabets together. It needs
`tesseract-ocr-script-latn`, which is not a dependency yet: installed_models() says
whether a machine has it, and run_tesseract() names the missing model if not.

A page in several languages gets the models joined with "+" (`fas+ara`), the main
language first: Tesseract reads each word with the first model and turns to the others
where that reading is poor.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from nuskha.ocr.tesseract import tesseract_command

# (language, script) -> the traineddata name Tesseract's -l takes. Kept in the order of
# the module docstring's table, which the tests compare with it.
MODELS: dict[tuple[str, str], str] = {
    ("fa", "Arab"): "fas",
    ("ar", "Arab"): "ara",
    ("kk", "Arab"): "Arabic",
    ("chg", "Arab"): "Arabic",
    ("ota", "Arab"): "Arabic",
    ("kk", "Cyrl"): "kaz",
    ("ru", "Cyrl"): "rus",
    ("kk", "Latn"): "Latin",
    ("en", "Latn"): "eng",
}


class UnknownLanguageError(ValueError):
    """No model is listed for this (language, script) pair."""


def model_for(language: str, script: str) -> str:
    """The Tesseract model for text in `language` written in `script` ("fa", "Arab")."""
    key = (language.strip().lower(), script.strip().title())
    try:
        return MODELS[key]
    except KeyError:
        known = ", ".join(f"{lang}-{scr}" for lang, scr in MODELS)
        raise UnknownLanguageError(
            f"no Tesseract model for language {language!r} in script {script!r}; "
            f"known pairs: {known}"
        ) from None


def models_for(pairs: Iterable[tuple[str, str]]) -> str:
    """The -l value for a page in several languages: models joined by "+", main first.

    The same model named twice (Kazakh and Chagatai both read by "Arabic") is given once.
    """
    models = list(dict.fromkeys(model_for(language, script) for language, script in pairs))
    if not models:
        raise UnknownLanguageError("no languages given: a page needs at least one")
    return "+".join(models)


def installed_models(tessdata_dir: Path | str | None = None) -> set[str]:
    """The models Tesseract can load (from `tessdata_dir`, or its default folder).

    "osd" (orientation and script detection) is listed too when installed: it is a
    model file, though not one that reads text.
    """
    arguments = ["--list-langs"]
    if tessdata_dir is not None:
        arguments += ["--tessdata-dir", str(tessdata_dir)]
    result = tesseract_command(arguments, what="listing the installed models", timeout=30)
    return parse_list_langs(result.stdout + "\n" + result.stderr)


def parse_list_langs(output: str) -> set[str]:
    """The model names in `tesseract --list-langs` output.

    Tesseract 4 printed the list on stderr, 5 on stdout; the caller passes both. The
    heading line ("List of available languages in ...") and warnings are not names.
    """
    return {
        line.strip()
        for line in output.splitlines()
        if line.strip() and " " not in line.strip() and ":" not in line
    }
