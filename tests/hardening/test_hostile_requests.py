"""Hostile requests: malformed, oversized and unexpected requests against pages, feeds, search
and both APIs answer 4xx — never 5xx. One table, one parametrised test."""

import pytest
from django.test import Client

from equity.models import EquityLandingPage, Resource, ResourceLibraryPage
from newsroom.models import NewsArticlePage, NewsroomPage
from tests.built_once import builds, shared

# Every test reads the same small site: built once for the module.
pytestmark = pytest.mark.content_built_once("content")

HUGE = "9" * 40
PAGES = ["/", "/advancing-equity/", "/advancing-equity/resources/", "/news/", "/news/release/"]
FEEDS = ["/news/feed/rss/", "/news/feed/atom/"]
SEARCH = ["/search/"]
API = [
    "/api/v2/pages/",
    "/api/v2/resources/",
    "/api/v2/releases/",
    "/api/v3/pages/",
    "/api/v3/resources/",
]
EVERYWHERE = PAGES + FEEDS + SEARCH + API

# (name, method, path suffix or absolute path, headers, targets, allowed statuses)
# "targets" is the list of addresses the request is made against; a suffix starting with "?"
# or "&" is appended to each. ``ok`` lists what is acceptable besides 4xx (a 200 for a request
# that is odd but harmless, a 301/302 when the page canonicalises its query string).
CASES = [
    ("long-query", "GET", "?q=" + "x" * 20_000, {}, EVERYWHERE, {200, 301, 302}),
    (
        "many-parameters",
        "GET",
        "?" + "&".join(f"p{i}=1" for i in range(2000)),
        {},
        EVERYWHERE,
        {200, 301, 302},
    ),
    ("bad-percent", "GET", "?q=%ZZ&page=%ZZ&tag=%ZZ&kind=%ZZ", {}, EVERYWHERE, {200, 301, 302}),
    ("overlong-utf8", "GET", "?q=%C0%AF&tag=%C0%AF&topic=%C0%AF", {}, EVERYWHERE, {200, 301, 302}),
    ("invalid-utf8", "GET", "?q=%FF%FE%FD&search=%FF&type=%FF", {}, EVERYWHERE, {200, 301, 302}),
    (
        "null-byte-query",
        "GET",
        "?q=%00&search=%00&tag=%00&kind=%00",
        {},
        EVERYWHERE,
        {200, 301, 302},
    ),
    ("huge-page", "GET", f"?page={HUGE}", {}, PAGES + SEARCH, {200, 301, 302}),
    ("negative-page", "GET", "?page=-1", {}, PAGES + SEARCH, {200, 301, 302}),
    ("page-not-a-number", "GET", "?page=1e9999", {}, PAGES + SEARCH, {200, 301, 302}),
    ("huge-year", "GET", f"/news/?year={HUGE}", {}, None, {200, 301, 302}),
    ("huge-limit", "GET", f"?limit={HUGE}", {}, API, set()),
    ("huge-offset", "GET", f"?offset={HUGE}", {}, API, set()),
    ("negative-limit", "GET", "?limit=-5", {}, API, set()),
    ("float-offset", "GET", "?offset=1.5&limit=1e3", {}, API, set()),
    ("huge-id", "GET", f"/api/v2/pages/{HUGE}/", {}, None, set()),
    ("huge-id-v3", "GET", f"/api/v3/pages/{HUGE}/", {}, None, set()),
    ("huge-resource-id", "GET", f"/api/v2/resources/{HUGE}/", {}, None, set()),
    ("huge-resource-id-v3", "GET", f"/api/v3/resources/{HUGE}/", {}, None, set()),
    (
        "huge-child-of",
        "GET",
        f"?child_of={HUGE}&descendant_of={HUGE}",
        {},
        ["/api/v2/pages/", "/api/v3/pages/"],
        set(),
    ),
    (
        "bad-date-filter",
        "GET",
        "?release_date_from=2024-13-45&release_date_to=%FF",
        {},
        ["/api/v2/releases/"],
        set(),
    ),
    ("huge-year-filter", "GET", f"?year={HUGE}", {}, ["/api/v2/releases/"], set()),
    ("unknown-field", "GET", "?fields=__class__,_,*,-id,body(id(id))", {}, API, {200}),
    # v3's resources list ignores parameters it does not know.
    ("bad-order", "GET", "?order=%FF-title;DROP TABLE", {}, API, {200}),
    ("propfind", "PROPFIND", "", {}, EVERYWHERE, set()),
    ("trace", "TRACE", "", {}, EVERYWHERE, set()),
    ("delete", "DELETE", "", {}, EVERYWHERE, set()),
    ("put", "PUT", "", {}, PAGES + FEEDS + SEARCH + API, set()),
    ("patch", "PATCH", "", {}, PAGES + FEEDS + API, set()),
    ("made-up-method", "FOO", "", {}, EVERYWHERE, set()),
    ("huge-host", "GET", "", {"HTTP_HOST": "a" * 10_000 + ".example.org"}, EVERYWHERE, set()),
    ("bad-host", "GET", "", {"HTTP_HOST": "evil.example.org"}, EVERYWHERE, set()),
    ("host-with-junk", "GET", "", {"HTTP_HOST": "localhost:99999999/../@x"}, EVERYWHERE, set()),
    (
        "huge-cookie",
        "GET",
        "",
        {"HTTP_COOKIE": "sessionid=" + "x" * 8000 + "; csrftoken=%FF"},
        EVERYWHERE,
        {200, 301, 302},
    ),
    (
        "bad-accept",
        "GET",
        "",
        {"HTTP_ACCEPT": "\x00;;;/;q=foo, */*;q=1e999"},
        EVERYWHERE,
        {200, 301, 302, 406},
    ),
    ("accept-only-xml", "GET", "", {"HTTP_ACCEPT": "application/xml"}, API, {200, 406}),
    (
        "bad-range",
        "GET",
        "",
        {"HTTP_RANGE": "bytes=999999999999999999999-1"},
        EVERYWHERE,
        {200, 301, 302},
    ),
    (
        "bad-if-modified",
        "GET",
        "",
        {"HTTP_IF_MODIFIED_SINCE": "\xff" * 100, "HTTP_IF_NONE_MATCH": '"' * 500},
        EVERYWHERE,
        {200, 301, 302, 304},
    ),
    (
        "huge-header",
        "GET",
        "",
        {"HTTP_X_FORWARDED_FOR": "1." * 20_000, "HTTP_USER_AGENT": "x" * 20_000},
        EVERYWHERE,
        {200, 301, 302},
    ),
    ("traversal", "GET", "/../../etc/passwd", {}, None, set()),
    ("traversal-encoded", "GET", "/%2e%2e/%2e%2e/etc/passwd", {}, None, set()),
    ("traversal-static", "GET", "/static/..%2f..%2fsettings.py", {}, None, set()),
    ("traversal-documents", "GET", "/documents/1/..%2f..%2fetc%2fpasswd", {}, None, set()),
    ("traversal-media", "GET", "/media/../../etc/passwd", {}, None, set()),
    ("double-slash", "GET", "//news//feed//rss//", {}, None, {200, 301, 302}),
    ("bad-path-encoding", "GET", "/news/%ZZ/", {}, None, set()),
    ("invalid-utf8-path", "GET", "/news/%C0%AF/", {}, None, set()),
    ("null-byte-path", "GET", "/news/%00/", {}, None, set()),
    ("long-path", "GET", "/" + "a/" * 3000, {}, None, set()),
    ("long-slug", "GET", "/news/" + "x" * 5000 + "/", {}, None, set()),
    ("bad-feed-tag", "GET", "?tag=%FF%00" + "x" * 3000, {}, FEEDS, {200}),
    ("admin-login-junk", "POST", "/admin/login/", {"HTTP_COOKIE": "csrftoken=%FF"}, None, set()),
    ("admin-login-huge", "POST", "/admin/login/?next=" + "x" * 10_000, {}, None, set()),
]


def expand():
    for name, method, suffix, headers, targets, ok in CASES:
        if targets is None:
            yield pytest.param(method, suffix, headers, ok, id=name)
            continue
        for target in targets:
            address = target + suffix
            yield pytest.param(method, address, headers, ok, id=f"{name}:{target}")


@builds("content", "home")
def build_content(home) -> None:
    """A small site: landing page, library (with a resource), newsroom with one release."""
    landing = home.add_child(
        instance=EquityLandingPage(title="Equity", slug="advancing-equity", hero_heading="Equity")
    )
    landing.add_child(instance=ResourceLibraryPage(title="Resources", slug="resources"))
    Resource.objects.create(title="Guide", kind="webinar", summary="A guide.", url="https://x.org")
    newsroom = home.add_child(instance=NewsroomPage(title="Newsroom", slug="news"))
    newsroom.add_child(
        instance=NewsArticlePage(title="Release", slug="release", summary="A release.")
    )


@pytest.fixture
def content(home, content_built_once) -> None:
    """``build_content``, built once for the module."""
    shared(content_built_once, "content", lambda: build_content(home))


@pytest.mark.django_db
@pytest.mark.parametrize("method,address,headers,ok", list(expand()))
def test_hostile_request_is_answered_4xx_never_5xx(content, method, address, headers, ok):
    # CSRF checks on, as in a browser; server errors become responses, as in production.
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = client.generic(method, address, **headers)
    status = response.status_code
    assert status < 500, f"{method} {address[:80]} → {status}"
    assert 400 <= status < 500 or status in ok, f"{method} {address[:80]} → {status}"
