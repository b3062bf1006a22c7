"""Production posture: security headers and a CSP the public pages satisfy, a throttled admin
login, and uploads limited in size and type through the admin's own upload forms."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template.loader import get_template
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from tests.built_once import builds, shared

from .inert import assert_inert

pytestmark = [pytest.mark.django_db, pytest.mark.content_built_once("demo")]

CSP = "Content-Security-Policy"


@builds("demo")
def build_demo() -> None:
    """The demo content."""
    call_command("load_demo_content", verbosity=0)


@pytest.fixture
def demo(db, content_built_once) -> None:
    """The demo content, built once for the module."""
    shared(content_built_once, "demo", build_demo)


def public_addresses() -> list[str]:
    pages = [page.url for page in Page.objects.live().public().filter(depth__gt=1)]
    return [*pages, "/news/feed/rss/", "/news/feed/atom/", "/search/?q=equity", "/sitemap.xml"]


def test_public_responses_carry_the_security_headers(client, demo):
    for address in public_addresses():
        response = client.get(address)
        assert response.status_code == 200, address
        policy = response[CSP]
        for directive in [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]:
            assert directive in policy, (address, directive)
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
    assert CSP in client.get("/api/v2/pages/").headers


def test_public_pages_satisfy_the_policy(client, demo):
    """No inline script, no <style>, no style attribute, no event handler: nothing the CSP
    would block. Every stylesheet and script comes from this origin."""
    for address in public_addresses():
        if "feed" in address or address.endswith(".xml"):
            continue
        html = client.get(address).content.decode()
        assert_inert(html, where=address)
        soup = BeautifulSoup(html, "html.parser")
        for link in soup.find_all("link", rel="stylesheet"):
            assert link["href"].startswith("/static/"), (address, link)


def test_error_page_has_no_inline_style():
    html = get_template("500.html").render({})
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("style") and not soup.find_all(style=True)
    assert soup.find("link", rel="stylesheet")["href"].startswith("/static/")


def test_the_admin_is_not_under_the_strict_policy(client):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    assert CSP not in response.headers
    assert response["X-Frame-Options"] == "DENY"


def test_admin_login_is_throttled_per_username_and_address(client):
    get_user_model().objects.create_superuser("editor", "e@example.org", "right-password")
    url = reverse("wagtailadmin_login")
    for _ in range(5):
        response = client.post(url, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    response = client.post(url, {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()
    assert response["Retry-After"] == str(15 * 60)
    # Locked even with the right password, and case does not get around it.
    response = client.post(url, {"username": "EDITOR", "password": "right-password"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # The same username from another address is not locked out.
    response = client.post(
        url, {"username": "editor", "password": "right-password"}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_a_successful_login_resets_the_counter(client):
    get_user_model().objects.create_superuser("editor", "e@example.org", "right-password")
    url = reverse("wagtailadmin_login")
    for _ in range(4):
        client.post(url, {"username": "editor", "password": "wrong"})
    assert client.post(url, {"username": "editor", "password": "right-password"}).status_code == 302
    client.logout()
    for _ in range(4):
        assert client.post(url, {"username": "editor", "password": "wrong"}).status_code == 200
    assert client.post(url, {"username": "editor", "password": "right-password"}).status_code == 302


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(user)
    return client


def png_bytes(size=(40, 40)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (10, 20, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_oversized_image_is_refused_by_the_upload_form(admin_client, settings):
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    assert limit <= 10 * 1024 * 1024
    # A real PNG padded past the limit (PNG readers ignore bytes after IEND).
    data = png_bytes() + b"\0" * (limit + 1)
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Huge", "file": SimpleUploadedFile("huge.png", data, "image/png")},
    )
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_image_model().objects.filter(title="Huge").exists()


@pytest.mark.parametrize(
    "name,content,content_type",
    [
        (
            "xss.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "image/svg+xml",
        ),
        ("page.html", b"<script>alert(1)</script>", "text/html"),
        ("photo.png.html", b"<script>alert(1)</script>", "text/html"),
    ],
)
def test_disallowed_image_types_are_refused(admin_client, name, content, content_type):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content, content_type)},
    )
    assert response.status_code == 200
    assert "Not a supported image format" in response.content.decode()
    assert not get_image_model().objects.filter(title=name).exists()


def test_a_disguised_image_is_refused(admin_client):
    """A script named .png is not an image."""
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "fake",
            "file": SimpleUploadedFile("fake.png", b"<script>alert(1)</script>", "image/png"),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Upload a valid image" in html or "Not a valid .png image" in html, html[-4000:]
    assert not get_image_model().objects.filter(title="fake").exists()


@pytest.mark.parametrize("name", ["page.html", "xss.svg", "run.js", "tool.exe", "report.pdf.html"])
def test_disallowed_document_types_are_refused(admin_client, name):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, b"<script>alert(1)</script>")},
    )
    assert response.status_code == 200
    assert "File extension" in response.content.decode()
    assert "is not allowed" in response.content.decode()
    assert not get_document_model().objects.filter(title=name).exists()


def test_an_allowed_document_is_accepted(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Report", "file": SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n")},
    )
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Report").exists()


def test_request_bodies_are_limited(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert not {"html", "htm", "svg", "js", "xml"} & set(settings.WAGTAILDOCS_EXTENSIONS)
