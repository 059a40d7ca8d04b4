"""The public site's URLs: no language prefix (the language comes from ?lang=, the cookie
or Accept-Language)."""

from django.urls import path

from nuskha.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
]
