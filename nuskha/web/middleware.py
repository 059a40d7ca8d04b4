"""Language from ?lang=xx: it wins over the cookie and Accept-Language, and is remembered.

Paths carry no language prefix (design.md), so a link can pin the language with ?lang=
and the switcher is a plain link that works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class LanguageFromQueryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        wanted = request.GET.get("lang", "")
        if wanted not in self.languages:
            return self.get_response(request)
        # LocaleMiddleware, next in the chain, reads the cookie: set it for this request too.
        request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = wanted
        translation.activate(wanted)
        if request.path.startswith("/staff/"):
            # The admin's change lists read every query parameter as a filter, and answer
            # an unknown one with ?e=1: ?lang= has done its work here.
            query = request.GET.copy()
            del query["lang"]
            request.GET = query
        response = self.get_response(request)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            wanted,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
        )
        return response
