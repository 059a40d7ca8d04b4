"""Jobs and schedules in /staff/: progress bars, failure reasons, retry and run-now."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from nuskha.jobs.models import Job, Schedule
from nuskha.jobs.registry import registered_jobs
from nuskha.jobs.running import enqueue, queue_attempt


def progress_bar(job: Job) -> str:
    percent = job.percent
    done = (
        f"{job.progress_done} / {job.progress_total}"
        if job.progress_total
        else str(job.progress_done)
    )
    if percent is None:
        return format_html('<span class="job-progress">{}</span>', done)
    return format_html(
        '<progress max="100" value="{}" aria-label="{}">{}%</progress> <span>{}</span>',
        percent,
        done,
        percent,
        done,
    )


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "name",
        "status",
        "progress_column",
        "attempts_column",
        "failure_reason",
        "created_at",
    ]
    list_filter = ["status", "name"]
    search_fields = ["name", "failure_reason"]
    actions = ["retry_jobs"]
    readonly_fields = [f.name for f in Job._meta.fields] + ["progress_column"]

    @admin.display(description=_("progress"))
    def progress_column(self, job: Job) -> str:
        return progress_bar(job)

    @admin.display(description=_("attempts"))
    def attempts_column(self, job: Job) -> str:
        return f"{job.attempts} / {job.max_attempts}"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Try the selected failed jobs again"), permissions=["view"])
    def retry_jobs(self, request: HttpRequest, queryset: QuerySet[Job]) -> None:
        if not request.user.is_superuser:
            self.message_user(request, _("Only administrators retry jobs."), messages.ERROR)
            return
        failed = list(queryset.filter(status=Job.Status.FAILED))
        for job in failed:
            Job.objects.filter(pk=job.pk).update(max_attempts=job.attempts + 1, finished_at=None)
            job.max_attempts = job.attempts + 1
            queue_attempt(job, run_after=None)
        self.message_user(
            request,
            ngettext("%d job queued again.", "%d jobs queued again.", len(failed)) % len(failed),
        )


class ScheduleForm(forms.ModelForm):
    job_name = forms.ChoiceField(label=_("job"))

    class Meta:
        model = Schedule
        fields = ["name", "job_name", "arguments", "cron", "time_zone", "is_enabled"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["job_name"].choices = [
            (j.name, f"{j.title} ({j.name})") for j in registered_jobs()
        ]


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    form = ScheduleForm
    list_display = [
        "name",
        "job_name",
        "cron",
        "time_zone",
        "is_enabled",
        "next_run_at",
        "last_run_at",
    ]
    list_filter = ["is_enabled"]
    actions = ["run_now"]

    def save_model(self, request: HttpRequest, obj: Schedule, form: Any, change: bool) -> None:
        obj.next_run_at = None  # recomputed from the (possibly new) expression by the worker
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Run the selected schedules now"), permissions=["change"])
    def run_now(self, request: HttpRequest, queryset: QuerySet[Schedule]) -> None:
        for schedule in queryset:
            enqueue(
                schedule.job_name, schedule.arguments, created_by=request.user, schedule=schedule
            )
        self.message_user(request, _("Queued."))
