"""A throwaway PostgreSQL cluster for tests, from Debian's binaries.

initdb and postgres refuse to run as root, and CI runs as root: the cluster is then
run as the `postgres` system user that Debian's package creates. It listens on a free
port on 127.0.0.1 only, trusts local connections, and is removed afterwards.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def postgres_bin() -> Path:
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not versions:
        raise RuntimeError("PostgreSQL is not installed: `make setup` installs Debian's postgresql")
    return Path(versions[-1])


def _as_cluster_owner(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def throwaway_cluster(base: Path, port: int, keep: bool = False) -> Iterator[str]:
    """Yield a DATABASE_URL for a new empty database `nuskha` on a fresh cluster.

    With keep, the cluster stays in base afterwards and a later call starts it again with
    its data (benchmarks measure a kept database without rebuilding it).
    """
    binaries = postgres_bin()
    data = base / "pgdata"
    is_new = not (keep and (data / "PG_VERSION").exists())
    if is_new:
        data.mkdir()
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(base, owner.pw_uid, owner.pw_gid)
        os.chown(data, owner.pw_uid, owner.pw_gid)

    def run(*args: str) -> None:
        subprocess.run(_as_cluster_owner(list(args)), check=True, capture_output=True)

    if is_new:
        run(
            str(binaries / "initdb"),
            "-D",
            str(data),
            "--auth=trust",
            "--username=nuskha",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
    run(
        str(binaries / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(base / "postgres.log"),
        "-w",
        "-o",
        f"-p {port} -h 127.0.0.1 -k {base} -c fsync=off -c full_page_writes=off",
        "start",
    )
    try:
        if is_new:
            run(
                str(binaries / "createdb"),
                *("-h", "127.0.0.1", "-p", str(port), "-U", "nuskha", "nuskha"),
            )
        yield f"postgresql://nuskha@127.0.0.1:{port}/nuskha"
    finally:
        run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        if not keep:
            time.sleep(0.1)
            shutil.rmtree(data, ignore_errors=True)
