"""The cataloguing UI at /staff/: the Django admin shaped for cataloguers of manuscripts.

Text inputs carry dir="auto", so a Persian title and a Russian one each read in their
own direction whatever the interface language. Staff change only their own
institution's holdings (catalogue/permissions.py); authority records are shared.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nuskha.calendars import format as format_span
from nuskha.catalogue import history
from nuskha.catalogue.models import (
    Agent,
    AgentName,
    Collection,
    CollectionName,
    ContentItem,
    FormerShelfmark,
    Institution,
    InstitutionName,
    Item,
    ItemAgent,
    ItemPart,
    Language,
    Provenance,
    Script,
    StaffProfile,
    Subject,
    SubjectLabel,
    Title,
    Work,
    WorkTitle,
)
from nuskha.catalogue.permissions import can_edit_holdings_of, staff_institution

TEXT_WIDGETS = {
    models.CharField: {"widget": forms.TextInput(attrs={"dir": "auto", "class": "vTextField"})},
    models.TextField: {
        "widget": forms.Textarea(attrs={"dir": "auto", "rows": 3, "class": "vLargeTextField"})
    },
}


# Items and their parts share these: a part of a composite volume has its own date,
# place and physical description (TEI msPart).
PRODUCTION_FIELDSET = (
    _("Production"),
    {
        "fields": [
            ("date_as_written", "date_certainty"),
            ("date_earliest", "date_latest"),
            "date_equivalents",
            "place_as_written",
        ]
    },
)
PHYSICAL_DESCRIPTION_FIELDSET = (
    _("Physical description"),
    {
        "fields": [
            ("material", "script_style"),
            ("height_mm", "width_mm"),
            ("leaf_count", "page_count", "lines_per_page"),
            "decoration",
            "binding",
        ]
    },
)


class DirAutoMixin:
    """Every text input reads in the direction of what is typed into it."""

    formfield_overrides = TEXT_WIDGETS


class DateEquivalentsMixin:
    """The record's date in the reader's calendars, as nuskha.calendars formats it."""

    @admin.display(description=_("in other calendars"))
    def date_equivalents(self, record: Any) -> str:
        span = record.date_span() if record is not None and record.pk else None
        if span is None:
            return "—"
        text = format_span(span, get_language() or "en")
        written, rest = (
            (span.original, text[len(span.original) :])
            if text.startswith(span.original)
            else ("", text)
        )
        # The date as written is isolated, so a Persian date does not reorder the
        # equivalents after it in a left-to-right page.
        return format_html("<bdi>{}</bdi>{}", written, rest)


class RequireOneFormSet(forms.BaseInlineFormSet):
    """An inline formset that refuses to leave the record with no rows at all."""

    def clean(self) -> None:
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        if not kept:
            raise forms.ValidationError(_("An item needs at least one title."), code="no_titles")


class HoldingsInlineMixin(DirAutoMixin):
    """Inline rows of an item follow the item's rule: only its institution's staff change them."""

    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_add_permission(request, obj) and _may_edit(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and _may_edit(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and _may_edit(request, obj)  # type: ignore[misc]


def _may_edit(request: HttpRequest, item: Item | None) -> bool:
    if item is None:
        return True
    return can_edit_holdings_of(request.user, item.institution_id) and not is_harvested(item)


def is_harvested(item: Item) -> bool:
    """A copy harvested from a partner (oai.HarvestedRecord) is read-only here: its home
    catalogues it, and the next harvest would undo an edit made here."""
    return hasattr(item, "harvested_record")


class TitleInline(HoldingsInlineMixin, admin.TabularInline):
    model = Title
    formset = RequireOneFormSet
    min_num = 1
    fields = ["text", "language", "script", "title_type", "position"]


class FormerShelfmarkInline(HoldingsInlineMixin, admin.TabularInline):
    model = FormerShelfmark
    fields = ["shelfmark", "note"]


class ItemAgentInline(HoldingsInlineMixin, admin.TabularInline):
    model = ItemAgent
    autocomplete_fields = ["agent"]
    fields = ["agent", "role", "name_as_written", "note", "position"]


class ItemPartInline(DateEquivalentsMixin, HoldingsInlineMixin, admin.StackedInline):
    model = ItemPart
    readonly_fields = ["date_equivalents"]
    fieldsets = [
        (None, {"fields": [("label", "locus", "position")]}),
        PRODUCTION_FIELDSET,
        PHYSICAL_DESCRIPTION_FIELDSET,
    ]


class ContentItemInline(HoldingsInlineMixin, admin.StackedInline):
    model = ContentItem
    autocomplete_fields = ["work", "scribe"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("locus", "part", "position"),
                    ("work", "language"),
                    "title_as_written",
                    "incipit",
                    "explicit",
                    "colophon",
                    ("scribe",),
                    ("date_as_written", "date_certainty"),
                    ("date_earliest", "date_latest"),
                    "note",
                ]
            },
        ),
    ]

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        # A content may sit only in a part of its own volume.
        if db_field.name == "part":
            item_id = (
                request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            )
            kwargs["queryset"] = ItemPart.objects.filter(item_id=item_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProvenanceInline(HoldingsInlineMixin, admin.StackedInline):
    model = Provenance
    autocomplete_fields = ["agent"]
    fields = [("kind", "locus", "position"), "text", ("date_as_written", "place"), "agent", "note"]


@admin.register(Item)
class ItemAdmin(DateEquivalentsMixin, DirAutoMixin, admin.ModelAdmin):
    change_form_template = "catalogue/admin/item_change_form.html"
    list_display = [
        "shelfmark",
        "title_column",
        "institution",
        "kind",
        "status",
        "access",
        "updated_at",
    ]
    list_display_links = ["shelfmark", "title_column"]
    list_filter = ["institution", "kind", "languages", "scripts", "status", "access", "collection"]
    search_fields = [
        "shelfmark",
        "former_shelfmarks__shelfmark",
        "titles__text",
        "agents__agent__names__text",
        "contents__title_as_written",
        "contents__incipit",
    ]
    filter_horizontal = ["languages", "scripts", "subjects"]
    readonly_fields = ["date_equivalents"]
    inlines = [
        TitleInline,
        FormerShelfmarkInline,
        ItemAgentInline,
        ContentItemInline,
        ItemPartInline,
        ProvenanceInline,
    ]
    fieldsets = [
        (_("Identification"), {"fields": ["institution", "collection", "shelfmark", "kind"]}),
        (
            _("Publication and access"),
            {
                "fields": [
                    "status",
                    ("access", "max_image_pixels"),
                    "is_shareable",
                ]
            },
        ),
        (_("Languages, scripts and subjects"), {"fields": ["languages", "scripts", "subjects"]}),
        PRODUCTION_FIELDSET,
        PHYSICAL_DESCRIPTION_FIELDSET,
        (_("Notes"), {"fields": ["notes"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Item]:
        return (
            super()
            .get_queryset(request)
            .select_related("institution")
            .prefetch_related(Prefetch("titles", queryset=Title.objects.order_by("position", "id")))
        )

    @admin.display(description=_("title"))
    def title_column(self, item: Item) -> str:
        return format_html('<span dir="auto">{}</span>', item.display_title())

    def has_change_permission(self, request: HttpRequest, obj: Item | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or _may_edit(request, obj))

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        own = staff_institution(request.user)
        if own is not None:
            initial.setdefault("institution", own.pk)
        return initial

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        own = staff_institution(request.user)
        if own is not None and not request.user.is_superuser:
            if db_field.name == "institution":
                kwargs["queryset"] = Institution.objects.filter(pk=own.pk)
            elif db_field.name == "collection":
                kwargs["queryset"] = Collection.objects.filter(institution=own)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        item = self.get_object(request, object_id)
        recent = history.record_timeline(item)[:RECENT_CHANGES] if item else []
        context = {**(extra_context or {}), "recent_changes": recent}
        return super().change_view(request, object_id, form_url, extra_context=context)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        return timeline_view(self, request, object_id)


RECENT_CHANGES = 8


def timeline_view(
    model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str
) -> HttpResponse:
    """The record's history, inline rows included, in place of Django's own log."""
    record = model_admin.get_object(request, object_id)
    if record is None or not model_admin.has_view_or_change_permission(request, record):
        return model_admin._get_obj_does_not_exist_redirect(  # noqa: SLF001
            request, model_admin.opts, object_id
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("History: %(record)s") % {"record": record},
        "record": record,
        "entries": history.record_timeline(record),
        "opts": model_admin.opts,
        "original": record,
    }
    return TemplateResponse(request, "catalogue/admin/record_history.html", context)


class AgentNameInline(DirAutoMixin, admin.TabularInline):
    model = AgentName
    extra = 0
    min_num = 1
    fields = ["text", "language", "script", "form_type", "position"]


@admin.register(Agent)
class AgentAdmin(DirAutoMixin, admin.ModelAdmin):
    list_display = ["identifier", "__str__", "kind", "dates"]
    list_filter = ["kind"]
    search_fields = ["identifier", "names__text"]
    inlines = [AgentNameInline]
    fields = [
        "identifier",
        "kind",
        "dates",
        ("birth_year", "death_year"),
        ("viaf", "wikidata"),
        "note",
    ]

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        return timeline_view(self, request, object_id)


class WorkTitleInline(DirAutoMixin, admin.TabularInline):
    model = WorkTitle
    extra = 0
    min_num = 1
    fields = ["text", "language", "script", "form_type", "position"]


@admin.register(Work)
class WorkAdmin(DirAutoMixin, admin.ModelAdmin):
    list_display = ["identifier", "__str__", "author", "language"]
    list_filter = ["language"]
    search_fields = ["identifier", "titles__text", "author__names__text"]
    autocomplete_fields = ["author"]
    filter_horizontal = ["subjects"]
    inlines = [WorkTitleInline]
    fields = [
        "identifier",
        "author",
        "language",
        "subjects",
        ("viaf", "wikidata"),
        "note",
        "copies",
    ]
    readonly_fields = ["copies"]

    @admin.display(description=_("copies in every institution"))
    def copies(self, work: Work) -> str:
        items = (
            work.copies().select_related("institution").prefetch_related("titles")
            if work.pk
            else []
        )
        return (
            format_html_join(
                mark_safe("<br>"),
                '<a href="{}">{} {}</a> <span dir="auto">{}</span>',
                (
                    (
                        reverse("admin:catalogue_item_change", args=[i.pk]),
                        i.institution.code,
                        i.shelfmark,
                        i.display_title(),
                    )
                    for i in items
                ),
            )
            or "—"
        )

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        return timeline_view(self, request, object_id)


class SubjectLabelInline(DirAutoMixin, admin.TabularInline):
    model = SubjectLabel
    extra = 0


@admin.register(Subject)
class SubjectAdmin(DirAutoMixin, admin.ModelAdmin):
    list_display = ["code", "__str__", "broader"]
    search_fields = ["code", "labels__text"]
    inlines = [SubjectLabelInline]


class InstitutionNameInline(DirAutoMixin, admin.TabularInline):
    model = InstitutionName
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(DirAutoMixin, admin.ModelAdmin):
    list_display = ["code", "__str__", "country", "time_zone", "website"]
    search_fields = ["code", "names__text"]
    inlines = [InstitutionNameInline]


class CollectionNameInline(DirAutoMixin, admin.TabularInline):
    model = CollectionName
    extra = 0


@admin.register(Collection)
class CollectionAdmin(DirAutoMixin, admin.ModelAdmin):
    list_display = ["code", "__str__", "institution"]
    list_filter = ["institution"]
    inlines = [CollectionNameInline]

    def has_change_permission(self, request: HttpRequest, obj: Collection | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or _may_edit(request, obj))


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "marc_code", "name_en", "name_native"]
    search_fields = ["code", "name_en", "name_native"]


@admin.register(Script)
class ScriptAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en"]


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [StaffProfileInline]
    list_display = ["username", "email", "institution_column", "is_staff", "is_superuser"]
    list_filter = ["staff_profile__institution", "is_staff", "is_superuser", "groups"]

    @admin.display(description=_("institution"))
    def institution_column(self, user: Any) -> str:
        institution = staff_institution(user)
        return institution.code if institution else ""
