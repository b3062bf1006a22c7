"""RSS 2.0 and Atom feeds: well-formed, the right items, dates and links."""

import datetime
from email.utils import parsedate_to_datetime

import pytest
from defusedxml import ElementTree

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def releases(make_release):
    return [
        make_release("Older housing news", datetime.date(2021, 1, 5), tags=("Housing",)),
        make_release("Newer budget news", datetime.date(2021, 3, 19), tags=("Budget",)),
        make_release("Hidden draft", state="draft"),
    ]


def test_rss(client, newsroom, releases):
    response = client.get(newsroom.url + "feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("link") == "http://localhost/news/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Newer budget news", "Older housing news"]
    first = items[0]
    assert first.findtext("link") == "http://localhost/news/newer-budget-news/"
    assert first.findtext("guid") == first.findtext("link")
    published = parsedate_to_datetime(first.findtext("pubDate"))
    assert published.date() == datetime.date(2021, 3, 19)
    assert first.findtext("category") == "Budget"
    assert first.findtext("description") == "For immediate release. Summary of Newer budget news."


def test_atom_with_tag_filter(client, newsroom, releases):
    response = client.get(newsroom.url + "feed/atom/?tag=housing")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Older housing news"]
    entry = entries[0]
    link = entry.find(f"{ATOM}link")
    assert link.get("href") == "http://localhost/news/older-housing-news/"
    published = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    assert published.date() == datetime.date(2021, 1, 5)
    assert entry.findtext(f"{ATOM}updated")
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Karina Gonzalez"
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == "http://localhost/news/feed/atom/?tag=housing"


def test_unknown_tag_feed_is_empty_not_an_error(client, newsroom, releases):
    response = client.get(newsroom.url + "feed/rss/?tag=nothing-here")
    assert response.status_code == 200
    assert ElementTree.fromstring(response.content).find("channel").findall("item") == []


def test_an_empty_feed_is_dated_by_the_newsroom_not_by_the_clock(client, newsroom, releases):
    # Dated "now" by Django, an empty feed's body and ETag changed every second, so a feed
    # reader's conditional GET never got its 304.
    newsroom.refresh_from_db()
    rss = client.get(newsroom.url + "feed/rss/?tag=nothing-here")
    build_date = ElementTree.fromstring(rss.content).find("channel").findtext("lastBuildDate")
    assert parsedate_to_datetime(build_date) == newsroom.last_published_at.replace(microsecond=0)
    atom = client.get(newsroom.url + "feed/atom/?tag=nothing-here")
    updated = datetime.datetime.fromisoformat(
        ElementTree.fromstring(atom.content).findtext(f"{ATOM}updated")
    )
    assert updated == newsroom.last_published_at.replace(microsecond=0)
    again = client.get(
        newsroom.url + "feed/atom/?tag=nothing-here", HTTP_IF_NONE_MATCH=atom["ETag"]
    )
    assert again.status_code == 304


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_body_is_handed_to_the_server_as_one_chunk(client, newsroom, releases, kind):
    # A WSGI server writes each chunk of the response separately: Django's feed writer
    # leaves hundreds, which made feeds slow to deliver under load.
    response = client.get(newsroom.url + f"feed/{kind}/")
    chunks = list(response)
    assert len(chunks) == 1
    assert chunks[0] == response.content and b"Newer budget news" in chunks[0]
