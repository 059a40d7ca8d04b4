"""Keep each item's filter tokens as plain text beside the full-text index.

The backends now read them to filter a query's few matches in one pass (few_ranked);
existing installations take them from the index they were written to, so the public's
visibility rule holds at once, without a reindex.
"""

from django.db import migrations

COPY_FROM_FTS5 = (
    "INSERT OR REPLACE INTO search_fts_filters (item_id, tokens) "
    "SELECT rowid, filters FROM search_fts"
)
COPY_FROM_TSVECTOR = (
    "UPDATE search_pg SET filters = coalesce(("
    "SELECT string_agg(substr(lexeme, length('filters|') + 1), ' ') "
    "FROM unnest(tsvector_to_array(document)) lexeme WHERE starts_with(lexeme, 'filters|')"
    "), '')"
)


def keep_filter_tokens(apps, schema_editor):
    from nuskha.search.backends import backend

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in backend().create_sql():  # each creates only what is missing
            cursor.execute(statement)
        cursor.execute(COPY_FROM_TSVECTOR if connection.vendor == "postgresql" else COPY_FROM_FTS5)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [migrations.RunPython(keep_filter_tokens, migrations.RunPython.noop)]
