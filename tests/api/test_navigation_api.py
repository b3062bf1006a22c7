"""``/api/v3/navigation/`` is the HTML site's menu: the same pages, in the same order, with
addresses that answer; drafts, private and not-in-menu pages are left out."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from equity.models import EquityLandingPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def menu(home, landing_page, release):
    newsroom = release.get_parent().specific
    for page in (landing_page, newsroom):
        page.show_in_menus = True
        page.save_revision().publish()
    hidden = EquityLandingPage(title="Private hub", slug="private", hero_heading="P")
    hidden.show_in_menus = True
    home.add_child(instance=hidden)
    hidden.save_revision().publish()
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    draft = EquityLandingPage(title="Draft hub", slug="draft", hero_heading="D", live=False)
    draft.show_in_menus = True
    home.add_child(instance=draft)
    return [home, landing_page, newsroom]


def test_navigation_is_the_html_menu(client, menu):
    response = client.get("/api/v3/navigation/")
    assert response.status_code == 200, response.content[:300]
    items = response.json()["items"]
    assert [item["id"] for item in items] == [page.pk for page in menu]
    assert "Private hub" not in response.text and "Draft hub" not in response.text
    html = BeautifulSoup(client.get("/").content, "html.parser")
    nav = html.find("nav")
    menu_titles = [a.get_text(strip=True) for a in nav.find_all("a")] if nav else []
    for item in items[1:]:
        assert item["title"] in menu_titles, (item["title"], menu_titles)
    for item in items:
        assert client.get(item["detail_url"]).status_code == 200
        assert item["url"].startswith("http")


def test_navigation_takes_no_parameters(client, menu):
    assert client.get("/api/v3/navigation/?depth=2").status_code == 400
