"""What a running job reports: how far it has got, and where it could resume from."""

from __future__ import annotations

import time
from typing import Any

from django.utils import timezone

from nuskha.jobs.models import Job

# Progress is written at most this often (seconds), so a job that advances a million
# times does not write a million rows; the last state is always written at the end.
_WRITE_INTERVAL = 0.5


class Progress:
    def __init__(self, job: Job) -> None:
        self.job = job
        self._last_write = 0.0

    @property
    def resume_from(self) -> Any:
        """What the last attempt saved with checkpoint(), or None on a first attempt."""
        return self.job.checkpoint

    def set_total(self, total: int, message: str = "") -> None:
        self.job.progress_total = total
        self._write(force=True, message=message)

    def advance(self, steps: int = 1, message: str = "") -> None:
        self.job.progress_done += steps
        self._write(force=False, message=message)

    def checkpoint(self, state: Any) -> None:
        """Save where the job has got to, so a retry after a crash starts from there."""
        self.job.checkpoint = state
        self._write(force=True)

    def flush(self) -> None:
        self._write(force=True)

    def _write(self, force: bool, message: str = "") -> None:
        if message:
            self.job.progress_message = message[:500]
        now = time.monotonic()
        if not force and now - self._last_write < _WRITE_INTERVAL:
            return
        self._last_write = now
        Job.objects.filter(pk=self.job.pk).update(
            progress_done=self.job.progress_done,
            progress_total=self.job.progress_total,
            progress_message=self.job.progress_message,
            checkpoint=self.job.checkpoint,
            heartbeat_at=timezone.now(),
        )
