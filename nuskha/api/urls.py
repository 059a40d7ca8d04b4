"""URLs of the JSON API and of the per-record exports (/items/<id>/record.<format>)."""

from __future__ import annotations

from django.urls import path
from ninja import NinjaAPI

from nuskha.api import agents, institutions, items, search, works
from nuskha.api.errors import register_error_handlers
from nuskha.api.views import record_export, record_json

api = NinjaAPI(
    title="nuskha API",
    version="1",
    description=(
        "Manuscripts and early printed books of partner libraries. Read-only. What a "
        "reader sees follows docs/reference/access.md: staff signed in to the site see "
        "their institution's drafts and restricted records too; a partner library's "
        "programs send the key issued to it (Authorization: Bearer <key>) and see what "
        "the agreements in force share. "
        'Errors are JSON: {"detail": "…"}. docs/reference/api.md describes every field.'
    ),
    urls_namespace="api",
)
api.add_router("/items", items.router)
api.add_router("/search", search.router)
api.add_router("/agents", agents.router)
api.add_router("/works", works.router)
api.add_router("/institutions", institutions.router)
register_error_handlers(api)

urlpatterns = [
    path("api/v1/", api.urls),
    path("items/<int:item_id>/record.json", record_json, name="item-record-json"),
    path("items/<int:item_id>/record.<str:extension>", record_export, name="item-record"),
]
