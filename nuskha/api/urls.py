"""URLs of the JSON API and of the per-record exports (/items/<id>/record.<format>)."""

from __future__ import annotations

from django.urls import path
from ninja import NinjaAPI

api = NinjaAPI(
    title="nuskha API",
    version="1",
    description="Manuscripts and early printed books of partner libraries.",
    urls_namespace="api",
)

urlpatterns = [path("api/v1/", api.urls)]
