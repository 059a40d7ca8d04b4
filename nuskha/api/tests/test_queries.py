"""Lists cost a fixed number of queries, however many records a page holds (no N+1)."""

from __future__ import annotations

import pytest

from nuskha.api.tests.conftest import make_full_item
from nuskha.conftest import make_institution

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/items",
    "/api/v1/agents",
    "/api/v1/works",
    "/api/v1/institutions",
    "/api/v1/search?q=شاهنامه",
    "/api/v1/search?kind=manuscript&sort=title",
]


def queries_for(client, url: str, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(60) as counted:
        assert client.get(url).status_code == 200
    return len(counted.captured_queries)


@pytest.mark.parametrize("url", LISTS)
def test_a_longer_page_costs_no_more_queries(
    client, iran_library, url: str, django_assert_max_num_queries
) -> None:
    make_full_item(iran_library, "MS 0")
    few = queries_for(client, url, django_assert_max_num_queries)
    for n in range(1, 6):
        make_full_item(make_institution(f"IR-{n}", "IR"), f"MS {n}")
    assert queries_for(client, url, django_assert_max_num_queries) == few


@pytest.mark.parametrize("url", ["/api/v1/agents/{agent}", "/api/v1/works/{work}"])
def test_an_authority_costs_no_more_queries_for_more_copies(
    client, iran_library, url: str, django_assert_max_num_queries
) -> None:
    from nuskha.catalogue.conftest import make_content, make_item
    from nuskha.catalogue.models import ItemAgent

    item = make_full_item(iran_library)
    content = item.contents.get()
    url = url.format(agent=content.scribe_id, work=content.work_id)
    few = queries_for(client, url, django_assert_max_num_queries)
    for n in range(5):
        copy = make_item(make_institution(f"IR-{n}", "IR"), f"MS {n}")
        make_content(copy, work=content.work, scribe=content.scribe)
        ItemAgent.objects.create(item=copy, agent=content.scribe, role="owner")
    assert queries_for(client, url, django_assert_max_num_queries) == few
