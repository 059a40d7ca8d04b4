"""Harvest the partners every night at 02:00 UTC (staff may change or switch it off)."""

from django.db import migrations

NAME = "Harvest partners (nightly)"


def add_schedule(apps, schema_editor):
    Schedule = apps.get_model("jobs", "Schedule")
    Schedule.objects.get_or_create(
        name=NAME,
        defaults={
            "job_name": "nuskha.oai.jobs.harvest_partners",
            "cron": "0 2 * * *",
            "time_zone": "UTC",
            "arguments": {},
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("jobs", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("oai", "0002_harvest_runs"),
        ("jobs", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_schedule, remove_schedule)]
