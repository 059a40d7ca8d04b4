"""Partners, agreements (memoranda, programmes, contracts) with their clauses, parties and
renewals, activities under them, expiry reminders sent, public news, partners'
credentials, and the daily log of access decisions about partners.

Status and time rules live in terms.py (pure); this module turns rows into its values.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nuskha.calendars import DateParseError
from nuskha.calendars import parse as parse_date
from nuskha.catalogue.models import Institution, Item, Language
from nuskha.cooperation import terms
from nuskha.cooperation.terms import Scope, Status

SCOPE_LABELS = {
    Scope.CATALOGUE_EXCHANGE: _("catalogue exchange"),
    Scope.DIGITAL_COPIES: _("exchange of digital copies"),
    Scope.DIGITISATION: _("digitisation"),
    Scope.REPLICATION: _("replication"),
    Scope.CONSERVATION_TRAINING: _("conservation training"),
    Scope.SPECIALIST_EXCHANGE: _("specialist exchange"),
    Scope.JOINT_PUBLICATION: _("joint publication"),
}
STATUS_LABELS = {
    Status.DRAFT: _("draft"),
    Status.PENDING: _("signed, not yet in force"),
    Status.IN_FORCE: _("in force"),
    Status.EXPIRING_SOON: _("expiring soon"),
    Status.EXPIRED: _("expired"),
    Status.SUPERSEDED: _("superseded"),
}


def sha256_of(uploaded: Any) -> str:
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


# Partners ------------------------------------------------------------------------------


class Contact(models.Model):
    """A person to write to at a partner institution."""

    institution = models.ForeignKey(
        Institution, models.CASCADE, related_name="contacts", verbose_name=_("institution")
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(
        _("position"),
        max_length=200,
        blank=True,
        help_text=_("e.g. director of international relations"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)

    class Meta:
        ordering = ["institution__code", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.name} ({self.position})" if self.position else self.name


# Agreements ----------------------------------------------------------------------------


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def between(self, first: Institution | int, second: Institution | int) -> AgreementQuerySet:
        """Agreements both institutions are parties to."""
        return self.filter(parties__institution=first).filter(parties__institution=second)

    def with_scope(self, scopes: list[str]) -> AgreementQuerySet:
        """Agreements with a clause of one of these scopes, their own or, for a renewal or
        amendment without clauses, those of what it extends (two steps back)."""
        return self.filter(
            models.Q(clauses__scopes__scope__in=scopes)
            | models.Q(clauses__isnull=True, extends__clauses__scopes__scope__in=scopes)
            | models.Q(
                clauses__isnull=True,
                extends__clauses__isnull=True,
                extends__extends__clauses__scopes__scope__in=scopes,
            )
        ).distinct()

    def signed(self) -> AgreementQuerySet:
        return self.filter(signed_on__isnull=False, effective_from__isnull=False)


class Agreement(models.Model):
    """A memorandum of understanding, programme or contract between institutions.

    A renewal or an amendment is an agreement of its own that `extends` another, so the
    history of an agreement reads as a chain (a timeline); a renewal that takes effect
    supersedes what it renews."""

    class Kind(models.TextChoices):
        MEMORANDUM = "memorandum", _("memorandum of understanding")
        PROGRAMME = "programme", _("programme")
        CONTRACT = "contract", _("contract")

    class Extension(models.TextChoices):
        RENEWAL = "renewal", _("renewal")
        AMENDMENT = "amendment", _("amendment")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    reference = models.CharField(
        _("reference"), max_length=100, unique=True, help_text=_("e.g. IR-KZ/MoU/2007")
    )
    extends = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="extensions",
        verbose_name=_("extends"),
    )
    extension = models.CharField(
        _("renewal or amendment"), max_length=16, choices=Extension.choices, blank=True
    )
    signed_as_written = models.CharField(
        _("signed (as written)"),
        max_length=200,
        blank=True,
        help_text=_("The date of signature as the document gives it, in any calendar."),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_at = models.CharField(_("place of signature"), max_length=200, blank=True)
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    expires_on = models.DateField(
        _("expires on"),
        null=True,
        blank=True,
        help_text=_("In force through the whole of this day, in the granting library's time zone."),
    )
    document = models.FileField(
        _("signed document"), upload_to="cooperation/agreements/", blank=True
    )
    document_sha256 = models.CharField(_("document SHA-256"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["effective_from", "reference"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title() or self.reference

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.signed_as_written and not self.signed_on:
            try:
                self.signed_on = parse_date(self.signed_as_written).earliest
            except DateParseError as error:
                errors["signed_as_written"] = _(
                    "nuskha cannot read this date (%(reason)s): give the date of signature too."
                ) % {"reason": error}
        if self.effective_from and self.expires_on and self.expires_on < self.effective_from:
            errors["expires_on"] = _("The agreement expires before it takes effect.")
        if bool(self.extends_id) != bool(self.extension):
            errors["extension"] = _("Say whether it renews or amends the agreement it extends.")
        if self.extends_id and self.pk and self._extends_itself():
            errors["extends"] = _("An agreement cannot extend itself, directly or through others.")
        if errors:
            raise ValidationError(errors)

    def _extends_itself(self) -> bool:
        seen, current = {self.pk}, self.extends
        while current is not None:
            if current.pk in seen:
                return True
            seen.add(current.pk)
            current = current.extends
        return False

    def title(self, language: str | None = None) -> str:
        from nuskha.catalogue.models import pick_label

        return pick_label(_TitleLabels(self), language)

    def summary(self, language: str | None = None) -> str:
        texts = {text.language.code: text.summary for text in self.texts.all()}
        wanted = (language or "en").split("-")[0]
        return texts.get(wanted) or texts.get("en") or next(iter(texts.values()), "")

    def granting_time_zone(self, institution: Institution | None = None) -> str:
        """The time zone whose days the agreement counts in: the granting institution's
        (the one whose items are asked for), else the first party's."""
        if institution is not None:
            return institution.time_zone
        party = self.parties.select_related("institution").first()
        return party.institution.time_zone if party else "UTC"

    def renewed_from(self) -> datetime.date | None:
        dates = [
            renewal.effective_from
            for renewal in self.extensions.all()
            if renewal.extension == self.Extension.RENEWAL
            and renewal.signed_on
            and renewal.effective_from
        ]
        return min(dates) if dates else None

    def status(
        self, now: datetime.datetime | None = None, institution: Institution | None = None
    ) -> Status:
        today = terms.local_today(now or timezone.now(), self.granting_time_zone(institution))
        return terms.status_on(
            today,
            signed_on=self.signed_on,
            effective_from=self.effective_from,
            expires_on=self.expires_on,
            renewed_from=self.renewed_from(),
        )

    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status()])

    def is_in_force(self, now: datetime.datetime, institution: Institution) -> bool:
        if self.signed_on is None:
            return False
        today = terms.local_today(now, institution.time_zone)
        return terms.is_in_force_on(today, self.effective_from, self.expires_on)

    def ends_at(self, institution: Institution) -> datetime.datetime | None:
        """The instant it stops being in force for access to this institution's items."""
        if self.expires_on is None:
            return None
        return terms.end_of_day(self.expires_on, institution.time_zone)

    def scopes(self) -> list[str]:
        """Its clauses' scopes, or, with no clauses of its own, those of what it extends."""
        own = sorted(
            {scope.scope for clause in self.clauses.all() for scope in clause.scopes.all()}
        )
        if own or self.clauses.exists() or self.extends is None:
            return own
        return self.extends.scopes()

    def chain(self) -> list[Agreement]:
        """This agreement and every one it extends, oldest first."""
        chain, current = [], self
        while current is not None and current not in chain:
            chain.insert(0, current)
            current = current.extends
        return chain

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.document and not self.document_sha256:
            self.document_sha256 = sha256_of(self.document)
        super().save(*args, **kwargs)


class _TitleLabels:
    """AgreementText rows, as pick_label() reads labels (language and text)."""

    def __init__(self, agreement: Agreement) -> None:
        self.agreement = agreement

    def all(self) -> list[Any]:
        return [_Label(text.language, text.title) for text in self.agreement.texts.all()]


class _Label:
    def __init__(self, language: Language, text: str) -> None:
        self.language, self.text = language, text


class AgreementText(models.Model):
    """An agreement's title and summary in one language."""

    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="texts")
    language = models.ForeignKey(Language, models.PROTECT, verbose_name=_("language"))
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("title and summary")
        verbose_name_plural = _("titles and summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "language"], name="agreement_text_once_per_language"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Party(models.Model):
    """An institution party to an agreement, with who signed and who answers for it."""

    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="parties")
    institution = models.ForeignKey(
        Institution, models.PROTECT, related_name="agreement_parties", verbose_name=_("institution")
    )
    signatory = models.CharField(_("signed by"), max_length=200, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements_responsible_for",
        verbose_name=_("responsible staff member"),
        help_text=_("Receives the expiry reminders."),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "institution"], name="party_once_per_agreement"
            )
        ]

    def __str__(self) -> str:
        return str(self.institution)


class Clause(models.Model):
    """A numbered article of an agreement, tagged with the scopes it covers."""

    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="clauses")
    number = models.CharField(_("article"), max_length=20, help_text=_("e.g. 3 or 3.2"))
    text = models.TextField(_("text"), blank=True)
    language = models.ForeignKey(
        Language, models.PROTECT, null=True, blank=True, verbose_name=_("language of the text")
    )

    class Meta:
        ordering = ["agreement", "id"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="clause_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agreement.reference} art. {self.number}"

    def scope_values(self) -> list[str]:
        return [scope.scope for scope in self.scopes.all()]


class ClauseScope(models.Model):
    clause = models.ForeignKey(Clause, models.CASCADE, related_name="scopes")
    scope = models.CharField(
        _("scope"),
        max_length=32,
        choices=[(scope.value, label) for scope, label in SCOPE_LABELS.items()],
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("scope")
        verbose_name_plural = _("scopes")
        constraints = [
            models.UniqueConstraint(fields=["clause", "scope"], name="clause_scope_once")
        ]

    def __str__(self) -> str:
        return str(SCOPE_LABELS.get(Scope(self.scope), self.scope))


# Activities ----------------------------------------------------------------------------


class Activity(models.Model):
    """Something done under an agreement: a meeting, a training course or an exchange of
    specialists. Dates are Gregorian; forms take and show them in the reader's calendar."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("meeting")
        COURSE = "course", _("training course")
        EXCHANGE = "exchange", _("specialist exchange")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    agreement = models.ForeignKey(
        Agreement, models.PROTECT, related_name="activities", verbose_name=_("agreement")
    )
    clause = models.ForeignKey(
        Clause,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("clause served"),
    )
    title = models.CharField(
        _("title or subject"),
        max_length=500,
        help_text=_("e.g. Pathology and restoration of written works"),
    )
    title_language = models.ForeignKey(
        Language,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("language"),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    host = models.ForeignKey(
        Institution,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_activities",
        verbose_name=_("host"),
    )
    # Specialist exchanges: from where to where, and why.
    from_institution = models.ForeignKey(
        Institution,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="exchanges_sent",
        verbose_name=_("sending institution"),
    )
    to_institution = models.ForeignKey(
        Institution,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="exchanges_received",
        verbose_name=_("receiving institution"),
    )
    purpose = models.TextField(_("purpose"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("It ends before it starts.")
        if self.clause_id and self.agreement_id and self.clause.agreement_id != self.agreement_id:
            errors["clause"] = _("The clause belongs to another agreement.")
        if self.kind == self.Kind.EXCHANGE and not (
            self.from_institution_id and self.to_institution_id
        ):
            errors["to_institution"] = _("Say from where and to where the specialists go.")
        if errors:
            raise ValidationError(errors)

    def institutions(self) -> list[Institution]:
        """Every institution it involves: host, sender, receiver and participants'."""
        found = [self.host, self.from_institution, self.to_institution]
        found += [p.institution for p in self.participants.all()]
        unique: dict[int, Institution] = {}
        for institution in found:
            if institution is not None:
                unique.setdefault(institution.pk, institution)
        return list(unique.values())


class Participant(models.Model):
    """A person taking part in an activity, with the role they had and where they work."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("participant")
        TRAINER = "trainer", _("trainer")
        TRAINEE = "trainee", _("trainee")
        CHAIR = "chair", _("chair")
        SPECIALIST = "specialist", _("visiting specialist")

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("e.g. cultural counsellor")
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.PARTICIPANT
    )
    institution = models.ForeignKey(
        Institution, models.PROTECT, null=True, blank=True, verbose_name=_("institution")
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name


class Attachment(models.Model):
    """A report or a photograph of an activity, kept with its checksum."""

    class Kind(models.TextChoices):
        REPORT = "report", _("report")
        PHOTO = "photo", _("photograph")

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="cooperation/activities/")
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    caption = models.CharField(_("caption"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("report or photograph")
        verbose_name_plural = _("reports and photographs")

    def __str__(self) -> str:
        return self.caption or self.file.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.file and not self.sha256:
            self.sha256 = sha256_of(self.file)
        super().save(*args, **kwargs)


# Reminders -----------------------------------------------------------------------------


class ReminderSent(models.Model):
    """One expiry reminder sent for an agreement at one threshold: never sent twice."""

    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="reminders_sent")
    days_before = models.PositiveSmallIntegerField(_("days before expiry"))
    expires_on = models.DateField(_("expiry it was about"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.TextField(_("sent to"), blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            # Per expiry date: an agreement whose expiry is corrected is reminded afresh.
            models.UniqueConstraint(
                fields=["agreement", "days_before", "expires_on"], name="reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement.reference}: {self.days_before}"


# News ----------------------------------------------------------------------------------


class NewsItem(models.Model):
    """A piece of cooperation news on the public site, in several languages."""

    published_on = models.DateField(_("date"))
    is_published = models.BooleanField(_("published"), default=False)
    activity = models.ForeignKey(
        Activity,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("activity"),
    )
    agreement = models.ForeignKey(
        Agreement,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("agreement"),
    )
    photo = models.ForeignKey(
        Attachment,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photograph"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def __str__(self) -> str:
        version = self.versions.first()
        return version.title if version else f"#{self.pk}"

    def version(self, language: str | None) -> NewsVersion | None:
        """The text in the reader's language, else English, else the first written."""
        versions = {version.language.code: version for version in self.versions.all()}
        wanted = (language or "en").split("-")[0]
        return versions.get(wanted) or versions.get("en") or next(iter(versions.values()), None)


class NewsVersion(models.Model):
    news = models.ForeignKey(NewsItem, models.CASCADE, related_name="versions")
    language = models.ForeignKey(Language, models.PROTECT, verbose_name=_("language"))
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(fields=["news", "language"], name="news_version_once")
        ]

    def __str__(self) -> str:
        return self.title


# Partners' credentials and the access log -----------------------------------------------


class Credential(models.Model):
    """A key issued to a partner institution for the JSON API and OAI-PMH: its requests
    get what the partner's agreements in force grant (nuskha.access). Only a hash of the
    key is kept; the key is shown once, when issued."""

    institution = models.ForeignKey(
        Institution, models.CASCADE, related_name="credentials", verbose_name=_("partner")
    )
    label = models.CharField(
        _("label"), max_length=200, help_text=_("e.g. union catalogue harvester")
    )
    prefix = models.CharField(_("key begins"), max_length=12, editable=False, db_index=True)
    key_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_on = models.DateField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["institution__code", "-issued_at"]
        verbose_name = _("partner credential")
        verbose_name_plural = _("partner credentials")

    def __str__(self) -> str:
        return f"{self.institution.code}: {self.label} ({self.prefix}…)"

    @classmethod
    def issue(cls, institution: Institution, label: str) -> tuple[Credential, str]:
        """A new credential and its key (shown once; only its hash is stored)."""
        key = "nk_" + secrets.token_urlsafe(32)
        credential = cls.objects.create(
            institution=institution, label=label, prefix=key[:10], key_sha256=_hash(key)
        )
        return credential, key

    @classmethod
    def find(cls, key: str) -> Credential | None:
        """The unrevoked credential for a key, if any."""
        return (
            cls.objects.select_related("institution")
            .filter(key_sha256=_hash(key), revoked_at__isnull=True)
            .first()
        )


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class AccessEvent(models.Model):
    """A decision about a partner's reader and an item, through a door, logged once per
    reader, item and day (never per tile)."""

    day = models.DateField(_("day"))
    reader = models.CharField(_("reader"), max_length=100, help_text=_("user:ID or key:ID"))
    partner = models.ForeignKey(
        Institution, models.CASCADE, related_name="access_events", verbose_name=_("partner")
    )
    item = models.ForeignKey(
        Item, models.CASCADE, related_name="access_events", verbose_name=_("item")
    )
    door = models.CharField(_("door"), max_length=16)
    is_granted = models.BooleanField(_("granted"))
    agreement = models.ForeignKey(
        Agreement, models.SET_NULL, null=True, blank=True, related_name="access_events"
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["-day", "id"]
        verbose_name = _("access decision")
        verbose_name_plural = _("access decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "reader", "item", "is_granted"], name="access_event_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.reader} {self.item_id} {self.door}"
