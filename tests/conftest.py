"""Cross-app test helpers: a running `nuskha demo` server on a free port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from nuskha.conftest import *  # noqa: F403  (the personas, for tests here too)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class DemoServer:
    url: str
    data_dir: Path
    process: subprocess.Popen[str]
    output: Path

    def log(self) -> str:
        return self.output.read_text(encoding="utf-8", errors="replace")


def wait_until_up(
    url: str, process: subprocess.Popen[str], output: Path, timeout: float = 120
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nuskha demo exited early:\n{output.read_text()}")
        try:
            with urllib.request.urlopen(url + "healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"nuskha demo did not answer in {timeout}s:\n{output.read_text()}")


def start_demo(data_dir: Path) -> DemoServer:
    port = free_port()
    output = data_dir.parent / f"demo-{port}.log"
    env = {**os.environ, "NUSKHA_DATA_DIR": str(data_dir), "NUSKHA_DEBUG": "true"}
    stream = output.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "nuskha.cli", "demo", "--port", str(port)],
        env=env,
        stdout=stream,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    wait_until_up(url, process, output)
    return DemoServer(url, data_dir, process, output)


def stop_demo(server: DemoServer) -> int:
    server.process.send_signal(signal.SIGINT)
    try:
        return server.process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.process.kill()
        raise


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    server = start_demo(tmp_path_factory.mktemp("demo") / "data")
    yield server
    stop_demo(server)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    import tempfile

    from tests.postgres import throwaway_cluster

    # Not under pytest's temporary folder: that is private to root, and the cluster may
    # run as the postgres user.
    with tempfile.TemporaryDirectory(prefix="nuskha-postgres-") as base:
        with throwaway_cluster(Path(base), free_port()) as url:
            yield url
