"""The access epoch: a token that changes whenever something the access rule reads
changes (an item's status or access, a user's rights, a sign-out), so that anything
granted on the strength of an earlier decision stops counting at once.

Image passes (nuskha/images/passes.py) carry the epoch they were issued in, and the
layer that honours them before Django compares it with this one. The epoch is a small
file in the data dir, so every worker process (and every web server sharing the data
dir) sees an advance on its next request. Django glue.

It advances after the transaction that made the change commits: a request that read
the old state before the commit may have issued a pass in the old epoch, and the advance
voids it; advancing earlier would let such a pass carry the new epoch.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

FILE_NAME = "access-epoch"


def epoch_file() -> Path:
    return Path(settings.DATA_DIR) / FILE_NAME


def read_epoch(path: Path) -> str:
    """The current epoch; a missing or empty file starts a new one."""
    try:
        with open(path, encoding="ascii") as stream:
            epoch = stream.read().strip()
    except OSError:
        epoch = ""
    return epoch or _write_new(path)


def current() -> str:
    return read_epoch(epoch_file())


def advance() -> None:
    """Void everything granted so far, once the current transaction commits."""
    path = epoch_file()
    transaction.on_commit(lambda: _write_new(path))


def advance_on_signal(sender: Any = None, **kwargs: Any) -> None:
    """A signal receiver: any save, delete or sign-out it is connected to advances."""
    advance()


def _write_new(path: Path) -> str:
    epoch = secrets.token_hex(8)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".epoch-")
    with os.fdopen(descriptor, "w", encoding="ascii") as stream:
        stream.write(epoch)
    os.replace(temporary, path)  # readers see the old epoch or the new, never half
    return epoch
