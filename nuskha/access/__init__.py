"""Who may see what: the one rule every door (web, api, images, oai) asks.

Later issues extend it (agreements with partners, reduced-size images); callers only
ever ask can_see() or visible_items(), so the rule stays in this one place.
"""

from nuskha.access.rules import (
    Decision,
    Door,
    PartnerKey,
    can_see,
    decide,
    image_size_limit,
    institution_of,
    is_open_to_everyone,
    refusals_told,
    seen_beyond_the_public,
    sees_everything,
    told_why,
    visible_items,
)

__all__ = [
    "Decision",
    "Door",
    "PartnerKey",
    "can_see",
    "decide",
    "image_size_limit",
    "institution_of",
    "is_open_to_everyone",
    "refusals_told",
    "seen_beyond_the_public",
    "sees_everything",
    "told_why",
    "visible_items",
]
