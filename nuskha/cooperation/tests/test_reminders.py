"""Expiry reminders: one e-mail per agreement and threshold however often the job runs,
counted in each party's calendar, never for drafts, expired or superseded agreements."""

from __future__ import annotations

import datetime
import re
import socket
from collections import Counter
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from nuskha.calendars import format_date
from nuskha.catalogue.models import Institution, Language
from nuskha.conftest import make_staff
from nuskha.cooperation.models import Agreement, AgreementText, Party, ReminderSent
from nuskha.cooperation.reminders import (
    ReminderError,
    due_reminders,
    send_due_reminders,
    send_reminder,
)
from nuskha.jobs.models import Job, Schedule
from nuskha.jobs.worker import Worker

UTC = datetime.UTC
TEHRAN, ALMATY = ZoneInfo("Asia/Tehran"), ZoneInfo("Asia/Almaty")
EXPIRY = datetime.date(2027, 3, 20)


def make_agreement(
    reference: str,
    parties: list[tuple[Institution, Any]],
    *,
    expires_on: datetime.date | None = EXPIRY,
    signed_on: datetime.date | None = datetime.date(2022, 3, 1),
    effective_from: datetime.date | None = datetime.date(2022, 3, 21),
    titles: dict[str, str] | None = None,
    **fields: Any,
) -> Agreement:
    agreement = Agreement.objects.create(
        kind=Agreement.Kind.MEMORANDUM,
        reference=reference,
        signed_on=signed_on,
        effective_from=effective_from,
        expires_on=expires_on,
        **fields,
    )
    for code, title in (titles or {"en": f"Memorandum {reference}"}).items():
        AgreementText.objects.create(
            agreement=agreement, language=Language.objects.get(code=code), title=title
        )
    for institution, responsible in parties:
        Party.objects.create(agreement=agreement, institution=institution, responsible=responsible)
    return agreement


def at(
    day: datetime.date, hour: int, zone: ZoneInfo = TEHRAN, minute: int = 0
) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), zone)


def sent_thresholds(reference: str) -> list[int]:
    """The thresholds of the messages in the outbox about an agreement, in sending order."""
    return [
        int(re.search(r"the (\d+)-day reminder", message.body)[1])  # type: ignore[index]
        for message in mail.outbox
        if f"Agreement {reference} " in message.subject
    ]


@pytest.fixture
def partners(iran_library: Institution, kazakh_library: Institution) -> dict[str, Any]:
    maryam = make_staff("maryam", iran_library)
    aigerim = make_staff("aigerim", kazakh_library)
    return {"iran": iran_library, "kazakh": kazakh_library, "maryam": maryam, "aigerim": aigerim}


@pytest.fixture
def memorandum(partners: dict[str, Any]) -> Agreement:
    return make_agreement(
        "IR-KZ/MoU/2022",
        [(partners["iran"], partners["maryam"]), (partners["kazakh"], partners["aigerim"])],
        titles={
            "en": "Memorandum of understanding on manuscripts",
            "fa": "تفاهم‌نامهٔ همکاری دربارهٔ نسخ خطی",
        },
    )


# Exactly once ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_repeated_runs_send_each_threshold_once_per_agreement(
    partners: dict[str, Any], memorandum: Agreement
) -> None:
    later = make_agreement(
        "IR-KZ/PROG/2023",
        [(partners["iran"], partners["maryam"])],
        expires_on=EXPIRY + datetime.timedelta(days=45),
    )
    day = EXPIRY - datetime.timedelta(days=200)
    while day <= later.expires_on + datetime.timedelta(days=3):
        # Three runs a day: after midnight in Almaty, the morning and the evening in Tehran.
        for hour in (0, 8, 21):
            send_due_reminders(at(day, hour, ALMATY if hour == 0 else TEHRAN))
        day += datetime.timedelta(days=1)

    assert sent_thresholds(memorandum.reference) == [180, 90, 30, 7]
    assert sent_thresholds(later.reference) == [180, 90, 30, 7]
    assert len(mail.outbox) == 8
    recorded = Counter(
        (reminder.agreement.reference, reminder.days_before)
        for reminder in ReminderSent.objects.all()
    )
    assert set(recorded.values()) == {1} and len(recorded) == 8
    both = sorted(["maryam@example.org", "aigerim@example.org"])
    for message in mail.outbox:
        expected = both if memorandum.reference in message.subject else ["maryam@example.org"]
        assert sorted(message.to) == expected


@pytest.mark.django_db
def test_each_reminder_goes_on_the_day_its_threshold_begins_for_the_party_furthest_ahead(
    memorandum: Agreement,
) -> None:
    day = EXPIRY - datetime.timedelta(days=185)
    while day <= EXPIRY:
        send_due_reminders(at(day, 0, ALMATY, minute=5))  # just after midnight in Almaty
        day += datetime.timedelta(days=1)
    sent_on = {
        reminder.days_before: (EXPIRY - reminder.sent_at.astimezone(ALMATY).date()).days
        for reminder in ReminderSent.objects.all()
    }
    assert sent_on == {180: 180, 90: 90, 30: 30, 7: 7}


@pytest.mark.django_db
def test_many_runs_at_the_same_moment_send_one_message(memorandum: Agreement) -> None:
    now = at(EXPIRY - datetime.timedelta(days=25), 8)
    for _run in range(5):
        send_due_reminders(now)
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.get().days_before == 30


@pytest.mark.django_db
def test_two_workers_that_both_saw_a_reminder_due_send_it_once(memorandum: Agreement) -> None:
    now = at(EXPIRY - datetime.timedelta(days=6), 9)
    first_look, second_look = due_reminders(now), due_reminders(now)
    assert send_reminder(first_look[0], now) is not None
    assert send_reminder(second_look[0], now) is None  # the unique constraint decided
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.count() == 1


@pytest.mark.django_db
def test_only_the_nearest_threshold_is_sent_to_an_agreement_recorded_late(
    partners: dict[str, Any],
) -> None:
    make_agreement("LATE/1", [(partners["iran"], partners["maryam"])])
    send_due_reminders(at(EXPIRY - datetime.timedelta(days=20), 8))
    assert sent_thresholds("LATE/1") == [30]


@pytest.mark.django_db
def test_a_corrected_expiry_day_is_reminded_afresh(memorandum: Agreement) -> None:
    send_due_reminders(at(EXPIRY - datetime.timedelta(days=5), 8))
    memorandum.expires_on = EXPIRY + datetime.timedelta(days=2)
    memorandum.save()
    send_due_reminders(at(EXPIRY - datetime.timedelta(days=4), 8))
    assert sent_thresholds(memorandum.reference) == [7, 7]
    assert sorted(ReminderSent.objects.values_list("expires_on", flat=True)) == [
        EXPIRY,
        memorandum.expires_on,
    ]


# Whose calendar ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_threshold_day_begins_in_almaty_before_tehran(partners: dict[str, Any]) -> None:
    almaty_only = make_agreement("KZ/1", [(partners["kazakh"], partners["aigerim"])])
    tehran_only = make_agreement("IR/1", [(partners["iran"], partners["maryam"])])
    both = make_agreement(
        "IR-KZ/1",
        [(partners["iran"], partners["maryam"]), (partners["kazakh"], partners["aigerim"])],
    )
    threshold_day = EXPIRY - datetime.timedelta(days=30)
    send_due_reminders(at(threshold_day - datetime.timedelta(days=1), 12))  # the 90-day ones
    mail.outbox.clear()

    almaty_midnight = at(threshold_day, 0, ALMATY, minute=15)
    assert almaty_midnight.astimezone(TEHRAN).date() == threshold_day - datetime.timedelta(days=1)
    send_due_reminders(almaty_midnight)
    assert sent_thresholds(almaty_only.reference) == [30]
    assert sent_thresholds(both.reference) == [30]  # the party furthest ahead decides
    assert sent_thresholds(tehran_only.reference) == []

    send_due_reminders(at(threshold_day, 0, TEHRAN, minute=15))
    assert sent_thresholds(tehran_only.reference) == [30]
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_an_agreement_is_reminded_through_its_expiry_day_and_not_after(
    partners: dict[str, Any],
) -> None:
    make_agreement("IR/LAST", [(partners["iran"], partners["maryam"])])
    send_due_reminders(at(EXPIRY, 23, TEHRAN, minute=50))  # the last minutes it is in force
    assert sent_thresholds("IR/LAST") == [7]
    make_agreement(
        "IR/GONE",
        [(partners["iran"], partners["maryam"])],
        expires_on=EXPIRY - datetime.timedelta(days=1),
    )
    send_due_reminders(at(EXPIRY, 0, TEHRAN, minute=10))
    assert sent_thresholds("IR/GONE") == []


# Who gets none ------------------------------------------------------------------------


@pytest.mark.django_db
def test_expired_superseded_draft_and_pending_agreements_get_no_reminder(
    partners: dict[str, Any],
) -> None:
    iran = [(partners["iran"], partners["maryam"])]
    now = at(EXPIRY - datetime.timedelta(days=5), 8)
    make_agreement("EXPIRED", iran, expires_on=EXPIRY - datetime.timedelta(days=10))
    make_agreement("DRAFT", iran, signed_on=None)
    make_agreement("NO-EFFECTIVE-DATE", iran, effective_from=None)
    make_agreement(
        "PENDING", iran, effective_from=EXPIRY - datetime.timedelta(days=2), expires_on=EXPIRY
    )
    old = make_agreement("SUPERSEDED", iran)
    make_agreement(
        "SUPERSEDED/RENEWAL",
        iran,
        extends=old,
        extension=Agreement.Extension.RENEWAL,
        signed_on=EXPIRY - datetime.timedelta(days=60),
        effective_from=EXPIRY - datetime.timedelta(days=30),
        expires_on=EXPIRY + datetime.timedelta(days=5 * 365),
    )
    send_due_reminders(now)
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


@pytest.mark.django_db
def test_a_signed_renewal_or_an_amendment_expiring_alike_stops_duplicate_reminders(
    partners: dict[str, Any],
) -> None:
    iran = [(partners["iran"], partners["maryam"])]
    renewed = make_agreement("RENEWED", iran)
    make_agreement(
        "RENEWED/2",  # signed, takes effect the day after the first expires
        iran,
        extends=renewed,
        extension=Agreement.Extension.RENEWAL,
        signed_on=EXPIRY - datetime.timedelta(days=40),
        effective_from=EXPIRY + datetime.timedelta(days=1),
        expires_on=EXPIRY + datetime.timedelta(days=5 * 365),
    )
    amended = make_agreement("AMENDED", iran)
    make_agreement("AMENDED/A1", iran, extends=amended, extension=Agreement.Extension.AMENDMENT)
    send_due_reminders(at(EXPIRY - datetime.timedelta(days=20), 8))
    assert [message.subject for message in mail.outbox] == ["Agreement AMENDED expires in 20 days"]


@pytest.mark.django_db
def test_nobody_to_write_to_records_nothing_until_someone_is_named(
    partners: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    partners["maryam"].email = ""
    partners["maryam"].save()
    agreement = make_agreement(
        "NOBODY", [(partners["iran"], partners["maryam"]), (partners["kazakh"], None)]
    )
    now = at(EXPIRY - datetime.timedelta(days=80), 8)
    assert send_due_reminders(now) == []
    assert mail.outbox == [] and not ReminderSent.objects.exists()
    assert "No reminder for NOBODY (90 days)" in caplog.text

    agreement.parties.filter(institution=partners["kazakh"]).update(responsible=partners["aigerim"])
    sent = send_due_reminders(now + datetime.timedelta(days=1))
    assert [(reminder.days_before, reminder.recipients) for reminder in sent] == [
        (90, "aigerim@example.org")
    ]
    assert mail.outbox[0].to == ["aigerim@example.org"]


# Sending -------------------------------------------------------------------------------


def closed_port() -> int:
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.django_db
def test_a_failed_sending_is_not_recorded_and_the_next_run_sends_it(
    memorandum: Agreement, settings: Any
) -> None:
    now = at(EXPIRY - datetime.timedelta(days=3), 8)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 5
    with pytest.raises(ReminderError, match="IR-KZ/MoU/2022"):
        send_due_reminders(now)
    assert not ReminderSent.objects.exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_due_reminders(now + datetime.timedelta(hours=1))
    assert sent_thresholds(memorandum.reference) == [7]


@pytest.mark.django_db
def test_the_message_names_the_agreement_parties_and_expiry_in_both_calendars(
    memorandum: Agreement, settings: Any
) -> None:
    settings.BASE_URL = "https://nuskha.example.org"
    send_due_reminders(at(EXPIRY - datetime.timedelta(days=29), 8))
    [message] = mail.outbox
    assert message.subject == "Agreement IR-KZ/MoU/2022 expires in 29 days"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    body = message.body
    for expected in [
        "Memorandum of understanding on manuscripts / تفاهم‌نامهٔ همکاری دربارهٔ نسخ خطی",
        "Reference: IR-KZ/MoU/2022",
        "National Library and Archives of Iran (IR-NLAI), responsible: maryam",
        "National Academic Library of the Republic of Kazakhstan (KZ-NALRK)",
        f"In force through: 20 March 2027 ({format_date(EXPIRY, 'fa')})",
        "Days left: 29",
        "https://nuskha.example.org/staff/cooperation/",
        "this is the 30-day reminder",
    ]:
        assert expected in body
    assert "۲۹ اسفند ۱۴۰۵" in body  # the Solar Hijri date, in Persian digits
    assert "&" not in body and "&#" not in body  # plain text, nothing HTML-escaped


# The scheduled job ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_migration_schedules_the_registered_job_every_morning() -> None:
    schedule = Schedule.objects.get(job_name="nuskha.cooperation.jobs.send_agreement_reminders")
    assert (schedule.cron, schedule.time_zone, schedule.is_enabled) == (
        "0 8 * * *",
        "Asia/Tehran",
        True,
    )
    schedule.full_clean()  # the job name is registered


# Transactional: the real worker (and django-tasks-db under it) closes connections left
# in a transaction, which on PostgreSQL would be the test's own. Earlier transactional
# tests empty every table, the migration's schedule included: it is made again here.
@pytest.mark.django_db(transaction=True)
def test_the_daily_schedule_runs_the_job_through_a_worker(partners: dict[str, Any]) -> None:
    schedule, _made = Schedule.objects.get_or_create(
        job_name="nuskha.cooperation.jobs.send_agreement_reminders",
        defaults={"name": "Remind of agreements expiring (daily)", "cron": "0 8 * * *",
                  "time_zone": "Asia/Tehran"},
    )  # fmt: skip
    today = datetime.datetime.now(UTC).astimezone(ALMATY).date()
    make_agreement(
        "SOON",
        [(partners["iran"], partners["maryam"]), (partners["kazakh"], partners["aigerim"])],
        expires_on=today + datetime.timedelta(days=20),
    )
    make_agreement(
        "UNATTENDED", [(partners["iran"], None)], expires_on=today + datetime.timedelta(days=20)
    )
    for _run in range(2):
        Schedule.objects.filter(pk=schedule.pk).update(
            next_run_at=datetime.datetime(2000, 1, 1, tzinfo=UTC)
        )
        worker = Worker()
        while worker.run_one():
            pass
    first, second = Job.objects.filter(schedule=schedule).order_by("id")
    assert first.status == second.status == Job.Status.SUCCEEDED
    assert first.result == {"sent": ["SOON: 30"], "nobody to write to": ["UNATTENDED"]}
    assert second.result == {"sent": [], "nobody to write to": ["UNATTENDED"]}
    assert sent_thresholds("SOON") == [30]
