"""Template filters and tags of the public site: Persian digits in the Persian interface,
names of languages and scripts, language tags of record text, language-switch links.

    {% load nuskha_web %}
    {{ total|digits }}                 1234 -> ۱۲۳۴ when the interface is Persian
    <span lang="{{ title|lang_tag }}" dir="auto">{{ title.text }}</span>
    <a href="{% language_url 'kk' %}">   this page, query string kept, in Kazakh
"""

from __future__ import annotations

from typing import Any

from django import template

from nuskha.web.labels import interface_language, language_name, script_name
from nuskha.web.links import query_string
from nuskha.web.numerals import localise_digits

register = template.Library()


@register.filter
def digits(value: Any) -> str:
    """The value's ASCII digits as Persian digits in the Persian interface."""
    return localise_digits(str(value), interface_language())


@register.filter
def lang_tag(form: Any) -> str:
    """The BCP 47 tag of a title, name or content: its language, with the script when it
    has one ("fa-Arab", "fa-Latn" for a romanised form), so browsers pick the right fonts
    and screen readers the right voice."""
    language = getattr(form, "language", None)
    if language is None:
        return ""
    script = getattr(form, "script", None)
    return f"{language.code}-{script.code}" if script is not None else language.code


@register.filter
def language_label(language: Any) -> str:
    return language_name(language)


@register.filter
def script_label(script: Any) -> str:
    return script_name(script)


@register.simple_tag(takes_context=True)
def language_url(context: template.Context, code: str) -> str:
    """This page in another interface language: the path and query string kept, ?lang=
    replaced (the middleware then remembers the choice in a cookie)."""
    request = context.get("request")
    if request is None:
        return f"?lang={code}"
    params = [(n, v) for n, values in request.GET.lists() if n != "lang" for v in values]
    return request.path + query_string([*params, ("lang", code)])
