"""nuskha.calendars stays free of Django and of the rest of nuskha (house style §2)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def test_importing_the_package_leaves_django_out_of_sys_modules() -> None:
    check = "import sys, nuskha.calendars; sys.exit('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, f"nuskha.calendars imports Django: {result.stderr}"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    names |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    return names


def test_the_package_imports_only_itself_of_nuskha_and_only_its_two_libraries() -> None:
    runtime = sorted(PACKAGE.glob("*.py"))
    imported = set().union(*(_imports(path) for path in runtime))
    nuskha = {name for name in imported if name.startswith("nuskha")}
    assert all(name.startswith("nuskha.calendars") for name in nuskha)
    third_party = {
        name.split(".")[0] for name in imported if not name.startswith(("nuskha", "__future__"))
    } - set(sys.stdlib_module_names)
    assert third_party == {"convertdate", "jdatetime"}
