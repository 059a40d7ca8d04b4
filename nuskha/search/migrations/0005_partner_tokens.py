"""Filter tokens for the readers between the public and this instance's staff.

The search now finds, for a partner's readers and an institution's staff, the items
carrying "public" (what the public sees) or "shared=<institution>" (published,
restricted, shareable records of that institution) or their own institution's token
(indexing.filter_tokens). Existing entries get the two new tokens from what the index
already knows, without a reindex: "public" wherever "hidden" is absent, and "shared="
from the search entry's status, access and is_shareable. `nuskha reindex` gives the same.
"""

from django.db import migrations

_PADDED = "' ' || {column} || ' '"
_IS_PUBLIC = (
    f"instr({_PADDED.format(column='tokens')}, ' hidden ') = 0 "
    f"AND instr({_PADDED.format(column='tokens')}, ' public ') = 0"
)
_SHARED_ENTRIES = (
    "SELECT e.item_id FROM search_searchentry e "
    "WHERE e.status = 'published' AND e.access = 'restricted' AND e.is_shareable"
)
SQLITE = [
    f"UPDATE search_fts_filters SET tokens = tokens || ' public' WHERE {_IS_PUBLIC}",
    "UPDATE search_fts_filters SET tokens = tokens || ' shared=' || ("
    "SELECT e.institution_id FROM search_searchentry e "
    "WHERE e.item_id = search_fts_filters.item_id) "
    f"WHERE item_id IN ({_SHARED_ENTRIES}) "
    f"AND instr({_PADDED.format(column='tokens')}, ' shared=') = 0",
    # The full-text table's own copy follows the narrow table's.
    "UPDATE search_fts SET filters = ("
    "SELECT f.tokens FROM search_fts_filters f WHERE f.item_id = search_fts.rowid) "
    "WHERE rowid IN (SELECT f.item_id FROM search_fts_filters f) "
    "AND filters IS NOT (SELECT f.tokens FROM search_fts_filters f "
    "WHERE f.item_id = search_fts.rowid)",
]
POSTGRESQL = [
    # The filters text and the document's 'filters|…' lexemes together; a filter lexeme's
    # position is never read (no phrase names one).
    "UPDATE search_pg SET filters = filters || ' public', "
    "document = document || '''filters|public'':1D'::tsvector "
    f"WHERE position(' hidden ' in {_PADDED.format(column='filters')}) = 0 "
    f"AND position(' public ' in {_PADDED.format(column='filters')}) = 0",
    "UPDATE search_pg p SET filters = p.filters || ' shared=' || e.institution_id, "
    "document = p.document || ('''filters|shared=' || e.institution_id || ''':1D')::tsvector "
    "FROM search_searchentry e WHERE e.item_id = p.item_id AND e.status = 'published' "
    "AND e.access = 'restricted' AND e.is_shareable "
    f"AND position(' shared=' in {_PADDED.format(column='p.filters')}) = 0",
]


def add_partner_tokens(apps, schema_editor):
    connection = schema_editor.connection
    statements = POSTGRESQL if connection.vendor == "postgresql" else SQLITE
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_page_text_group"),
    ]

    operations = [migrations.RunPython(add_partner_tokens, migrations.RunPython.noop)]
