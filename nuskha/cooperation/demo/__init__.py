"""Load the demo cooperation (cooperation.yaml beside this file): the partners' contacts,
their agreements with texts, parties and clauses, activities with their participants,
and news in several languages.

It follows the catalogue demo's rules (catalogue/demo/loader.py): each record is matched
on its natural key (an agreement's reference, an activity's agreement, kind, title and
first day, a news item's date and English title) and one that exists is left exactly as
it is, so a second run creates nothing and never undoes what staff edited. Each new
record goes in whole or not at all; a bad one is reported with its position and field.
The institutions come from the catalogue demo, which must be loaded first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction

from nuskha.catalogue.demo.loader import DemoDataError, LoadReport
from nuskha.catalogue.models import Institution, Language
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

DEMO_FILE = Path(__file__).with_name("cooperation.yaml")
SECTIONS = ("institutions", "contacts", "agreements", "activities", "news")

__all__ = ["DEMO_FILE", "DemoDataError", "LoadReport", "load_cooperation", "read_demo_file"]


def read_demo_file(path: Path = DEMO_FILE) -> dict[str, Any]:
    with path.open(encoding="utf-8") as stream:
        data: dict[str, Any] = yaml.safe_load(stream)
    return data


def load_cooperation(data: dict[str, Any]) -> LoadReport:
    """Create every record of `data` that is not there yet."""
    loader = _Loader()
    for section in SECTIONS:
        load_one: Callable[[dict[str, Any]], bool] = getattr(loader, section)
        for position, record in enumerate(data.get(section) or [], start=1):
            loader.run(section, position, record, load_one)
    return loader.report


class _Loader:
    def __init__(self) -> None:
        self.report = LoadReport()

    def run(
        self,
        section: str,
        position: int,
        record: dict[str, Any],
        load_one: Callable[[dict[str, Any]], bool],
    ) -> None:
        label = f"{section}[{position}]"
        try:
            with transaction.atomic():
                created = load_one(record)
        except ValidationError as error:
            raise DemoDataError(f"{label}: {_describe(error)}") from error
        except (KeyError, LookupError, TypeError, ValueError) as error:
            raise DemoDataError(f"{label}: {type(error).__name__}: {error}") from error
        (self.report.created if created else self.report.kept)[section] += 1

    # Sections ----------------------------------------------------------------------------

    def institutions(self, record: dict[str, Any]) -> bool:
        """Give a demo institution its time zone, unless someone has set one already."""
        institution = _institution(record["code"])
        if institution.time_zone != "UTC" or record["time_zone"] == "UTC":
            return False
        institution.time_zone = record["time_zone"]
        _saved(institution)
        return True

    def contacts(self, record: dict[str, Any]) -> bool:
        institution = _institution(record["institution"])
        if Contact.objects.filter(institution=institution, name=record["name"]).exists():
            return False
        fields = {key: record.get(key, "") for key in ("position", "email", "phone")}
        _saved(Contact(institution=institution, name=record["name"], **fields))
        return True

    def agreements(self, record: dict[str, Any]) -> bool:
        if Agreement.objects.filter(reference=record["reference"]).exists():
            return False
        extends = record.get("extends")
        agreement = _saved(
            Agreement(
                kind=record["kind"],
                reference=record["reference"],
                extends=Agreement.objects.get(reference=extends) if extends else None,
                extension=record.get("extension", ""),
                signed_as_written=record.get("signed_as_written", ""),
                signed_on=record.get("signed_on"),
                signed_at=record.get("signed_at", ""),
                effective_from=record.get("effective_from"),
                expires_on=record.get("expires_on"),
            )
        )
        for party in record["parties"]:
            _saved(
                Party(
                    agreement=agreement,
                    institution=_institution(party["institution"]),
                    signatory=party.get("signatory", ""),
                    responsible=_staff(party.get("responsible")),
                )
            )
        for language, text in record["texts"].items():
            _saved(AgreementText(agreement=agreement, language=_language(language), **text))
        for clause in record.get("clauses") or []:
            self._clause(agreement, clause)
        return True

    def _clause(self, agreement: Agreement, record: dict[str, Any]) -> None:
        clause = _saved(
            Clause(
                agreement=agreement,
                number=record["number"],
                text=record.get("text", ""),
                language=_language(record.get("language", "en")),
            )
        )
        for scope in record.get("scopes") or []:
            _saved(ClauseScope(clause=clause, scope=scope))

    def activities(self, record: dict[str, Any]) -> bool:
        agreement = Agreement.objects.get(reference=record["agreement"])
        key = {"kind": record["kind"], "title": record["title"], "starts_on": record["starts_on"]}
        if Activity.objects.filter(agreement=agreement, **key).exists():
            return False
        activity = _saved(
            Activity(
                agreement=agreement,
                clause=agreement.clauses.get(number=record["clause"])
                if record.get("clause")
                else None,
                title_language=_language(record["title_language"])
                if record.get("title_language")
                else None,
                ends_on=record.get("ends_on"),
                place=record.get("place", ""),
                purpose=record.get("purpose", ""),
                outcome=record.get("outcome", ""),
                **key,
                **{
                    field: _institution(record[field]) if record.get(field) else None
                    for field in ("host", "from_institution", "to_institution")
                },
            )
        )
        for person in record.get("participants") or []:
            institution = person.get("institution")
            _saved(
                Participant(
                    activity=activity,
                    name=person["name"],
                    position=person.get("position", ""),
                    role=person.get("role", Participant.Role.PARTICIPANT),
                    institution=_institution(institution) if institution else None,
                )
            )
        return True

    def news(self, record: dict[str, Any]) -> bool:
        title = record["versions"]["en"]["title"]
        existing = NewsItem.objects.filter(
            published_on=record["published_on"],
            versions__language__code="en",
            versions__title=title,
        )
        if existing.exists():
            return False
        activity = record.get("activity")
        agreement = record.get("agreement")
        news = _saved(
            NewsItem(
                published_on=record["published_on"],
                is_published=bool(record.get("is_published", False)),
                activity=Activity.objects.get(title=activity) if activity else None,
                agreement=Agreement.objects.get(reference=agreement) if agreement else None,
            )
        )
        for language, version in record["versions"].items():
            _saved(NewsVersion(news=news, language=_language(language), **version))
        return True


# Lookups -------------------------------------------------------------------------------


def _institution(code: str) -> Institution:
    institution = Institution.objects.filter(code=code).first()
    if institution is None:
        raise LookupError(f"unknown institution {code!r}: load the catalogue demo first")
    return institution


def _language(code: str) -> Language:
    language = Language.objects.filter(code=code).first()
    if language is None:
        raise LookupError(f"unknown language {code!r}")
    return language


def _staff(username: str | None) -> Any:
    """The staff account answering for an agreement, if the demo logins exist yet."""
    if not username:
        return None
    return get_user_model().objects.filter(username=username, is_staff=True).first()


def _saved(instance: models.Model) -> Any:
    """Check the instance against every model rule, then save it."""
    instance.full_clean(validate_unique=True)
    instance.save()
    return instance


def _describe(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"field '{name}': {' '.join(str(m) for m in messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
