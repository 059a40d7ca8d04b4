"""PartnerKeyMiddleware: a request that presents a partner's credential is read as that
partner's (rules.PartnerKey), so every door asks the one rule about it as about a user.

The key comes in `Authorization: Bearer <key>`, the form OAI-PMH harvesters and API
clients can send (nuskha's own harvester does, oai/harvesting.py). A key that is unknown
or revoked is refused outright (401), not read as the public: a harvester whose key was
revoked should learn so, not quietly harvest less. Django glue.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from nuskha.access.rules import PartnerKey

BEARER = "bearer "


class PartnerKeyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        if not header.lower().startswith(BEARER):
            return self.get_response(request)
        from nuskha.cooperation.models import Credential

        credential = Credential.find(header[len(BEARER) :].strip())
        if credential is None:
            response = JsonResponse({"error": _("Unknown or revoked key.")}, status=401)
            response["WWW-Authenticate"] = 'Bearer realm="nuskha"'
            return response
        today = timezone.localdate()
        if credential.last_used_on != today:
            Credential.objects.filter(pk=credential.pk).update(last_used_on=today)
        request.user = PartnerKey(credential)  # type: ignore[assignment]
        return self.get_response(request)
