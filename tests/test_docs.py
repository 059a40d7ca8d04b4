"""The docs stay true: every setting documented, the CLI page generated from --help,
architecture.md naming every app, the README showing the two commands."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def settings_variables() -> set[str]:
    """Every environment variable settings.py names."""
    source = (ROOT / "nuskha" / "settings.py").read_text()
    return set(re.findall(r'"((?:NUSKHA_[A-Z_]+)|DATABASE_URL)"', source))


def test_every_setting_is_documented_and_every_documented_one_exists() -> None:
    documented = set(
        re.findall(r"^\| `([A-Z_]+)`", (ROOT / "docs/reference/configuration.md").read_text(), re.M)
    )
    assert settings_variables() == documented


def test_the_cli_page_is_what_the_commands_say() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from cli_docs import cli_page
    finally:
        sys.path.pop(0)
    assert (ROOT / "docs/reference/cli.md").read_text() == cli_page(), (
        "docs/reference/cli.md is stale: run "
        ".venv/bin/python scripts/cli_docs.py > docs/reference/cli.md"
    )


def test_architecture_names_every_app() -> None:
    architecture = (ROOT / "docs/architecture.md").read_text()
    apps = [
        p.parent.name
        for p in (ROOT / "nuskha").glob("*/__init__.py")
        if p.parent.name not in ("templates", "static", "locale")
    ]
    missing = [app for app in apps if f"{app}/" not in architecture]
    assert not missing, f"docs/architecture.md does not describe {missing}"


def test_the_readme_shows_the_two_commands_and_how_to_make_a_login() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme and "createsuperuser" in readme
