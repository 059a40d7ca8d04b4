"""Builders for the search tests: agreements between libraries and partners' keys, built
from nuskha.cooperation's rows directly, as nuskha.access reads them."""

from __future__ import annotations

import datetime

from nuskha.access import PartnerKey
from nuskha.catalogue.models import Institution
from nuskha.cooperation.models import Agreement, Clause, ClauseScope, Credential, Party


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


def partner_key(institution: Institution) -> PartnerKey:
    """A reader holding a key issued to this partner (as PartnerKeyMiddleware sets it)."""
    credential, _key = Credential.issue(institution, "union catalogue harvester")
    return PartnerKey(credential)
