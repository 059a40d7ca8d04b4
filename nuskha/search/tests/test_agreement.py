"""The search finds exactly what nuskha.text.matches() says it should.

Query/text pairs are drawn from the demo collection's own titles, names and incipits in
every language, with the spellings readers and other libraries use (Arabic letters,
digit systems, ZWNJ or a space, capitals, plain ASCII, Kazakh in another script) and
near misses (a sound-alike letter, a phrase out of order, part of a word). matches() is
the judge; the backend must agree on every pair, plain and quoted.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml
from django.db import connection

from nuskha.catalogue.models import Item, Title
from nuskha.search.backends import backend
from nuskha.search.query import EmptyQuery, parse_search_query
from nuskha.text import matches, transliterate

DEMO = Path(__file__).resolve().parents[2] / "catalogue" / "demo" / "collection.yaml"
PAIRS = 1200
SOUND_ALIKES = str.maketrans("کسذتیاеиуоа", "گصظطیعэйұөә")
VARIANTS = [
    lambda s: s.replace("ی", "ي").replace("ک", "ك"),
    lambda s: s.replace("\u200c", " "),
    lambda s: s.replace("\u200c", ""),
    lambda s: s.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),
    lambda s: s.upper(),
    lambda s: s.lower(),
    lambda s: s,
]


def demo_texts() -> list[tuple[str, str]]:
    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    texts = []
    for record in data["items"]:
        texts += [(t["text"], t["lang"]) for t in record["titles"]]
        texts += [
            (c["incipit"], c.get("language", "fa"))
            for c in record.get("contents", [])
            if c.get("incipit")
        ]
    for agent in data["agents"]:
        texts += [(n["text"], n["lang"]) for n in agent["names"]]
    return [(text, lang) for text, lang in texts if len(text.split()) >= 1]


def plain_ascii(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii())


def a_query(text: str, lang: str, rng: random.Random, others: list[tuple[str, str]]) -> str:
    words = text.split()
    start = rng.randrange(len(words))
    window = words[start : start + rng.choice([1, 1, 2, 3])]
    query = " ".join(window)
    roll = rng.random()
    if roll < 0.45:
        query = rng.choice(VARIANTS)(query)
    elif roll < 0.55 and lang == "kk":
        query = transliterate(query, "Latn", "kk")  # another script of the same word
    elif roll < 0.62:
        query = plain_ascii(query) or query
    elif roll < 0.72:
        query = query.translate(SOUND_ALIKES)  # a near miss
    elif roll < 0.78:
        query = query[: max(1, len(query) // 2)]  # part of a word
    elif roll < 0.85:
        query = rng.choice(others)[0].split()[0]  # a word of another record
    if len(window) > 1 and rng.random() < 0.5:
        shuffled = query.split()
        if rng.random() < 0.3:
            shuffled.reverse()  # a phrase out of order
        query = '"' + " ".join(shuffled) + '"'
    return query


def draw_pairs(count: int) -> list[tuple[str, str, str]]:
    rng = random.Random(1404)
    texts = demo_texts()
    pairs = []
    while len(pairs) < count:
        text, lang = rng.choice(texts)
        query = a_query(text, lang, rng, texts)
        try:
            parse_search_query(query)
        except EmptyQuery:
            continue
        pairs.append((query, text, lang))
    return pairs


@pytest.mark.django_db(transaction=True)
def test_the_search_agrees_with_matches_on_a_thousand_pairs(iran_library) -> None:
    pairs = draw_pairs(PAIRS)
    expected = [matches(q, t, lang) for q, t, lang in pairs]
    assert sum(expected) >= len(pairs) / 2, "at least half the pairs are expected matches"
    assert sum(1 for q, _t, _l in pairs if q.startswith('"')) >= 100, "phrases are drawn too"

    items = {}
    for number, (text, lang) in enumerate(sorted({(t, lang) for _q, t, lang in pairs})):
        item = Item.objects.create(
            institution=iran_library, shelfmark=f"zq{number:05d}", status="published"
        )
        Title.objects.create(
            item=item, text=text, language_id=_language(lang), script_id=_script(text)
        )
        items[(text, lang)] = item.pk

    disagreements = []
    found_by_query: dict[str, set[int]] = {}
    for (query, text, lang), wanted in zip(pairs, expected, strict=True):
        if query not in found_by_query:
            sql, params = backend().matching_ids_sql(parse_search_query(query))
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                found_by_query[query] = {row[0] for row in cursor.fetchall()}
        if (items[(text, lang)] in found_by_query[query]) != wanted:
            disagreements.append((query, text, lang, wanted))
    assert disagreements == [], (
        f"{len(disagreements)} of {len(pairs)} pairs disagree: {disagreements[:10]}"
    )


def _language(code: str) -> int:
    from nuskha.catalogue.models import Language

    return Language.objects.get(code=code).pk


def _script(text: str) -> int:
    from nuskha.catalogue.models import Script
    from nuskha.text.scripts import script_of

    code = script_of(text)
    return Script.objects.get(code=code if code in ("Arab", "Cyrl", "Latn") else "Latn").pk
