"""`nuskha demo`: set up the embedded database, load the demo collection, serve it with a worker.

The demo cooperation (agreements between the two libraries, their activities and news,
cooperation/demo/) is loaded after the staff logins, which it names as responsible staff.
Everything lives under NUSKHA_DATA_DIR. A second run migrates what is new, adds demo
records that are missing, and keeps everything staff entered or edited. Some demo items
get page images drawn from their text (catalogue/demo/pages.yaml), read by Tesseract
before the server starts, so the viewer and full-text search work at once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import Progress

from nuskha.catalogue.demo.logins import ensure_demo_logins
from nuskha.web.demo_pages import DemoPagesError, PagesReport, load_demo_pages
from nuskha.web.management.commands.serve import gunicorn_command


class Command(BaseCommand):
    help = "Set up the embedded database, load the demo collection, and serve it with a worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--port", type=int, default=8000, help="Port to serve on (default 8000)."
        )
        parser.add_argument(
            "--host", default="127.0.0.1", help="Address to serve on (default 127.0.0.1)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Data directory: {settings.DATA_DIR}")
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_demo", verbosity=1, stdout=self.stdout)
        pages = self._load_pages()
        self.stdout.write(pages.summary())
        for note in pages.notes:
            self.stdout.write(f"  {note}")
        logins = ensure_demo_logins(settings.DATA_DIR)
        # After the logins: the demo agreements name the cataloguers as responsible staff.
        call_command("load_cooperation_demo", verbosity=1, stdout=self.stdout)
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(f"\nnuskha is at {url}  (staff: {url}staff/)")
        self.stdout.write("Staff logins for this local demo:")
        for login in logins:
            self.stdout.write(f"  {login.username:<22} {login.password}   ({login.role})")
        self.stdout.write("Press Ctrl-C to stop.\n")
        self._serve(f"{options['host']}:{options['port']}")

    def _load_pages(self) -> PagesReport:
        console = Console(file=self.stdout, highlight=False)
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task("Demo pages", total=None)

            def report(done: int, total: int, message: str) -> None:
                bar.update(task, completed=done, total=total, description=message)

            try:
                return load_demo_pages(settings.DATA_DIR, report=report)
            except DemoPagesError as error:
                raise CommandError(f"Demo pages: {error}") from None

    def _serve(self, bind: str) -> None:
        # IIIF ids, manifests and content search answers carry NUSKHA_BASE_URL: unless it
        # is set, it is where this demo serves (a --port other than 8000 included).
        env = {
            **os.environ,
            "NUSKHA_BASE_URL": os.environ.get("NUSKHA_BASE_URL") or f"http://{bind}",
        }
        processes = [
            subprocess.Popen(gunicorn_command(bind, workers=2), env=env),
            subprocess.Popen([sys.executable, "-m", "nuskha.cli", "worker"], env=env),
        ]
        stopping = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(p.poll() is None for p in processes):
                time.sleep(0.3)
        finally:
            for process in processes:
                if process.poll() is None:
                    process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        if not stopping:
            raise CommandError("The web server or the worker stopped unexpectedly; see above.")
        self.stdout.write("Stopped.")
