"""The home page and the health check."""

from __future__ import annotations

from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from nuskha.access import Door, visible_items
from nuskha.catalogue.models import Institution


def home(request: HttpRequest) -> HttpResponse:
    items = visible_items(request.user, Door.WEB)
    counts = dict(
        items.values_list("institution").annotate(n=Count("id")).values_list("institution", "n")
    )
    institutions = [
        (institution, counts.get(institution.pk, 0))
        for institution in Institution.objects.prefetch_related("names__language")
    ]
    return render(
        request,
        "web/home.html",
        {"institutions": institutions, "total": sum(counts.values())},
    )


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not: for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": str(error)}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
