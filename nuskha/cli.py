"""The `nuskha` command: a thin wrapper over Django's management commands.

`nuskha audit` is `manage.py audit`; the settings module is set here so the command
works from any directory and honours NUSKHA_DATA_DIR like every other entry point.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nuskha.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nuskha", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
