"""The cooperation staff pages: every add and change page renders, dates go in and come
out in the user's calendar, clause scopes are ticked, a renewal is drafted from the
agreement it extends, a credential's key is shown once and only its hash kept."""

from __future__ import annotations

import datetime
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nuskha.catalogue.models import Institution, Language
from nuskha.cooperation.admin import draft_renewal
from nuskha.cooperation.models import (
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
    Party,
)

pytestmark = pytest.mark.django_db
D = datetime.date
STAFF = "/staff/cooperation"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff(client: Client, administrator: Any) -> Client:
    client.force_login(administrator)
    return client


def in_language(client: Client, language: str) -> Client:
    # Not ?lang=: the admin's change lists take unknown query parameters for filters.
    client.cookies["nuskha_language"] = language
    return client


@pytest.fixture
def memorandum(
    iran_library: Institution, kazakh_library: Institution, cataloguer: Any
) -> Agreement:
    made = Agreement.objects.create(
        kind=Agreement.Kind.MEMORANDUM,
        reference="IR-KZ/MoU/2007",
        signed_as_written="۱۵ اردیبهشت ۱۳۸۶",
        signed_on=D(2007, 5, 5),
        effective_from=D(2007, 5, 5),
        expires_on=D(2012, 5, 4),
    )
    Party.objects.create(agreement=made, institution=iran_library, responsible=cataloguer)
    Party.objects.create(agreement=made, institution=kazakh_library)
    for code, title in (("en", "Memorandum of understanding"), ("fa", "تفاهم‌نامه همکاری")):
        AgreementText.objects.create(
            agreement=made, language=Language.objects.get(code=code), title=title
        )
    for number, scopes in (
        ("1", ["catalogue_exchange", "digital_copies"]),
        ("4", ["conservation_training"]),
    ):
        clause = Clause.objects.create(agreement=made, number=number, text=f"Article {number}")
        for scope in scopes:
            ClauseScope.objects.create(clause=clause, scope=scope)
    return made


def course(agreement: Agreement, host: Institution) -> Activity:
    activity = Activity.objects.create(
        kind=Activity.Kind.COURSE,
        agreement=agreement,
        title="Pathology and restoration of written works",
        starts_on=D(2008, 5, 10),
        ends_on=D(2008, 5, 21),
        host=host,
    )
    activity.participants.create(name="Fatemeh Moradi", role="trainer", institution=host)
    return activity


def formset(prefix: str, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def agreement_form(iran: Institution, kazakh: Institution, **fields: Any) -> dict[str, Any]:
    english = Language.objects.get(code="en")
    return {
        "kind": "memorandum",
        "reference": "IR-KZ/MoU/2007",
        "signed_as_written": "۱۵ اردیبهشت ۱۳۸۶",
        "signed_on": "۱۳۸۶/۰۲/۱۵",
        "signed_at": "Tehran",
        "effective_from": "۱۳۸۶/۰۲/۱۵",
        "expires_on": "1391/02/14",
        "extends": "",
        "extension": "",
        **formset("texts", [{"language": english.pk, "title": "Memorandum", "summary": ""}]),
        **formset(
            "parties",
            [
                {"institution": iran.pk, "signatory": ""},
                {"institution": kazakh.pk, "signatory": ""},
            ],
        ),
        **formset(
            "clauses",
            [
                {
                    "number": "1",
                    "text": "Catalogues",
                    "scopes": ["catalogue_exchange", "digitisation"],
                }
            ],
        ),
        **fields,
    }


# Pages render ---------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["agreement", "activity", "newsitem", "contact", "credential"])
@pytest.mark.parametrize("language", ["en", "fa"])
def test_every_add_page_renders(staff: Client, model: str, language: str) -> None:
    response = staff.get(f"{STAFF}/{model}/add/?lang={language}")
    assert response.status_code == 200


def test_the_change_pages_render_with_dates_in_the_users_calendar(
    staff: Client, memorandum: Agreement, iran_library: Institution
) -> None:
    activity = course(memorandum, iran_library)
    news = NewsItem.objects.create(published_on=D(2008, 5, 22), activity=activity)
    NewsVersion.objects.create(
        news=news, language=Language.objects.get(code="en"), title="Course ends", body="Text"
    )
    contact = Contact.objects.create(institution=iran_library, name="Mahnaz Rahimi")

    page = staff.get(f"{STAFF}/agreement/{memorandum.pk}/change/?lang=fa").content.decode()
    assert 'value="۱۳۸۶/۰۲/۱۵"' in page and 'value="۱۳۹۱/۰۲/۱۵"' in page
    page = staff.get(f"{STAFF}/agreement/{memorandum.pk}/change/?lang=en").content.decode()
    assert 'value="2007-05-05"' in page and 'value="2012-05-04"' in page
    assert "A Gregorian date" in page
    for path in (
        f"activity/{activity.pk}/change/",
        f"newsitem/{news.pk}/change/",
        f"contact/{contact.pk}/change/",
    ):
        assert staff.get(f"{STAFF}/{path}").status_code == 200
    page = staff.get(f"{STAFF}/activity/{activity.pk}/change/?lang=fa").content.decode()
    assert 'value="۱۳۸۷/۰۲/۲۱"' in page  # 10 May 2008
    assert "Fatemeh Moradi" in page


def test_the_lists_show_status_and_dates(staff: Client, memorandum: Agreement) -> None:
    page = in_language(staff, "en").get(f"{STAFF}/agreement/").content.decode()
    assert "IR-KZ/MoU/2007" in page and "expired" in page and "4 May 2012" in page
    assert staff.get(f"{STAFF}/agreement/?status=expired").context["cl"].result_count == 1
    assert staff.get(f"{STAFF}/agreement/?status=in_force").context["cl"].result_count == 0
    for model in ("activity", "newsitem", "contact", "credential"):
        assert staff.get(f"{STAFF}/{model}/").status_code == 200


# Agreements ----------------------------------------------------------------------------


def test_an_agreement_is_entered_in_solar_hijri_with_its_scopes_ticked(
    staff: Client, iran_library: Institution, kazakh_library: Institution
) -> None:
    data = agreement_form(iran_library, kazakh_library)
    response = staff.post(f"{STAFF}/agreement/add/?lang=fa", data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    made = Agreement.objects.get(reference="IR-KZ/MoU/2007")
    assert (made.signed_on, made.effective_from, made.expires_on) == (
        D(2007, 5, 5), D(2007, 5, 5), D(2012, 5, 3),
    )  # fmt: skip
    assert made.clauses.get().scope_values() == ["catalogue_exchange", "digitisation"]


def test_unticking_a_scope_removes_it(staff: Client, memorandum: Agreement) -> None:
    first, fourth = memorandum.clauses.order_by("number")
    data = agreement_form(
        *[party.institution for party in memorandum.parties.all()],
        signed_on="2007-05-05",
        effective_from="2007-05-05",
        expires_on="2012-05-04",
    )
    text = memorandum.texts.get(language__code="en")
    parties = list(memorandum.parties.all())
    data.update(
        formset("texts", [{"id": text.pk, "language": text.language_id, "title": "MoU"}], 1)
    )
    data.update(
        formset(
            "parties",
            [{"id": p.pk, "institution": p.institution_id, "signatory": ""} for p in parties],
            2,
        )
    )
    data.update(
        formset(
            "clauses",
            [
                {"id": first.pk, "number": "1", "text": "Article 1", "scopes": ["digital_copies"]},
                {"id": fourth.pk, "number": "4", "text": "Article 4", "scopes": []},
            ],
            2,
        )
    )
    data.pop("texts-1-language", None)
    response = staff.post(f"{STAFF}/agreement/{memorandum.pk}/change/?lang=en", data)
    assert response.status_code == 302
    assert first.scope_values() == ["digital_copies"]
    assert fourth.scope_values() == []
    assert memorandum.scopes() == ["digital_copies"]


@pytest.mark.parametrize(
    ("language", "typed", "said"),
    [("en", "2012-02-30", "has 29 days"), ("fa", "۱۳۹۱/۱۳/۰۱", "13"), ("en", "soon", "2007-05-05")],
)
def test_a_bad_date_is_refused_naming_the_field(
    staff: Client,
    iran_library: Institution,
    kazakh_library: Institution,
    language: str,
    typed: str,
    said: str,
) -> None:
    data = agreement_form(iran_library, kazakh_library, expires_on=typed)
    if language == "en":
        data.update(signed_on="2007-05-05", effective_from="2007-05-05")
    response = staff.post(f"{STAFF}/agreement/add/?lang={language}", data)
    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["expires_on"]
    assert typed in message and said in message
    assert str(Agreement._meta.get_field("expires_on").verbose_name).capitalize() in message or (
        language == "fa"
    )
    assert not Agreement.objects.exists()


def test_the_signed_document_gets_its_checksum_shown_read_only(
    staff: Client, memorandum: Agreement
) -> None:
    signed = b"%PDF-1.4 the signed memorandum"
    memorandum.document = SimpleUploadedFile("mou-2007.pdf", signed)
    memorandum.save()
    digest = hashlib.sha256(signed).hexdigest()
    assert memorandum.document_sha256 == digest
    page = staff.get(f"{STAFF}/agreement/{memorandum.pk}/change/").content.decode()
    assert digest in page
    assert 'name="document_sha256"' not in page  # shown, not editable


# Renewals ------------------------------------------------------------------------------


def test_the_renewal_action_drafts_the_next_link_of_the_chain(
    staff: Client, memorandum: Agreement
) -> None:
    response = in_language(staff, "en").post(
        f"{STAFF}/agreement/",
        {"action": "record_renewal", "_selected_action": [memorandum.pk]},
        follow=True,
    )
    renewal = Agreement.objects.get(extends=memorandum)
    assert renewal.extension == "renewal" and renewal.signed_on is None
    assert renewal.status() == "draft"
    assert (renewal.effective_from, renewal.expires_on) == (D(2012, 5, 5), D(2017, 5, 4))
    assert renewal.kind == memorandum.kind
    assert [(p.institution_id, p.responsible_id) for p in renewal.parties.all()] == [
        (p.institution_id, p.responsible_id) for p in memorandum.parties.all()
    ]
    assert sorted(t.title for t in renewal.texts.all()) == sorted(
        t.title for t in memorandum.texts.all()
    )
    assert [(c.number, c.scope_values()) for c in renewal.clauses.all()] == [
        ("1", ["catalogue_exchange", "digital_copies"]),
        ("4", ["conservation_training"]),
    ]
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert renewal.reference in message and "5 May 2012" in message

    # Signed, it supersedes the memorandum; renewing it again makes a chain of three.
    renewal.signed_on = D(2012, 4, 30)
    renewal.save()
    staff.post(
        f"{STAFF}/agreement/", {"action": "record_renewal", "_selected_action": [renewal.pk]}
    )
    third = Agreement.objects.get(extends=renewal)
    assert third.chain() == [memorandum, renewal, third]
    assert (third.effective_from, third.expires_on) == (D(2017, 5, 5), D(2022, 5, 4))
    assert third.reference != renewal.reference
    page = staff.get(f"{STAFF}/agreement/{renewal.pk}/change/?lang=en").content.decode()
    assert all(link.reference in page for link in (memorandum, renewal, third))


def test_a_term_of_days_renews_for_as_many_days(memorandum: Agreement) -> None:
    memorandum.expires_on = D(2007, 11, 30)
    memorandum.save()
    renewal = draft_renewal(memorandum)
    assert (renewal.effective_from, renewal.expires_on) == (D(2007, 12, 1), D(2008, 6, 27))
    assert draft_renewal(memorandum).reference == f"{renewal.reference}-2"


def test_an_agreement_without_expiry_is_not_renewed(staff: Client, memorandum: Agreement) -> None:
    memorandum.expires_on = None
    memorandum.save()
    response = in_language(staff, "en").post(
        f"{STAFF}/agreement/",
        {"action": "record_renewal", "_selected_action": [memorandum.pk]},
        follow=True,
    )
    assert not Agreement.objects.filter(extends=memorandum).exists()
    assert "has no expiry date" in response.content.decode()


# Activities ----------------------------------------------------------------------------


def test_an_activity_report_is_kept_with_its_checksum(
    staff: Client, memorandum: Agreement, iran_library: Institution
) -> None:
    activity = course(memorandum, iran_library)
    report = b"course report"
    data = {
        "kind": "course",
        "agreement": memorandum.pk,
        "clause": "",
        "title": activity.title,
        "title_language": "",
        "starts_on": "۱۳۸۷/۰۲/۲۰",
        "ends_on": "۱۳۸۷/۰۲/۳۱",
        "place": "Tehran",
        "host": iran_library.pk,
        "from_institution": "",
        "to_institution": "",
        "purpose": "",
        "outcome": "",
        **formset(
            "participants",
            [
                {
                    "id": p.pk,
                    "name": p.name,
                    "position": "",
                    "role": p.role,
                    "institution": iran_library.pk,
                }
                for p in activity.participants.all()
            ],
            1,
        ),
        **formset(
            "attachments",
            [{"kind": "report", "file": SimpleUploadedFile("report.txt", report), "caption": ""}],
        ),
    }
    response = staff.post(f"{STAFF}/activity/{activity.pk}/change/?lang=fa", data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.starts_on, activity.ends_on) == (D(2008, 5, 9), D(2008, 5, 20))
    attachment = Attachment.objects.get(activity=activity)
    assert attachment.sha256 == hashlib.sha256(report).hexdigest()
    page = staff.get(f"{STAFF}/activity/{activity.pk}/change/").content.decode()
    assert attachment.sha256 in page


# Credentials ---------------------------------------------------------------------------


def test_a_credential_key_is_shown_once_and_only_its_hash_kept(
    staff: Client, kazakh_library: Institution
) -> None:
    response = in_language(staff, "en").post(
        f"{STAFF}/credential/add/",
        {"institution": kazakh_library.pk, "label": "union catalogue harvester"},
        follow=True,
    )
    page = response.content.decode()
    [key] = re.findall(r"<code>(nk_[^<]+)</code>", page)
    credential = Credential.objects.get()
    assert credential.key_sha256 == hashlib.sha256(key.encode()).hexdigest()
    assert credential.prefix == key[:10]
    assert Credential.find(key) == credential
    stored = [str(getattr(credential, f.attname)) for f in Credential._meta.concrete_fields]
    assert not any(key in value for value in stored)

    for path in ("", f"{credential.pk}/change/"):
        assert key not in staff.get(f"{STAFF}/credential/{path}").content.decode()


def test_revoking_a_credential_stops_its_key(staff: Client, kazakh_library: Institution) -> None:
    credential, key = Credential.issue(kazakh_library, "harvester")
    staff.post(f"{STAFF}/credential/", {"action": "revoke", "_selected_action": [credential.pk]})
    credential.refresh_from_db()
    assert credential.revoked_at is not None
    assert Credential.find(key) is None
