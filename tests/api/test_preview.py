"""Headless preview: a valid token returns the draft in the published API's shape; no token,
a wrong, expired or mismatched token reveals nothing."""

import time

import pytest
from django.core.signing import TimestampSigner
from django.test import override_settings
from wagtail_headless_preview.models import PagePreview

pytestmark = pytest.mark.django_db
URL = "/api/v3/preview/"


def make_preview(page) -> str:
    """What wagtail-headless-preview does when an editor clicks Preview."""
    token = TimestampSigner(salt="headlesspreview.token").sign(f"id={page.pk}")
    PagePreview.objects.create(
        token=token, content_type=page.content_type, content_json=page.to_json()
    )
    return token


@pytest.fixture
def draft(landing_page):
    landing_page.hero_heading = "Draft heading"
    landing_page.save_revision()
    return landing_page


def test_a_valid_token_returns_the_draft_in_the_published_shape(client, draft):
    token = make_preview(draft)
    response = client.get(URL, {"content_type": "equity.equitylandingpage", "token": token})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["hero_heading"] == "Draft heading"
    assert response["Cache-Control"] == "private, no-store"
    published = client.get(f"/api/v3/pages/{draft.pk}/").json()
    assert published["hero_heading"] == "Advancing Equity"
    assert set(data) == set(published)
    assert [b["type"] for b in data["body"]] == [b["type"] for b in published["body"]]


def test_no_token_wrong_token_and_mismatch_reveal_nothing(client, draft):
    token = make_preview(draft)
    assert client.get(URL, {"content_type": "equity.equitylandingpage"}).status_code == 400
    forged = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    for params, status in [
        ({"content_type": "equity.equitylandingpage", "token": "nope"}, 403),
        ({"content_type": "equity.equitylandingpage", "token": forged}, 403),
        ({"content_type": "home.homepage", "token": token}, 404),
        ({"content_type": "no.such", "token": token}, 404),
    ]:
        response = client.get(URL, params)
        assert response.status_code == status, params
        assert b"Draft heading" not in response.content


def test_an_expired_token_reveals_nothing(client, draft):
    token = make_preview(draft)
    time.sleep(1.1)
    with override_settings(HEADLESS_PREVIEW_TOKEN_MAX_AGE=1):
        response = client.get(URL, {"content_type": "equity.equitylandingpage", "token": token})
    assert response.status_code == 403
    assert b"Draft heading" not in response.content


class TestFrontEndPreviewMode:
    """The admin's "Front end" preview mode: shown only when a front end is configured."""

    CLIENT = "https://app.example.org/preview"

    def test_offered_only_when_a_front_end_is_configured(self, landing_page, settings):
        settings.HEADLESS_PREVIEW_ENABLED = False
        assert [mode for mode, _ in landing_page.preview_modes] == [""]
        settings.HEADLESS_PREVIEW_ENABLED = True
        assert [mode for mode, _ in landing_page.preview_modes] == ["", "headless"]

    def test_front_end_mode_frames_the_app_with_a_token_for_the_draft(
        self, client, rf, landing_page, settings
    ):
        from urllib.parse import parse_qs, urlparse

        from bs4 import BeautifulSoup
        from django.contrib.auth.models import AnonymousUser

        settings.HEADLESS_PREVIEW_ENABLED = True
        settings.WAGTAIL_HEADLESS_PREVIEW = {
            "CLIENT_URLS": {"default": self.CLIENT},
            "SERVE_BASE_URL": None,
            "REDIRECT_ON_PREVIEW": False,
            "ENFORCE_TRAILING_SLASH": False,
        }
        draft = landing_page.get_latest_revision_as_object()
        draft.hero_heading = "Draft heading for the app"
        request = rf.get("/admin/pages/preview/")
        request.user = AnonymousUser()
        response = draft.serve_preview(request, "headless")
        frame = BeautifulSoup(response.content, "html.parser").find("iframe")
        address = urlparse(frame["src"])
        assert f"{address.scheme}://{address.netloc}{address.path}" == self.CLIENT
        query = parse_qs(address.query)
        assert query["content_type"] == ["equity.equitylandingpage"]

        api = client.get(
            URL, {"content_type": "equity.equitylandingpage", "token": query["token"][0]}
        )
        assert api.status_code == 200
        assert api.json()["hero_heading"] == "Draft heading for the app"

    def test_default_mode_is_still_the_sites_own_html(self, landing_page, settings):
        settings.HEADLESS_PREVIEW_ENABLED = True
        response = landing_page.make_preview_request(preview_mode="")
        response.render()
        assert b"<h1>Advancing Equity</h1>" in response.content
