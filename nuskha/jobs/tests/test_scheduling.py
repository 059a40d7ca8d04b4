"""Scheduled runs: a nightly job runs at night in its own institution's time zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from nuskha.jobs.models import Job, Schedule
from nuskha.jobs.scheduling import enqueue_due_schedules, next_run
from nuskha.jobs.worker import Worker


@pytest.mark.parametrize(
    ("cron", "zone", "after", "expected"),
    [
        (
            "0 2 * * *",
            "UTC",
            datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
            datetime(2026, 3, 2, 2, 0, tzinfo=UTC),
        ),
        # 02:00 in Tehran (UTC+3:30) is 22:30 UTC the day before
        (
            "0 2 * * *",
            "Asia/Tehran",
            datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
            datetime(2026, 3, 1, 22, 30, tzinfo=UTC),
        ),
        # 08:00 every morning in Almaty (UTC+5)
        (
            "0 8 * * *",
            "Asia/Almaty",
            datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
            datetime(2026, 3, 2, 3, 0, tzinfo=UTC),
        ),
        (
            "*/15 * * * *",
            "UTC",
            datetime(2026, 3, 1, 12, 7, 30, tzinfo=UTC),
            datetime(2026, 3, 1, 12, 15, tzinfo=UTC),
        ),
    ],
)
def test_next_run_reads_the_expression_in_the_schedules_time_zone(
    cron, zone, after, expected
) -> None:
    assert next_run(cron, zone, after) == expected


@pytest.mark.django_db
def test_a_due_schedule_queues_one_job_and_moves_to_its_next_time() -> None:
    schedule = Schedule.objects.create(
        name="Nightly count",
        job_name="nuskha.jobs.tests.sample_jobs.count_to",
        arguments={"to": 2},
        cron="0 2 * * *",
        time_zone="Asia/Tehran",
    )
    assert (
        enqueue_due_schedules(datetime(2026, 3, 1, 12, 0, tzinfo=UTC)) == []
    )  # sets the first time
    schedule.refresh_from_db()
    assert schedule.next_run_at == datetime(2026, 3, 1, 22, 30, tzinfo=UTC)
    assert enqueue_due_schedules(datetime(2026, 3, 1, 22, 0, tzinfo=UTC)) == []  # not yet
    started = enqueue_due_schedules(datetime(2026, 3, 1, 22, 31, tzinfo=UTC))
    assert [job.schedule_id for job in started] == [schedule.pk]
    assert enqueue_due_schedules(datetime(2026, 3, 1, 22, 32, tzinfo=UTC)) == []  # once only
    schedule.refresh_from_db()
    assert schedule.next_run_at == datetime(2026, 3, 2, 22, 30, tzinfo=UTC)


@pytest.mark.django_db
def test_the_worker_runs_scheduled_jobs() -> None:
    schedule = Schedule.objects.get(name="Prune finished jobs (nightly)")  # every instance has it
    Schedule.objects.filter(pk=schedule.pk).update(next_run_at=datetime(2000, 1, 1, tzinfo=UTC))
    worker = Worker()
    while worker.run_one():
        pass
    job = Job.objects.get(schedule=schedule)
    assert job.status == Job.Status.SUCCEEDED and job.result == {"jobs": 0, "tasks": 0}


@pytest.mark.django_db
def test_a_schedule_needs_a_real_cron_expression_and_job() -> None:
    schedule = Schedule(
        name="bad", job_name="nuskha.nothing.here", cron="every night", time_zone="Mars/Olympus"
    )
    with pytest.raises(ValidationError) as error:
        schedule.full_clean()
    assert {"job_name", "cron", "time_zone"} <= set(error.value.message_dict)
