"""`nuskha search QUERY`: what the public search finds, on the command line."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.html import strip_tags
from rich.console import Console
from rich.table import Table

from nuskha.search.service import SORTS, SearchError, SearchRequest, search


class Command(BaseCommand):
    help = 'Search the catalogue as a public reader does (words, "phrases", word*, title:…).'

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query", help="The query, as a reader types it.")
        parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
        parser.add_argument("--limit", type=int, default=20, help="How many hits (default 20).")
        parser.add_argument("--sort", choices=SORTS, default="relevance", help="Order of hits.")
        parser.add_argument(
            "--lang", default="en", help="Reader's language for titles (fa, kk, ru, en)."
        )
        parser.add_argument("--dates", default="", help='A date range, e.g. "900-1000 AH".')

    def handle(self, *args: Any, **options: Any) -> None:
        request = SearchRequest(
            query=options["query"],
            reader=AnonymousUser(),
            sort=options["sort"],
            language=options["lang"],
            page_size=options["limit"],
            date_range=options["dates"],
        )
        try:
            results = search(request)
        except SearchError as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(_as_json(results), ensure_ascii=False, indent=2))
            return
        console = Console(file=self.stdout, highlight=False, width=120)
        if results.message:
            console.print(results.message)
            return
        table = Table("item", "shelfmark", "institution", "title", "date")
        for hit in results.hits:
            table.add_row(
                str(hit.item.pk),
                hit.item.shelfmark,
                hit.item.institution.code,
                hit.title,
                hit.item.date_as_written,
            )
        console.print(table)
        console.print(f"{results.total} found")


def _as_json(results: Any) -> dict[str, Any]:
    return {
        "query": results.request.query,
        "total": results.total,
        "message": results.message,
        "hits": [
            {
                "id": hit.item.pk,
                "shelfmark": hit.item.shelfmark,
                "institution": hit.item.institution.code,
                "title": hit.title,
                "title_marked": strip_tags(
                    str(hit.title_html).replace("<mark>", "[").replace("</mark>", "]")
                ),
                "date": hit.item.date_as_written,
                "score": hit.score,
            }
            for hit in results.hits
        ],
        "facets": {
            name: [{"value": v.value, "count": v.count} for v in values]
            for name, values in results.facets.items()
        },
    }


def _bracketed(html: str) -> str:
    """The highlighted title with [brackets] round the matches, for a terminal."""
    return strip_tags(html.replace("<mark>", "[").replace("</mark>", "]"))
