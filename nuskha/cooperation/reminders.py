"""Expiry reminders for agreements: which agreements are approaching their expiry, which
reminder each is due, and sending each reminder once. Glue (the ORM and Django's e-mail)
around the pure rules of terms.py; the staff dashboard reads the same answers.

The rules, as decided for issue 7:

- *Whose calendar.* Every party's institution counts days in its own time zone. An
  agreement is due a reminder as soon as it is within the threshold in the calendar of
  any party in which it is still in force, that is the party furthest ahead (Almaty's
  day begins an hour and a half before Tehran's), so that no party hears late. The days
  left that the message and the dashboard give are counted in that calendar too.
- *Which agreements.* Signed agreements in force (in force or expiring soon) with an
  expiry day. Drafts, agreements not yet in force, expired and superseded ones get
  nothing. Nor does an agreement whose renewal is already signed (there is nothing left
  to do), nor an amendment that expires with the agreement it amends (that agreement's
  reminder covers it); the dashboard still lists both, saying why.
- *Which threshold.* Only the nearest (terms.reminder_due): an agreement first recorded
  25 days before its expiry gets its 30-day reminder, never the 180- and 90-day ones.
- *Exactly once.* A reminder is one e-mail to the responsible staff member of every
  party, recorded as a ReminderSent row, unique per agreement, threshold and expiry day
  (so a corrected expiry day is reminded afresh). The row is written first and the
  message sent inside the same transaction: when two workers run at once the unique
  constraint lets one of them through, and when sending fails the row is rolled back,
  so the next run tries again.
- *Nobody to write to.* When no party names a responsible staff member with an e-mail
  address, nothing is sent and nothing recorded; a warning is logged, the job's result
  and the dashboard name the agreement, and the reminder goes out on the first run
  after someone is named (while that threshold is still the nearest).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from nuskha.calendars import format_date
from nuskha.cooperation import terms
from nuskha.cooperation.models import Agreement, AgreementQuerySet, ReminderSent

logger = logging.getLogger(__name__)


class ReminderError(Exception):
    """Some reminders could not be sent (they are tried again on the next run)."""


@dataclass(frozen=True)
class Approaching:
    """A signed agreement in force, within a reminder threshold of its expiry day."""

    agreement: Agreement
    days_left: int
    threshold: int
    why_not_reminded: str = ""  # empty when reminders go out for it

    @property
    def expires_on(self) -> datetime.date:
        assert self.agreement.expires_on is not None  # only such agreements approach
        return self.agreement.expires_on

    @property
    def recipients(self) -> list[str]:
        return responsible_addresses(self.agreement)

    def sent(self, days_before: int) -> ReminderSent | None:
        """The reminder sent at that threshold about the present expiry day, if any."""
        for reminder in self.agreement.reminders_sent.all():
            if reminder.days_before == days_before and reminder.expires_on == self.expires_on:
                return reminder
        return None


def party_days(agreement: Agreement, now: datetime.datetime) -> list[datetime.date]:
    """The day it is at `now` in each party's time zone, the furthest ahead first (UTC's
    for an agreement without parties, as Agreement.granting_time_zone has it)."""
    zones = {party.institution.time_zone for party in agreement.parties.all()}
    days = {terms.local_today(now, zone) for zone in zones or {"UTC"}}
    return sorted(days, reverse=True)


def status_in(agreement: Agreement, day: datetime.date) -> terms.Status:
    return terms.status_on(
        day,
        signed_on=agreement.signed_on,
        effective_from=agreement.effective_from,
        expires_on=agreement.expires_on,
        renewed_from=agreement.renewed_from(),
    )


def agreements_with_parties() -> AgreementQuerySet:
    """Agreements with what reminders and the dashboard read about them, fetched at once."""
    return Agreement.objects.prefetch_related(
        "parties__institution__names__language",
        "parties__responsible",
        "texts__language",
        "extensions",
        "reminders_sent",
    ).select_related("extends")


def approaching_expiry(now: datetime.datetime) -> list[Approaching]:
    """Signed agreements in force within 180 days of their expiry day, the nearest first."""
    agreements = agreements_with_parties().signed().filter(expires_on__isnull=False)
    found = [reckon(agreement, now) for agreement in agreements]
    return sorted(
        (approaching for approaching in found if approaching is not None),
        key=lambda approaching: (approaching.days_left, approaching.agreement.reference),
    )


def reckon(agreement: Agreement, now: datetime.datetime) -> Approaching | None:
    """How the agreement stands in the calendar of the party furthest ahead in which it is
    still in force, if it is within a reminder threshold there."""
    expires_on = agreement.expires_on
    if expires_on is None:
        return None
    for day in party_days(agreement, now):
        if status_in(agreement, day) not in terms.IN_FORCE:
            continue
        threshold = terms.reminder_due(day, expires_on)
        if threshold is None:
            return None
        days_left = (expires_on - day).days
        return Approaching(agreement, days_left, threshold, why_not_reminded(agreement))
    return None


def why_not_reminded(agreement: Agreement) -> str:
    """Why an agreement in force gets no reminders of its own, or "" when it does."""
    renewal = signed_renewal(agreement)
    if renewal is not None:
        return _("Its renewal %(reference)s is signed.") % {"reference": renewal.reference}
    amended = agreement.extends
    if (
        agreement.extension == Agreement.Extension.AMENDMENT
        and amended is not None
        and amended.expires_on == agreement.expires_on
    ):
        return _("It expires with %(reference)s, which is reminded of.") % {
            "reference": amended.reference
        }
    return ""


def signed_renewal(agreement: Agreement) -> Agreement | None:
    renewals = [
        extension
        for extension in agreement.extensions.all()
        if extension.extension == Agreement.Extension.RENEWAL and extension.signed_on
    ]
    return min(renewals, key=lambda renewal: renewal.signed_on) if renewals else None


def responsible_addresses(agreement: Agreement) -> list[str]:
    """The e-mail addresses of the parties' responsible staff (active, with an address)."""
    addresses = {
        party.responsible.email
        for party in agreement.parties.all()
        if party.responsible is not None and party.responsible.is_active and party.responsible.email
    }
    return sorted(addresses)


def due_reminders(now: datetime.datetime) -> list[Approaching]:
    """The reminders due at `now` and not yet sent: one per agreement, at its nearest
    threshold."""
    return [
        approaching
        for approaching in approaching_expiry(now)
        if not approaching.why_not_reminded and approaching.sent(approaching.threshold) is None
    ]


def send_due_reminders(now: datetime.datetime) -> list[ReminderSent]:
    """Send every reminder due at `now` that has not been sent, and return those sent.

    Raises ReminderError, after trying all the others, when some could not be sent."""
    sent, failed = [], []
    for due in due_reminders(now):
        if not due.recipients:
            logger.warning(
                "No reminder for %s (%s days): no party names a responsible staff member "
                "with an e-mail address.",
                due.agreement.reference,
                due.threshold,
            )
            continue
        try:
            reminder = send_reminder(due, now)
        except Exception:  # one unreachable mail server or address must not stop the others
            logger.exception("The reminder for %s could not be sent.", due.agreement.reference)
            failed.append(due.agreement.reference)
            continue
        if reminder is not None:
            sent.append(reminder)
    if failed:
        raise ReminderError("Reminders not sent, to be tried again: " + ", ".join(failed))
    return sent


def send_reminder(due: Approaching, now: datetime.datetime) -> ReminderSent | None:
    """Record and send one reminder, or None if it was already recorded (by this run's
    earlier look or by another worker at the same time)."""
    recipients = due.recipients
    try:
        with transaction.atomic():
            reminder = ReminderSent.objects.create(
                agreement=due.agreement,
                days_before=due.threshold,
                expires_on=due.expires_on,
                sent_at=now,
                recipients=", ".join(recipients),
            )
            # Sent inside the transaction: if it fails, the row goes, and the next run retries.
            reminder_message(due, recipients).send()
    except IntegrityError:
        return None
    return reminder


def reminder_message(due: Approaching, recipients: list[str]) -> EmailMessage:
    """The plain-text e-mail, in the site's language, its dates in English and Persian."""
    with translation.override(settings.LANGUAGE_CODE):
        context = reminder_context(due)
        subject = render_to_string("cooperation/email/reminder_subject.txt", context)
        body = render_to_string("cooperation/email/reminder_body.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=recipients)


def reminder_context(due: Approaching) -> dict[str, Any]:
    agreement = due.agreement
    titles = [agreement.title("en"), agreement.title("fa")]
    return {
        "reference": agreement.reference,
        "titles": list(dict.fromkeys(title for title in titles if title)),
        "parties": [party_line(party) for party in agreement.parties.all()],
        "expires_en": format_date(due.expires_on, "en"),
        "expires_fa": format_date(due.expires_on, "fa"),
        "days_left": due.days_left,
        "threshold": due.threshold,
        "dashboard_url": settings.BASE_URL + reverse("cooperation:dashboard"),
    }


def party_line(party: Any) -> str:
    """ "National Library and Archives of Iran (IR-NLAI), responsible: Maryam Ahmadi"."""
    institution = party.institution
    line = f"{institution.name('en') or institution.code} ({institution.code})"
    person = party.responsible
    if person is not None:
        line += ", " + _("responsible: %(name)s") % {"name": person.get_full_name() or person}
    return line
