"""The listing pages' shared components (equity.templatetags.equity_listing and the
equity/includes templates): the library, the newsroom and site search show the same filter
form and pagination, and answer the same past their last page."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template

from cms_site.demo.generators import ensure_generated_releases
from equity.models import Resource

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def listings(library_page, newsroom) -> dict[str, str]:
    """The library (five a page) and the newsroom (ten a page), each with two pages."""
    for number in range(7):
        Resource.objects.create(
            title=f"Resource {number}", kind="report", summary="S", url="https://e.example.org/"
        )
    ensure_generated_releases(newsroom, 12)
    return {"library": library_page.url, "newsroom": newsroom.url}


def test_filter_fields_take_pairs_objects_and_bare_values():
    template = Template(
        "{% load equity_listing %}"
        '{% filter_field "kind" "Kind" id="k" choices=kinds value="b" empty_label="All" as kind %}'
        '{% filter_field "year" "Year" id="y" choices=years value=2021 as year %}'
        '{% filter_field "topic" "Topic" id="t" choices=topics value_attr="slug" '
        'label_attr="name" value="" as topic %}'
        '{% filter_field "q" "Search" id="q" value=query as q %}'
        '{% filter_form kind year topic q action="/list/" label="Filter" submit="Go" '
        'clear_url="/list/" active=True %}'
    )

    class Topic:
        def __init__(self, slug, name):
            self.slug, self.name = slug, name

    html = template.render(
        Context(
            {
                "kinds": [("a", "Alpha"), ("b", "Beta")],
                "years": [2022, 2021],
                "topics": [Topic("youth", "Youth")],
                "query": '"><script>',
            }
        )
    )
    form = BeautifulSoup(html, "html.parser").find("form", class_="filter-form")
    assert form["action"] == "/list/" and form["aria-label"] == "Filter"
    kind = form.find("select", id="k")
    assert [(o["value"], o.text, o.has_attr("selected")) for o in kind.find_all("option")] == [
        ("", "All", False),
        ("a", "Alpha", False),
        ("b", "Beta", True),
    ]
    assert form.find("select", id="y").find("option", selected=True)["value"] == "2021"
    assert form.find("select", id="t").find("option")["value"] == "youth"
    assert form.find("label", attrs={"for": "q"}).text == "Search"
    assert form.find("input", id="q")["value"] == '"><script>'  # escaped, one attribute
    assert form.find("a", href="/list/").text == "Clear filters"


@pytest.mark.parametrize("listing", ["library", "newsroom"])
def test_listings_share_the_filter_form_and_pagination(client, listings, listing):
    soup = soup_of(client.get(listings[listing]))
    assert soup.find("form", class_="filter-form", role="search")
    pagination = soup.find("nav", class_="pagination")
    assert pagination.find("a", rel="next")["href"] == f"{listings[listing]}?page=2"
    assert "Page 1 of 2" in pagination.get_text()
    second = soup_of(client.get(f"{listings[listing]}?page=2"))
    nav = second.find("nav", class_="pagination")
    assert nav.find("a", rel="prev") and not nav.find("a", rel="next")


def test_search_shares_the_filter_form(client, home):
    soup = soup_of(client.get("/search/?q=anything"))
    form = soup.find("form", class_="filter-form", role="search")
    assert form.find("input", id="search-q")["value"] == "anything"


@pytest.mark.parametrize("listing", ["library", "newsroom"])
def test_past_the_last_page_is_a_friendly_not_found(client, listings, listing):
    """Both listings answer a page past their last the same way: the site's 404 page, with
    a way back (what Django's paginated views do), never another page's content."""
    response = client.get(f"{listings[listing]}?page=3")
    assert response.status_code == 404
    text = soup_of(response).get_text(" ", strip=True)
    assert "We can’t find that page" in text and "Go to the home page" in text
