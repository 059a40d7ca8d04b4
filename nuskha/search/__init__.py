"""Search: script-aware full text over the catalogue, with facets, sorting and highlighting.

Use search(SearchRequest(...)) from service.py; the index follows the catalogue by itself
(signals.py). Two backends pass the same tests: SQLite FTS5 and PostgreSQL full text.
"""
