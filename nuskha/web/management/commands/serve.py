"""`nuskha serve`: the production web server (gunicorn) for this instance."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


def gunicorn_command(bind: str, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "nuskha.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--timeout",
        "120",
        "--graceful-timeout",
        "20",
    ]


class Command(BaseCommand):
    help = "Serve nuskha with gunicorn (run `nuskha migrate` first, and `nuskha worker` beside it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="host:port to listen on.")
        parser.add_argument(
            "--workers",
            type=int,
            default=2 * (os.cpu_count() or 1) + 1,
            help="gunicorn worker processes (default 2 × cores + 1).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        command = gunicorn_command(options["bind"], options["workers"])
        os.execv(sys.executable, command)
