"""IIIF Content Search (design.md, public interfaces): /iiif/3/search/<item id>?q=..."""

from __future__ import annotations

from django.urls import path

from nuskha.ocr import views

app_name = "ocr"
urlpatterns = [
    path("iiif/3/search/<int:item_id>", views.content_search, name="content-search"),
]
