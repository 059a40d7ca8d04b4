"""Send the agreements' expiry reminders every morning at 08:00 Tehran time (staff may
change or switch it off in /staff/).

08:00 in Tehran is 09:30 in Almaty: the two partner countries are then on the same
calendar day and at work, so a reminder arrives at the start of the working day at
both libraries. A reminder is due from the moment its day begins in any party's
calendar, and a run at any later hour still sends it (once), so the hour is only about
when people read it.
"""

from django.db import migrations

NAME = "Remind of agreements expiring (daily)"


def add_schedule(apps, schema_editor):
    Schedule = apps.get_model("jobs", "Schedule")
    Schedule.objects.get_or_create(
        name=NAME,
        defaults={
            "job_name": "nuskha.cooperation.jobs.send_agreement_reminders",
            "cron": "0 8 * * *",
            "time_zone": "Asia/Tehran",
            "arguments": {},
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("jobs", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0001_initial"),
        ("jobs", "0002_default_schedules"),
    ]

    operations = [migrations.RunPython(add_schedule, remove_schedule)]
