"""The landing page: tree rules, the real admin form, and the HTML a visitor gets."""

import itertools
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from equity.models import (
    EquityContentPage,
    EquityLandingPage,
    EquityRoadmapPage,
    ResourceLibraryPage,
)
from home.models import HomePage


class LandingPageAdminTests(WagtailPageTestCase):
    """Page-tree rules and creation through the admin's own form."""

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.user)

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(EquityLandingPage, {HomePage})
        self.assertAllowedSubpageTypes(
            EquityLandingPage, {EquityRoadmapPage, ResourceLibraryPage, EquityContentPage}
        )
        self.assertCanCreateAt(HomePage, EquityLandingPage)
        self.assertCanNotCreateAt(Page, EquityLandingPage)

    def form_data(self, **overrides):
        cta = {"label": "Sign up now", "page": "", "url": "https://community.example.org/"}
        cta.update(overrides.pop("cta", {}))
        data = {
            "title": "Advancing Equity",
            "slug": "advancing-equity",
            "hero_heading": "Advancing Equity",
            "hero_image": "",
            "hero_image_alt": "",
            "intro": rich_text("<p>Our commitment.</p>"),
            "body": streamfield(
                [
                    (
                        "community_callout",
                        {
                            "heading": "Join the community",
                            "text": rich_text("<p>Members share resources.</p>"),
                            "call_to_action": cta,
                            "contact_name": "Sam Lee",
                            "contact_email": "sam@example.org",
                        },
                    ),
                    (
                        "resource_section",
                        {
                            "heading": "Learning",
                            "intro": rich_text(""),
                            "items": streamfield(
                                [
                                    (
                                        "webinar",
                                        {
                                            "title": "Equity 101",
                                            "summary": "Intro.",
                                            "first_offered_on": "2020-08-27",
                                            "host_organisations": streamfield([("item", "League")]),
                                            "watch_url": "https://video.example.org/101",
                                            "free_to_watch": "on",
                                        },
                                    )
                                ]
                            ),
                        },
                    ),
                ]
            ),
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_editor_creates_a_landing_page_through_the_admin_form(self):
        self.assertCanCreate(self.home, EquityLandingPage, self.form_data())
        page = EquityLandingPage.objects.get(slug="advancing-equity")
        assert page.live
        assert [child.block_type for child in page.body] == [
            "community_callout",
            "resource_section",
        ]
        webinar = page.body[1].value["items"][0].value
        assert list(webinar["host_organisations"]) == ["League"]
        assert str(webinar["first_offered_on"]) == "2020-08-27"

    def post_add_form(self, data):
        url = reverse("wagtailadmin_pages:add", args=["equity", "equitylandingpage", self.home.pk])
        return self.client.post(url, {**data, "action-publish": "publish"})

    def test_call_to_action_with_page_and_url_is_a_form_error(self):
        data = self.form_data(cta={"page": str(self.home.pk)})
        response = self.post_add_form(data)
        assert response.status_code == 200
        assert "Choose a page or enter a URL, not both." in response.content.decode()
        assert not EquityLandingPage.objects.exists()

    def test_hero_image_without_alt_text_is_a_form_error(self):
        from wagtail.images import get_image_model

        image = get_image_model().objects.create(
            title="No description", file="original_images/none.png", width=10, height=10
        )
        response = self.post_add_form(self.form_data(hero_image=str(image.pk)))
        assert response.status_code == 200
        assert "Describe the hero image" in response.content.decode()
        assert not EquityLandingPage.objects.exists()

    def test_only_one_landing_page_per_site(self):
        self.assertCanCreate(self.home, EquityLandingPage, self.form_data())
        assert not EquityLandingPage.can_create_at(self.home)
        response = self.post_add_form(self.form_data(slug="second"))
        assert response.status_code in (302, 403)
        assert EquityLandingPage.objects.count() == 1


@pytest.mark.django_db
class TestLandingPageHTML:
    def soup(self, client, page) -> BeautifulSoup:
        response = client.get(page.url)
        assert response.status_code == 200
        return BeautifulSoup(response.content, "html.parser")

    def test_every_section_is_shown(self, client, landing_page, home):
        soup = self.soup(client, landing_page)
        text = soup.get_text(" ", strip=True)
        for expected in [
            "Why it matters",
            "Join the community",
            "Sign up now",
            "sam@example.org",
            "Back to the start.",
            "Equity 101",
            "27 August 2020",
            "Western City magazine",
            "November 2020",
            "Equity Institute (EI)",
            "Resolution template",
            "Compass",
        ]:
            assert expected in text, expected
        assert soup.find("a", string="the home page")["href"] == home.url
        assert "linktype" not in str(soup)

    def test_structure_is_accessible(self, client, landing_page):
        soup = self.soup(client, landing_page)
        assert len(soup.find_all("h1")) == 1
        assert soup.find("a", class_="skip-link")["href"] == "#main-content"
        assert soup.find("main", id="main-content")
        assert soup.find("header") and soup.find("footer") and soup.find("nav")
        assert soup.html["lang"] == "en"
        hero = soup.find("img", class_="equity-hero__image")
        assert hero["alt"] == "A plain blue banner"
        levels = [int(tag.name[1]) for tag in soup.find_all(re.compile(r"^h[1-6]$"))]
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
        # Nothing is fetched from another host.
        for tag in soup.find_all(["link", "script", "img"]):
            address = tag.get("href") or tag.get("src") or ""
            assert not address.startswith(("http://", "https://", "//")), address

    def test_draft_changes_are_not_shown(self, client, landing_page):
        landing_page.hero_heading = "Unpublished heading"
        landing_page.save_revision()
        assert "Unpublished heading" not in client.get(landing_page.url).content.decode()

    def test_unknown_address_is_a_friendly_404(self, client, landing_page):
        response = client.get("/advancing-equity/no-such-page/")
        assert response.status_code == 404
        assert "We can’t find that page" in response.content.decode()
