"""One public base URL decides every absolute link: with ``PUBLIC_BASE_URL`` configured (and
the Wagtail Site set from it by ``configure_site``, as the production recipe does), every
absolute address of the site in the APIs, the feeds, the sitemap and a webhook payload starts
with it, and answers 200.

The surfaces are asked with another Host header (``testserver``, as behind a proxy): an
address built from the request instead of the configured base shows up as a failure."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from equity.models import WebhookEndpoint
from tests.receivers import Receiver

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8103"
URL = re.compile(r"""https?://[^\s"'<>\\)]+""")
# Hosts that are this site under some name; anything else is content (external links) or an
# XML namespace.
SITE_HOSTS = {"127.0.0.1", "localhost", "testserver"}


@pytest.fixture
def configured(settings):
    settings.PUBLIC_BASE_URL = BASE
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.WAGTAILAPI_BASE_URL = BASE
    call_command("configure_site", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return BASE


def surfaces(landing_page, release) -> list[str]:
    return [
        f"/api/v2/pages/{landing_page.pk}/",
        f"/api/v2/pages/{release.pk}/",
        "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*",
        "/api/v2/pages/?type=equity.EquityLandingPage&fields=*",
        "/api/v2/releases/?fields=*",
        "/api/v2/images/?fields=*",
        "/api/v2/pages/find/?html_path=/news/cities-unite/",
        "/api/v3/pages/",
        f"/api/v3/pages/{landing_page.pk}/",
        f"/api/v3/pages/{release.pk}/",
        "/api/v3/pages/find/?html_path=/news/cities-unite/",
        "/api/v3/releases/",
        "/api/v3/navigation/",
        "/news/feed/rss/",
        "/news/feed/atom/",
        "/sitemap.xml",
    ]


def site_urls(text: str) -> set[str]:
    found = set()
    for url in URL.findall(text):
        url = url.rstrip(".,;")
        if urlsplit(url).hostname in SITE_HOSTS:
            found.add(url)
    return found


def test_every_absolute_link_starts_with_the_base_and_answers(
    client, configured, landing_page, release, resource, django_capture_on_commit_callbacks
):
    texts = {}
    for path in surfaces(landing_page, release):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        texts[path] = response.content.decode()
    with Receiver() as receiver:
        WebhookEndpoint.objects.create(name="App", url=receiver.url, secret="s")
        with django_capture_on_commit_callbacks(execute=True):
            release.save_revision().publish()
    assert receiver.requests
    texts["webhook"] = receiver.requests[0]["body"].decode()

    for path, text in texts.items():
        if path.startswith("/api/"):
            # Rich text's internal links too: absolute, never site-relative.
            assert 'href=\\"/' not in text and "href='/" not in text, path
    markdown = client.get(f"/api/v3/pages/{landing_page.pk}/", {"rich_text_format": "markdown"})
    assert f"]({configured}/)" in markdown.content.decode()

    wrong = {
        (where, url)
        for where, text in texts.items()
        for url in site_urls(text)
        if not url.startswith(configured + "/")
    }
    assert not wrong, sorted(wrong)
    every = set().union(*(site_urls(text) for text in texts.values()))
    # The check saw the kinds of address it is about.
    rich_text_link = f'href=\\"{configured}/\\"'  # the landing intro's link to home
    assert rich_text_link in texts[f"/api/v2/pages/{landing_page.pk}/"]
    for kind in ("/api/v2/pages/", "/api/v3/pages/", "/media/", "/news/cities-unite/"):
        assert any(kind in url for url in every), kind
    for url in sorted(every):
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        response = client.get(path, HTTP_HOST=parts.netloc)
        assert response.status_code == 200, (url, response.status_code)


def test_admin_notification_emails_link_to_the_base(client, configured, landing_page, mailoutbox):
    """A submission for moderation emails the moderators: its links (review, edit) start with
    the base URL and answer (a login page for someone not signed in)."""
    from django.urls import reverse

    from home.roles import EQUITY_EDITORS, MODERATORS
    from tests.equity.test_content_page import content_form, member_of

    call_command("setup_roles", verbosity=0)
    member_of(MODERATORS, "mo")
    client.force_login(member_of(EQUITY_EDITORS, "eve"))
    add = reverse("wagtailadmin_pages:add", args=["equity", "equitycontentpage", landing_page.pk])
    client.post(add, content_form(**{"action-submit": "submit"}))
    assert mailoutbox, "no notification was sent"
    urls = set().union(*(site_urls(mail.body) for mail in mailoutbox))
    assert urls, [mail.body for mail in mailoutbox]
    assert all(url.startswith(configured + "/") for url in urls), urls
    client.logout()
    for url in urls:
        parts = urlsplit(url)
        response = client.get(parts.path, follow=True, HTTP_HOST=parts.netloc)
        assert response.status_code == 200, url
