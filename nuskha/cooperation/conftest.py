"""Builders of cooperation records for the tests: the two national libraries'
partnership, as make_partnership() writes it (the 2007 memorandum, its renewal, a draft,
a course, a meeting and an exchange), make_agreement() for one agreement, and agree() for
a signed agreement in force with one clause of a scope (what nuskha.access reads)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from nuskha.catalogue.models import Institution, Language
from nuskha.conftest import make_institution, make_staff
from nuskha.cooperation.models import (
    Activity,
    Agreement,
    AgreementText,
    Clause,
    ClauseScope,
    Contact,
    Participant,
    Party,
)

D = datetime.date


@dataclass
class Partnership:
    tehran: Institution
    almaty: Institution
    memorandum: Agreement
    renewal: Agreement
    draft: Agreement
    course: Activity
    meeting: Activity
    exchange: Activity
    responsible: Any


def make_partnership() -> Partnership:
    """The Iranian and Kazakh national libraries (Asia/Tehran, Asia/Almaty): the 2007
    memorandum (expired 2012), its renewal to 2030, a draft programme, a training
    course, the meeting on the renewal, and an exchange of conservators."""
    tehran = make_institution(
        "IR-NLAI",
        "IR",
        en="National Library and Archives of Iran",
        fa="سازمان اسناد و کتابخانه ملی ایران",
    )
    almaty = make_institution(
        "KZ-NALRK",
        "KZ",
        en="National Academic Library of the Republic of Kazakhstan",
        kk="Қазақстан Республикасының Ұлттық академиялық кітапханасы",
    )
    responsible = make_staff("farhad", tehran)
    memorandum = make_agreement(
        "IR-KZ/MoU/2007",
        (tehran, almaty),
        en=("Memorandum of understanding on library cooperation", "Organising collections."),
        fa=("تفاهم‌نامهٔ همکاری کتابخانه‌ای", "سامان‌دهی مجموعه‌ها."),
        signed_as_written="۱۵ اردیبهشت ۱۳۸۶",
        signed_on=D(2007, 5, 5),
        signed_at="Astana",
        effective_from=D(2007, 5, 5),
        expires_on=D(2012, 5, 4),
    )
    Party.objects.filter(agreement=memorandum, institution=tehran).update(
        signatory="Director of the library", responsible=responsible
    )
    preservation = Clause.objects.create(
        agreement=memorandum, number="2", text="Preserving and digitising manuscripts."
    )
    for scope in ("digital_copies", "conservation_training"):
        ClauseScope.objects.create(clause=preservation, scope=scope)
    exchange_clause = Clause.objects.create(agreement=memorandum, number="3")
    ClauseScope.objects.create(clause=exchange_clause, scope="specialist_exchange")
    renewal = make_agreement(
        "IR-KZ/MoU/2012",
        (tehran, almaty),
        en=("Renewal of the memorandum", ""),
        extends=memorandum,
        extension=Agreement.Extension.RENEWAL,
        signed_on=D(2012, 4, 20),
        effective_from=D(2012, 5, 5),
        expires_on=D(2030, 5, 4),
    )
    draft = make_agreement(
        "IR-KZ/Programme/draft",
        (tehran, almaty),
        en=("Draft programme of joint publication", ""),
        kind=Agreement.Kind.PROGRAMME,
    )
    course = Activity.objects.create(
        kind=Activity.Kind.COURSE,
        agreement=memorandum,
        clause=preservation,
        title="Pathology and restoration of written works",
        starts_on=D(2010, 10, 10),
        ends_on=D(2010, 10, 21),
        place="Tehran",
        host=tehran,
    )
    Participant.objects.create(
        activity=course, name="Zahra Karimi", role=Participant.Role.TRAINER, institution=tehran
    )
    Participant.objects.create(
        activity=course, name="Aigul Serikova", role=Participant.Role.TRAINEE, institution=almaty
    )
    meeting = Activity.objects.create(
        kind=Activity.Kind.MEETING,
        agreement=memorandum,
        title="Meeting on the renewal of the memorandum",
        starts_on=D(2012, 2, 14),
        place="Almaty",
        host=almaty,
        outcome="Renewal for a further term proposed.",
    )
    Participant.objects.create(
        activity=meeting, name="Reza Ahmadi", position="cultural counsellor", institution=tehran
    )
    Participant.objects.create(
        activity=meeting,
        name="Dana Nurlanova",
        position="director of international relations",
        institution=almaty,
    )
    exchange = Activity.objects.create(
        kind=Activity.Kind.EXCHANGE,
        agreement=renewal,
        title="Conservators' visit",
        starts_on=D(2012, 9, 1),
        ends_on=D(2012, 9, 30),
        from_institution=almaty,
        to_institution=tehran,
        purpose="Learning the treatment of lithographs.",
    )
    Participant.objects.create(
        activity=exchange, name="Aigul Serikova", role=Participant.Role.SPECIALIST
    )
    Participant.objects.create(
        activity=exchange, name="Yerlan Bekov", role=Participant.Role.SPECIALIST
    )
    Participant.objects.create(activity=exchange, name="Maryam Rahimi", role=Participant.Role.CHAIR)
    Contact.objects.create(
        institution=almaty,
        name="Dana Nurlanova",
        position="director of international relations",
        email="dana@nlrk.example.kz",
        phone="+7 727 000 00 00",
    )
    return Partnership(
        tehran, almaty, memorandum, renewal, draft, course, meeting, exchange, responsible
    )


def make_agreement(
    reference: str,
    parties: tuple[Institution, ...],
    kind: str = Agreement.Kind.MEMORANDUM,
    **fields: Any,
) -> Agreement:
    texts = {code: fields.pop(code) for code in ("en", "fa", "kk", "ru") if code in fields}
    agreement = Agreement.objects.create(kind=kind, reference=reference, **fields)
    for code, (title, summary) in texts.items():
        AgreementText.objects.create(
            agreement=agreement,
            language=Language.objects.get(code=code),
            title=title,
            summary=summary,
        )
    for institution in parties:
        Party.objects.create(agreement=agreement, institution=institution)
    return agreement


def agree(
    holder: Institution,
    partner: Institution,
    scope: str = "catalogue_exchange",
    expires_on: datetime.date | None = None,
) -> Agreement:
    """A signed agreement between the two, in force since 2020 (until expires_on), with
    one clause of this scope."""
    agreement = Agreement.objects.create(
        kind=Agreement.Kind.MEMORANDUM,
        reference=f"{holder.code}-{partner.code}/{scope}",
        signed_on=datetime.date(2020, 1, 1),
        effective_from=datetime.date(2020, 1, 1),
        expires_on=expires_on,
    )
    for institution in (holder, partner):
        Party.objects.create(agreement=agreement, institution=institution)
    clause = Clause.objects.create(agreement=agreement, number="3")
    ClauseScope.objects.create(clause=clause, scope=scope)
    return agreement
