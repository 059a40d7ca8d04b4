"""Who on the staff may change which records: each belongs to one institution.

Authority records (agents, works, subjects) are shared by every cataloguer; items and
collections belong to their holding institution, and only its staff (or an
administrator) may change them.
"""

from __future__ import annotations

from typing import Any

from nuskha.catalogue.models import Institution


def staff_institution(user: Any) -> Institution | None:
    """The institution the staff account works for, or None."""
    profile = getattr(user, "staff_profile", None) if user.is_authenticated else None
    return profile.institution if profile is not None else None


def can_edit_holdings_of(user: Any, institution_id: int | None) -> bool:
    """May this user change records held by that institution?"""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    own = staff_institution(user)
    return own is not None and institution_id is not None and own.pk == institution_id
