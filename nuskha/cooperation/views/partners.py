"""Cooperation views: the partners' pages, public (/cooperation/ and
/cooperation/partners/<code>/) and for staff (/staff/cooperation/partners/<code>/), each
with the partner's timeline (drawn by timeline.py), and the partner's yearly report as
CSV (written by reports.py).

The public sees signed agreements only, their clauses, renewals and activities; drafts
are for staff, and so are contacts, who answers for each agreement and the reports.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from nuskha.calendars import format_date
from nuskha.catalogue.models import Institution
from nuskha.cooperation import reports, timeline
from nuskha.cooperation.models import (
    SCOPE_LABELS,
    STATUS_LABELS,
    Activity,
    Agreement,
    Contact,
    Participant,
)
from nuskha.cooperation.terms import Scope, Status

INTERFACE_LANGUAGES = ("fa", "kk", "ru", "en")

AGREEMENTS = Agreement.objects.prefetch_related(
    "texts__language",
    "parties__institution__names__language",
    "parties__responsible",
    "clauses__scopes",
    "extensions",
).select_related("extends")

ACTIVITIES = Activity.objects.select_related(
    "agreement", "clause", "host", "from_institution", "to_institution"
).prefetch_related(
    "agreement__texts__language",
    "host__names__language",
    "from_institution__names__language",
    "to_institution__names__language",
    Prefetch("participants", Participant.objects.select_related("institution")),
    "participants__institution__names__language",
)


# What the templates show ----------------------------------------------------------------


@dataclass
class PartyView:
    name: str
    code: str
    signatory: str
    responsible: str


@dataclass
class ClauseView:
    number: str
    text: str
    scopes: list[str]


@dataclass
class AgreementView:
    """One agreement as a partner's page shows it, its dates in the reader's calendar."""

    agreement: Agreement
    title: str
    summary: str
    kind: str
    status: str
    status_label: str
    signed_on: str
    effective_from: str
    expires_on: str
    parties: list[PartyView]
    clauses: list[ClauseView]
    extends: str = ""  # "renewal of: <title>"
    extended_by: list[str] = field(default_factory=list)

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT


@dataclass
class ActivityView:
    activity: Activity
    kind: str
    title: str
    dates: str
    place: str
    host: str
    route: str  # exchanges: from where to where
    agreement: str
    participants: list[str]


@dataclass
class PartnerView:
    """A partner with what its page shows."""

    institution: Institution
    name: str
    chains: list[list[AgreementView]]
    activities: list[ActivityView]
    timeline: SafeString

    @property
    def agreements(self) -> list[AgreementView]:
        return [view for chain in self.chains for view in chain]


# Public pages --------------------------------------------------------------------------


def partner_list(request: HttpRequest) -> HttpResponse:
    """Every institution party to a signed agreement, with its agreements and timeline."""
    language = interface_language()
    signed = Agreement.objects.signed()
    partners = (
        Institution.objects.filter(agreement_parties__agreement__in=signed)
        .distinct()
        .prefetch_related("names__language")
    )
    views = [partner_view(partner, language, include_drafts=False) for partner in partners]
    return render(request, "cooperation/partner_list.html", {"partners": views})


def partner_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One partner: its agreements (drafts only for staff), activities and timeline."""
    partner = get_object_or_404(Institution.objects.prefetch_related("names__language"), code=code)
    is_staff = bool(request.user.is_staff)
    view = partner_view(partner, interface_language(), include_drafts=is_staff)
    if not view.agreements and not is_staff:
        raise Http404(_("This institution is party to no public agreement."))
    context = {"partner": view, "is_staff": is_staff}
    return render(request, "cooperation/partner_detail.html", context)


# Staff pages ---------------------------------------------------------------------------


@staff_member_required
def staff_partner(request: HttpRequest, code: str) -> HttpResponse:
    """The partner's page for staff: drafts too, contacts, who answers for each agreement
    on each side, and the yearly reports."""
    partner = get_object_or_404(Institution.objects.prefetch_related("names__language"), code=code)
    view = partner_view(partner, interface_language(), include_drafts=True)
    context = {
        **admin.site.each_context(request),
        "title": _("Cooperation with %(partner)s") % {"partner": view.name},
        "partner": view,
        "contacts": Contact.objects.filter(institution=partner),
        "report_years": report_years(view),
    }
    return render(request, "cooperation/partner_staff.html", context)


@staff_member_required
def partner_report(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The yearly report as a CSV download."""
    partner = get_object_or_404(Institution.objects.prefetch_related("names__language"), code=code)
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise Http404(_("There is no year %(year)s.") % {"year": year})
    report = reports.yearly_report(partner, year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{reports.file_name(partner, year)}"'
    reports.write_csv(reports.report_rows(report, interface_language()), response)
    return response


def report_years(view: PartnerView) -> list[int]:
    """This year back to the first year of the partner's agreements and activities."""
    this_year = timezone.localdate().year
    days = [a.agreement.signed_on or a.agreement.effective_from for a in view.agreements]
    days += [a.activity.starts_on for a in view.activities]
    first = min((day.year for day in days if day is not None), default=this_year)
    return list(range(this_year, min(first, this_year) - 1, -1))


# Building the views ----------------------------------------------------------------------


def interface_language() -> str:
    code = (get_language() or "en").split("-")[0].lower()
    return code if code in INTERFACE_LANGUAGES else "en"


def institution_name(institution: Institution | None, language: str) -> str:
    if institution is None:
        return ""
    return institution.name(language) or institution.code


def partner_agreements(partner: Institution, include_drafts: bool) -> QuerySet[Agreement]:
    agreements = AGREEMENTS.filter(parties__institution=partner).distinct()
    return agreements if include_drafts else agreements.signed()


def partner_view(partner: Institution, language: str, include_drafts: bool) -> PartnerView:
    agreements = list(partner_agreements(partner, include_drafts))
    views = {agreement.pk: agreement_view(agreement, language) for agreement in agreements}
    link_renewals(agreements, views, language)
    chains = renewal_chains(agreements, views)
    activities = list(ACTIVITIES.filter(agreement__in=[a.pk for a in agreements]))
    activities.sort(key=lambda activity: (activity.starts_on, activity.pk))
    name = institution_name(partner, language)
    ordered = [view for chain in chains for view in chain]
    return PartnerView(
        institution=partner,
        name=name,
        chains=chains,
        activities=[activity_view(activity, language) for activity in activities],
        timeline=timeline_svg(partner, name, ordered, activities, language),
    )


def agreement_view(agreement: Agreement, language: str) -> AgreementView:
    status = agreement.status()
    return AgreementView(
        agreement=agreement,
        title=agreement.title(language) or agreement.reference,
        summary=agreement.summary(language),
        kind=capfirst(str(Agreement.Kind(agreement.kind).label)),
        status=status.value,
        status_label=str(STATUS_LABELS[status]),
        signed_on=day_or_blank(agreement.signed_on, language),
        effective_from=day_or_blank(agreement.effective_from, language),
        expires_on=day_or_blank(agreement.expires_on, language),
        parties=[party_view(party, language) for party in agreement.parties.all()],
        clauses=[clause_view(clause) for clause in agreement.clauses.all()],
    )


def day_or_blank(day: datetime.date | None, language: str) -> str:
    return format_date(day, language) if day is not None else ""


def party_view(party: Any, language: str) -> PartyView:
    person = party.responsible
    responsible = ""
    if person is not None:
        responsible = person.get_full_name() or person.get_username()
        if person.email:
            responsible = f"{responsible} <{person.email}>"
    return PartyView(
        name=institution_name(party.institution, language),
        code=party.institution.code,
        signatory=party.signatory,
        responsible=responsible,
    )


def clause_view(clause: Any) -> ClauseView:
    labels = [str(SCOPE_LABELS.get(Scope(value), value)) for value in clause.scope_values()]
    return ClauseView(number=clause.number, text=clause.text, scopes=labels)


def link_renewals(
    agreements: Sequence[Agreement], views: dict[int, AgreementView], language: str
) -> None:
    """Say on each agreement what it renews or amends, and what renews or amends it,
    among the agreements shown (a draft renewal is not named to the public)."""
    for agreement in agreements:
        before = views.get(agreement.extends_id or 0)
        if before is None:
            continue
        views[agreement.pk].extends = f"{extension_words(agreement)}: {before.title}"
        before.extended_by.append(f"{extended_words(agreement)}: {views[agreement.pk].title}")


def extension_words(agreement: Agreement) -> str:
    """What an extension does to what it extends: renews or amends it."""
    if agreement.extension == Agreement.Extension.AMENDMENT:
        return _("amends")
    return _("renews")


def extended_words(agreement: Agreement) -> str:
    """The same, seen from what is extended."""
    if agreement.extension == Agreement.Extension.AMENDMENT:
        return _("amended by")
    return _("renewed by")


def renewal_chains(
    agreements: Sequence[Agreement], views: dict[int, AgreementView]
) -> list[list[AgreementView]]:
    """The agreements grouped by the first agreement of their chain (each renewal under
    what it renews), oldest first within each chain."""
    by_pk = {agreement.pk: agreement for agreement in agreements}
    chains: dict[int, list[Agreement]] = {}
    for agreement in agreements:
        chains.setdefault(chain_root(agreement, by_pk).pk, []).append(agreement)
    ordered = sorted(chains.values(), key=lambda chain: start_key(chain_root(chain[0], by_pk)))
    return [[views[a.pk] for a in sorted(chain, key=start_key)] for chain in ordered]


def chain_root(agreement: Agreement, shown: dict[int, Agreement]) -> Agreement:
    seen = {agreement.pk}
    while agreement.extends_id in shown and agreement.extends_id not in seen:
        agreement = shown[agreement.extends_id]
        seen.add(agreement.pk)
    return agreement


def start_key(agreement: Agreement) -> tuple[datetime.date, int]:
    """Agreements in time order; drafts without dates last."""
    start = starts_on(agreement) or datetime.date.max
    return start, agreement.pk


def starts_on(agreement: Agreement) -> datetime.date | None:
    """Where its bar begins: signing, or taking effect if that came first or alone."""
    days = [day for day in (agreement.signed_on, agreement.effective_from) if day is not None]
    return min(days) if days else None


def activity_view(activity: Activity, language: str) -> ActivityView:
    dates = format_date(activity.starts_on, language)
    if activity.ends_on and activity.ends_on != activity.starts_on:
        dates = f"{dates} – {format_date(activity.ends_on, language)}"
    route = ""
    if activity.from_institution or activity.to_institution:
        route = _("from %(from)s to %(to)s") % {
            "from": institution_name(activity.from_institution, language),
            "to": institution_name(activity.to_institution, language),
        }
    return ActivityView(
        activity=activity,
        kind=capfirst(str(Activity.Kind(activity.kind).label)),
        title=activity.title,
        dates=dates,
        place=activity.place,
        host=institution_name(activity.host, language),
        route=route,
        agreement=activity.agreement.title(language) or activity.agreement.reference,
        participants=[participant_line(p, language) for p in activity.participants.all()],
    )


def participant_line(participant: Participant, language: str) -> str:
    details = [participant.position, str(Participant.Role(participant.role).label)]
    details.append(institution_name(participant.institution, language))
    return f"{participant.name} ({', '.join(part for part in details if part)})"


# The timeline ---------------------------------------------------------------------------


def timeline_svg(
    partner: Institution,
    name: str,
    agreements: Sequence[AgreementView],
    activities: Iterable[Activity],
    language: str,
) -> SafeString:
    """The partner's timeline for the reader: Solar Hijri years in Persian, mirrored
    when the interface reads right to left."""
    bars = timeline_bars(agreements)
    drawing = timeline.Timeline(
        title=_("Timeline of the cooperation with %(partner)s") % {"partner": name},
        description=_(
            "Agreements as bars from signing to expiry, each renewal joined to what it "
            "renews, activities as points, and a line at today."
        ),
        today=timezone.localdate(),
        bars=bars,
        points=[timeline_point(activity) for activity in activities],
        today_label=_("today"),
    )
    svg = timeline.render(
        drawing,
        rtl=get_language_bidi(),
        year_ticks=timeline.solar_hijri_years if language == "fa" else timeline.gregorian_years,
        format_day=lambda day: format_date(day, language),
        id_prefix="timeline-" + re.sub(r"[^\w-]", "-", partner.code),
    )
    # Safe: timeline.render() builds the SVG with ElementTree, which escapes every text.
    return mark_safe(svg)  # noqa: S308


def timeline_bars(agreements: Sequence[AgreementView]) -> list[timeline.Bar]:
    """A bar for each agreement with a date to start from (drafts often have none)."""
    drawn = {view.agreement.pk for view in agreements if starts_on(view.agreement)}
    bars = []
    for view in agreements:
        agreement = view.agreement
        start = starts_on(agreement)
        if start is None:
            continue
        extends = agreement.extends_id if agreement.extends_id in drawn else None
        bars.append(
            timeline.Bar(
                key=f"agreement-{agreement.pk}",
                label=view.title,
                starts_on=start,
                ends_on=agreement.expires_on,
                effective_from=agreement.effective_from,
                status=view.status,
                status_label=view.status_label,
                extends=f"agreement-{extends}" if extends else None,
                link_label=extension_words(agreement),
            )
        )
    return bars


def timeline_point(activity: Activity) -> timeline.Point:
    return timeline.Point(
        kind=activity.kind,
        label=activity.title,
        on=activity.starts_on,
        ends_on=activity.ends_on,
        kind_label=str(Activity.Kind(activity.kind).label),
    )


urlpatterns: list[URLPattern] = [
    path("cooperation/", partner_list, name="partners"),
    path("cooperation/partners/<str:code>/", partner_detail, name="partner"),
]
staff_urlpatterns: list[URLPattern] = [
    path("partners/<str:code>/", staff_partner, name="staff-partner"),
    path("partners/<str:code>/report/<int:year>.csv", partner_report, name="partner-report"),
]
