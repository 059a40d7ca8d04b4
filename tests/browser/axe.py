"""axe-core's accessibility check, run in the page under test (node_modules/axe-core)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def accessibility_faults(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make setup` runs `npm ci` to install it")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run()")
    return [
        f"{violation['impact']}: {violation['id']} ({violation['help']}) at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
