"""The publish-latency phase's editor (``bench/publish_form.py``) posts a release's admin edit
form as a browser would: publishing it with a new title changes the title and nothing else."""

import json
import re
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cms_site.demo.newsroom import SEED_SLUG, ensure_newsroom_demo
from newsroom.models import NewsArticlePage

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from publish_form import edit_form_pairs

pytestmark = pytest.mark.django_db


def content(page: NewsArticlePage) -> dict:
    """What an editor sees, less the block keys Draftail adds to rich text on every save."""
    page = NewsArticlePage.objects.get(pk=page.pk)
    body = json.dumps([(block.block_type, block.get_prep_value()["value"]) for block in page.body])
    return {
        "slug": page.slug,
        "summary": page.summary,
        "release_date": page.release_date,
        "byline": page.byline,
        "body": re.sub(r' data-block-key=\\"\w+\\"', "", body),
        "contacts": [link.contact_id for link in page.media_contacts.all()],
        "tags": sorted(tag.name for tag in page.tags.all()),
    }


def test_the_posted_form_publishes_a_new_title_and_keeps_everything_else(home, client):
    ensure_newsroom_demo(home)
    release = NewsArticlePage.objects.get(slug=SEED_SLUG)
    before = content(release)
    assert before["contacts"] and before["tags"] and len(before["body"]) > 1
    user = get_user_model().objects.create_superuser("publisher", "p@example.org", "pw")
    client.force_login(user)
    pairs = [
        (name, "A new title" if name == "title" else value)
        for name, value in edit_form_pairs(release, user)
    ]
    data = {}
    for name, value in [*pairs, ("action-publish", "publish")]:
        data.setdefault(name, []).append(value)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[release.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    release.refresh_from_db()
    assert release.title == "A new title" and release.live
    assert not release.has_unpublished_changes
    assert content(release) == before
