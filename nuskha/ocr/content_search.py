"""Search within a book's OCR text, answered as IIIF Content Search 1.0 for viewers.

Pure Python: find_hits() finds a query's words in pages of PageText, search_response()
builds the JSON-LD AnnotationList Mirador reads. Section numbers (§) refer to the IIIF
Content Search API 1.0 (https://iiif.io/api/search/1.0/).

Words are compared as nuskha.text.matches() compares them (fold() keys, a plain ASCII
query on the diacritic-free keys, Kazakh across scripts), so searching inside a book
finds what the catalogue search finds. §3.2.1 leaves the meaning of several terms to
the server: here each loose word of the query is found on its own, wherever it
occurs, and a quoted phrase ("ملی ایران") only as consecutive words, across line ends
too. Each occurrence is one hit; each word of it one annotation with its own box, so
a phrase broken over two lines is highlighted word by word rather than by one box
spanning both lines (§3.4.4, hits over several annotations).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

from nuskha.ocr.hocr import Box, PageText, Word
from nuskha.text.folding import is_kazakh_arabic
from nuskha.text.matching import Word as Key
from nuskha.text.matching import parse_query, same_word, word_of
from nuskha.text.tokens import Token, tokens

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/2/context.json"
SEARCH_CONTEXT = "http://iiif.io/api/search/1/context.json"
SEARCH_PROFILE = "http://iiif.io/api/search/1/search"
CONTEXT_WORDS = 5  # words of snippet on each side of a hit (§3.4.2)

# §3.2.1 and Appendix A: the request parameters of a search. `q` and `motivation` are
# implemented; these others are reported in the layer's `ignored` list (§3.4.1).
IGNORED_PARAMETERS = ("date", "user", "uri")
# OCR text is a transcription painted onto the canvas: sc:painting (§3.2.1's table).
MOTIVATIONS_MATCHED = frozenset({"painting", "sc:painting"})


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of a query word or phrase on a canvas.

    words: the matched words as Tesseract read them, each with its box.
    indexes: their positions in the page's PageText.words (stable annotation ids).
    before, after: snippet text either side, spaced as §3.4.2's example spaces it.
    """

    canvas_id: str
    words: tuple[Word, ...]
    indexes: tuple[int, ...]
    before: str = ""
    after: str = ""

    @property
    def match(self) -> str:
        """The matched text as written on the page."""
        return " ".join(word.text for word in self.words)

    @property
    def box(self) -> Box:
        """One box around all the matched words."""
        return Box.enclosing(word.bbox for word in self.words)


def find_hits(
    pages: Sequence[tuple[str, PageText]],
    query: str,
    lang: str | None = None,
    *,
    context_words: int = CONTEXT_WORDS,
) -> list[Hit]:
    """Every occurrence of the query's words and quoted phrases, page by page.

    pages: (canvas id, PageText) in the book's order; lang: the book's language, as
    fold() takes it. Hits come in page order, then in reading order within a page.
    """
    hits: list[Hit] = []
    for canvas_id, page in pages:
        hits.extend(_page_hits(canvas_id, page, query, lang, context_words))
    return hits


def search_response(
    hits: Sequence[Hit],
    request_url: str,
    service_url: str | None = None,
) -> dict[str, Any]:
    """The Content Search 1.0 AnnotationList answering the request at `request_url`.

    service_url: the search service's URL (without a query), from which annotation ids
    are made; by default the request URL without its query string.
    """
    parameters = parse_qs(urlsplit(request_url).query, keep_blank_values=True)
    if not _motivation_matches(parameters.get("motivation", [])):
        hits = []
    resources, hit_objects = _annotations(hits, service_url or _without_query(request_url))
    return {
        # §3.4: with `hits`, the context is both the Presentation and the Search one.
        "@context": [PRESENTATION_CONTEXT, SEARCH_CONTEXT],
        "@id": request_url,  # §3.3.1: the URI of the query
        "@type": "sc:AnnotationList",
        "within": _layer(len(hit_objects), parameters),
        "resources": resources,
        "hits": hit_objects,
    }


def annotation_id(service_url: str, canvas_id: str, word_index: int) -> str:
    """The id of the annotation for one word of one canvas's OCR.

    §3.4 needs ids so hits can point at annotations. These stay the same from query to
    query (a short digest of the canvas id, then the word's position), so a viewer that
    caches annotations by id never shows one word's box for another.
    """
    canvas_key = hashlib.sha256(canvas_id.encode("utf-8")).hexdigest()[:16]
    return f"{service_url.rstrip('/')}/annotation/{canvas_key}/{word_index}"


def service_description(service_url: str) -> dict[str, str]:
    """The `service` block a manifest carries to offer this search (§3.1)."""
    return {"@context": SEARCH_CONTEXT, "@id": service_url, "profile": SEARCH_PROFILE}


def _annotations(
    hits: Sequence[Hit], service_url: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The annotations (one per matched word, each once) and the hits pointing at them."""
    resources: dict[str, dict[str, Any]] = {}
    hit_objects = []
    for hit in hits:
        ids = [annotation_id(service_url, hit.canvas_id, index) for index in hit.indexes]
        for identifier, word in zip(ids, hit.words, strict=True):
            resources.setdefault(identifier, _annotation(identifier, hit.canvas_id, word))
        hit_objects.append(_hit_object(hit, ids))
    return list(resources.values()), hit_objects


def _page_hits(
    canvas_id: str, page: PageText, query: str, lang: str | None, context_words: int
) -> list[Hit]:
    words = page.words
    if not words:
        return []
    text, starts = _page_string(page)
    # As matches() decides it: Kazakh rules when the page or the query is Kazakh.
    kazakh = is_kazakh_arabic(text, lang) or is_kazakh_arabic(query)
    mode = "kk" if kazakh else lang
    page_tokens = tokens(text, mode)
    keys = [word_of(token, kazakh) for token in page_tokens]
    spans = [_word_span(starts, token) for token in page_tokens]
    found: set[tuple[int, int]] = set()
    for term in _query_terms(query, mode, kazakh):
        for start in _term_starts(term, keys, plain=query.isascii()):
            found.add((spans[start][0], spans[start + len(term) - 1][1]))
    return [_hit(canvas_id, words, first, last, context_words) for first, last in sorted(found)]


def _page_string(page: PageText) -> tuple[str, list[int]]:
    """The page's text as tokens() reads it, and where each word starts in it.

    Words are joined by spaces and lines by newlines, so a Persian compound written
    apart (می خوانیم) joins across words as it does in a catalogue field.
    """
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for line in page.lines:
        for position, word in enumerate(line.words):
            if parts:
                separator = " " if position else "\n"
                parts.append(separator)
                offset += len(separator)
            starts.append(offset)
            parts.append(word.text)
            offset += len(word.text)
    return "".join(parts), starts


def _word_span(starts: list[int], token: Token) -> tuple[int, int]:
    """The first and last word a token lies in (one word, or a compound's two)."""
    first = bisect_right(starts, token.start) - 1
    last = bisect_right(starts, token.end - 1) - 1
    return first, last


def _query_terms(query: str, mode: str | None, kazakh: bool) -> list[list[Key]]:
    """Each loose word alone, each quoted phrase as a run of words (as matches())."""
    phrases, loose = parse_query(query)
    # Loose words are tokenised together, so "می خوانیم" is one word, as on the page.
    terms = [[word_of(token, kazakh)] for token in tokens(loose, mode)]
    for phrase in phrases:
        words = [word_of(token, kazakh) for token in tokens(phrase, mode)]
        if words:
            terms.append(words)
    return terms


def _term_starts(term: Sequence[Key], keys: Sequence[Key], *, plain: bool) -> Iterable[int]:
    for start in range(len(keys) - len(term) + 1):
        if all(same_word(wanted, keys[start + i], plain) for i, wanted in enumerate(term)):
            yield start


def _hit(canvas_id: str, words: Sequence[Word], first: int, last: int, context: int) -> Hit:
    before = [word.text for word in words[max(first - context, 0) : first]]
    after = [word.text for word in words[last + 1 : last + 1 + context]]
    return Hit(
        canvas_id,
        tuple(words[first : last + 1]),
        tuple(range(first, last + 1)),
        before=" ".join(before) + " " if before else "",
        after=" " + " ".join(after) if after else "",
    )


def _annotation(identifier: str, canvas_id: str, word: Word) -> dict[str, Any]:
    box = word.bbox
    return {
        "@id": identifier,
        "@type": "oa:Annotation",
        "motivation": "sc:painting",
        "resource": {"@type": "cnt:ContentAsText", "chars": word.text},
        "on": f"{canvas_id}#xywh={box.x},{box.y},{box.w},{box.h}",
    }


def _hit_object(hit: Hit, annotation_ids: list[str]) -> dict[str, Any]:
    # §3.4.4: `match` holds the text across the hit's annotations; §3.4.2 the snippet.
    found: dict[str, Any] = {
        "@type": "search:Hit",
        "annotations": annotation_ids,
        "match": hit.match,
    }
    if hit.before:
        found["before"] = hit.before
    if hit.after:
        found["after"] = hit.after
    return found


def _layer(total: int, parameters: dict[str, list[str]]) -> dict[str, Any]:
    # §3.3.2: the layer of the whole result set, with its total; all hits are on this
    # one page. §3.4.1: the layer MUST list the parameters the search ignored.
    layer: dict[str, Any] = {"@type": "sc:Layer", "total": total}
    ignored = [name for name in IGNORED_PARAMETERS if any(parameters.get(name, []))]
    if ignored:
        layer["ignored"] = ignored
    return layer


def _motivation_matches(values: list[str]) -> bool:
    """Does §3.2.1's `motivation` (space-separated, any may match) admit OCR text?"""
    motivations = {m for value in values for m in value.split()}
    return not motivations or bool(motivations & MOTIVATIONS_MATCHED)


def _without_query(url: str) -> str:
    scheme, netloc, path, _query, _fragment = urlsplit(url)
    return urlunsplit((scheme, netloc, path, "", ""))
