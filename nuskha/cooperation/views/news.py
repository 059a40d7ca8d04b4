"""Public cooperation news: /news/ (newest first) and /news/<id>/, each item in the
reader's language version, else English, else the first written; only published items.
A version in a language other than the interface's is marked with its own lang and dir.
The photograph of an item is served by news_photo, which checks the item is published
(attachments have no public URL of their own).

latest_news() gives the few newest items for another page (the home page) to show with
cooperation/news_latest.html.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import get_language, get_language_info

from nuskha.calendars import format_date
from nuskha.catalogue.models import Institution
from nuskha.cooperation.models import Attachment, NewsItem, NewsVersion

INTERFACE_LANGUAGES = ("fa", "kk", "ru", "en")


def published() -> QuerySet[NewsItem]:
    return NewsItem.objects.filter(is_published=True).prefetch_related("versions__language")


@dataclass(frozen=True)
class Story:
    """A news item as a reader sees it: the version chosen and how to mark its language."""

    news: NewsItem
    version: NewsVersion
    date: str
    lang: str  # the version's language, when it differs from the interface's
    dir: str

    @property
    def url(self) -> str:
        return reverse("cooperation:news-item", args=[self.news.pk])

    @property
    def lead(self) -> str:
        """The first paragraph of the text."""
        return self.version.body.strip().split("\n\n")[0]


@dataclass(frozen=True)
class Partner:
    name: str
    url: str


def interface_language() -> str:
    code = (get_language() or "en").split("-")[0].lower()
    return code if code in INTERFACE_LANGUAGES else "en"


def story_of(news: NewsItem, language: str) -> Story | None:
    version = news.version(language)
    if version is None:
        return None
    code = version.language.code
    is_other = code.split("-")[0] != language
    return Story(
        news=news,
        version=version,
        date=format_date(news.published_on, language),
        lang=code if is_other else "",
        dir=_direction(code) if is_other else "",
    )


def _direction(code: str) -> str:
    try:
        return "rtl" if get_language_info(code.split("-")[0])["bidi"] else "ltr"
    except KeyError:
        return "auto"  # a language Django does not know: let the browser look


def latest_news(count: int = 3) -> list[Story]:
    """The newest published items in the reader's language, for a short list elsewhere."""
    language = interface_language()
    stories = (story_of(news, language) for news in published()[:count])
    return [story for story in stories if story is not None]


def news_list(request: HttpRequest) -> HttpResponse:
    language = interface_language()
    stories = [story_of(news, language) for news in published()]
    return render(
        request,
        "cooperation/news_list.html",
        {"stories": [story for story in stories if story is not None]},
    )


def news_item(request: HttpRequest, news_id: int) -> HttpResponse:
    news = get_object_or_404(
        published().select_related("activity__agreement", "agreement", "photo"), pk=news_id
    )
    language = interface_language()
    story = story_of(news, language)
    if story is None:
        raise Http404("This news item has no text yet.")
    context = {
        "story": story,
        "paragraphs": [part.strip() for part in story.version.body.split("\n\n") if part.strip()],
        "activity": news.activity,
        "activity_dates": _activity_dates(news, language),
        "agreement": news.agreement or (news.activity.agreement if news.activity else None),
        "partners": _partners(news, language),
        "photo": _photo(news),
        "others": _other_versions(news, story.version),
    }
    return render(request, "cooperation/news_item.html", context)


def news_photo(request: HttpRequest, news_id: int) -> FileResponse:
    news = get_object_or_404(NewsItem.objects.select_related("photo"), pk=news_id)
    photo = _photo(news)
    if not news.is_published or photo is None:
        raise Http404("No published photograph.")
    content_type = mimetypes.guess_type(photo.file.name)[0] or "application/octet-stream"
    return FileResponse(photo.file.open("rb"), content_type=content_type)


def _photo(news: NewsItem) -> Attachment | None:
    photo = news.photo
    if photo is None or photo.kind != Attachment.Kind.PHOTO or not photo.file:
        return None
    return photo


def _activity_dates(news: NewsItem, language: str) -> str:
    activity = news.activity
    if activity is None:
        return ""
    start = format_date(activity.starts_on, language)
    if activity.ends_on and activity.ends_on != activity.starts_on:
        return f"{start} – {format_date(activity.ends_on, language)}"
    return start


def _partners(news: NewsItem, language: str) -> list[Partner]:
    """The institutions the news is about: the activity's, then the agreement's parties."""
    found: dict[int, Institution] = {}
    if news.activity is not None:
        found.update((i.pk, i) for i in news.activity.institutions())
    agreement = news.agreement or (news.activity.agreement if news.activity else None)
    if agreement is not None:
        for party in agreement.parties.select_related("institution"):
            found.setdefault(party.institution_id, party.institution)
    return [
        Partner(name=institution.name(language) or institution.code, url=_partner_url(institution))
        for institution in found.values()
    ]


def _partner_url(institution: Institution) -> str:
    # The partner's public page (views/partners.py): its timeline of agreements.
    return reverse("cooperation:partner", args=[institution.code])


def _other_versions(news: NewsItem, shown: NewsVersion) -> list[dict[str, Any]]:
    """The other language versions that are interface languages, to switch to."""
    others = []
    for version in news.versions.all():
        code = version.language.code
        if version.pk != shown.pk and code in INTERFACE_LANGUAGES:
            info = get_language_info(code)
            others.append({"code": code, "name": info["name_local"], "title": version.title})
    return others


urlpatterns: list[URLPattern] = [
    path("news/", news_list, name="news"),
    path("news/<int:news_id>/", news_item, name="news-item"),
    path("news/<int:news_id>/photo", news_photo, name="news-photo"),
]
staff_urlpatterns: list[URLPattern] = []
