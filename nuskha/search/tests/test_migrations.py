"""Migrations that add to the index keep what it already knows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from nuskha.catalogue.conftest import make_item

pytestmark = pytest.mark.django_db(transaction=True)

KEPT_TOKENS = {
    "sqlite": "SELECT item_id, tokens FROM search_fts_filters",
    "postgresql": "SELECT item_id, filters FROM search_pg",
}
FORGET_TOKENS = {  # the state of an installation from before 0002
    "sqlite": "DELETE FROM search_fts_filters",
    "postgresql": "UPDATE search_pg SET filters = ''",
}


def migrate(target: tuple[str, str] | None = None) -> None:
    """Migrate the search app to target, or to its latest migration."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target or executor.loader.graph.leaf_nodes("search")[0]])


def kept_tokens() -> dict[int, set[str]]:
    with connection.cursor() as cursor:
        cursor.execute(KEPT_TOKENS[connection.vendor])
        return {item_id: set(tokens.split()) for item_id, tokens in cursor.fetchall()}


def test_filter_tokens_are_copied_from_the_full_text_index(iran_library) -> None:
    draft = make_item(iran_library, shelfmark="MS 1", title="گلستان", status="draft")
    published = make_item(iran_library, shelfmark="MS 2", title="بوستان", kind="lithograph")
    written = kept_tokens()
    migrate(("search", "0001_initial"))
    with connection.cursor() as cursor:
        cursor.execute(FORGET_TOKENS[connection.vendor])
    migrate(("search", "0002_filter_tokens"))
    copied = kept_tokens()
    migrate()  # the schema the other tests expect
    assert copied == written
    assert "hidden" in copied[draft.pk]
    assert {"all", "kind=lithograph", f"institution={iran_library.pk}"} <= copied[published.pk]
    assert "hidden" not in copied[published.pk]


def test_the_ranking_vector_is_rebuilt_from_the_document(iran_library) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the ranking vector is PostgreSQL's")
    make_item(iran_library, shelfmark="MS 3", title="کتاب الموسیقی الکبیر")
    make_item(iran_library, shelfmark="MS 4", title="O'Brien's \\ notes", kind="lithograph")
    read = "SELECT item_id, ranking::text FROM search_pg ORDER BY item_id"
    with connection.cursor() as cursor:
        cursor.execute(read)
        written = cursor.fetchall()
        migrate(("search", "0002_filter_tokens"))
        cursor.execute("UPDATE search_pg SET ranking = ''")
        migrate(("search", "0003_ranking_vector"))
        cursor.execute(read)
        rebuilt = cursor.fetchall()
    migrate()
    assert rebuilt == written
    assert all(ranking for _, ranking in written)


def test_documents_are_kept_when_the_page_text_group_is_added(iran_library) -> None:
    from django.contrib.auth.models import AnonymousUser

    from nuskha.search.documents import COLUMNS
    from nuskha.search.service import SearchRequest, search

    item = make_item(iran_library, shelfmark="MS 5", title="گلستان سعدی")
    migrate(("search", "0003_ranking_vector"))
    if connection.vendor == "sqlite":  # the FTS5 table as it was: no text columns
        before = ", ".join(c for c in COLUMNS if not c.startswith("text"))
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE search_fts RENAME TO old_fts")
            cursor.execute(f"CREATE VIRTUAL TABLE search_fts USING fts5({before})")
            cursor.execute(
                f"INSERT INTO search_fts (rowid, {before}) SELECT rowid, {before} FROM old_fts"
            )
            cursor.execute("DROP TABLE old_fts")
    migrate()
    found = search(SearchRequest(query="گلستان", reader=AnonymousUser()))
    assert [hit.item.pk for hit in found.hits] == [item.pk]


def forget_partner_tokens() -> None:
    """Take "public" and "shared=…" out of the index, as it was before 0005."""
    old = {
        item_id: " ".join(t for t in tokens if t != "public" and not t.startswith("shared="))
        for item_id, tokens in _ordered_tokens()
    }
    with connection.cursor() as cursor:
        for item_id, tokens in old.items():
            if connection.vendor == "sqlite":
                cursor.execute(
                    "UPDATE search_fts_filters SET tokens = %s WHERE item_id = %s",
                    [tokens, item_id],
                )
                cursor.execute(
                    "UPDATE search_fts SET filters = %s WHERE rowid = %s", [tokens, item_id]
                )
            else:
                cursor.execute(
                    "UPDATE search_pg SET filters = %s, document = ts_delete(document, "
                    "ARRAY(SELECT lexeme FROM unnest(document) WHERE lexeme = 'filters|public' "
                    "OR starts_with(lexeme, 'filters|shared='))) WHERE item_id = %s",
                    [tokens, item_id],
                )


def _ordered_tokens() -> list[tuple[int, list[str]]]:
    with connection.cursor() as cursor:
        cursor.execute(KEPT_TOKENS[connection.vendor])
        return [(item_id, tokens.split()) for item_id, tokens in cursor.fetchall()]


def indexed_tokens() -> dict[int, set[str]]:
    """The filter tokens the full-text index itself matches against."""
    if connection.vendor == "sqlite":
        read = "SELECT rowid, filters FROM search_fts"
    else:
        read = (
            "SELECT item_id, array_to_string(ARRAY(SELECT substr(lexeme, 9) FROM "
            "unnest(document) WHERE starts_with(lexeme, 'filters|')), ' ') FROM search_pg"
        )
    with connection.cursor() as cursor:
        cursor.execute(read)
        return {item_id: set(tokens.split()) for item_id, tokens in cursor.fetchall()}


def test_partner_tokens_are_added_from_what_the_index_knows(
    iran_library, kazakh_library, kz_cataloguer
) -> None:
    from nuskha.cooperation.conftest import agree
    from nuskha.search.service import SearchRequest, search

    agree(iran_library, kazakh_library)
    make_item(iran_library, shelfmark="MS 6", title="گلستان")
    make_item(iran_library, shelfmark="MS 7", title="گلستان", access="restricted")
    shared = make_item(
        iran_library, shelfmark="MS 8", title="گلستان", access="restricted", is_shareable=True
    )
    make_item(iran_library, shelfmark="MS 9", title="گلستان", status="draft", is_shareable=True)
    written, indexed = kept_tokens(), indexed_tokens()
    assert f"shared={iran_library.pk}" in written[shared.pk]
    migrate(("search", "0004_page_text_group"))
    forget_partner_tokens()
    assert not any("public" in tokens for tokens in indexed_tokens().values())
    migrate(("search", "0005_partner_tokens"))
    copied, reindexed = kept_tokens(), indexed_tokens()
    migrate()
    assert copied == written
    assert reindexed == indexed == written
    results = search(SearchRequest(query="گلستان", reader=kz_cataloguer))
    assert sorted(hit.item.shelfmark for hit in results.hits) == ["MS 6", "MS 8"]
