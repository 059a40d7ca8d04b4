"""Script-aware text: the search key, tokens, matching, display normalisation, transliteration.

Pure Python: nothing here imports Django, so the catalogue, search, OAI and every other
part share one implementation (tests/test_import_rules.py checks it). The rules and the
reasons for them are in docs/reference/text.md.
"""

from nuskha.text.folding import fold
from nuskha.text.keys import ascii_key, cross_script_key
from nuskha.text.matching import matches
from nuskha.text.normalization import normalize
from nuskha.text.tokens import Token, tokenize, tokens
from nuskha.text.transliteration import transliterate

__all__ = [
    "Token",
    "ascii_key",
    "cross_script_key",
    "fold",
    "matches",
    "normalize",
    "tokenize",
    "tokens",
    "transliterate",
]
