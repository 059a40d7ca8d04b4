"""Builders for the search tests: partners' keys (agreements: cooperation's agree())."""

from __future__ import annotations

from nuskha.access import PartnerKey
from nuskha.catalogue.models import Institution
from nuskha.cooperation.models import Credential


def partner_key(institution: Institution) -> PartnerKey:
    """A reader holding a key issued to this partner (as PartnerKeyMiddleware sets it)."""
    credential, _key = Credential.issue(institution, "union catalogue harvester")
    return PartnerKey(credential)
