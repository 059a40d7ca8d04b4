"""Job functions the tests run: real jobs with progress and checkpoints, made to be slow,
to fail, or to be killed, on demand."""

from __future__ import annotations

import time
from pathlib import Path

from nuskha.jobs.models import Job
from nuskha.jobs.progress import Progress
from nuskha.jobs.registry import job_function


@job_function(max_attempts=3)
def count_to(progress: Progress, to: int = 5, delay: float = 0.0, log: str = "") -> dict[str, int]:
    """Count to a number, one step at a time, resuming from the last checkpoint."""
    start = (progress.resume_from or {}).get("reached", 0)
    progress.set_total(to)
    progress.job.progress_done = start
    for step in range(start + 1, to + 1):
        if log:
            with Path(log).open("a") as stream:
                stream.write(f"{step}\n")
        time.sleep(delay)
        progress.advance(message=f"step {step}")
        progress.checkpoint({"reached": step})
    return {"reached": to, "started_at": start}


@job_function(max_attempts=2)
def always_fails(progress: Progress) -> None:
    """Fail every time, as a job with a bad input would."""
    raise ValueError("the input file is not MARC")


@job_function(max_attempts=3)
def fails_once(progress: Progress) -> str:
    """Fail on the first attempt only, as a job meeting a passing network fault would."""
    if progress.job.attempts == 1:
        raise ConnectionError("partner server did not answer")
    return "done"


@job_function(max_attempts=1)
def reports_progress(progress: Progress) -> list[int]:
    """Record what another process would see of this job's progress at each step."""
    seen = []
    progress.set_total(3)
    for _ in range(3):
        progress.advance()
        progress.flush()
        seen.append(Job.objects.get(pk=progress.job.pk).progress_done)
    return seen
