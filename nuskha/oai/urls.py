"""The OAI-PMH endpoint's URL: /oai, a public interface (design.md): keep it stable."""

from __future__ import annotations

from django.urls import path

from nuskha.oai import views

app_name = "oai"
urlpatterns = [
    path("oai", views.endpoint, name="endpoint"),
]
