"""Each landing-page block: to_python → clean → render, bad values included."""

import pytest
from django.core.exceptions import ValidationError

from equity import blocks

pytestmark = pytest.mark.django_db


def roundtrip(block, raw):
    """What an editor's saved value goes through before a visitor sees it."""
    value = block.to_python(raw)
    cleaned = block.clean(value)
    return cleaned, block.render(cleaned)


def block_errors(exc: ValidationError) -> dict[str, str]:
    return {name: " ".join(error.messages) for name, error in exc.block_errors.items()}


class TestCallToAction:
    block = blocks.CallToActionBlock()

    def test_url_only_renders_a_link(self):
        value, html = roundtrip(self.block, {"label": "Sign up", "url": "https://example.org/a"})
        assert value.href == "https://example.org/a"
        assert '<a class="button" href="https://example.org/a">Sign up</a>' in html

    def test_page_only_links_to_the_page(self, home):
        value, html = roundtrip(self.block, {"label": "Home", "page": home.pk, "url": ""})
        assert f'href="{home.url}"' in html
        assert self.block.get_api_representation(value)["page"]["id"] == home.pk

    @pytest.mark.parametrize(
        ("page", "url", "message"),
        [
            (True, "https://example.org/", "Choose a page or enter a URL, not both."),
            (False, "", "Choose a page or enter a URL for this call to action."),
        ],
        ids=["both", "neither"],
    )
    def test_both_or_neither_is_rejected(self, home, page, url, message):
        value = self.block.to_python({"label": "Go", "page": home.pk if page else None, "url": url})
        with pytest.raises(ValidationError) as caught:
            self.block.clean(value)
        assert block_errors(caught.value) == {"page": message, "url": message}

    def test_label_is_required(self):
        with pytest.raises(ValidationError) as caught:
            self.block.clean(self.block.to_python({"label": "", "url": "https://example.org/"}))
        assert "label" in caught.value.block_errors

    def test_unpublished_page_links_nowhere(self, home):
        home.unpublish()
        value, html = roundtrip(self.block, {"label": "Home", "page": home.pk, "url": ""})
        assert "href" not in html
        assert self.block.get_api_representation(value) == {
            "label": "Home",
            "url": None,
            "page": None,
        }


def test_rich_text_section_renders_heading_and_resolved_links(home):
    block = blocks.RichTextSectionBlock()
    _, html = roundtrip(
        block,
        {"heading": "Why", "body": f'<p>Go <a linktype="page" id="{home.pk}">home</a></p>'},
    )
    assert "<h2" in html and ">Why</h2>" in html
    assert f'<a href="{home.url}">home</a>' in html
    assert "linktype" not in html


def test_rich_text_section_requires_a_heading():
    block = blocks.RichTextSectionBlock()
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python({"heading": "", "body": "<p>Text</p>"}))
    assert "heading" in caught.value.block_errors


class TestCommunityCallout:
    block = blocks.CommunityCalloutBlock()
    raw = {
        "heading": "Join us",
        "text": "<p>Share and learn.</p>",
        "call_to_action": {"label": "Sign up now", "url": "https://example.org/join"},
        "contact_name": "Sam Lee",
        "contact_email": "sam@example.org",
    }

    def test_renders_heading_cta_and_contact(self):
        _, html = roundtrip(self.block, self.raw)
        assert ">Join us</h2>" in html
        assert 'href="https://example.org/join">Sign up now</a>' in html
        assert '<a href="mailto:sam@example.org">sam@example.org</a>' in html

    def test_nested_call_to_action_errors_surface(self):
        raw = {**self.raw, "call_to_action": {"label": "Sign up", "url": ""}}
        with pytest.raises(ValidationError) as caught:
            self.block.clean(self.block.to_python(raw))
        assert "call_to_action" in caught.value.block_errors

    def test_email_without_a_name_is_rejected(self):
        raw = {**self.raw, "contact_name": ""}
        with pytest.raises(ValidationError) as caught:
            self.block.clean(self.block.to_python(raw))
        assert block_errors(caught.value) == {
            "contact_name": "Give the name of the person at this address."
        }

    def test_bad_email_is_rejected(self):
        raw = {**self.raw, "contact_email": "not-an-address"}
        with pytest.raises(ValidationError) as caught:
            self.block.clean(self.block.to_python(raw))
        assert "contact_email" in caught.value.block_errors


class TestFeaturedPageCard:
    block = blocks.FeaturedPageCardBlock()

    def test_defaults_to_page_title_and_read_more(self, home):
        value, html = roundtrip(self.block, {"page": home.pk, "summary": "Start here."})
        assert f">{home.title}</h2>" in html
        assert f'<a href="{home.url}">Read more' in html
        assert self.block.get_api_representation(value) == {
            "page": {"id": home.pk, "title": home.title, "url": home.full_url},
            "heading": home.title,
            "summary": "Start here.",
            "label": "Read more",
        }

    def test_page_is_required(self):
        with pytest.raises(ValidationError) as caught:
            self.block.clean(self.block.to_python({"page": None}))
        assert "page" in caught.value.block_errors

    def test_unpublished_page_is_not_shown(self, home):
        home.unpublish()
        value, html = roundtrip(self.block, {"page": home.pk})
        assert html.strip() == ""
        assert self.block.get_api_representation(value)["page"] is None


def test_webinar_renders_date_hosts_and_free_badge():
    _, html = roundtrip(
        blocks.WebinarBlock(),
        {
            "title": "Equity 101",
            "summary": "Intro.",
            "first_offered_on": "2020-08-27",
            "host_organisations": ["League", "Institute"],
            "watch_url": "https://video.example.org/101",
            "free_to_watch": True,
        },
    )
    assert '<a href="https://video.example.org/101">Equity 101</a>' in html
    assert '<time datetime="2020-08-27">27 August 2020</time>' in html
    assert "League, Institute" in html
    assert "Free to watch" in html


def test_webinar_needs_a_host_and_a_valid_url():
    block = blocks.WebinarBlock()
    value = block.to_python(
        {
            "title": "Equity 101",
            "summary": "Intro.",
            "first_offered_on": "2020-08-27",
            "host_organisations": [],
            "watch_url": "not a url",
        }
    )
    with pytest.raises(ValidationError) as caught:
        block.clean(value)
    assert {"host_organisations", "watch_url"} <= set(caught.value.block_errors)


def test_publication_shows_month_and_year():
    _, html = roundtrip(
        blocks.PublicationBlock(),
        {
            "title": "November 2020 issue",
            "publisher": "Western City magazine",
            "issue_date": "2020-11-01",
            "url": "https://magazine.example.org/2020-11",
        },
    )
    assert 'Western City magazine · <time datetime="2020-11">November 2020</time>' in html


def test_organisation_renders_its_reading_list():
    _, html = roundtrip(
        blocks.OrganisationBlock(),
        {
            "name": "Equity Institute",
            "acronym": "EI",
            "description": "A network.",
            "website": "https://institute.example.org/",
            "reading_list": [
                {"title": "One", "url": "https://a.example.org/", "description": "First."},
                {"title": "Two", "url": "https://b.example.org/", "description": "Second."},
            ],
        },
    )
    assert "Equity Institute (EI)" in html
    assert html.count("<li>") == 2
    assert '<a href="https://b.example.org/">Two</a>: Second.' in html


def test_resource_section_needs_at_least_one_item():
    block = blocks.ResourceSectionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"heading": "Empty", "intro": "", "items": []}))


@pytest.mark.parametrize(
    "block_class",
    [
        blocks.RichTextSectionBlock,
        blocks.CommunityCalloutBlock,
        blocks.FeaturedPageCardBlock,
        blocks.ResourceSectionBlock,
        blocks.WebinarBlock,
        blocks.PublicationBlock,
        blocks.OrganisationBlock,
        blocks.CallToActionBlock,
    ],
)
def test_every_block_offers_editors_a_preview(block_class):
    block = block_class()
    assert block.meta.icon and block.meta.description and block.meta.template
    assert block.is_previewable
    # The preview value itself renders without errors.
    assert block.render(block.get_preview_value()).strip()
