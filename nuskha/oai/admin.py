"""Staff pages of the union catalogue: the partners harvested, each harvest's counts and
errors, and the harvested copies still waiting to be linked to a local work."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from nuskha.catalogue.models import ContentItem
from nuskha.oai.models import HarvestedRecord, HarvestRun, HarvestSource


class HarvestRunInline(admin.TabularInline):
    model = HarvestRun
    extra = 0
    fields = ("started_at", "finished_at", "created", "updated", "deleted", "error_count")
    readonly_fields = fields
    can_delete = False
    max_num = 0
    show_change_link = True


class HarvestSourceForm(forms.ModelForm):
    class Meta:
        model = HarvestSource
        fields = "__all__"
        # The partner's key for this library: masked on screen (staff may replace it).
        widgets = {"credential": forms.PasswordInput(render_value=True)}


@admin.register(HarvestSource)
class HarvestSourceAdmin(admin.ModelAdmin):
    list_display = ("base_url", "set_spec", "last_harvest_at", "last_datestamp")
    form = HarvestSourceForm
    readonly_fields = ("last_datestamp", "last_harvest_at", "created_at")
    inlines = [HarvestRunInline]


@admin.register(HarvestRun)
class HarvestRunAdmin(admin.ModelAdmin):
    list_display = ("source", "started_at", "finished_at", "created", "updated", "deleted",
                    "error_count", "failure")  # fmt: skip
    list_filter = ("source",)
    readonly_fields = ("source", "started_at", "finished_at", "created", "updated", "deleted",
                       "errors", "failure")  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # harvests are made by `nuskha harvest` and the nightly job

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class LinkedToWorkFilter(admin.SimpleListFilter):
    """Harvested copies the harvester could not link to a local work, to link by hand."""

    title = _("linked to a work")
    parameter_name = "linked"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("no", _("not linked")), ("yes", _("linked"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        linked = Exists(ContentItem.objects.filter(item=OuterRef("item"), work__isnull=False))
        if self.value() == "no":
            return queryset.exclude(linked)
        if self.value() == "yes":
            return queryset.filter(linked)
        return queryset


@admin.register(HarvestedRecord)
class HarvestedRecordAdmin(admin.ModelAdmin):
    list_display = ("oai_identifier", "item_link", "source", "datestamp", "home")
    list_filter = (LinkedToWorkFilter, "source")
    search_fields = ("oai_identifier", "item__shelfmark")
    readonly_fields = ("item", "source", "oai_identifier", "datestamp", "home_url")

    @admin.display(description=_("item"))
    def item_link(self, record: HarvestedRecord) -> str:
        return format_html(
            '<a href="/staff/catalogue/item/{}/change/" dir="auto">{}</a>',
            record.item_id,
            record.item,
        )

    @admin.display(description=_("record at its home"))
    def home(self, record: HarvestedRecord) -> str:
        if not record.home_url:
            return ""
        return format_html('<a href="{}" rel="noopener">{}</a>', record.home_url, record.home_url)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
