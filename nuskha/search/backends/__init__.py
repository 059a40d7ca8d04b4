"""The full-text backends: SQLite FTS5 (embedded) and PostgreSQL full text (production).

Both hold the same documents (documents.py) and answer the same parsed queries
(expressions.py); the one in use follows the database.
"""

from __future__ import annotations

from django.db import connection

from nuskha.search.backends.base import Backend


def backend() -> Backend:
    if connection.vendor == "postgresql":
        from nuskha.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from nuskha.search.backends.sqlite import SQLiteBackend

    return SQLiteBackend()
