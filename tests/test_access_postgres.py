"""The access rule's and the cooperation's tests again, on PostgreSQL (production's
database): agreements in force at every door, the daily log's insert-or-ignore, reminders
sent once under the unique constraint, the partner's harvest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
ROOT = Path(__file__).resolve().parents[1]
SUITES = [
    "nuskha/access/tests",
    "nuskha/cooperation/tests/test_models.py",
    "nuskha/cooperation/tests/test_reminders.py",
    "nuskha/oai/tests/test_partner_harvest.py",
]


def test_the_access_and_cooperation_suites_pass_on_postgresql(postgres_url, tmp_path) -> None:
    env = {**os.environ, "DATABASE_URL": postgres_url, "NUSKHA_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"]
    result = subprocess.run(
        [*command, *SUITES], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout.splitlines()[-1]
