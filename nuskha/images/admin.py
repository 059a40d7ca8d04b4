"""Staff pages for page images: the pages of each item with their labels (editable), and
an upload form that queues an ingest job (its progress shows in the jobs list)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from nuskha.images.forms import IngestForm
from nuskha.images.jobs import queue_ingest, rebuild_derivatives
from nuskha.images.manifests import thumbnail_url
from nuskha.images.models import Page
from nuskha.jobs.running import enqueue


@admin.action(description=_("Rebuild the access copies of the selected pages' items"))
def rebuild(model_admin: Any, request: HttpRequest, queryset: Any) -> None:
    name = f"{rebuild_derivatives.__module__}.{rebuild_derivatives.__qualname__}"
    item_ids = sorted(set(queryset.values_list("item_id", flat=True)))
    for item_id in item_ids:
        enqueue(name, {"item_id": item_id}, created_by=request.user)
    messages.success(
        request, _("Rebuilding queued for %(count)d item(s).") % {"count": len(item_ids)}
    )


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    actions = [rebuild]
    list_display = (
        "thumbnail",
        "item",
        "position",
        "label",
        "source_name",
        "size",
        "master_version",
    )
    list_display_links = ("item",)
    list_editable = ("label",)
    list_filter = ("item__institution",)
    search_fields = ("item__shelfmark", "source_name", "label")
    list_select_related = ("item",)
    readonly_fields = (
        "item", "position", "image_id", "source_name", "master_path", "master_version",
        "master_sha256", "master_format", "master_bytes", "width", "height",
        "bits_per_sample", "has_icc_profile", "pyramid_levels", "created_at", "updated_at",
    )  # fmt: skip
    fields = ("label", *readonly_fields)
    change_list_template = "admin/images/page/change_list.html"

    @admin.display(description=_("page"))
    def thumbnail(self, page: Page) -> str:
        return format_html('<img src="{}" alt="" height="64">', thumbnail_url(page))

    @admin.display(description=_("size"))
    def size(self, page: Page) -> str:
        return f"{page.width} × {page.height}"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # pages come in through an ingest, which stores their masters

    def get_urls(self) -> list[Any]:
        ingest = self.admin_site.admin_view(self.ingest_view)
        return [path("ingest/", ingest, name="images_page_ingest"), *super().get_urls()]

    def ingest_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("images.change_page"):
            return HttpResponse(status=403)
        form = IngestForm(request.POST or None, request.FILES or None, initial=request.GET)
        if request.method == "POST" and form.is_valid():
            folder = _save_upload(form.cleaned_data["files"])
            job = queue_ingest(
                form.cleaned_data["item"],
                folder,
                labels=form.cleaned_data["labels"],
                user=request.user,
            )
            messages.success(request, _("The ingest is queued as job %(job)s.") % {"job": job.pk})
            return HttpResponseRedirect(reverse("admin:jobs_job_change", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Ingest page images"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/images/page/ingest.html", context)


def _save_upload(files: list[Any]) -> Path:
    """The uploaded files, kept where the worker can read them (the job names the folder)."""
    folder = Path(settings.DATA_DIR) / "uploads" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    for upload in files:
        name = Path(upload.name).name  # a browser sends a bare name; never trust a path
        with (folder / name).open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    single = list(folder.iterdir())
    return single[0] if len(single) == 1 and single[0].suffix.lower() == ".zip" else folder
