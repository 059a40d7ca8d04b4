"""The demo cooperation: the 2007 memorandum, its renewal in force and the proposal to
renew it again, a course, a meeting and its news in four languages; loaded twice, it
changes nothing; and it gives the Kazakh library's staff what the renewal grants."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from nuskha.access import Door, decide
from nuskha.catalogue.conftest import make_item
from nuskha.catalogue.models import Institution, Item
from nuskha.conftest import make_staff
from nuskha.cooperation.demo import load_cooperation, read_demo_file
from nuskha.cooperation.models import (
    Activity,
    Agreement,
    AgreementText,
    Clause,
    ClauseScope,
    Contact,
    NewsItem,
    NewsVersion,
    Participant,
    Party,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 11, 27, 12, 0, tzinfo=datetime.UTC)
MODELS = [Contact, Agreement, AgreementText, Party, Clause, ClauseScope, Activity, Participant,
          NewsItem, NewsVersion]  # fmt: skip


@pytest.fixture
def libraries(iran_library: Institution, kazakh_library: Institution) -> dict[str, Any]:
    iran_library.time_zone = "UTC"  # as an institution made without one would have
    iran_library.save()
    return {
        "iran": iran_library,
        "kazakh": kazakh_library,
        "ir_staff": make_staff("cataloguer-ir-nlai", iran_library),
        "kz_staff": make_staff("cataloguer-kz-nalrk", kazakh_library),
    }


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_twice_changes_nothing(libraries: dict[str, Any]) -> None:
    first = load_cooperation(read_demo_file())
    loaded = counts()
    second = load_cooperation(read_demo_file())
    assert counts() == loaded
    assert sum(second.created.values()) == 0
    assert dict(second.kept) == {
        "institutions": 2, "contacts": 2, "agreements": 3, "activities": 3, "news": 2
    }  # fmt: skip
    assert first.created["agreements"] == 3 and first.created["institutions"] == 1
    assert loaded["NewsVersion"] == 7


def test_a_second_run_keeps_what_staff_edited(libraries: dict[str, Any]) -> None:
    load_cooperation(read_demo_file())
    renewal = Agreement.objects.get(reference="IR-KZ/MoU/2022")
    renewal.signed_at = "Tehran"
    renewal.save()
    NewsItem.objects.update(is_published=False)
    load_cooperation(read_demo_file())
    renewal.refresh_from_db()
    assert renewal.signed_at == "Tehran"
    assert not NewsItem.objects.filter(is_published=True).exists()


def test_the_command_loads_and_reports(libraries: dict[str, Any]) -> None:
    out = StringIO()
    call_command("load_cooperation_demo", stdout=out)
    assert "agreements: 3 new, 0 kept" in out.getvalue()
    call_command("load_cooperation_demo", stdout=out)
    assert "agreements: 0 new, 3 kept" in out.getvalue()


def test_the_chain_reads_from_the_2007_memorandum_to_the_proposal(
    libraries: dict[str, Any],
) -> None:
    load_cooperation(read_demo_file())
    libraries["iran"].refresh_from_db()
    assert libraries["iran"].time_zone == "Asia/Tehran"
    memorandum, renewal, proposal = Agreement.objects.order_by("effective_from")
    assert proposal.chain() == [memorandum, renewal, proposal]
    assert memorandum.signed_on == datetime.date(2007, 5, 5)
    assert memorandum.signed_as_written == "۱۵ اردیبهشت ۱۳۸۶"
    assert [a.status(TODAY) for a in (memorandum, renewal, proposal)] == [
        "superseded", "expiring_soon", "draft"
    ]  # fmt: skip
    assert memorandum.scopes() == [
        "catalogue_exchange", "conservation_training", "digital_copies", "digitisation",
        "specialist_exchange",
    ]  # fmt: skip
    assert "replication" in proposal.scopes()
    for agreement in (memorandum, renewal, proposal):
        assert {text.language.code for text in agreement.texts.all()} == {"fa", "kk", "ru", "en"}
        assert {p.responsible.username for p in agreement.parties.all()} == {
            "cataloguer-ir-nlai", "cataloguer-kz-nalrk"
        }  # fmt: skip


def test_the_activities_and_the_news_of_the_meeting(libraries: dict[str, Any]) -> None:
    load_cooperation(read_demo_file())
    course = Activity.objects.get(kind="course")
    assert course.title == "Pathology and restoration of written works"
    assert course.host == libraries["iran"]
    assert course.clause is not None and course.clause.scope_values() == ["conservation_training"]
    assert {p.role for p in course.participants.all()} == {"trainer", "trainee"}
    meeting = Activity.objects.get(kind="meeting")
    positions = [p.position for p in meeting.participants.all()]
    assert any("cultural counsellor" in position for position in positions)
    assert "director of international relations" in positions
    news = NewsItem.objects.get(activity=meeting)
    assert news.is_published
    assert {v.language.code for v in news.versions.all()} == {"fa", "kk", "ru", "en"}
    for model in (Activity, NewsItem):
        for record in model.objects.all():
            record.full_clean()


def test_the_renewal_in_force_shares_with_the_partner_until_it_expires(
    libraries: dict[str, Any],
) -> None:
    load_cooperation(read_demo_file())
    iran, kz_staff = libraries["iran"], libraries["kz_staff"]
    iran.refresh_from_db()
    masnavi = make_item(iran, "MS 5-11902", "مثنوی معنوی", access=Item.Access.RESTRICTED,
                        is_shareable=True)  # fmt: skip
    granted = decide(kz_staff, masnavi, Door.WEB, now=TODAY)
    assert granted and granted.agreement.reference == "IR-KZ/MoU/2022"
    assert decide(kz_staff, masnavi, Door.IMAGES, now=TODAY)

    # 21 March 2027 in Tehran: the renewal has expired and the proposal is not signed.
    after = datetime.datetime(2027, 3, 20, 21, 0, tzinfo=datetime.UTC)
    refused = decide(kz_staff, masnavi, Door.WEB, now=after)
    assert not refused and "IR-KZ/MoU/2022" in refused.reason
