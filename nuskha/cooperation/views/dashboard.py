"""Cooperation views: the staff dashboard at /staff/cooperation/ of agreements expiring
within 7, 30, 90 and 180 days (each under its nearest reminder threshold, with the
reminders sent), those expired in the last 180 days, and drafts. It reads the same
answers as the e-mail reminders (nuskha.cooperation.reminders)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from nuskha.calendars import format_date
from nuskha.calendars.folding import to_persian_digits
from nuskha.cooperation import terms
from nuskha.cooperation.models import Agreement, Party
from nuskha.cooperation.reminders import (
    Approaching,
    agreements_with_parties,
    approaching_expiry,
    party_days,
    status_in,
)

# Expired agreements stay on the dashboard this long after their expiry day.
RECENTLY_EXPIRED_DAYS = 180


@dataclass
class Row:
    """One agreement as the dashboard shows it."""

    agreement: Agreement
    title: str
    parties: list[str]
    responsible: list[str]
    expires: str = ""
    days: str = ""
    reminders: list[tuple[str, str]] = field(default_factory=list)
    warning: str = ""
    note: str = ""
    change_url: str = ""


@staff_member_required
def dashboard(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    language = get_language() or "en"
    approaching = approaching_expiry(now)
    groups = []
    for days in sorted(terms.REMINDER_DAYS):
        rows = [expiring_row(item, language) for item in approaching if item.threshold == days]
        caption = ngettext(
            "Expiring within %(days)s day", "Expiring within %(days)s days", days
        ) % {"days": number(days, language)}
        groups.append((days, f"{caption} ({number(len(rows), language)})", rows))
    context = {
        **admin.site.each_context(request),
        "title": _("Agreements and reminders"),
        "groups": groups,
        "expired": [expired_row(agreement, now, language) for agreement in recently_expired(now)],
        "drafts": [base_row(agreement, language) for agreement in drafts()],
    }
    context["expired_count"] = number(len(context["expired"]), language)
    context["drafts_count"] = number(len(context["drafts"]), language)
    return render(request, "cooperation/dashboard.html", context)


def base_row(agreement: Agreement, language: str) -> Row:
    parties = list(agreement.parties.all())
    return Row(
        agreement=agreement,
        title=agreement.title(language) or agreement.reference,
        parties=[party.institution.name(language) or party.institution.code for party in parties],
        responsible=[responsible_line(party) for party in parties if party.responsible],
        change_url=change_url(agreement),
    )


def expiring_row(approaching: Approaching, language: str) -> Row:
    row = base_row(approaching.agreement, language)
    row.expires = format_date(approaching.expires_on, language)
    row.days = number(approaching.days_left, language)
    row.note = approaching.why_not_reminded
    row.reminders = [
        (days_label(days, language), reminder_state(approaching, days, language))
        for days in terms.REMINDER_DAYS
        if days >= approaching.threshold
    ]
    if not row.note and not approaching.recipients:
        row.warning = _(
            "No party names a responsible staff member with an e-mail address: "
            "no reminder can be sent."
        )
    return row


def number(value: int, language: str) -> str:
    """A number in the digits of the interface language (Persian digits in fa)."""
    return to_persian_digits(str(value)) if language.startswith("fa") else str(value)


def days_label(days: int, language: str) -> str:
    return ngettext("%(days)s day", "%(days)s days", days) % {"days": number(days, language)}


def reminder_state(approaching: Approaching, days: int, language: str) -> str:
    """What became of the reminder at one threshold: sent when, due, or passed unsent."""
    reminder = approaching.sent(days)
    if reminder is not None:
        sent_on = timezone.localtime(reminder.sent_at).date()
        return _("sent on %(date)s") % {"date": format_date(sent_on, language)}
    if approaching.why_not_reminded:
        return _("not sent")
    if days == approaching.threshold:
        return _("due, not yet sent")
    return _("not sent (a nearer one was due)")


def expired_row(agreement: Agreement, now: datetime.datetime, language: str) -> Row:
    row = base_row(agreement, language)
    assert agreement.expires_on is not None  # recently_expired() asks for one
    row.expires = format_date(agreement.expires_on, language)
    row.days = number((party_days(agreement, now)[-1] - agreement.expires_on).days, language)
    return row


def responsible_line(party: Party) -> str:
    person = party.responsible
    assert person is not None
    name = person.get_full_name() or person.get_username()
    if person.email:
        return f"{name} <{person.email}>"
    return _("%(name)s (no e-mail address)") % {"name": name}


def change_url(agreement: Agreement) -> str:
    """The agreement's page in the staff admin, if the admin shows agreements."""
    try:
        return reverse("admin:cooperation_agreement_change", args=[agreement.pk])
    except NoReverseMatch:
        return ""


def recently_expired(now: datetime.datetime) -> list[Agreement]:
    """Signed agreements expired in every party's calendar within RECENTLY_EXPIRED_DAYS,
    the latest first (superseded ones are not: they were renewed)."""
    earliest = now.date() - datetime.timedelta(days=RECENTLY_EXPIRED_DAYS + 1)
    candidates = agreements_with_parties().signed().filter(expires_on__gte=earliest)
    expired = [
        agreement
        for agreement in candidates
        if status_in(agreement, party_days(agreement, now)[-1]) == terms.Status.EXPIRED
        and is_recent(agreement, now)
    ]
    return sorted(expired, key=lambda agreement: agreement.expires_on, reverse=True)


def is_recent(agreement: Agreement, now: datetime.datetime) -> bool:
    assert agreement.expires_on is not None
    days_since = (party_days(agreement, now)[-1] - agreement.expires_on).days
    return days_since <= RECENTLY_EXPIRED_DAYS


def drafts() -> list[Agreement]:
    """Agreements not yet signed or without an effective date (terms.Status.DRAFT)."""
    unsigned = Q(signed_on__isnull=True) | Q(effective_from__isnull=True)
    return list(agreements_with_parties().filter(unsigned).order_by("-created_at"))


urlpatterns: list[URLPattern] = []
staff_urlpatterns: list[URLPattern] = [path("", dashboard, name="dashboard")]
