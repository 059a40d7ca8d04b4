"""Cooperation URLs: the public pages at /cooperation/ and /news/, staff pages under
/staff/cooperation/ (each views module lists its own)."""

from __future__ import annotations

from django.urls import include, path

from nuskha.cooperation.views import dashboard, news, partners

app_name = "cooperation"

urlpatterns = [
    *partners.urlpatterns,
    *news.urlpatterns,
    *dashboard.urlpatterns,
    path(
        "staff/cooperation/",
        include(
            [*partners.staff_urlpatterns, *dashboard.staff_urlpatterns, *news.staff_urlpatterns]
        ),
    ),
]
