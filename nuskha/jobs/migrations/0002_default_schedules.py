"""Schedules every instance starts with; staff may change or disable them in /staff/."""

from django.db import migrations

SCHEDULES = [
    ("Prune finished jobs (nightly)", "nuskha.jobs.housekeeping.prune_finished_jobs", {"days": 90}, "30 3 * * *"),
    ("Check catalogue records (weekly)", "nuskha.catalogue.jobs.check_records", {}, "0 4 * * 1"),
]


def add_schedules(apps, schema_editor):
    Schedule = apps.get_model("jobs", "Schedule")
    for name, job_name, arguments, cron in SCHEDULES:
        Schedule.objects.get_or_create(
            name=name, defaults={"job_name": job_name, "arguments": arguments, "cron": cron}
        )


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]
    operations = [migrations.RunPython(add_schedules, migrations.RunPython.noop)]
