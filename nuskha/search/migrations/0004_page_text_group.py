"""A field group for the pages' recognised text (nuskha.ocr).

SQLite's FTS5 table has a column per field variant, so it is rebuilt with the new ones
and every existing document copied across (the new columns start empty; OCR fills them).
PostgreSQL's documents need nothing: a new group is only new lexemes.
"""

from django.db import migrations


def add_text_columns(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    from nuskha.search.backends import backend
    from nuskha.search.backends.sqlite import TABLE

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {TABLE} LIMIT 0")
        old_columns = [column[0] for column in cursor.description]
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {TABLE}_before_text")
        for statement in backend().create_sql():
            cursor.execute(statement)
        listed = ", ".join(old_columns)
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, {listed}) "
            f"SELECT rowid, {listed} FROM {TABLE}_before_text"
        )
        cursor.execute(f"DROP TABLE {TABLE}_before_text")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_ranking_vector"),
    ]

    operations = [migrations.RunPython(add_text_columns, migrations.RunPython.noop)]
