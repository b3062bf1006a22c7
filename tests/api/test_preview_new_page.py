"""Front-end preview of a page that was never saved: the admin's create view previews the
draft in the front end, and the preview API answers it with ``id: null``."""

from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsroom.models import NewsroomPage

pytestmark = pytest.mark.django_db
CLIENT = "https://app.example.org/preview"


@pytest.fixture
def front_end(settings):
    settings.HEADLESS_PREVIEW_ENABLED = True
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": CLIENT},
        "SERVE_BASE_URL": None,
        "REDIRECT_ON_PREVIEW": False,
        "ENFORCE_TRAILING_SLASH": False,
    }


def test_a_new_release_previews_in_the_front_end_with_no_id(
    client, home, image, front_end, django_user_model
):
    newsroom = NewsroomPage(title="Newsroom", slug="news")
    home.add_child(instance=newsroom)
    newsroom.save_revision().publish()
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.org", "pw"))
    data = nested_form_data(
        {
            "title": "Never saved release",
            "slug": "never-saved",
            "release_date": "2026-03-19",
            "byline": "Karina Gonzalez",
            "dateline": "Sacramento",
            "release_status": "immediate",
            "embargo_until": "",
            "summary": "A statement nobody saved.",
            "hero_image": str(image.pk),
            "hero_image_alt": "",
            "tags": "Statements",
            "body": streamfield([("paragraph", rich_text("<p>Draft words.</p>"))]),
            "media_contacts": inline_formset([]),
            "related_links": inline_formset([]),
        }
    )
    preview = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["newsroom", "newsarticlepage", newsroom.pk],
    )
    stored = client.post(preview, data)
    assert stored.status_code == 200 and stored.json()["is_valid"], stored.content
    shown = client.get(preview, {"mode": "headless"})
    assert shown.status_code == 200
    frame = BeautifulSoup(shown.content, "html.parser").find("iframe")
    query = parse_qs(urlparse(frame["src"]).query)
    client.logout()

    response = client.get(
        "/api/v3/preview/",
        {"content_type": query["content_type"][0], "token": query["token"][0]},
    )
    assert response.status_code == 200, response.content
    draft = response.json()
    assert draft["id"] is None and draft["meta"]["detail_url"] is None
    assert draft["meta"]["html_url"].endswith("/news/never-saved/")  # where it will be
    assert draft["title"] == "Never saved release"
    assert draft["summary"] == "A statement nobody saved."
    assert [b["type"] for b in draft["body"]] == ["paragraph"]
    assert response["Cache-Control"] == "private, no-store"
