"""The catalogue: institutions, items (manuscripts, lithographs, printed books), their
titles, agents, contents, parts and provenance, and the authority records (agents, works,
subjects) that link copies of one text across libraries.

Every model that describes an item keeps its history (django-simple-history), so the
record shows who changed what and when, inline rows included (see catalogue/history.py).
"""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nuskha.calendars import DateParseError, DateSpan
from nuskha.calendars import parse as parse_date
from nuskha.catalogue.loci import LocusError, check_within_volume, parse_locus


def validate_time_zone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(_("“%(zone)s” is not an IANA time zone."), params={"zone": value})


LOCUS_MESSAGES = {
    "empty": _("A locus is empty."),
    "unreadable": _(
        "“%(locus)s” is not a locus: write leaves as “ff. 1v–45r” or “f. 12r”, "
        "pages as “pp. 3–120”."
    ),
    "backwards": _("“%(locus)s”: the range ends before it begins."),
    "zero": _("“%(locus)s”: leaves and pages are numbered from 1."),
    "beyond_leaves": _("“%(locus)s”: leaf %(last)s is beyond the volume's %(count)s leaves."),
    "beyond_pages": _("“%(locus)s”: page %(last)s is beyond the volume's %(count)s pages."),
}


def locus_validation_error(error: LocusError) -> ValidationError:
    """The pure module's reason, in the reader's language."""
    return ValidationError(LOCUS_MESSAGES[error.code], code=error.code, params=error.params)


def validate_locus(value: str) -> None:
    try:
        parse_locus(value)
    except LocusError as error:
        raise locus_validation_error(error) from None


def pick_label(labels: Any, language: str | None = None) -> str:
    """From a related manager of labels: the one in the reader's language, else English,
    else the first one written."""
    pairs = [(label.language.code, label.text) for label in labels.all()]
    if not pairs:
        return ""
    wanted = (language or get_language() or "en").split("-")[0]
    by_language = dict(pairs)
    return by_language.get(wanted) or by_language.get("en") or pairs[0][1]


# Reference lists -----------------------------------------------------------------------


class Language(models.Model):
    """A language a record may be in, by its BCP 47 tag, with the MARC code for export."""

    code = models.CharField(_("BCP 47 tag"), max_length=20, unique=True)
    marc_code = models.CharField(_("MARC language code"), max_length=3)
    name_en = models.CharField(_("name in English"), max_length=100)
    name_native = models.CharField(_("name in the language"), max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return f"{self.code} — {self.name_native or self.name_en}"


class Script(models.Model):
    """A writing system by its ISO 15924 code (Arab, Cyrl, Latn)."""

    code = models.CharField(_("ISO 15924 code"), max_length=4, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("script")
        verbose_name_plural = _("scripts")

    def __str__(self) -> str:
        return f"{self.code} — {self.name_en}"


class LabelBase(models.Model):
    """A name or label in one language: institutions, collections and subjects have several."""

    language = models.ForeignKey(Language, models.PROTECT, verbose_name=_("language"))
    text = models.CharField(_("text"), max_length=500)

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text


# Institutions and collections ----------------------------------------------------------


class Institution(models.Model):
    """A library or archive that holds items: a partner or this instance's own home."""

    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_("An ISIL or another stable code, e.g. IR-NLAI."),
    )
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    website = models.URLField(_("website"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return self.name() or self.code

    def name(self, language: str | None = None) -> str:
        return pick_label(self.names, language)


class InstitutionName(LabelBase):
    institution = models.ForeignKey(Institution, models.CASCADE, related_name="names")

    class Meta(LabelBase.Meta):
        verbose_name = _("institution name")
        verbose_name_plural = _("institution names")


class Collection(models.Model):
    institution = models.ForeignKey(
        Institution, models.PROTECT, related_name="collections", verbose_name=_("institution")
    )
    code = models.SlugField(_("code"), max_length=64)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["institution__code", "code"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "code"], name="collection_code_unique_per_institution"
            )
        ]

    def __str__(self) -> str:
        return self.name() or self.code

    def name(self, language: str | None = None) -> str:
        return pick_label(self.names, language)


class CollectionName(LabelBase):
    collection = models.ForeignKey(Collection, models.CASCADE, related_name="names")

    class Meta(LabelBase.Meta):
        verbose_name = _("collection name")
        verbose_name_plural = _("collection names")


class StaffProfile(models.Model):
    """The institution a staff account works for: it edits only that institution's records."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="staff_profile"
    )
    institution = models.ForeignKey(
        Institution, models.PROTECT, related_name="staff", verbose_name=_("institution")
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.institution.code})"


# Authorities ---------------------------------------------------------------------------


class Subject(models.Model):
    """A heading from nuskha's controlled subject list."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    broader = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, verbose_name=_("broader subject")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")

    def __str__(self) -> str:
        return self.label() or self.code

    def label(self, language: str | None = None) -> str:
        return pick_label(self.labels, language)


class SubjectLabel(LabelBase):
    subject = models.ForeignKey(Subject, models.CASCADE, related_name="labels")

    class Meta(LabelBase.Meta):
        verbose_name = _("subject label")
        verbose_name_plural = _("subject labels")


class FormType(models.TextChoices):
    """How a name or title form came about."""

    PREFERRED = "preferred", _("preferred")
    VARIANT = "variant", _("variant")
    ROMANISED = "romanised", _("romanised by a cataloguer")
    TRANSLATED = "translated", _("translated")


class Agent(models.Model):
    """An authority record for a person or a corporate body, with every form of its name."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        CORPORATE = "corporate", _("corporate body")

    identifier = models.SlugField(
        _("identifier"), max_length=100, unique=True, help_text=_("A stable local identifier.")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PERSON)
    dates = models.CharField(
        _("dates as written"), max_length=200, blank=True, help_text=_("e.g. 329–411 AH / 940–1020")
    )
    birth_year = models.IntegerField(_("year of birth (Gregorian)"), null=True, blank=True)
    death_year = models.IntegerField(_("year of death (Gregorian)"), null=True, blank=True)
    viaf = models.CharField(_("VIAF identifier"), max_length=32, blank=True)
    wikidata = models.CharField(_("Wikidata identifier"), max_length=32, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("agent")
        verbose_name_plural = _("agents")

    def __str__(self) -> str:
        return self.preferred_name() or self.identifier

    def clean(self) -> None:
        if self.birth_year and self.death_year and self.death_year < self.birth_year:
            raise ValidationError(
                {"death_year": _("The year of death is before the year of birth.")}
            )

    def preferred_name(self, language: str | None = None) -> str:
        names = list(self.names.all())
        if language:
            for name in names:
                if name.language.code == language:
                    return name.text
        return names[0].text if names else ""


class AgentName(models.Model):
    agent = models.ForeignKey(Agent, models.CASCADE, related_name="names")
    text = models.CharField(_("name"), max_length=500)
    language = models.ForeignKey(Language, models.PROTECT, verbose_name=_("language"))
    script = models.ForeignKey(Script, models.PROTECT, verbose_name=_("script"))
    form_type = models.CharField(
        _("form"), max_length=16, choices=FormType.choices, default=FormType.VARIANT
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("name form")
        verbose_name_plural = _("name forms")

    def __str__(self) -> str:
        return self.text


class Work(models.Model):
    """An authority record for a text, which survives in copies held by many libraries."""

    identifier = models.SlugField(_("identifier"), max_length=100, unique=True)
    author = models.ForeignKey(
        Agent, models.PROTECT, null=True, blank=True, related_name="works", verbose_name=_("author")
    )
    language = models.ForeignKey(
        Language, models.PROTECT, null=True, blank=True, verbose_name=_("original language")
    )
    subjects = models.ManyToManyField(Subject, blank=True, verbose_name=_("subjects"))
    viaf = models.CharField(_("VIAF identifier"), max_length=32, blank=True)
    wikidata = models.CharField(_("Wikidata identifier"), max_length=32, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("work")
        verbose_name_plural = _("works")

    def __str__(self) -> str:
        return self.uniform_title() or self.identifier

    def uniform_title(self, language: str | None = None) -> str:
        titles = list(self.titles.all())
        if language:
            for title in titles:
                if title.language.code == language:
                    return title.text
        return titles[0].text if titles else ""

    def copies(self) -> models.QuerySet[Item]:
        """Every item, in any institution, that holds a copy of this work."""
        return Item.objects.filter(contents__work=self).distinct()


class WorkTitle(models.Model):
    work = models.ForeignKey(Work, models.CASCADE, related_name="titles")
    text = models.CharField(_("title"), max_length=1000)
    language = models.ForeignKey(Language, models.PROTECT, verbose_name=_("language"))
    script = models.ForeignKey(Script, models.PROTECT, verbose_name=_("script"))
    form_type = models.CharField(
        _("form"), max_length=16, choices=FormType.choices, default=FormType.VARIANT
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("uniform title")
        verbose_name_plural = _("uniform titles")

    def __str__(self) -> str:
        return self.text


# Shared parts of a description ---------------------------------------------------------


class Certainty(models.TextChoices):
    EXACT = "exact", _("exact")
    APPROXIMATE = "approximate", _("approximate")
    INFERRED = "inferred", _("inferred")
    UNCERTAIN = "uncertain", _("uncertain")


class DatedMixin(models.Model):
    """A date as written, with the span of proleptic Gregorian days it may stand for."""

    date_as_written = models.CharField(
        _("date as written"),
        max_length=300,
        blank=True,
        help_text=_(
            "As the source writes it, e.g. ⁨ربیع الاول ۱۰۱۰ ق⁩, 1850s, XVII в. "
            "Left empty, the earliest and latest dates are filled from it."
        ),
    )
    date_earliest = models.DateField(
        _("earliest date"), null=True, blank=True, help_text=_("Proleptic Gregorian")
    )
    date_latest = models.DateField(
        _("latest date"), null=True, blank=True, help_text=_("Proleptic Gregorian")
    )
    date_certainty = models.CharField(
        _("certainty"), max_length=16, choices=Certainty.choices, blank=True
    )

    class Meta:
        abstract = True

    def fill_date_from_text(self) -> None:
        """Earliest, latest and certainty from the date as written, where not given.

        The cataloguer's own span always wins: a date the text cannot show (a dating by
        paper or hand) is entered by hand, and the text stays as written.
        """
        if not self.date_as_written or self.date_earliest or self.date_latest:
            return
        span = parse_date(self.date_as_written)
        self.date_earliest, self.date_latest = span.earliest, span.latest
        self.date_certainty = self.date_certainty or span.certainty

    def date_span(self) -> DateSpan | None:
        """The date as a span for display, if it has one."""
        if not (self.date_earliest and self.date_latest):
            return None
        calendar = "gregorian"
        try:
            calendar = (
                parse_date(self.date_as_written).calendar if self.date_as_written else calendar
            )
        except DateParseError:
            pass  # a span entered by hand for a text nuskha cannot read
        certainty = self.date_certainty or "exact"
        return DateSpan(
            self.date_earliest, self.date_latest, calendar, self.date_as_written, certainty
        )

    def clean_date(self) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        try:
            self.fill_date_from_text()
        except DateParseError as error:
            errors["date_as_written"] = _(
                "nuskha cannot read this date (%(reason)s): give its earliest and latest "
                "dates yourself."
            ) % {"reason": error}
        if self.date_earliest and self.date_latest and self.date_latest < self.date_earliest:
            errors["date_latest"] = _("The latest date is before the earliest date.")
        if (self.date_earliest or self.date_latest) and not self.date_certainty:
            errors["date_certainty"] = _("Say how certain the date is.")
        return errors


class Material(models.TextChoices):
    PAPER = "paper", _("paper")
    PARCHMENT = "parchment", _("parchment")
    PALM_LEAF = "palm_leaf", _("palm leaf")
    SILK = "silk", _("silk")
    MIXED = "mixed", _("mixed")
    OTHER = "other", _("other")


class ScriptStyle(models.TextChoices):
    NASKH = "naskh", _("naskh")
    NASTALIQ = "nastaliq", _("nastaʿlīq")
    SHIKASTA = "shikasta", _("shikasta")
    THULUTH = "thuluth", _("thuluth")
    MUHAQQAQ = "muhaqqaq", _("muḥaqqaq")
    RAYHANI = "rayhani", _("rayḥānī")
    KUFIC = "kufic", _("kufic")
    TAWQI = "tawqi", _("tawqīʿ")
    RIQA = "riqa", _("riqāʿ")
    DIWANI = "diwani", _("dīwānī")
    MAGHRIBI = "maghribi", _("maghribī")
    LITHOGRAPHIC_NASTALIQ = "lithographic_nastaliq", _("lithographed nastaʿlīq")
    LITHOGRAPHIC_NASKH = "lithographic_naskh", _("lithographed naskh")
    ARABIC_TYPE = "arabic_type", _("Arabic type")
    CYRILLIC_TYPE = "cyrillic_type", _("Cyrillic type")
    LATIN_TYPE = "latin_type", _("Latin type")
    OTHER = "other", _("other")


class PhysicalDescriptionMixin(models.Model):
    material = models.CharField(_("material"), max_length=16, choices=Material.choices, blank=True)
    height_mm = models.PositiveIntegerField(_("height (mm)"), null=True, blank=True)
    width_mm = models.PositiveIntegerField(_("width (mm)"), null=True, blank=True)
    leaf_count = models.PositiveIntegerField(_("number of leaves"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("number of pages"), null=True, blank=True)
    lines_per_page = models.PositiveSmallIntegerField(_("lines per page"), null=True, blank=True)
    script_style = models.CharField(
        _("script style"), max_length=32, choices=ScriptStyle.choices, blank=True
    )
    decoration = models.TextField(_("decoration"), blank=True)
    binding = models.TextField(_("binding"), blank=True)

    class Meta:
        abstract = True


# Items ---------------------------------------------------------------------------------


class ItemQuerySet(models.QuerySet["Item"]):
    def published(self) -> ItemQuerySet:
        return self.filter(status=Item.Status.PUBLISHED)


class Item(DatedMixin, PhysicalDescriptionMixin, models.Model):
    """A manuscript, lithograph, printed book or archival document held by one institution."""

    class Kind(models.TextChoices):
        MANUSCRIPT = "manuscript", _("manuscript")
        LITHOGRAPH = "lithograph", _("lithograph")
        PRINTED_BOOK = "printed_book", _("printed book")
        ARCHIVAL_DOCUMENT = "archival_document", _("archival document")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Access(models.TextChoices):
        OPEN = "open", _("open")
        OPEN_REDUCED = "open_reduced", _("open at reduced size")
        RESTRICTED = "restricted", _("restricted")

    institution = models.ForeignKey(
        Institution, models.PROTECT, related_name="items", verbose_name=_("holding institution")
    )
    collection = models.ForeignKey(
        Collection,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("collection"),
    )
    shelfmark = models.CharField(_("shelfmark"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.MANUSCRIPT)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    access = models.CharField(
        _("access"), max_length=16, choices=Access.choices, default=Access.OPEN
    )
    max_image_pixels = models.PositiveIntegerField(
        _("largest image size (pixels)"),
        null=True,
        blank=True,
        help_text=_("For items open at reduced size: the longest side readers may see."),
    )
    is_shareable = models.BooleanField(
        _("may be shared with partners"),
        default=False,
        help_text=_(
            "Partners with a catalogue-exchange agreement see this record even when restricted."
        ),
    )
    languages = models.ManyToManyField(Language, blank=True, verbose_name=_("languages"))
    scripts = models.ManyToManyField(Script, blank=True, verbose_name=_("scripts"))
    subjects = models.ManyToManyField(Subject, blank=True, verbose_name=_("subjects"))
    place_as_written = models.CharField(
        _("place of production as written"), max_length=300, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[languages, scripts, subjects])

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["institution__code", "shelfmark"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "shelfmark"], name="item_shelfmark_unique_per_institution"
            )
        ]
        indexes = [
            # OAI-PMH lists page through items in (datestamp, id) order (oai/listing.py).
            models.Index(fields=["updated_at", "id"], name="item_changed_order"),
        ]

    def __str__(self) -> str:
        title = self.display_title()
        return f"{self.shelfmark}: {title}" if title else self.shelfmark

    def clean(self) -> None:
        errors = self.clean_date()
        if self.access == self.Access.OPEN_REDUCED and not self.max_image_pixels:
            errors["max_image_pixels"] = _(
                "Give the largest size for an item open at reduced size."
            )
        if (
            self.collection_id
            and self.institution_id
            and self.collection.institution_id != self.institution_id
        ):
            errors["collection"] = _("The collection belongs to another institution.")
        if errors:
            raise ValidationError(errors)

    def display_title(self) -> str:
        titles = list(self.titles.all()) if self.pk else []
        return titles[0].text if titles else ""

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED


class FormerShelfmark(models.Model):
    item = models.ForeignKey(Item, models.CASCADE, related_name="former_shelfmarks")
    shelfmark = models.CharField(_("former shelfmark"), max_length=200)
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("former shelfmark")
        verbose_name_plural = _("former shelfmarks")

    def __str__(self) -> str:
        return self.shelfmark


class Title(models.Model):
    class Type(models.TextChoices):
        UNIFORM = "uniform", _("uniform")
        COLOPHON = "colophon", _("as written in the colophon")
        SUPPLIED = "supplied", _("supplied")
        TRANSLATED = "translated", _("translated")
        ROMANISED = "romanised", _("romanised by a cataloguer")

    item = models.ForeignKey(Item, models.CASCADE, related_name="titles")
    text = models.CharField(_("title"), max_length=1000)
    language = models.ForeignKey(Language, models.PROTECT, verbose_name=_("language"))
    script = models.ForeignKey(Script, models.PROTECT, verbose_name=_("script"))
    title_type = models.CharField(
        _("type"), max_length=16, choices=Type.choices, default=Type.UNIFORM
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("title")
        verbose_name_plural = _("titles")

    def __str__(self) -> str:
        return self.text


class Role(models.TextChoices):
    AUTHOR = "author", _("author")
    SCRIBE = "scribe", _("scribe")
    TRANSLATOR = "translator", _("translator")
    COMMENTATOR = "commentator", _("commentator")
    ILLUMINATOR = "illuminator", _("illuminator")
    BINDER = "binder", _("binder")
    OWNER = "owner", _("owner")
    PATRON = "patron", _("patron")
    PRINTER = "printer", _("printer")
    EDITOR = "editor", _("editor")
    # A role the record gives without saying which (a UNIMARC 702 without $4): the
    # relator term, if any, is kept in the note.
    CONTRIBUTOR = "contributor", _("other contributor")


class ItemAgent(models.Model):
    """An agent's role on an item: the author of its text, its scribe, a former owner..."""

    item = models.ForeignKey(Item, models.CASCADE, related_name="agents")
    agent = models.ForeignKey(
        Agent, models.PROTECT, related_name="item_roles", verbose_name=_("agent")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    name_as_written = models.CharField(_("name as written"), max_length=500, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("agent on the item")
        verbose_name_plural = _("agents on the item")

    def __str__(self) -> str:
        return f"{self.agent} ({self.get_role_display()})"


class ItemPart(DatedMixin, PhysicalDescriptionMixin, models.Model):
    """One of the codicological units of a composite volume (TEI msPart)."""

    item = models.ForeignKey(Item, models.CASCADE, related_name="parts")
    label = models.CharField(_("label"), max_length=100, help_text=_("e.g. Part I, A"))
    locus = models.CharField(
        _("locus"),
        max_length=200,
        blank=True,
        validators=[validate_locus],
        help_text=_("e.g. ff. 1r–80v"),
    )
    place_as_written = models.CharField(
        _("place of production as written"), max_length=300, blank=True
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("part")
        verbose_name_plural = _("parts")

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        errors = self.clean_date()
        errors.update(locus_errors(self.locus, self.item if self.item_id else None))
        if errors:
            raise ValidationError(errors)


def locus_errors(locus: str, item: Item | None) -> dict[str, Any]:
    """A locus that cannot be read, or lies beyond the volume's leaves or pages."""
    if not locus:
        return {}
    try:
        if item is None:
            parse_locus(locus)
        else:
            check_within_volume(locus, item.leaf_count, item.page_count)
    except LocusError as error:
        return {"locus": locus_validation_error(error)}
    return {}


class ContentItem(DatedMixin, models.Model):
    """One text in a volume (TEI msItem): where it stands, how it opens and ends, its colophon."""

    item = models.ForeignKey(Item, models.CASCADE, related_name="contents")
    part = models.ForeignKey(
        ItemPart,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="contents",
        verbose_name=_("part"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    locus = models.CharField(
        _("locus"), max_length=200, help_text=_("e.g. ff. 1v–45r or pp. 3–120")
    )
    work = models.ForeignKey(
        Work, models.PROTECT, null=True, blank=True, related_name="contents", verbose_name=_("work")
    )
    title_as_written = models.CharField(_("title as written"), max_length=1000, blank=True)
    language = models.ForeignKey(
        Language, models.PROTECT, null=True, blank=True, verbose_name=_("language")
    )
    incipit = models.TextField(_("incipit"), blank=True)
    explicit = models.TextField(_("explicit"), blank=True)
    colophon = models.TextField(_("colophon"), blank=True)
    scribe = models.ForeignKey(
        Agent,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="copied_contents",
        verbose_name=_("scribe"),
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("content")
        verbose_name_plural = _("contents")

    def __str__(self) -> str:
        return f"{self.locus} {self.title_as_written or self.work or ''}".strip()

    def clean(self) -> None:
        errors = self.clean_date()
        errors.update(locus_errors(self.locus, self.item if self.item_id else None))
        if not self.locus:
            errors["locus"] = _("Give the locus, e.g. ff. 1v–45r.")
        if self.part_id and self.item_id and self.part.item_id != self.item_id:
            errors["part"] = _("The part belongs to another item.")
        if errors:
            raise ValidationError(errors)


class Provenance(models.Model):
    """A mark of the item's history: a seal, an ownership note, an endowment, an acquisition."""

    class Kind(models.TextChoices):
        SEAL = "seal", _("seal")
        OWNERSHIP_NOTE = "ownership_note", _("ownership note")
        WAQF = "waqf", _("endowment (waqf)")
        ACQUISITION = "acquisition", _("acquisition")
        BOOKPLATE = "bookplate", _("bookplate or stamp")
        OTHER = "other", _("other")

    item = models.ForeignKey(Item, models.CASCADE, related_name="provenance")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("text as written"), blank=True)
    date_as_written = models.CharField(_("date as written"), max_length=300, blank=True)
    agent = models.ForeignKey(
        Agent,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="provenance_marks",
        verbose_name=_("agent"),
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    locus = models.CharField(_("locus"), max_length=200, blank=True, validators=[validate_locus])
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("provenance")
        verbose_name_plural = _("provenance")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class SourceRecord(models.Model):
    """An item's record as it was received from another system (a MARC export, a TEI
    file), kept whole: a new import of the same record updates the item instead of making
    a second one, and an export merges the catalogue's values into it, so fields the
    crosswalk does not know (035, 040, local 9XX...) survive the round trip."""

    class Format(models.TextChoices):
        MARC21 = "marc21", "MARC21"
        UNIMARC = "unimarc", "UNIMARC"
        TEI = "tei", "TEI"

    item = models.OneToOneField(
        Item, models.CASCADE, related_name="source_record", verbose_name=_("item")
    )
    institution = models.ForeignKey(
        Institution, models.PROTECT, related_name="source_records", verbose_name=_("institution")
    )
    control_number = models.CharField(
        _("control number"), max_length=100, help_text=_("The record's own id, e.g. MARC 001.")
    )
    format = models.CharField(_("format"), max_length=16, choices=Format.choices)
    data = models.BinaryField(_("record as received"))
    # The catalogue's view of the record just after it was stored (interchange.record_of,
    # as JSON): a part still equal to it is unchanged since the import, and is exported
    # as received; a part that differs was edited here, and the catalogue's value wins.
    imported_as = models.JSONField(_("record as imported"), default=dict, blank=True)
    received_at = models.DateTimeField(_("last received"), auto_now=True)

    class Meta:
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "control_number"],
                name="source_record_control_number_unique_per_institution",
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution_id}:{self.control_number} ({self.format})"
