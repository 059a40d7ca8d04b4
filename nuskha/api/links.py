"""Absolute links to records on the public site, built from settings.BASE_URL (the
NUSKHA_BASE_URL a proxy serves the site at) when a response is made, never at import."""

from __future__ import annotations

from django.conf import settings


def absolute_url(path: str) -> str:
    return f"{settings.BASE_URL}{path}"


def item_url(item_id: int) -> str:
    return absolute_url(f"/items/{item_id}")


def agent_url(agent_id: int) -> str:
    return absolute_url(f"/agents/{agent_id}")


def work_url(work_id: int) -> str:
    return absolute_url(f"/works/{work_id}")


def institution_url(code: str) -> str:
    return absolute_url(f"/institutions/{code}")
