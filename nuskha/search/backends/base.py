"""What a full-text backend does for the search service."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from nuskha.search.documents import Document
from nuskha.search.expressions import Required
from nuskha.search.query import ParsedQuery


class Backend(Protocol):
    # Whether the service asks for the total and the ranked page in one statement
    # (counted_page) rather than a count and a page: one pass over the matches instead of
    # two, where the engine reads each match's row anyway to rank it.
    counts_with_page: bool

    def create_sql(self) -> list[str]:
        """Statements that create the backend's table and indexes."""

    def write(self, cursor: Any, document: Document) -> None:
        """Replace the item's entry by this document."""

    def clear(self, cursor: Any) -> None:
        """Remove every entry."""

    def delete(self, cursor: Any, item_ids: list[int]) -> None:
        """Remove the items' entries."""

    def matching_ids_sql(
        self, query: ParsedQuery | None, required: Required = (), excluded: Sequence[str] = ()
    ) -> tuple[str, list[Any]]:
        """SQL selecting the ids of the items the query finds that carry the required filter
        tokens (each inner list: any one of them) and none of the excluded ones; query None:
        the filters alone."""

    def few_ranked(
        self, cursor: Any, query: ParsedQuery, at_most: int
    ) -> list[tuple[int, float, str]] | None:
        """Every item the query's words find, as (item id, score, its filter tokens),
        when they find at most at_most items; None when they find more. The score is
        ranked_sql()'s."""

    def counted_page(
        self,
        cursor: Any,
        query: ParsedQuery,
        required: Required,
        excluded: Sequence[str],
        limit: int,
        offset: int,
    ) -> tuple[int, list[tuple[int, float]]]:
        """The total and the (item id, score) rows of one page, ranked (counts_with_page)."""

    def ranked_sql(
        self, query: ParsedQuery, required: Required = (), excluded: Sequence[str] = ()
    ) -> tuple[str, list[Any]]:
        """SQL selecting (item id, score) for those items; lower scores rank higher."""
