"""The newsroom and release pages as visitors, journalists and printers get them."""

import datetime
import itertools
import re

import pytest
from bs4 import BeautifulSoup

from tests.built_once import builds, shared
from tests.conftest import ABOUT, block
from tests.newsroom.conftest import create_release

# The twelve releases most tests list are built once for the module.
pytestmark = [pytest.mark.django_db, pytest.mark.content_built_once("newsroom", "twelve")]


def soup_of(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def listed_titles(client, url) -> list[str]:
    soup = soup_of(client, url)
    return [h.get_text(strip=True) for h in soup.select(".release-list .release-card__title")]


def assert_accessible(soup: BeautifulSoup) -> None:
    assert len(soup.find_all("h1")) == 1
    levels = [int(tag.name[1]) for tag in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    assert soup.find("main", id="main-content") and soup.find("header") and soup.find("footer")
    for control in soup.find_all(["select", "input"]):
        assert soup.find("label", attrs={"for": control["id"]}), control
    for image in soup.find_all("img"):
        assert image.get("alt"), image
    for tag in soup.find_all(["link", "script", "img"]):
        address = tag.get("href") or tag.get("src") or ""
        assert not address.startswith(("http://", "https://", "//")), address


@builds("twelve", "newsroom")
def build_twelve(newsroom) -> list:
    """Twelve releases: one a month of 2020, the last three of them in 2021; every third
    tagged Housing."""
    releases = []
    for month in range(1, 13):
        year = 2021 if month > 9 else 2020
        releases.append(
            create_release(
                newsroom,
                f"Release {month:02d}",
                release_date=datetime.date(year, month, 1),
                tags=("Housing",) if month % 3 == 0 else ("Budget",),
            )
        )
    return releases


@pytest.fixture
def twelve(newsroom, content_built_once) -> list:
    """``build_twelve``: built for this test, or a copy of the module's (see ``shared``)."""
    return shared(content_built_once, "twelve", lambda: build_twelve(newsroom))


def test_index_lists_newest_first_ten_a_page(client, newsroom, twelve):
    assert listed_titles(client, newsroom.url) == [f"Release {m:02d}" for m in range(12, 2, -1)]
    assert listed_titles(client, newsroom.url + "?page=2") == ["Release 02", "Release 01"]
    soup = soup_of(client, newsroom.url)
    assert soup.find("a", rel="next")["href"] == "/news/?page=2"
    assert_accessible(soup)


@pytest.mark.parametrize(
    ("query", "location"),
    [("?page=1", "/news/"), ("?tag=housing&page=1", "/news/?tag=housing")],
)
def test_the_first_page_has_one_address(client, newsroom, twelve, query, location):
    response = client.get(newsroom.url + query)
    assert response.status_code == 302
    assert response["Location"] == location


@pytest.mark.parametrize(
    "query", ["?page=3", "?page=99", "?page=0", "?page=-3", "?tag=housing&page=2"]
)
def test_pages_that_do_not_exist_are_not_found(client, newsroom, twelve, query):
    """Past the last page (or before the first) is a 404, as in the library and search."""
    assert client.get(newsroom.url + query).status_code == 404


@pytest.mark.parametrize("query", ["?page=abc", "?page=1.5", "?year=abc", "?year=0", "?year=99999"])
def test_nonsense_is_a_404_not_a_500(client, newsroom, twelve, query):
    assert client.get(newsroom.url + query).status_code == 404


def test_a_nul_character_is_a_bad_request(client, newsroom, twelve):
    # Refused before the newsroom sees it (cms_site.middleware.NullByteGuardMiddleware).
    assert client.get(newsroom.url + "?page=%00").status_code == 400


def test_filters_combine_and_unknown_tag_is_empty(client, newsroom, twelve):
    assert listed_titles(client, newsroom.url + "?tag=housing") == [
        "Release 12",
        "Release 09",
        "Release 06",
        "Release 03",
    ]
    assert listed_titles(client, newsroom.url + "?year=2021") == [
        "Release 12",
        "Release 11",
        "Release 10",
    ]
    assert listed_titles(client, newsroom.url + "?tag=housing&year=2021") == ["Release 12"]
    soup = soup_of(client, newsroom.url + "?tag=no-such-tag")
    assert soup.select(".release-card") == []
    assert "No releases match" in soup.get_text()
    assert listed_titles(client, newsroom.url + "?year=1999") == []
    soup = soup_of(client, newsroom.url + "?tag=housing")
    assert soup.find("option", selected=True)["value"] == "housing"


def test_feeds_are_linked_from_the_head(client, newsroom, twelve):
    soup = soup_of(client, newsroom.url + "?tag=housing")
    rss = soup.find("link", rel="alternate", type="application/rss+xml")
    atom = soup.find("link", rel="alternate", type="application/atom+xml")
    assert rss["href"] == "/news/feed/rss/?tag=housing"
    assert atom["href"] == "/news/feed/atom/?tag=housing"
    assert soup.find("link", href=re.compile(r"newsroom/newsroom\.css"))


def test_release_page_reads_like_a_press_release(client, newsroom, make_release, contacts):
    release = make_release(
        "Cities condemn violence",
        tags=("Statements",),
        contacts=[contacts[1], contacts[0]],
        body=[
            block("paragraph", "<p>Opening paragraph.</p>"),
            block(
                "statement",
                {
                    "quote": "We stand together.",
                    "speaker_name": "Cheryl Viegas Walker",
                    "speaker_title": "President",
                    "organisation": "Example League",
                },
            ),
            block(
                "call_to_action",
                {"label": "Report it", "page": None, "url": "https://report.example.org/"},
            ),
        ],
    )
    soup = soup_of(client, release.url)
    assert_accessible(soup)
    masthead = soup.find(class_="release__masthead")
    assert masthead.find(class_="release__status").get_text() == "For immediate release"
    names = [n.get_text() for n in masthead.select(".contact__name")]
    assert names == ["Lin Okada", "Dana Whitfield"]  # the editor's order
    assert masthead.find("a", href="mailto:press@example.org")
    assert masthead.find("a", href="tel:(916)555-0134")
    # The masthead comes before the headline, as journalists expect.
    assert str(soup).index("release__masthead") < str(soup).index("<h1")
    statement = soup.find("figure", class_="statement")
    assert "We stand together." in statement.blockquote.get_text()
    assert "Cheryl Viegas Walker, President, Example League" in statement.figcaption.get_text()
    assert soup.find("a", href="https://report.example.org/").get_text() == "Report it"
    about = soup.find("section", class_="release__about")
    assert about.h2.get_text() == "About the Example League"
    assert "Established long ago" in about.get_text() and ABOUT.startswith("<p>")
    assert "SACRAMENTO" in soup.find(class_="release__dateline").get_text()
    assert soup.find("a", href="/news/?tag=statements")


def test_embargo_line_in_preview(client, newsroom, make_release, django_user_model):
    release = make_release("Embargoed one", state="embargoed")
    assert release.release_line.startswith("Embargoed until ")
    user = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(user)
    response = client.get(f"/admin/pages/{release.pk}/view_draft/")
    assert response.status_code == 200
    assert "Embargoed until" in response.content.decode()


def test_print_stylesheet_is_shipped(client, newsroom):
    from django.contrib.staticfiles import finders

    with open(finders.find("newsroom/newsroom.css")) as stylesheet:
        css = stylesheet.read()
    assert "@media print" in css
    assert ":focus-visible" in css


def test_home_page_shows_the_three_latest_releases(client, newsroom, twelve):
    soup = soup_of(client, "/")
    section = soup.find("section", class_="home-releases")
    titles = [h.get_text(strip=True) for h in section.find_all("h3")]
    assert titles == ["Release 12", "Release 11", "Release 10"]
    assert_accessible(soup)
