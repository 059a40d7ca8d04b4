"""Who may see what: the one rule every door (web, api, images, oai) asks.

Later issues extend it (agreements with partners, reduced-size images); callers only
ever ask can_see() or visible_items(), so the rule stays in this one place.
"""

from nuskha.access.rules import (
    Door,
    can_see,
    image_size_limit,
    is_open_to_everyone,
    sees_everything,
    visible_items,
)

__all__ = [
    "Door",
    "can_see",
    "image_size_limit",
    "is_open_to_everyone",
    "sees_everything",
    "visible_items",
]
