"""Site-wide URLs: paths carry no language prefix (see design.md, public interfaces)."""

from django.contrib import admin
from django.urls import path

from nuskha.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("staff/", admin.site.urls),
]
