"""Write docs/reference/cli.md from the commands' own --help, so the page cannot drift.

Run: .venv/bin/python scripts/cli_docs.py > docs/reference/cli.md
tests/test_docs.py checks that the page matches what this prints.
"""

from __future__ import annotations

import os
import subprocess
import sys

COMMANDS = [
    "demo", "serve", "worker", "jobs", "load_demo", "search", "reindex",
    "import", "export", "harvest", "ingest",
]  # fmt: skip

HEADER = """# Command line

`nuskha` is Django's management command set with nuskha's settings preset: every Django
command works too (`nuskha migrate`, `nuskha shell`, `nuskha createsuperuser`), and all of
them honour `NUSKHA_DATA_DIR`. This page is generated from the commands' `--help` by
`scripts/cli_docs.py`; do not edit it by hand.
"""


def command_help(command: str) -> str:
    env = {
        **os.environ,
        "COLUMNS": "100",
        "NUSKHA_DATA_DIR": os.environ.get("NUSKHA_DATA_DIR", "data"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "nuskha.cli", command, "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.replace("nuskha.cli", "nuskha").rstrip()


def cli_page() -> str:
    sections = [HEADER]
    for command in COMMANDS:
        sections.append(f"## nuskha {command}\n\n```\n{command_help(command)}\n```\n")
    return "\n".join(sections)


if __name__ == "__main__":
    sys.stdout.write(cli_page())
