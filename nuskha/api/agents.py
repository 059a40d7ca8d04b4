"""/api/v1/agents: authority records for people and corporate bodies, with every form of
their names, their works, and the items the reader may see with the agent's roles there."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Query, Router

from nuskha.access import Door, visible_items
from nuskha.api.errors import ERRORS, not_found
from nuskha.api.links import agent_url, item_url, work_url
from nuskha.api.paging import PageParameters, page_of, paged
from nuskha.api.records import name_forms
from nuskha.api.schemas import AgentPage, AgentSchema
from nuskha.catalogue.models import Agent, AgentName, ContentItem, Item, ItemAgent, Role, Work

router = Router(tags=["agents"])


def identifiers_of(record: Agent | Work) -> dict[str, Any]:
    return {
        "local": record.identifier,
        "viaf": record.viaf or None,
        "wikidata": record.wikidata or None,
    }


def agent_summary(agent: Agent) -> dict[str, Any]:
    return {
        "id": agent.pk,
        "url": agent_url(agent.pk),
        "kind": agent.kind,
        "preferred_name": agent.preferred_name(),
        "dates": {
            "as_written": agent.dates,
            "birth_year": agent.birth_year,
            "death_year": agent.death_year,
        },
        "identifiers": identifiers_of(agent),
    }


def with_names(agents: QuerySet[Agent]) -> QuerySet[Agent]:
    return agents.prefetch_related(
        Prefetch("names", AgentName.objects.select_related("language", "script"))
    )


@router.get("", response={200: AgentPage, **ERRORS}, summary="List agents")
def list_agents(request: HttpRequest, paging: Query[PageParameters]) -> dict[str, Any]:
    """Every agent's authority record, in id order, a page at a time."""
    page, next_cursor = page_of(with_names(Agent.objects.all()), paging.cursor, paging.limit)
    return paged([agent_summary(agent) for agent in page], next_cursor)


@router.get("/{int:agent_id}", response={200: AgentSchema, **ERRORS}, summary="One agent")
def get_agent(request: HttpRequest, agent_id: int) -> dict[str, Any]:
    """The agent's names, dates, identifiers, works, and the items the reader may see."""
    agent = with_names(Agent.objects.filter(pk=agent_id)).first()
    if agent is None:
        raise not_found(f"There is no agent {agent_id}.")
    works = agent.works.prefetch_related("titles").order_by("pk")
    return {
        **agent_summary(agent),
        "names": name_forms(agent.names),
        "note": agent.note,
        "works": [
            {"id": work.pk, "url": work_url(work.pk), "uniform_title": work.uniform_title()}
            for work in works
        ],
        "items": items_with_roles(request, agent),
    }


def items_with_roles(request: HttpRequest, agent: Agent) -> list[dict[str, Any]]:
    """Items the reader may see where the agent has a role, or copied one of the texts."""
    visible = visible_items(request.user, Door.API)
    roles: dict[int, list[str]] = {}
    for item_id, role in (
        ItemAgent.objects.filter(agent=agent, item__in=visible)
        .order_by("item_id", "position", "pk")
        .values_list("item_id", "role")
    ):
        roles.setdefault(item_id, [])
        if role not in roles[item_id]:
            roles[item_id].append(role)
    for item_id in ContentItem.objects.filter(scribe=agent, item__in=visible).values_list(
        "item_id", flat=True
    ):
        if Role.SCRIBE not in roles.setdefault(item_id, []):
            roles[item_id].append(Role.SCRIBE)
    items = Item.objects.filter(pk__in=roles).select_related("institution")
    items = items.prefetch_related("titles").order_by("pk")
    return [
        {
            "id": item.pk,
            "url": item_url(item.pk),
            "institution": item.institution.code,
            "shelfmark": item.shelfmark,
            "title": item.display_title(),
            "roles": [str(role) for role in roles[item.pk]],
        }
        for item in items
    ]
