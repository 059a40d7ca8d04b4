"""Staff pages for cooperation at /staff/cooperation/: partners' contacts, agreements with
their texts, parties, clauses and renewals, activities with their people and files, public
news, and partners' credentials.

Dates are typed and shown in the user's calendar (forms.CalendarDateField). A renewal is
drafted from the agreement it extends by an action (draft_renewal), so the chain of
renewals is built a link at a time. A credential's key is shown once, when issued; only
its hash is kept.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from nuskha.calendars import format_date
from nuskha.catalogue.admin import TEXT_WIDGETS
from nuskha.cooperation.forms import CALENDAR_DATE
from nuskha.cooperation.models import (
    SCOPE_LABELS,
    STATUS_LABELS,
    AccessEvent,
    Activity,
    Agreement,
    AgreementText,
    Attachment,
    Clause,
    ClauseScope,
    Contact,
    Credential,
    NewsItem,
    NewsVersion,
    Participant,
    Party,
    ReminderSent,
)
from nuskha.cooperation.terms import Status

# Text inputs read in the direction of what is typed (as the cataloguing pages do), and
# dates in the user's calendar.
WIDGETS: dict[Any, dict[str, Any]] = {**TEXT_WIDGETS, models.DateField: CALENDAR_DATE}


class CooperationMixin:
    formfield_overrides = WIDGETS


def shown_date(date: datetime.date | None) -> str:
    return format_date(date, get_language() or "en") if date else "—"


# Contacts ------------------------------------------------------------------------------


@admin.register(Contact)
class ContactAdmin(CooperationMixin, admin.ModelAdmin):
    list_display = ("name", "position", "institution", "email", "phone")
    list_filter = ("institution",)
    search_fields = ("name", "position", "email")


# Agreements ----------------------------------------------------------------------------


class AgreementTextInline(CooperationMixin, admin.StackedInline):
    model = AgreementText
    extra = 0
    min_num = 1


class PartyInline(CooperationMixin, admin.TabularInline):
    model = Party
    extra = 0
    min_num = 2
    fields = ("institution", "signatory", "responsible")

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        # Reminders go to staff: only staff accounts may answer for an agreement.
        if db_field.name == "responsible":
            kwargs["queryset"] = db_field.related_model.objects.filter(
                is_staff=True, is_active=True
            ).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ClauseForm(forms.ModelForm):
    """A clause with its scopes as ticks of the controlled list (saved as ClauseScope rows)."""

    scopes = forms.MultipleChoiceField(
        label=_lazy("scopes"),
        choices=[(scope.value, label) for scope, label in SCOPE_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_lazy("What the article covers; the scopes decide what partners may see."),
    )

    class Meta:
        model = Clause
        fields = ("number", "text", "language")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["scopes"] = self.instance.scope_values()

    def _save_m2m(self) -> None:
        super()._save_m2m()  # type: ignore[misc]
        wanted = set(self.cleaned_data.get("scopes") or [])
        clause = self.instance
        clause.scopes.exclude(scope__in=wanted).delete()
        have = set(clause.scope_values())
        ClauseScope.objects.bulk_create(
            [ClauseScope(clause=clause, scope=scope) for scope in sorted(wanted - have)]
        )


class ClauseInline(CooperationMixin, admin.StackedInline):
    model = Clause
    form = ClauseForm
    extra = 0
    fields = (("number", "language"), "text", "scopes")


class StatusFilter(admin.SimpleListFilter):
    """Status is derived from dates and renewals, so it is filtered in Python."""

    title = _lazy("status")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [(status.value, label) for status, label in STATUS_LABELS.items()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if not self.value():
            return queryset
        now = timezone.now()
        wanted = [a.pk for a in queryset if a.status(now).value == self.value()]
        return queryset.filter(pk__in=wanted)


@admin.action(description=_lazy("Record a renewal (a draft extending the agreement)"))
def record_renewal(model_admin: Any, request: HttpRequest, queryset: QuerySet[Agreement]) -> None:
    for agreement in queryset:
        if agreement.expires_on is None:
            messages.error(
                request,
                _("%(reference)s has no expiry date: there is nothing to renew.")
                % {"reference": agreement.reference},
            )
            continue
        renewal = draft_renewal(agreement)
        url = reverse("admin:cooperation_agreement_change", args=[renewal.pk])
        messages.success(
            request,
            format_html(
                _('Draft renewal <a href="{}">{}</a> recorded, in force from {} once signed.'),
                url,
                renewal.reference,
                shown_date(renewal.effective_from),
            ),
        )


@transaction.atomic
def draft_renewal(agreement: Agreement) -> Agreement:
    """A draft renewal of the agreement: its parties (with their responsible staff), texts
    and clauses with their scopes, in force from the day after it expires for a term as
    long as its own. Unsigned, so it grants nothing until staff record the signature."""
    assert agreement.expires_on is not None
    effective = agreement.expires_on + datetime.timedelta(days=1)
    renewal = Agreement.objects.create(
        kind=agreement.kind,
        reference=_free_reference(f"{agreement.reference}/renewal-{effective.year}"),
        extends=agreement,
        extension=Agreement.Extension.RENEWAL,
        effective_from=effective,
        expires_on=_same_term(agreement, effective),
    )
    for party in agreement.parties.all():
        Party.objects.create(
            agreement=renewal, institution=party.institution, responsible=party.responsible
        )
    for text in agreement.texts.all():
        AgreementText.objects.create(
            agreement=renewal, language=text.language, title=text.title, summary=text.summary
        )
    for clause in agreement.clauses.all():
        copy = Clause.objects.create(
            agreement=renewal, number=clause.number, text=clause.text, language=clause.language
        )
        ClauseScope.objects.bulk_create(
            [ClauseScope(clause=copy, scope=scope) for scope in clause.scope_values()]
        )
    return renewal


def _same_term(agreement: Agreement, effective: datetime.date) -> datetime.date | None:
    """The expiry giving the renewal the agreement's own term: whole years where the term
    was whole years (5 May 2007 – 4 May 2012 renews to 5 May 2012 – 4 May 2017)."""
    start, end = agreement.effective_from, agreement.expires_on
    if start is None or end is None:
        return None
    years = end.year - start.year
    if years > 0 and _add_years(start, years) - datetime.timedelta(days=1) == end:
        return _add_years(effective, years) - datetime.timedelta(days=1)
    return effective + (end - start)


def _add_years(date: datetime.date, years: int) -> datetime.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February in a year without one
        return date.replace(year=date.year + years, day=28)


def _free_reference(wanted: str) -> str:
    reference, number = wanted, 2
    while Agreement.objects.filter(reference=reference).exists():
        reference, number = f"{wanted}-{number}", number + 1
    return reference


@admin.register(Agreement)
class AgreementAdmin(CooperationMixin, admin.ModelAdmin):
    list_display = ("reference", "title_column", "kind", "status_column", "effective_column",
                    "expiry_column")  # fmt: skip
    list_filter = (StatusFilter, "kind", "extension", "parties__institution")
    search_fields = ("reference", "texts__title")
    actions = [record_renewal]
    inlines = [AgreementTextInline, PartyInline, ClauseInline]
    readonly_fields = ("status_column", "document_sha256", "chain_column")
    fieldsets = [
        (None, {"fields": [("kind", "reference"), "status_column"]}),
        (_lazy("Signature"), {"fields": ["signed_as_written", ("signed_on", "signed_at")]}),
        (_lazy("Term"), {"fields": [("effective_from", "expires_on")]}),
        (_lazy("Renewal or amendment"), {"fields": [("extends", "extension"), "chain_column"]}),
        (_lazy("Signed document"), {"fields": ["document", "document_sha256"]}),
    ]

    @admin.display(description=_lazy("title"))
    def title_column(self, agreement: Agreement) -> str:
        return format_html('<span dir="auto">{}</span>', agreement.title(get_language()))

    @admin.display(description=_lazy("status"))
    def status_column(self, agreement: Agreement) -> str:
        return agreement.status_label() if agreement.pk else str(STATUS_LABELS[Status.DRAFT])

    @admin.display(description=_lazy("in force from"), ordering="effective_from")
    def effective_column(self, agreement: Agreement) -> str:
        return shown_date(agreement.effective_from)

    @admin.display(description=_lazy("expires on"), ordering="expires_on")
    def expiry_column(self, agreement: Agreement) -> str:
        return shown_date(agreement.expires_on)

    @admin.display(description=_lazy("history"))
    def chain_column(self, agreement: Agreement) -> str:
        """The agreement among those it extends and those extending it, oldest first."""
        if not agreement.pk:
            return "—"
        chain = agreement.chain() + list(agreement.extensions.order_by("effective_from"))
        rows = [
            (
                reverse("admin:cooperation_agreement_change", args=[link.pk]),
                link.reference,
                shown_date(link.effective_from),
                shown_date(link.expires_on),
                link.status_label(),
            )
            for link in chain
        ]
        return format_html(
            "<ol>{}</ol>", format_html_join("", '<li><a href="{}">{}</a>: {} – {} ({})</li>', rows)
        )

    def save_model(self, request: HttpRequest, obj: Agreement, form: Any, change: bool) -> None:
        # A replaced document gets its own checksum (Agreement.save() computes a missing one).
        if "document" in form.changed_data:
            obj.document_sha256 = ""
        super().save_model(request, obj, form, change)


# Activities ----------------------------------------------------------------------------


class ParticipantInline(CooperationMixin, admin.TabularInline):
    model = Participant
    extra = 0
    fields = ("name", "position", "role", "institution")


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ("kind", "file", "caption")

    def save(self, commit: bool = True) -> Attachment:
        # A replaced file gets its own checksum (Attachment.save() computes a missing one).
        if "file" in self.changed_data:
            self.instance.sha256 = ""
        attachment: Attachment = super().save(commit)
        return attachment


class AttachmentInline(CooperationMixin, admin.TabularInline):
    model = Attachment
    form = AttachmentForm
    extra = 0
    fields = ("kind", "file", "caption", "sha256")
    readonly_fields = ("sha256",)


@admin.register(Activity)
class ActivityAdmin(CooperationMixin, admin.ModelAdmin):
    list_display = ("title_column", "kind", "agreement", "starts_column", "place", "host")
    list_filter = ("kind", "agreement", "host")
    search_fields = ("title", "place", "participants__name")
    inlines = [ParticipantInline, AttachmentInline]
    fieldsets = [
        (None, {"fields": [("kind", "agreement", "clause"), ("title", "title_language")]}),
        (None, {"fields": [("starts_on", "ends_on"), ("place", "host")]}),
        (
            _lazy("Specialist exchange"),
            {"fields": [("from_institution", "to_institution")], "classes": ["collapse"]},
        ),
        (None, {"fields": ["purpose", "outcome"]}),
    ]

    @admin.display(description=_lazy("title or subject"), ordering="title")
    def title_column(self, activity: Activity) -> str:
        return format_html('<span dir="auto">{}</span>', activity.title)

    @admin.display(description=_lazy("from"), ordering="starts_on")
    def starts_column(self, activity: Activity) -> str:
        return shown_date(activity.starts_on)


# News ----------------------------------------------------------------------------------


class NewsVersionInline(CooperationMixin, admin.StackedInline):
    model = NewsVersion
    extra = 0
    min_num = 1


@admin.register(NewsItem)
class NewsItemAdmin(CooperationMixin, admin.ModelAdmin):
    list_display = ("__str__", "date_column", "is_published", "languages_column")
    list_filter = ("is_published",)
    search_fields = ("versions__title",)
    inlines = [NewsVersionInline]
    fields = (("published_on", "is_published"), ("activity", "agreement"), "photo")

    @admin.display(description=_lazy("date"), ordering="published_on")
    def date_column(self, news: NewsItem) -> str:
        return shown_date(news.published_on)

    @admin.display(description=_lazy("languages"))
    def languages_column(self, news: NewsItem) -> str:
        return ", ".join(version.language.code for version in news.versions.all())

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name == "photo":
            kwargs["queryset"] = Attachment.objects.filter(kind=Attachment.Kind.PHOTO)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# Credentials ---------------------------------------------------------------------------


@admin.action(description=_lazy("Revoke the selected credentials"))
def revoke(model_admin: Any, request: HttpRequest, queryset: QuerySet[Credential]) -> None:
    count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    messages.success(
        request,
        ngettext("%(count)d credential revoked.", "%(count)d credentials revoked.", count)
        % {"count": count},
    )


@admin.register(Credential)
class CredentialAdmin(CooperationMixin, admin.ModelAdmin):
    list_display = ("institution", "label", "prefix", "issued_at", "revoked_at", "last_used_on")
    list_filter = ("institution", "revoked_at")
    actions = [revoke]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return ["institution", "label"]
        return ["institution", "label", "prefix", "issued_at", "revoked_at", "last_used_on"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return []
        return ["institution", "prefix", "issued_at", "revoked_at", "last_used_on"]

    def save_model(self, request: HttpRequest, obj: Credential, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        credential, key = Credential.issue(obj.institution, obj.label)
        # The admin goes on with the form's object (its log entry, its redirect).
        for field in Credential._meta.concrete_fields:
            setattr(obj, field.attname, getattr(credential, field.attname))
        obj._state.adding, obj._state.db = False, credential._state.db
        messages.warning(
            request,
            format_html(
                _(
                    "The key for {}: <code>{}</code>. Copy it now and give it to the partner: "
                    "only its hash is kept, so it cannot be shown again."
                ),
                credential.institution.code,
                key,
            ),
        )


# Records kept by nuskha itself: read only ---------------------------------------------------


class ReadOnlyAdmin(admin.ModelAdmin):
    """What nuskha wrote down (decisions, reminders sent): to be read, never edited, so
    it stays a true record."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdmin):
    list_display = ["day", "partner", "reader", "item", "door", "is_granted", "agreement"]
    list_filter = ["is_granted", "door", "partner", "day"]
    list_select_related = ["partner", "item", "agreement"]
    search_fields = ["reader", "item__shelfmark", "reason"]
    date_hierarchy = "day"


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "days_before", "expires_on", "sent_at", "recipients"]
    list_filter = ["days_before"]
    list_select_related = ["agreement"]
