"""Uploads are bounded: bodies refused before they are read, images over the pixel limit or
that do not decode refused with a form error, and a damaged stored image never a 500."""

import io
import struct
import time
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import FakePayload
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

GIGABYTES_2 = str(2 * 1024**3)


def png_bytes(width=400, height=300) -> bytes:
    buffer = io.BytesIO()
    PILImage.effect_noise((width, height), 64).convert("RGB").save(buffer, format="PNG")
    return buffer.getvalue()


def truncated_png() -> bytes:
    return png_bytes()[:3000]


def malformed_gif() -> bytes:
    # A valid header and screen descriptor, then an image whose LZW data is garbage.
    return (
        b"GIF89a\x10\x00\x10\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
        b",\x00\x00\x00\x00\x10\x00\x10\x00\x00\x02\xff\xff\xff\x00;"
    )


def huge_png_header(width=11_000, height=11_000) -> bytes:
    """A PNG declaring ``width`` x ``height`` pixels, with one tiny data chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )


def upload(admin_client, name, data, content_type="image/png"):
    return admin_client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, data, content_type), "collection": 1},
    )


@pytest.mark.parametrize(
    ("name", "data", "content_type", "message"),
    [
        ("truncated.png", truncated_png(), "image/png", "damaged or incomplete"),
        ("malformed.gif", malformed_gif(), "image/gif", "damaged or incomplete"),
        ("huge.png", huge_png_header(), "image/png", "too many pixels"),
    ],
)
def test_damaged_or_huge_images_are_form_errors(admin_client, name, data, content_type, message):
    count = get_image_model().objects.count()
    started = time.monotonic()
    response = upload(admin_client, name, data, content_type)
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert message in response.content.decode(), response.content.decode()[-3000:]
    assert get_image_model().objects.count() == count
    assert elapsed < 5  # refused from the header, never decoded (121 million pixels)


def test_multiple_upload_refuses_a_damaged_image(admin_client):
    count = get_image_model().objects.count()
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("truncated.png", truncated_png(), "image/png")},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert get_image_model().objects.count() == count


def test_a_good_image_is_still_accepted(admin_client):
    count = get_image_model().objects.count()
    response = upload(admin_client, "good.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.count() == count + 1


def test_a_damaged_stored_image_does_not_break_the_page_or_the_api(client, landing_page):
    """A file damaged in storage (or stored before the upload check) shows as missing."""
    image = landing_page.hero_image
    with open(image.file.path, "wb") as file:
        file.write(truncated_png())
    image.renditions.all().delete()
    page = client.get(landing_page.url)
    assert page.status_code == 200
    assert landing_page.title in page.content.decode()
    detail = client.get(f"/api/v2/pages/{landing_page.pk}/")
    assert detail.status_code == 200


def oversized_post(client, path, length=GIGABYTES_2, **extra):
    """A POST declaring ``length`` bytes but carrying a few: reading past them would fail,
    so a 413 proves nothing was read."""
    return client.generic(
        "POST",
        path,
        data=b"--x\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=length,
        **extra,
    )


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/api/v3/pages/", "/search/"])
def test_anonymous_oversized_body_is_refused_before_it_is_read(client, home, path):
    response = oversized_post(client, path)
    assert response.status_code == 413


def test_api_413_is_typed(client, home):
    response = oversized_post(client, "/api/v3/pages/")
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 413


def test_signed_in_limit_allows_uploads_and_bounds_them(admin_client, settings):
    limits = settings.REQUEST_BODY_LIMITS
    within = str(limits["ANONYMOUS"] + 1)
    # Above the anonymous limit, a signed-in user's body is read (here: it is short, so the
    # test client's payload refuses to read past its end).
    with pytest.raises(AssertionError, match="Cannot read more than the available bytes"):
        oversized_post(admin_client, "/admin/images/multiple/add/", length=within)
    assert oversized_post(admin_client, "/admin/images/multiple/add/").status_code == 413


def test_fake_payload_guard_is_real():
    """The tests above rely on the test client refusing to read past the declared data."""
    payload = FakePayload(b"abc")
    with pytest.raises(AssertionError):
        payload.read(10)
