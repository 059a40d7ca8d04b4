"""Background jobs of the union catalogue: the nightly harvest of every partner."""

from __future__ import annotations

from nuskha.jobs.progress import Progress
from nuskha.jobs.registry import job_function
from nuskha.oai.harvesting import harvest
from nuskha.oai.models import HarvestSource


@job_function(max_attempts=3)
def harvest_partners(progress: Progress) -> dict[str, object]:
    """Harvest every partner's OAI-PMH repository: what changed since the last harvest.

    A source that cannot be reached is reported and the others go on; each harvest's
    counts and errors are kept for staff (HarvestRun). Run again after a failure, a
    harvest simply starts from the last datestamp it completed."""
    sources = list(HarvestSource.objects.all())
    progress.set_total(len(sources))
    done: dict[str, str] = {}
    for source in sources:
        try:
            report = harvest(source.base_url, source.set_spec)
        except Exception as error:  # one partner down must not stop the others
            done[str(source)] = f"failed: {error}"
        else:
            done[str(source)] = report.summary()
        progress.advance(message=str(source))
    return done
