"""`nuskha shell`: Django's shell, importing nuskha's models but not their history tables.

Every catalogue model has a Historical* twin (django-simple-history) whose names clash
with nothing useful; leaving them out keeps the shell's start-up quiet.
"""

from __future__ import annotations

from django.core.management.commands import shell


class Command(shell.Command):
    def get_auto_imports(self) -> list[str]:
        return [path for path in super().get_auto_imports() if ".Historical" not in path]
