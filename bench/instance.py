"""A throwaway nuskha instance for the image benchmarks (bench/tiles.py, bench/ingest.py,
bench/ocr.py): its data dir and database, the records they need, `nuskha serve`, and
the clocks they read (the CPU time of another process, to the nanosecond).

Django glue: open() sets the environment and migrates; the rest needs it done.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def open_instance(folder: Path, base_url: str = "http://127.0.0.1:8000") -> None:
    """Point nuskha at `folder` (DEBUG off, as in production), set Django up, migrate."""
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["NUSKHA_DATA_DIR"] = str(folder)
    os.environ["NUSKHA_DEBUG"] = "false"
    os.environ.setdefault("NUSKHA_SECRET_KEY", "benchmark-only-" + "x" * 40)
    os.environ["NUSKHA_BASE_URL"] = base_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nuskha.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_item(shelfmark: str, *, access: str = "open", kind: str = "manuscript") -> Any:
    """A published item of the Iranian national library (the catalogue's test builders)."""
    from nuskha.catalogue.conftest import make_item as build_item
    from nuskha.conftest import make_institution

    institution = make_institution("IR-NLAI", "IR", en="National Library and Archives of Iran")
    return build_item(institution, shelfmark=shelfmark, access=access, kind=kind)


def staff_session_cookie(username: str = "bench-staff") -> str:
    """A signed-in staff member's session cookie ("sessionid=..."), stored in the database
    that the server shares, so the server's requests are the staff member's."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from nuskha.conftest import make_staff

    User = get_user_model()
    user = User.objects.filter(username=username).first() or make_staff(username, None)
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


# Serving


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(folder: Path, port: int, workers: int) -> subprocess.Popen:
    """`nuskha serve` on port (gunicorn, as in production), once it answers /healthz."""
    command = [str(ROOT / ".venv/bin/nuskha"), "serve", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers)]
    log = (folder / "serve.log").open("ab")
    server = subprocess.Popen(command, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT)
    wait_for(f"http://127.0.0.1:{port}/healthz", server, folder / "serve.log")
    return server


def wait_for(url: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args[0]} stopped (status {process.returncode}): see {log}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"{url} did not answer within {seconds:g} s: see {log}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()  # gunicorn's master stops its workers on SIGTERM
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(child) for child in task.read_text().split()]
    return found


# Clocks


def cpu_seconds(pid: int) -> float:
    """The CPU time of process `pid` so far, every thread's (dead ones too), in seconds,
    to the nanosecond: its POSIX process CPU clock (clock_getcpuclockid(3) on Linux is
    ((~pid) << 3) | CPUCLOCK_SCHED). /proc/<pid>/stat counts in 10 ms ticks, too coarse
    for one request."""
    return time.clock_gettime(((~pid) << 3) | 2)


def settled_cpu_seconds(pid: int, quiet: float = 0.002) -> float:
    """cpu_seconds once the process has stopped using the CPU for `quiet` seconds: a
    server finishes a request (its log line, closing the socket) after the client has
    read the answer, and that work belongs to the request just made."""
    before = cpu_seconds(pid)
    while True:
        time.sleep(quiet)
        after = cpu_seconds(pid)
        if after == before:
            return after
        before = after


# Figures


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else float("nan")


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def folder_bytes(folder: Path) -> int:
    """Bytes on disk under folder (allocated blocks, as du counts them)."""
    total = 0
    for path in folder.rglob("*"):
        try:
            if path.is_file() and not path.is_symlink():
                total += path.stat().st_blocks * 512
        except OSError:
            pass
    return total
