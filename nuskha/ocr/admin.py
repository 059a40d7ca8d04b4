"""Staff pages for OCR: the recognised text of each page (read only), and an action on the
page images list that queues reading them ("OCR on request", for manuscripts too)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from nuskha.images.admin import PageAdmin
from nuskha.images.models import Page
from nuskha.ocr.jobs import queue_recognition
from nuskha.ocr.models import PageText


@admin.register(PageText)
class PageTextAdmin(admin.ModelAdmin):
    list_display = ("page", "model", "mean_confidence", "created_at")
    list_select_related = ("page__item",)
    search_fields = ("page__item__shelfmark", "text")
    readonly_fields = ("page", "model", "engine", "text", "mean_confidence", "created_at")
    exclude = ("words",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.action(description=_("Read the text of the selected pages (OCR)"))
def read_text(model_admin: Any, request: HttpRequest, queryset: QuerySet[Page]) -> None:
    by_item: dict[Any, list[int]] = {}
    for page in queryset.select_related("item"):
        by_item.setdefault(page.item, []).append(page.pk)
    for item, page_ids in by_item.items():
        queue_recognition(item, page_ids=page_ids, again=True, user=request.user)
    messages.success(request, _("Reading queued for %(count)d item(s).") % {"count": len(by_item)})


PageAdmin.actions = [*(PageAdmin.actions or []), read_text]
