"""The one rule for who may see what: drafts, withdrawn and restricted items stay hidden."""

import pytest
from django.contrib.auth.models import AnonymousUser

from nuskha.access import Door, can_see, visible_items
from nuskha.catalogue.conftest import make_item

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "access", "public_sees"),
    [
        ("published", "open", True),
        ("published", "open_reduced", True),
        ("published", "restricted", False),
        ("draft", "open", False),
        ("withdrawn", "open", False),
    ],
)
def test_the_public_sees_only_published_unrestricted_items(
    iran_library, reader, status, access, public_sees
) -> None:
    item = make_item(iran_library, status=status, access=access, max_image_pixels=1200)
    for person in (AnonymousUser(), reader):
        assert can_see(person, item, Door.WEB) is public_sees
        assert (item in visible_items(person, Door.WEB)) is public_sees


def test_staff_see_drafts(iran_library, cataloguer) -> None:
    draft = make_item(iran_library, status="draft")
    assert can_see(cataloguer, draft) and draft in visible_items(cataloguer)
