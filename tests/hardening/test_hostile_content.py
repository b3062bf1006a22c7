"""Hostile content: every payload of the corpus, typed into every editor-controlled field
through the admin's own forms, is rendered inert on the public pages, in the feeds and in
the admin listings — or rejected with a clear validation error."""

import html
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from equity.models import (
    EquityLandingPage,
    EquityRoadmapPage,
    Resource,
    ResourceLibraryPage,
    Topic,
)
from equity.validators import url_scheme
from newsroom.models import MediaContact, NewsArticlePage, NewsroomSettings

from .inert import assert_feed_inert, assert_inert
from .payloads import DANGEROUS_SCHEMES, HOSTILE_URLS, PAYLOADS

# Messages an editor sees when the admin refuses a value: each rejection must show one.
CLEAR_ERRORS = (
    "Null characters are not allowed.",
    "Ensure this value has at most",
    "Enter a link that starts with",
    "Enter a valid URL.",
)


def test_the_corpus_is_big_enough():
    assert len(set(PAYLOADS)) >= 50
    assert len(set(HOSTILE_URLS)) >= 10


def fit(payload: str, length: int) -> str:
    """What an editor's browser submits for ``payload`` in an input with ``maxlength``."""
    return payload[:length]


def contentstate(text: str, url: str) -> str:
    """Draftail's form data for a paragraph whose whole text links to ``url``: exactly what the
    admin's rich text editor posts, so the admin's own converter decides what is stored."""
    text = text or "x"
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "hostl",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [{"offset": 0, "length": len(text), "style": "BOLD"}],
                    "entityRanges": [{"offset": 0, "length": len(text), "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
        }
    )


def hostile_rich_text(payload: str, url: str) -> str:
    """A payload both as typed text with a hostile link and as pasted HTML (converted by the
    admin's contentstate converter, as a paste into Draftail would be)."""
    link = f"<p><a href='{html.escape(url)}'>pasted link</a></p>"
    try:
        pasted = json.loads(rich_text(f"<p>{payload}</p>{link}"))
    except AssertionError:
        # Wagtail's HTML-to-contentstate converter refuses badly nested tags ("<scr<script>");
        # paste the payload as text instead.
        pasted = json.loads(rich_text(f"<p>{html.escape(payload)}</p>{link}"))
    typed = json.loads(contentstate(payload, url))
    pasted["blocks"] = typed["blocks"] + [
        {**block, "key": f"p{index}"} for index, block in enumerate(pasted["blocks"])
    ]
    offset = len(typed["entityMap"])
    for block in pasted["blocks"][1:]:
        for entity_range in block.get("entityRanges", []):
            entity_range["key"] = int(entity_range["key"]) + offset
    pasted["entityMap"] = {
        **typed["entityMap"],
        **{str(int(key) + offset): value for key, value in pasted["entityMap"].items()},
    }
    return json.dumps(pasted)


def outcome(response, what: str) -> str:
    """'stored' (the admin redirected) or 'rejected' (the form came back with a clear error)."""
    if response.status_code == 302:
        return "stored"
    assert response.status_code == 200, f"{what}: {response.status_code}"
    html = response.content.decode()
    assert any(message in html for message in CLEAR_ERRORS), (
        f"{what}: rejected without a clear message: "
        + " | ".join(re.findall(r'class="error-message">(.*?)<', html, re.S)[:5])
    )
    assert_inert(html, admin=True, where=f"{what} (form with errors)")
    return "rejected"


def stored_urls(value) -> list[str]:
    """Every href in stored rich text / URL values, for the 'stored harmlessly' check."""
    soup = BeautifulSoup(str(value), "html.parser")
    return [element["href"] for element in soup.find_all(href=True)]


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("hardening", "h@example.org", "pw")
    client.force_login(user)
    return client


def release_form(index: int, payload: str, url: str, image, contact) -> dict:
    return nested_form_data(
        {
            "title": fit(payload, 255) or "x",
            "slug": f"release-{index}",
            "release_date": "2024-05-01",
            "byline": fit(payload, 120),
            "dateline": fit(payload, 80),
            "release_status": "immediate",
            "embargo_until": "",
            "summary": fit(payload, 600) or "x",
            "hero_image": str(image.pk),
            "hero_image_alt": fit(payload, 250),
            "tags": f'"{fit(payload, 90)}", plain',
            "body": streamfield(
                [
                    ("paragraph", hostile_rich_text(payload, url)),
                    (
                        "statement",
                        {
                            "quote": payload or "x",
                            "speaker_name": fit(payload, 120) or "x",
                            "speaker_title": fit(payload, 160),
                            "organisation": fit(payload, 160),
                        },
                    ),
                    (
                        "image",
                        {
                            "image": str(image.pk),
                            "alt_text": fit(payload, 250),
                            "caption": fit(payload, 300),
                        },
                    ),
                    ("call_to_action", {"label": fit(payload, 80) or "x", "page": "", "url": url}),
                ]
            ),
            "media_contacts": inline_formset([{"contact": str(contact.pk)}]),
            "related_links": inline_formset([]),
        }
    )


@pytest.mark.slow
@pytest.mark.django_db
def test_press_releases_with_hostile_content_are_inert(admin_client, newsroom, image):
    """Title, byline, dateline, summary, alt text, tags and every body block of a release,
    and the newsroom's About settings, through the admin's page and settings forms."""
    contact = MediaContact.objects.create(name="Press", email="press@example.org")
    add_url = reverse("wagtailadmin_pages:add", args=["newsroom", "newsarticlepage", newsroom.pk])
    outcomes = {}
    for index, payload in enumerate(PAYLOADS):
        # The link is a harmless address for most payloads and a hostile one for some, so that
        # one release cannot be rejected for its link alone.
        url = HOSTILE_URLS[index % len(HOSTILE_URLS)] if index % 3 == 0 else "https://ok.example/"
        data = release_form(index, payload, url, image, contact)
        response = admin_client.post(add_url, {**data, "action-publish": "publish"})
        outcomes[index] = outcome(response, f"release {index} {payload[:40]!r}")
        if outcomes[index] == "rejected" and "\x00" not in payload and url_scheme(url) != "https":
            # Rejected for its link: with a harmless link the same text must be stored.
            data = release_form(index, payload, "https://ok.example/", image, contact)
            response = admin_client.post(add_url, {**data, "action-publish": "publish"})
            outcomes[index] = outcome(response, f"release {index} (safe link)")
    stored = [index for index, result in outcomes.items() if result == "stored"]
    # Everything but the null-byte payload is plain text an editor may legitimately type.
    assert len(stored) >= len(PAYLOADS) - 2, outcomes
    for index, payload in enumerate(PAYLOADS):
        if "\x00" in payload:
            assert outcomes[index] == "rejected", "a null byte must be refused, not stored"

    # Settings: the About heading and text printed under every release.
    settings_url = reverse(
        "wagtailsettings:edit",
        args=["newsroom", "newsroomsettings", Site.objects.get(is_default_site=True).pk],
    )
    response = admin_client.post(
        settings_url,
        {
            "about_heading": fit(PAYLOADS[0], 160),
            "about_text": hostile_rich_text(PAYLOADS[20], "javascript:alert(1)"),
            # The form's "In other languages" inline, empty (as the browser sends it).
            "about_translations-TOTAL_FORMS": "0",
            "about_translations-INITIAL_FORMS": "0",
            "about_translations-MIN_NUM_FORMS": "0",
            "about_translations-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    about = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
    assert "javascript" not in " ".join(stored_urls(about.about_text)), about.about_text

    admin_client.logout()
    for page in NewsArticlePage.objects.live().specific():
        for link in stored_urls(str(page.body)):
            assert url_scheme(link) not in DANGEROUS_SCHEMES, (page.title, link)
        response = admin_client.get(page.url)
        assert response.status_code == 200
        assert_inert(response.content.decode(), where=page.url)
    for address in ["/news/", "/news/?page=2", "/search/?q=script", "/search/?q=alert"]:
        response = admin_client.get(address)
        assert response.status_code in (200, 302), address
        assert_inert(response.content.decode(), where=address)
    for feed in ["/news/feed/rss/", "/news/feed/atom/"]:
        response = admin_client.get(feed)
        assert response.status_code == 200, feed
        assert_feed_inert(response.content, where=feed)
    # Template syntax is shown as typed, never evaluated.
    page = NewsArticlePage.objects.get(title="{{ 7|add:7 }}")
    html = admin_client.get(page.url).content.decode()
    assert "{{ 7|add:7 }}" in BeautifulSoup(html, "html.parser").h1.get_text()

    # The admin's own listings of the same content.
    user = get_user_model().objects.get(username="hardening")
    admin_client.force_login(user)
    for address in [
        reverse("wagtailadmin_explore", args=[newsroom.pk]),
        reverse("wagtailadmin_explore", args=[newsroom.pk]) + "?p=2",
        reverse("wagtailadmin_pages:search") + "?q=alert",
        reverse("wagtailadmin_home"),
        reverse("wagtailsnippets_newsroom_mediacontact:list"),
        reverse("wagtailimages:index"),
    ]:
        response = admin_client.get(address)
        assert response.status_code == 200, address
        assert_inert(response.content.decode(), admin=True, where=address)
    page = NewsArticlePage.objects.order_by("pk").last()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert_inert(response.content.decode(), admin=True, where="edit view")


def landing_form(payload: str, url: str, image) -> dict:
    text = hostile_rich_text(payload, url)
    return nested_form_data(
        {
            "title": fit(payload, 255) or "x",
            "slug": "advancing-equity",
            "hero_heading": fit(payload, 120),
            "hero_image": str(image.pk),
            "hero_image_alt": fit(payload, 200),
            "intro": text,
            "seo_title": fit(payload, 255),
            "search_description": payload,
            "body": streamfield(
                [
                    ("rich_text_section", {"heading": fit(payload, 120) or "x", "body": text}),
                    (
                        "community_callout",
                        {
                            "heading": fit(payload, 120) or "x",
                            "text": text,
                            "call_to_action": {"label": fit(payload, 80) or "x", "url": url},
                            "contact_name": fit(payload, 120),
                            "contact_email": "someone@example.org",
                        },
                    ),
                    (
                        "resource_section",
                        {
                            "heading": fit(payload, 120) or "x",
                            "intro": text,
                            "items": streamfield(
                                [
                                    (
                                        "webinar",
                                        {
                                            "title": fit(payload, 200) or "x",
                                            "summary": payload or "x",
                                            "first_offered_on": "2020-08-27",
                                            "host_organisations": streamfield(
                                                [("item", fit(payload, 120) or "x")]
                                            ),
                                            "watch_url": url,
                                            "free_to_watch": "on",
                                        },
                                    ),
                                    (
                                        "publication",
                                        {
                                            "title": fit(payload, 200) or "x",
                                            "publisher": fit(payload, 120) or "x",
                                            "issue_date": "2020-11-01",
                                            "url": url,
                                            "summary": payload,
                                        },
                                    ),
                                    (
                                        "organisation",
                                        {
                                            "name": fit(payload, 200) or "x",
                                            "acronym": fit(payload, 20),
                                            "description": payload or "x",
                                            "website": url,
                                            "reading_list": streamfield(
                                                [
                                                    (
                                                        "item",
                                                        {
                                                            "title": fit(payload, 200) or "x",
                                                            "url": url,
                                                            "description": fit(payload, 400) or "x",
                                                        },
                                                    )
                                                ]
                                            ),
                                        },
                                    ),
                                ]
                            ),
                        },
                    ),
                ]
            ),
        }
    )


def roadmap_form(payload: str, url: str) -> dict:
    return nested_form_data(
        {
            "title": fit(payload, 255) or "x",
            "slug": "equity-roadmap",
            "intro": hostile_rich_text(payload, url),
            "priorities": streamfield(
                [
                    (
                        "priority",
                        {
                            "title": fit(payload, 200) or "x",
                            "summary": payload or "x",
                            "actions": streamfield(
                                [
                                    (
                                        "item",
                                        {
                                            "title": fit(payload, 200) or "x",
                                            "description": payload,
                                            "status": "planned",
                                            "target": "2025-Q3",
                                            "owner_team": fit(payload, 120) or "x",
                                            "evidence_url": url,
                                            "resource": "",
                                        },
                                    )
                                ]
                            ),
                        },
                    )
                ]
            ),
        }
    )


@pytest.mark.slow
@pytest.mark.django_db
def test_equity_pages_with_hostile_content_are_inert(admin_client, home, image):
    public = Client()
    """Every field and block of the landing page and the roadmap, edited once per payload
    through the admin's edit form; each revision is published and rendered."""
    add_url = reverse("wagtailadmin_pages:add", args=["equity", "equitylandingpage", home.pk])
    response = admin_client.post(
        add_url,
        {**landing_form("Advancing Equity", "https://ok.example/", image), "action-publish": "1"},
    )
    assert response.status_code == 302
    landing = EquityLandingPage.objects.get()
    add_url = reverse("wagtailadmin_pages:add", args=["equity", "equityroadmappage", landing.pk])
    response = admin_client.post(
        add_url, {**roadmap_form("Roadmap", "https://ok.example/"), "action-publish": "1"}
    )
    assert response.status_code == 302
    roadmap = EquityRoadmapPage.objects.get()

    for index, payload in enumerate(PAYLOADS):
        for page, form in [
            (landing, landing_form(payload, "https://ok.example/", image)),
            (roadmap, roadmap_form(payload, "https://ok.example/")),
        ]:
            edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            response = admin_client.post(edit_url, {**form, "action-publish": "1"})
            result = outcome(response, f"{page.slug} {index} {payload[:40]!r}")
            assert result == "stored" or "\x00" in payload, (index, payload[:60])
            for address in [page.url, "/search/?q=alert"]:
                html = public.get(address).content.decode()
                assert_inert(html, where=f"{address} with payload {index}")
        assert_inert(
            admin_client.get(reverse("wagtailadmin_explore", args=[home.pk])).content.decode(),
            admin=True,
            where=f"explorer with payload {index}",
        )


@pytest.mark.django_db
@pytest.mark.parametrize("hostile_url", HOSTILE_URLS)
def test_hostile_links_are_rejected_in_every_url_block(admin_client, home, image, hostile_url):
    """A javascript:/data:/vbscript:/ftp:/file: address in any URL block is a form error that
    says which links are allowed; links in rich text lose their href instead."""
    add_url = reverse("wagtailadmin_pages:add", args=["equity", "equitylandingpage", home.pk])
    response = admin_client.post(
        add_url, {**landing_form("Title", hostile_url, image), "action-publish": "1"}
    )
    if response.status_code == 302:
        # Only possible when the address is a (quoted) http(s) URL: stored, rendered escaped.
        assert url_scheme(hostile_url) in ("http", "https"), hostile_url
        page = EquityLandingPage.objects.get()
        admin_client.logout()
        assert_inert(admin_client.get(page.url).content.decode(), where=hostile_url)
        return
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a link that starts with" in html or "Enter a valid URL." in html
    assert not EquityLandingPage.objects.exists()


@pytest.mark.django_db
def test_rich_text_links_with_hostile_schemes_lose_their_href(admin_client, home, image):
    """Rich text keeps the link text but the admin's converter drops a hostile href."""
    add_url = reverse("wagtailadmin_pages:add", args=["equity", "equitylandingpage", home.pk])
    data = landing_form("Title", "https://ok.example/", image)
    data["intro"] = json.dumps(
        {
            "blocks": [
                json.loads(contentstate(f"link {index}", url))["blocks"][0]
                | {
                    "key": f"k{index}",
                    "entityRanges": [{"offset": 0, "length": len(f"link {index}"), "key": index}],
                }
                for index, url in enumerate(HOSTILE_URLS)
            ],
            "entityMap": {
                str(index): {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
                for index, url in enumerate(HOSTILE_URLS)
            },
        }
    )
    response = admin_client.post(add_url, {**data, "action-publish": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    page = EquityLandingPage.objects.get()
    for link in stored_urls(page.intro):
        assert url_scheme(link) not in DANGEROUS_SCHEMES, link
    admin_client.logout()
    html = admin_client.get(page.url).content.decode()
    assert_inert(html, where="landing page")
    assert "link 0" in html and "link 9" in html  # the text is kept


def resource_form(payload: str, url: str, topic: Topic) -> dict:
    return nested_form_data(
        {
            "title": fit(payload, 255) or "x",
            "kind": "webinar",
            "summary": payload or "x",
            "url": url,
            "document": "",
            "date": "2024-01-01",
            "date_precision": "day",
            "topics": [str(topic.pk)],
            "hosts": inline_formset([{"name": fit(payload, 200) or "x"}]),
            "reading_list": inline_formset(
                [
                    {
                        "title": fit(payload, 255) or "x",
                        "url": url,
                        "description": fit(payload, 400) or "x",
                    }
                ]
            ),
        }
    )


@pytest.mark.slow
@pytest.mark.django_db
def test_library_resources_and_contacts_with_hostile_content(admin_client, home):
    """Resources, topics and media contacts through their snippet create forms (published);
    then the snippet listings, the library page, search and both APIs."""
    topic_url = reverse("wagtailsnippets_equity_topic:add")
    resource_url = reverse("wagtailsnippets_equity_resource:add")
    contact_url = reverse("wagtailsnippets_newsroom_mediacontact:add")
    topic = Topic.objects.create(name="Housing", slug="housing")
    for index, payload in enumerate(PAYLOADS):
        response = admin_client.post(
            topic_url, {"name": fit(payload, 80) or "x", "slug": f"topic-{index}"}
        )
        outcome(response, f"topic {index}")
        response = admin_client.post(
            resource_url,
            {**resource_form(payload, "https://ok.example/", topic), "action-publish": "publish"},
        )
        assert outcome(response, f"resource {index}") == "stored" or "\x00" in payload
        response = admin_client.post(
            contact_url,
            {
                "name": fit(payload, 120) or "x",
                "role": fit(payload, 160),
                "organisation": fit(payload, 160),
                "phone": "+1 916 555 0134",
                "email": "press@example.org",
                "action-publish": "publish",
            },
        )
        assert outcome(response, f"contact {index}") == "stored" or "\x00" in payload
    # Hostile addresses in a resource's URL and reading list are refused with a clear error.
    for hostile in HOSTILE_URLS:
        before = Resource.objects.count()
        response = admin_client.post(resource_url, resource_form("Hostile", hostile, topic))
        if url_scheme(hostile) in ("http", "https"):
            continue  # a quoted http(s) address is a valid URL; rendered escaped below
        assert response.status_code == 200, hostile
        html = response.content.decode()
        assert "Enter a link that starts with" in html or "Enter a valid URL." in html, hostile
        assert Resource.objects.count() == before
    for hostile in ["javascript:alert(1)", "alert(1)", "+1 916 555 0134 <script>"]:
        response = admin_client.post(
            contact_url, {"name": "X", "phone": hostile, "email": "javascript:alert(1)"}
        )
        assert response.status_code == 200
        assert "Enter a valid email address." in response.content.decode()

    resources = reverse("wagtailsnippets_equity_resource:list")
    contacts = reverse("wagtailsnippets_newsroom_mediacontact:list")
    for address in [
        resources,
        resources + "?p=2",
        resources + "?q=alert",
        reverse("wagtailsnippets_equity_topic:list"),
        contacts,
        contacts + "?q=script",
        reverse("wagtailsnippets_equity_resource:edit", args=[Resource.objects.last().pk]),
    ]:
        response = admin_client.get(address)
        assert response.status_code == 200, address
        assert_inert(response.content.decode(), admin=True, where=address)
    # The resource chooser an editor opens from a page (its results fragment is JSON).
    response = admin_client.get(
        reverse("equity_resource_chooser:choose_results") + "?q=alert",
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    assert_inert(response.content.decode(), admin=True, where="resource chooser")

    library = home.add_child(
        instance=EquityLandingPage(title="Equity", slug="advancing-equity", hero_heading="Equity")
    )
    library_page = library.add_child(
        instance=ResourceLibraryPage(title="Resources", slug="resources", per_page=20)
    )
    library_page.save_revision().publish()
    admin_client.logout()
    for address in [
        library_page.url,
        library_page.url + "?q=alert",
        library_page.url + "?kind=webinar&page=2",
        "/search/?q=script",
        "/search/?q=onerror",
    ]:
        response = admin_client.get(address, follow=True)
        assert response.status_code == 200, address
        assert_inert(response.content.decode(), where=address)
    for address in ["/api/v2/resources/?limit=100", "/api/v3/resources/?limit=100"]:
        response = admin_client.get(address)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")
        for item in response.json().get("items", []):
            assert url_scheme(item.get("url") or item.get("href") or "") not in DANGEROUS_SCHEMES
