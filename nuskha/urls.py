"""Site-wide URLs: paths carry no language prefix (see design.md, public interfaces)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("nuskha.web.urls")),
    path("", include("nuskha.api.urls")),
    path("", include("nuskha.oai.urls")),
    path("", include("nuskha.images.urls")),
    path("", include("nuskha.ocr.urls")),
    path("", include("nuskha.cooperation.urls")),
    path("staff/", admin.site.urls),
]
