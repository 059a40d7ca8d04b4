"""The `nuskha` command: Django's commands plus nuskha's own, all honouring NUSKHA_DATA_DIR."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port

pytestmark = pytest.mark.slow


def nuskha(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nuskha.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=check,
        timeout=180,
    )


def test_help_lists_nuskhas_commands_beside_djangos(tmp_path: Path) -> None:
    listing = nuskha({"NUSKHA_DATA_DIR": str(tmp_path)}, "--help").stdout
    for command in (
        "demo",
        "serve",
        "worker",
        "jobs",
        "load_demo",
        "migrate",
        "createsuperuser",
        "shell",
    ):
        assert f"    {command}\n" in listing


def test_djangos_commands_work_in_the_data_directory(tmp_path: Path) -> None:
    env = {
        "NUSKHA_DATA_DIR": str(tmp_path / "library"),
        "DJANGO_SUPERUSER_PASSWORD": "a long passphrase",
    }
    nuskha(env, "migrate", "--verbosity", "0")
    assert (tmp_path / "library" / "nuskha.sqlite3").exists()
    nuskha(
        env, "createsuperuser", "--noinput", "--username", "librarian", "--email", "l@example.org"
    )
    count = nuskha(
        env,
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from django.contrib.auth.models import User; print(User.objects.count())",
    )
    assert count.stdout.strip() == "1"


def test_production_mode_refuses_to_start_without_its_settings(tmp_path: Path) -> None:
    env = {
        "NUSKHA_DEBUG": "false",
        "NUSKHA_SECRET_KEY": "",
        "NUSKHA_DATA_DIR": "",
        "NUSKHA_BASE_URL": "",
    }
    result = nuskha(env, "check", check=False)
    assert result.returncode != 0
    assert "NUSKHA_SECRET_KEY, NUSKHA_DATA_DIR, NUSKHA_BASE_URL" in result.stderr


def test_serve_runs_the_production_server(tmp_path: Path) -> None:
    port = free_port()
    env = {
        "NUSKHA_DEBUG": "false",
        "NUSKHA_SECRET_KEY": "test-" * 10,
        "NUSKHA_DATA_DIR": str(tmp_path),
        "NUSKHA_BASE_URL": f"http://127.0.0.1:{port}",
    }
    nuskha(env, "migrate", "--verbosity", "0")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nuskha.cli",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/healthz", timeout=2
                ) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "nuskha serve did not answer"
                time.sleep(0.3)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/nuskha/site.css") as response:
            assert response.status == 200  # static files without a separate web server
    finally:
        server.terminate()
        server.wait(timeout=30)
