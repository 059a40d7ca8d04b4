"""Public cooperation news: published items only, newest first, each in the reader's
language version (else English, else the first written), a version in another language
marked with its own lang and dir, dates in the reader's calendar, photos only of
published items."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from lxml import html

from nuskha.catalogue.models import Institution, Language
from nuskha.cooperation.models import Activity, Agreement, Attachment, NewsItem, NewsVersion
from nuskha.cooperation.views.news import latest_news

pytestmark = pytest.mark.django_db
D = datetime.date

MEETING = {
    "fa": (
        "گفت‌وگو درباره تمدید تفاهم‌نامه",
        "رایزن فرهنگی با مدیر روابط بین‌الملل دیدار کرد.\n\nدو طرف توافق کردند.",
    ),
    "kk": (
        "Меморандумды ұзарту талқыланды",
        "Мәдениет жөніндегі кеңесші кездесті.\n\nТараптар келісті.",
    ),
    "ru": (
        "Обсуждено продление меморандума",
        "Культурный советник встретился с директором.\n\nСтороны договорились.",
    ),
    "en": (
        "Renewing the memorandum discussed",
        "The cultural counsellor met the director.\n\nBoth sides agreed.",
    ),
}


MEETING_DAY = D(2026, 10, 16)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def make_news(
    versions: dict[str, tuple[str, str]],
    published_on: D = MEETING_DAY,
    is_published: bool = True,
    **links: Any,
) -> NewsItem:
    news = NewsItem.objects.create(published_on=published_on, is_published=is_published, **links)
    for code, (title, body) in versions.items():
        NewsVersion.objects.create(
            news=news, language=Language.objects.get(code=code), title=title, body=body
        )
    return news


@pytest.fixture
def meeting(iran_library: Institution, kazakh_library: Institution) -> Activity:
    agreement = Agreement.objects.create(
        kind="memorandum",
        reference="IR-KZ/MoU/2022",
        signed_on=D(2022, 3, 15),
        effective_from=D(2022, 3, 21),
        expires_on=D(2027, 3, 20),
    )
    for institution in (iran_library, kazakh_library):
        agreement.parties.create(institution=institution)
    activity = Activity.objects.create(
        kind="meeting",
        agreement=agreement,
        title="Renewal of the memorandum",
        starts_on=D(2026, 10, 14),
        place="Astana",
        host=kazakh_library,
    )
    activity.participants.create(name="Mohammad Rezaei", position="cultural counsellor")
    activity.participants.create(name="Aigul Zhaksylykova", institution=kazakh_library)
    return activity


def get(client: Client, path: str, language: str) -> html.HtmlElement:
    response = client.get(f"{path}?lang={language}")
    assert response.status_code == 200
    return html.fromstring(response.content)


def text(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.parametrize("language", ["fa", "kk", "ru", "en"])
def test_an_item_is_shown_in_the_readers_language(
    client: Client, meeting: Activity, language: str
) -> None:
    news = make_news(MEETING, activity=meeting)
    page = get(client, f"/news/{news.pk}/", language)
    title, body = MEETING[language]
    assert text(page.xpath("//h1")[0]) == title
    paragraphs = [text(p) for p in page.xpath("//div[@class='news-body']/p")]
    assert paragraphs == body.split("\n\n")
    # In the reader's own language the content carries no lang of its own.
    assert not page.xpath("//div[@class='news-body']/@lang")
    assert page.get("lang") == language


def test_the_persian_page_reads_right_to_left_with_a_solar_hijri_date(
    client: Client, meeting: Activity
) -> None:
    news = make_news(MEETING, activity=meeting)
    page = get(client, f"/news/{news.pk}/", "fa")
    assert (page.get("lang"), page.get("dir")) == ("fa", "rtl")
    assert text(page.xpath("//p[@class='meta']/time")[0]) == "۲۴ مهر ۱۴۰۵"
    assert page.xpath("//p[@class='meta']/time/@datetime") == ["2026-10-16"]


def test_without_the_readers_language_it_shows_english_marked_as_english(client: Client) -> None:
    news = make_news({"fa": MEETING["fa"], "en": MEETING["en"]})
    page = get(client, f"/news/{news.pk}/", "kk")
    assert page.get("lang") == "kk"
    assert text(page.xpath("//h1")[0]) == MEETING["en"][0]
    [body] = page.xpath("//div[@class='news-body']")
    assert (body.get("lang"), body.get("dir")) == ("en", "ltr")


def test_without_english_it_shows_the_first_written_with_its_direction(client: Client) -> None:
    news = make_news({"fa": MEETING["fa"]})
    page = get(client, f"/news/{news.pk}/", "en")
    assert (page.get("lang"), page.get("dir")) == ("en", "ltr")
    [body] = page.xpath("//div[@class='news-body']")
    assert (body.get("lang"), body.get("dir")) == ("fa", "rtl")
    [listed] = get(client, "/news/", "ru").xpath("//ul[contains(@class, 'news-list')]//article")
    assert (listed.get("lang"), listed.get("dir")) == ("fa", "rtl")


def test_an_unpublished_item_is_not_shown(client: Client) -> None:
    hidden = make_news({"en": ("Draft news", "Not yet.")}, is_published=False)
    assert client.get(f"/news/{hidden.pk}/").status_code == 404
    assert "Draft news" not in client.get("/news/?lang=en").content.decode()
    assert latest_news() == []


def test_the_list_is_newest_first_in_the_readers_language(client: Client) -> None:
    make_news({"en": ("Course ends", "Three conservators."), "ru": ("Курс завершён", "Три.")},
              published_on=D(2025, 5, 22))  # fmt: skip
    make_news(MEETING)
    page = get(client, "/news/", "ru")
    titles = [text(a) for a in page.xpath("//ul[contains(@class, 'news-list')]//h2/a")]
    assert titles == [MEETING["ru"][0], "Курс завершён"]
    dates = [text(t) for t in page.xpath("//ul[contains(@class, 'news-list')]//time")]
    assert dates == ["16 октября 2026 г.", "22 мая 2025 г."]
    assert page.xpath("//nav[@class='site-nav']//a[@href='/news/']")


def test_latest_news_gives_the_newest_few_in_the_readers_language() -> None:
    from django.utils import translation

    for day in range(1, 6):
        make_news({"en": (f"News {day}", "Text.")}, published_on=D(2026, 1, day))
    with translation.override("en"):
        assert [story.version.title for story in latest_news(3)] == ["News 5", "News 4", "News 3"]


def test_an_item_links_its_activity_agreement_and_partners(
    client: Client, meeting: Activity
) -> None:
    news = make_news(MEETING, activity=meeting)
    page = get(client, f"/news/{news.pk}/", "en")
    about = text(page.xpath("//section[@aria-labelledby='about']")[0])
    assert "Renewal of the memorandum 14 October 2026 Astana" in about
    assert "IR-KZ/MoU/2022" in about
    links = page.xpath("//section[@aria-labelledby='about']//a/@href")
    assert sorted(links) == ["/cooperation/partners/IR-NLAI/", "/cooperation/partners/KZ-NALRK/"]
    other = page.xpath("//section[@aria-labelledby='other-languages']//a/@hreflang")
    assert sorted(other) == ["fa", "kk", "ru"]


def test_a_photo_is_served_only_for_a_published_item(client: Client, meeting: Activity) -> None:
    picture = b"\x89PNG\r\n\x1a\n a photograph"
    photo = Attachment.objects.create(
        activity=meeting,
        kind="photo",
        file=SimpleUploadedFile("meeting.png", picture),
        caption="The meeting in Astana",
    )
    news = make_news(MEETING, activity=meeting, photo=photo)
    page = get(client, f"/news/{news.pk}/", "en")
    [image] = page.xpath("//figure//img")
    assert image.get("alt") == "The meeting in Astana"
    response = client.get(image.get("src"))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == picture

    news.is_published = False
    news.save()
    assert client.get(image.get("src")).status_code == 404


def test_a_report_is_never_served_as_a_photo(client: Client, meeting: Activity) -> None:
    report = Attachment.objects.create(
        activity=meeting, kind="report", file=SimpleUploadedFile("minutes.pdf", b"%PDF minutes")
    )
    news = make_news(MEETING, activity=meeting, photo=report)
    assert not get(client, f"/news/{news.pk}/", "en").xpath("//figure")
    assert client.get(f"/news/{news.pk}/photo").status_code == 404
