"""The access rule itself, which every door asks:

- the public sees published items that are not restricted (items open at reduced size,
  at that size);
- this instance's own staff (superusers, and staff accounts linked to no institution)
  see everything; staff linked to an institution see everything that institution holds;
- a partner's readers (staff accounts linked to the partner institution, and the
  credentials issued to it) see, beyond what the public sees, what the agreements in
  force between the partner and the holding institution grant (cooperation.terms):
  restricted records marked shareable under catalogue exchange, full-resolution images
  under exchange of digital copies. An agreement is in force through the whole of its
  expiry day in the holding institution's time zone.

decide() gives the decision with its reason (a refusal names the agreement that expired
and when), and logs each decision about a partner once per reader, item and day.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nuskha.catalogue.models import Institution, Item
from nuskha.cooperation import terms
from nuskha.cooperation.terms import Grant


class Door(StrEnum):
    """The way a reader comes to a record; agreements may open some doors and not others."""

    WEB = "web"
    API = "api"
    IMAGES = "images"
    OAI = "oai"
    SEARCH = "search"


@dataclass
class PartnerKey:
    """The bearer of a credential issued to a partner (cooperation.models.Credential), for
    the JSON API and OAI-PMH: set as request.user by PartnerKeyMiddleware, so every door
    treats it as a reader. Never staff, never a user of /staff/."""

    credential: Any
    is_authenticated: bool = True
    is_anonymous: bool = False
    is_active: bool = True
    is_staff: bool = False
    is_superuser: bool = False
    decisions: dict[tuple, Decision] = field(default_factory=dict, repr=False)

    @property
    def pk(self) -> None:
        return None  # not a user: nothing may be saved as done by it

    @property
    def institution(self) -> Institution:
        institution: Institution = self.credential.institution
        return institution

    def get_username(self) -> str:
        return f"{self.institution.code} key {self.credential.prefix}"

    def __str__(self) -> str:
        return self.get_username()


@dataclass(frozen=True)
class Decision:
    is_granted: bool
    reason: str = ""
    agreement: Any = None  # the cooperation Agreement that granted or has lapsed
    until: datetime.datetime | None = None  # when a grant by agreement ends
    is_whole: bool = True  # images: at full size (False: at the public's reduced size)
    # A refusal by the agreements (none in force shares it), which the partner is told; not
    # a draft's or an unshared item's, whose existence a partner is not to learn.
    is_told: bool = False

    def __bool__(self) -> bool:
        return self.is_granted


def can_see(reader: Any, item: Item, door: Door = Door.WEB) -> bool:
    """May this reader (a user, AnonymousUser, a PartnerKey or None) see this item
    through this door?"""
    return decide(reader, item, door).is_granted


def decide(
    reader: Any, item: Item, door: Door = Door.WEB, now: datetime.datetime | None = None
) -> Decision:
    """The decision, with why; decisions about a partner are logged once a day."""
    if _sees_everything(reader):
        return Decision(True)
    institution = institution_of(reader)
    if institution is not None and institution.pk == item.institution_id and _is_staff(reader):
        return Decision(True)
    public = _public_decision(item, door)
    if institution is None or (public.is_granted and public.is_whole):
        return public
    now = now or timezone.now()
    # Agreements come into and out of force at midnight in the holder's zone: a decision
    # holds for the reader object (one request) that day.
    day = terms.local_today(now, item.institution.time_zone)
    cache = _decision_cache(reader)
    key = (item.pk, item.status, item.access, item.is_shareable, door, day)
    if key not in cache:
        cache[key] = _partner_decision(institution, item, door, public, now)
        _log(reader, institution, item, door, cache[key], day)
    return cache[key]


def told_why(reader: Any, decision: Decision) -> str | None:
    """What a door tells a reader it refuses: a partner learns why (which agreement lapsed,
    and when), so it can renew; anyone else is told no more than that there is no such
    record (None), so restricted records do not show that they exist."""
    if decision.is_granted or not decision.is_told or institution_of(reader) is None:
        return None
    return decision.reason or None


def refusals_told(reader: Any) -> list[str]:
    """The reasons told_why gave this reader (one request's) for what it was refused:
    for a door such as OAI-PMH, which reports a refused record as deleted and has no
    place for a reason in its records."""
    if institution_of(reader) is None:
        return []
    reasons = {d.reason for d in _decision_cache(reader).values() if d.is_told}
    return sorted(reason for reason in reasons if reason)


def image_size_limit(reader: Any, item: Item) -> int | None:
    """The longest side, in pixels, this reader may see of the item's page images; None
    when there is no limit. can_see(reader, item, Door.IMAGES) decides whether at all."""
    if item.access != Item.Access.OPEN_REDUCED:
        return None
    if decide(reader, item, Door.IMAGES).is_whole:
        return None
    return item.max_image_pixels or None


def sees_everything(reader: Any, door: Door) -> bool:
    """Does this reader see every record through this door (this instance's staff do)?
    Indexes that store can_see(AnonymousUser(), item, door) per item use this to know
    when to apply it."""
    return _sees_everything(reader)


@dataclass(frozen=True)
class SeenBeyondThePublic:
    """What a reader who does not see everything sees beyond the public's items: every
    item of their own institution (its staff), and the published, restricted items marked
    shareable of the institutions sharing records with them under agreements in force."""

    own_institution: int | None
    sharing_institutions: tuple[int, ...]


def seen_beyond_the_public(reader: Any, door: Door) -> SeenBeyondThePublic | None:
    """For readers between the public and this instance's staff; None for the others
    (the public, and those who see everything). visible_items() and the search's filter
    tokens are both written from it, so they cannot drift apart."""
    institution = institution_of(reader)
    if institution is None or _sees_everything(reader):
        return None
    own = institution.pk if _is_staff(reader) else None
    sharing: tuple[int, ...] = ()
    if door != Door.IMAGES:
        now = timezone.now()
        sharing = tuple(granting_institutions(institution, Grant.SHAREABLE_RECORDS, now))
    if own is None and not sharing:
        return None
    return SeenBeyondThePublic(own, sharing)


def visible_items(reader: Any, door: Door = Door.WEB) -> QuerySet[Item]:
    """The items can_see() lets this reader see, as a queryset (for lists and counts)."""
    items = Item.objects.all()
    if _sees_everything(reader):
        return items
    seen = Q(status=Item.Status.PUBLISHED) & ~Q(access=Item.Access.RESTRICTED)
    beyond = seen_beyond_the_public(reader, door)
    if beyond is not None and beyond.own_institution is not None:
        seen |= Q(institution=beyond.own_institution)
    if beyond is not None and beyond.sharing_institutions:
        seen |= Q(
            status=Item.Status.PUBLISHED,
            access=Item.Access.RESTRICTED,
            is_shareable=True,
            institution__in=beyond.sharing_institutions,
        )
    return items.filter(seen)


def is_open_to_everyone(item: Item) -> bool:
    """Can anyone at all see the item's images whole? Only then may responses be cached
    publicly (by browsers, proxies and nuskha's own public tile cache)."""
    return item.status == Item.Status.PUBLISHED and item.access == Item.Access.OPEN


def institution_of(reader: Any) -> Institution | None:
    """The institution a reader reads for: a staff account's, or a credential's partner."""
    if reader is None or not getattr(reader, "is_authenticated", False):
        return None
    if isinstance(reader, PartnerKey):
        return reader.institution
    profile = getattr(reader, "staff_profile", None) if reader.is_staff else None
    return profile.institution if profile is not None else None


def reader_key(reader: Any) -> str:
    if isinstance(reader, PartnerKey):
        return f"key:{reader.credential.pk}"
    return f"user:{reader.pk}"


def granting_institutions(partner: Institution, grant: Grant, now: datetime.datetime) -> list[int]:
    """Ids of the institutions whose agreements with `partner` in force now (each in its
    own time zone) grant it this."""
    from nuskha.cooperation.models import Agreement

    found = set()
    agreements = (
        Agreement.objects.signed()
        .filter(parties__institution=partner)
        .with_scope(terms.scopes_granting(grant))
        .prefetch_related("parties__institution")
    )
    for agreement in agreements:
        for party in agreement.parties.all():
            holder = party.institution
            if holder.pk != partner.pk and agreement.is_in_force(now, holder):
                found.add(holder.pk)
    return sorted(found)


# The parts of the rule ---------------------------------------------------------------


def _is_staff(reader: Any) -> bool:
    return bool(
        reader is not None
        and getattr(reader, "is_authenticated", False)
        and reader.is_active
        and reader.is_staff
    )


def _sees_everything(reader: Any) -> bool:
    """Superusers, and staff accounts of this instance's own (linked to no institution)."""
    if not _is_staff(reader) or isinstance(reader, PartnerKey):
        return False
    return bool(reader.is_superuser or getattr(reader, "staff_profile", None) is None)


def _public_decision(item: Item, door: Door) -> Decision:
    if item.status != Item.Status.PUBLISHED:
        return Decision(False, _("This record is not published."))
    if item.access == Item.Access.RESTRICTED:
        return Decision(False, _("This item is restricted."))
    is_whole = not (door == Door.IMAGES and item.access == Item.Access.OPEN_REDUCED)
    return Decision(True, is_whole=is_whole)


def _partner_decision(
    partner: Institution, item: Item, door: Door, public: Decision, now: datetime.datetime
) -> Decision:
    from nuskha.cooperation.models import Agreement

    if item.status != Item.Status.PUBLISHED:
        return public
    if item.access == Item.Access.RESTRICTED and not item.is_shareable:
        return Decision(False, _("This item is restricted and not shared with partners."))
    grant = Grant.DIGITAL_COPIES if door == Door.IMAGES else Grant.SHAREABLE_RECORDS
    holder = item.institution
    agreements = list(
        Agreement.objects.signed()
        .between(partner, holder)
        .with_scope(terms.scopes_granting(grant))
        .order_by("-expires_on")
    )
    for agreement in agreements:
        if agreement.is_in_force(now, holder):
            return Decision(True, agreement=agreement, until=agreement.ends_at(holder))
    if public.is_granted:
        return public  # without the grant, a partner gets what the public gets
    reason = _refusal(partner, holder, agreements, now)
    return Decision(False, reason, agreement=_lapsed(agreements, now, holder), is_told=True)


def _lapsed(agreements: list[Any], now: datetime.datetime, holder: Institution) -> Any:
    today = terms.local_today(now, holder.time_zone)
    expired = [a for a in agreements if a.expires_on is not None and a.expires_on < today]
    return max(expired, key=lambda agreement: agreement.expires_on) if expired else None


def _refusal(
    partner: Institution, holder: Institution, agreements: list[Any], now: datetime.datetime
) -> str:
    lapsed = _lapsed(agreements, now, holder)
    if lapsed is not None:
        return _(
            "The agreement “%(agreement)s” (%(reference)s) between %(holder)s and "
            "%(partner)s expired on %(date)s; a renewal must be recorded before this item "
            "is shared again."
        ) % {
            "agreement": lapsed.title(),
            "reference": lapsed.reference,
            "holder": holder,
            "partner": partner,
            "date": lapsed.expires_on.isoformat(),
        }
    return _("No agreement in force between %(holder)s and %(partner)s shares this item.") % {
        "holder": holder,
        "partner": partner,
    }


def _decision_cache(reader: Any) -> dict[tuple, Decision]:
    # One decision per reader object (a request's user), so a page that asks several
    # times about an item, or a list, queries the agreements once.
    if isinstance(reader, PartnerKey):
        return reader.decisions
    cache: dict[tuple, Decision] = reader.__dict__.setdefault("_nuskha_decisions", {})
    return cache


def _log(
    reader: Any,
    partner: Institution,
    item: Item,
    door: Door,
    decision: Decision,
    day: datetime.date,
) -> None:
    from nuskha.cooperation.models import AccessEvent

    AccessEvent.objects.bulk_create(
        [
            AccessEvent(
                day=day,
                reader=reader_key(reader),
                partner=partner,
                item=item,
                door=door.value,
                is_granted=decision.is_granted,
                agreement=decision.agreement,
                reason=decision.reason[:500],
            )
        ],
        ignore_conflicts=True,
    )
