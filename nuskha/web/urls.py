"""The public site's URLs: no language prefix (the language comes from ?lang=, the cookie
or Accept-Language). The paths are public interfaces (design.md): keep them stable."""

from django.urls import path

from nuskha.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("search", views.search, name="search"),
    path("items/<int:item_id>", views.item_detail, name="item-detail"),
    path("agents/<int:agent_id>", views.agent_detail, name="agent-detail"),
    path("works/<int:work_id>", views.work_detail, name="work-detail"),
    path("institutions/<str:code>", views.institution_detail, name="institution-detail"),
]
