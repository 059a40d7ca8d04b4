"""Jobs in /staff/: progress bars and failure reasons for the staff who started them."""

import pytest
from django.test import Client

from nuskha.jobs.models import Job
from nuskha.jobs.running import enqueue

pytestmark = pytest.mark.django_db


def test_staff_see_each_jobs_progress_and_failure_reason(cataloguer) -> None:
    job = enqueue("nuskha.jobs.tests.sample_jobs.count_to", {"to": 8})
    Job.objects.filter(pk=job.pk).update(
        progress_done=2, progress_total=8, failure_reason="TimeoutError: slow"
    )
    client = Client()
    client.force_login(cataloguer)
    page = client.get("/staff/jobs/job/").content.decode()
    assert '<progress max="100" value="25"' in page
    assert "2 / 8" in page and "TimeoutError: slow" in page


def test_an_administrator_retries_a_failed_job(administrator) -> None:
    job = enqueue("nuskha.jobs.tests.sample_jobs.count_to", {"to": 1})
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, attempts=3)
    client = Client()
    client.force_login(administrator)
    client.post("/staff/jobs/job/", {"action": "retry_jobs", "_selected_action": [job.pk]})
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED and job.max_attempts == 4
