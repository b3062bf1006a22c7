"""Releases through API v2 (Wagtail's pages endpoint and the newsroom's releases endpoint)
and v3: every field, contacts/tags/About inline, filters and the HTML list's order."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from newsroom.models import NewsArticleRelatedPage
from tests.conftest import block

pytestmark = pytest.mark.django_db
RELEASES = "/api/v2/releases/"


@pytest.fixture
def release(make_release, contacts, image, home):
    page = make_release(
        "Cities condemn violence",
        tags=("Statements", "equity"),
        contacts=contacts,
        hero_image=image,
        body=[
            block(
                "statement",
                {
                    "quote": "We stand together.",
                    "speaker_name": "Sheng Thao",
                    "speaker_title": "Council President Pro Tem",
                    "organisation": "City of Oakland",
                },
            ),
            block("image", {"image": image.pk, "alt_text": "", "caption": "A banner"}),
            block("embed", "https://video.example.org/press"),
            block(
                "call_to_action",
                {"label": "Report", "page": home.pk, "url": ""},
            ),
        ],
    )
    NewsArticleRelatedPage.objects.create(page=page, related_page=home)
    return page


def assert_release_payload(data, contacts):
    assert data["title"] == "Cities condemn violence"
    assert data["release_date"] == "2021-03-19"
    assert data["release_status"] == {"code": "immediate", "label": "For immediate release"}
    assert data["embargo_until"] is None
    assert (data["byline"], data["dateline"]) == ("Karina Gonzalez", "Sacramento")
    assert data["tags"] == ["equity", "Statements"]
    assert data["contacts"] == [c.api_representation() for c in contacts]
    assert data["contacts"][0]["email"] == "press@example.org"
    assert data["about"]["heading"] == "About the Example League"
    assert data["about"]["text"].startswith("<p>Established long ago")
    assert data["hero_image"]["alt"] == "A plain blue banner"
    assert [(item["title"], item["url"]) for item in data["related_pages"]] == [
        ("Home", "http://localhost/")
    ]
    body = {item["type"]: item["value"] for item in data["body"]}
    assert body["statement"]["speaker_name"] == "Sheng Thao"
    assert body["image"]["image"]["alt"] == "A plain blue banner"
    assert body["image"]["caption"] == "A banner"
    assert body["embed"]["url"] == "https://video.example.org/press"
    assert body["embed"]["oembed"]["type"] == "link"  # the test finder's link card
    assert body["call_to_action"]["label"] == "Report"
    assert body["call_to_action"]["page"]["title"] == "Home"


def test_v2_detail_and_list(client, release, contacts):
    data = client.get(f"/api/v2/pages/{release.pk}/").json()
    assert data["meta"]["type"] == "newsroom.NewsArticlePage"
    assert_release_payload(data, contacts)
    listing = client.get("/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*").json()
    assert_release_payload(listing["items"][0], contacts)
    listing = client.get(RELEASES + "?fields=*").json()
    assert_release_payload(listing["items"][0], contacts)


def test_v3_detail(client, release, contacts):
    response = client.get(f"/api/v3/pages/{release.pk}/")
    assert response.status_code == 200, response.content
    assert_release_payload(response.json(), contacts)
    schema = client.get("/api/v3/openapi.json").json()
    assert "NewsArticlePage" in str(schema["components"]["schemas"].keys())


def test_embargo_fields(client, make_release, monkeypatch):
    page = make_release("Embargoed", state="embargoed")
    page.save_revision()  # still scheduled
    later = page.embargo_until + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    from django.core.management import call_command

    call_command("publish_scheduled")
    monkeypatch.undo()
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["release_status"]["code"] == "embargoed"
    assert data["release_status"]["label"].startswith("Embargoed until ")
    assert datetime.datetime.fromisoformat(data["embargo_until"]) == page.embargo_until


@pytest.fixture
def dated(make_release):
    specs = [
        ("A", datetime.date(2020, 6, 1), ("Housing",)),
        ("B", datetime.date(2021, 3, 19), ("Budget",)),
        ("C", datetime.date(2021, 3, 19), ("Housing", "Budget")),
        ("D", datetime.date(2022, 1, 10), ()),
    ]
    return [make_release(t, d, tags=tags) for t, d, tags in specs]


def titles(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_api_order_equals_the_html_order(client, newsroom, dated):
    soup = BeautifulSoup(client.get(newsroom.url).content, "html.parser")
    html = [h.get_text(strip=True) for h in soup.select(".release-card__title")]
    assert html == ["D", "C", "B", "A"]  # same day: the newer page first
    assert titles(client, RELEASES) == html
    v2 = "/api/v2/pages/?type=newsroom.NewsArticlePage&order=-release_date,-id"
    assert titles(client, v2) == html
    v3 = "/api/v3/pages/?type=newsroom.NewsArticlePage&order=-release_date&order=-pk"
    assert titles(client, v3) == html


def test_filters(client, dated):
    assert titles(client, RELEASES + "?tag=housing") == ["C", "A"]
    assert titles(client, RELEASES + "?tag=Housing&tag=budget") == ["C"]
    assert titles(client, RELEASES + "?tag=unknown") == []
    assert titles(client, RELEASES + "?release_date_from=2021-01-01") == ["D", "C", "B"]
    span = "?release_date_from=2021-01-01&release_date_to=2021-12-31"
    assert titles(client, RELEASES + span) == ["C", "B"]
    assert titles(client, RELEASES + span + "&tag=housing") == ["C"]
    assert titles(client, RELEASES + "?year=2020") == ["A"]
    ascending = titles(client, RELEASES + "?order=release_date,id")
    assert ascending == ["A", "B", "C", "D"]
    # Wagtail's own endpoints filter by exact tag and date.
    v2 = "/api/v2/pages/?type=newsroom.NewsArticlePage&order=-release_date,-id"
    assert titles(client, v2 + "&tags=Housing") == ["C", "A"]
    assert titles(client, v2 + "&release_date=2021-03-19") == ["C", "B"]
    v3 = "/api/v3/pages/?type=newsroom.NewsArticlePage&order=-release_date&order=-pk"
    assert titles(client, v3 + "&tags=Housing") == ["C", "A"]
    assert titles(client, v3 + "&tags=nothing") == []


@pytest.mark.parametrize(
    "query",
    ["?release_date_from=yesterday", "?release_date_to=2021-13-01", "?year=abc", "?bogus=1"],
)
def test_bad_filters_are_400(client, dated, query):
    response = client.get(RELEASES + query)
    assert response.status_code == 400
    assert "message" in response.json()
