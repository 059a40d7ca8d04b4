"""PostgreSQL: a ranking vector beside the full-text document (backends/postgres.py).

Existing rows get theirs from the document they already have (its lexemes without their
column, positions moved into their group's range), so ranking stays right without a
reindex. SQLite has nothing to change.
"""

from django.db import migrations


def ranking_from_document() -> str:
    from nuskha.search.backends.postgres import _GROUP_OFFSET, _GROUP_SPAN

    offsets = " ".join(f"WHEN '{group}' THEN {offset}" for group, offset in _GROUP_OFFSET.items())
    word = "substr(u.lexeme, strpos(u.lexeme, '|') + 1)"
    quoted = f"replace(replace({word}, E'\\\\', E'\\\\\\\\'), '''', '''''')"
    group = "split_part(split_part(u.lexeme, '|', 1), '_', 1)"
    return (
        "UPDATE search_pg SET ranking = coalesce(("
        f"SELECT string_agg('''' || {quoted} || ''':' || ("
        f"SELECT string_agg(((CASE {group} {offsets} END) + least(x.p, {_GROUP_SPAN - 1}))::text"
        " || x.w, ',') FROM unnest(u.positions, u.weights) AS x(p, w)), ' ') "
        "FROM unnest(document) u WHERE NOT starts_with(u.lexeme, 'filters|')"
        "), '')::tsvector"
    )


def add_ranking_vector(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from nuskha.search.backends import backend

    with connection.cursor() as cursor:
        for statement in backend().create_sql():  # each creates only what is missing
            cursor.execute(statement)
        cursor.execute(ranking_from_document())


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_filter_tokens"),
    ]

    operations = [migrations.RunPython(add_ranking_vector, migrations.RunPython.noop)]
