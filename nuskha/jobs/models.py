"""Jobs: nuskha's record of long work, on top of Django's tasks API.

The database task backend (django-tasks-db) runs one attempt of a job as one task. A Job
adds what the backend lacks: progress (done / total), attempts with backoff, the reason
the last attempt failed, a checkpoint a job can resume from, and the schedule it came from.
"""

from __future__ import annotations

import datetime
from zoneinfo import available_timezones

from cronsim import CronSim, CronSimError
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(_("“%(zone)s” is not an IANA time zone."), params={"zone": value})


def validate_cron(value: str) -> None:
    try:
        CronSim(value, datetime.datetime(2000, 1, 1))
    except CronSimError as error:
        raise ValidationError(
            _("“%(expression)s” is not a cron expression: %(error)s"),
            params={"expression": value, "error": error},
        ) from None


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    name = models.CharField(
        _("job"), max_length=200, help_text=_("The job function's dotted path.")
    )
    arguments = models.JSONField(_("arguments"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("most attempts"), default=3)
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    progress_message = models.CharField(_("progress message"), max_length=500, blank=True)
    checkpoint = models.JSONField(_("checkpoint"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    failure_reason = models.TextField(_("failure reason"), blank=True)
    failure_traceback = models.TextField(_("failure traceback"), blank=True)
    task_result_id = models.CharField(_("current task id"), max_length=64, blank=True)
    worker_id = models.CharField(_("worker"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("started by"),
    )
    schedule = models.ForeignKey(
        "Schedule",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("schedule"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last heard from"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"{self.name} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def percent(self) -> int | None:
        if not self.progress_total:
            return None
        return min(100, round(100 * self.progress_done / self.progress_total))


class Schedule(models.Model):
    """A job run at the times a cron expression names, in a given time zone."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    job_name = models.CharField(_("job"), max_length=200)
    arguments = models.JSONField(_("arguments"), default=dict, blank=True)
    cron = models.CharField(
        _("when (cron)"),
        max_length=100,
        validators=[validate_cron],
        help_text=_("minute hour day month weekday, e.g. 0 2 * * * for every night at 02:00"),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    is_enabled = models.BooleanField(_("enabled"), default=True)
    next_run_at = models.DateTimeField(_("next run"), null=True, blank=True)
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from nuskha.jobs.registry import is_registered

        if self.job_name and not is_registered(self.job_name):
            raise ValidationError({"job_name": _("No job of that name is registered.")})
