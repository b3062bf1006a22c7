"""The newsroom's demo content: the seed release, idempotent, and bulk generated releases."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from newsroom.models import MediaContact, NewsArticlePage, NewsroomPage

pytestmark = pytest.mark.django_db
SEED_URL = "/news/california-cities-condemn-anti-asian-violence/"


def test_seed_release(client):
    call_command("load_demo_content")
    newsroom = NewsroomPage.objects.get(locale__language_code="en")
    assert newsroom.url == "/news/"
    release = NewsArticlePage.objects.get(locale__language_code="en")
    assert str(release.release_date) == "2021-03-19"
    assert (release.byline, release.dateline) == ("Karina Gonzalez", "Sacramento")
    contacts = [link.contact for link in release.media_contacts.all()]
    assert len(contacts) == 2
    assert all(c.email.endswith("@example.org") and "555" in c.phone for c in contacts)
    soup = BeautifulSoup(client.get(SEED_URL).content, "html.parser")
    text = soup.get_text(" ", strip=True)
    for fact in [
        "For immediate release",
        "Cheryl Viegas Walker",
        "El Centro",
        "Sheng Thao",
        "Oakland",
        "Rosemead",
        "Orange County",
        "Atlanta",
        "Stop AAPI Hate",
        "1898",
        "nonprofit",
    ]:
        assert fact in text, fact
    assert "Latest releases" in client.get("/").content.decode()


def test_generated_releases_are_real_pages_and_idempotent(client):
    # Counted in English: the demo also has the seed release in Spanish.
    call_command("load_demo_content", "--articles", "25")
    newsroom = NewsroomPage.objects.get(locale__language_code="en")
    assert NewsArticlePage.objects.live().filter(locale__language_code="en").count() == 26
    newsroom.refresh_from_db()
    assert newsroom.numchild == 26 == newsroom.get_children().count()
    # The tree is consistent (treebeard's own check) and pages have live revisions.
    assert Page.find_problems() == ([], [], [], [], [])
    generated = NewsArticlePage.objects.get(slug="generated-release-00007")
    assert generated.live_revision_id and generated.latest_revision_id
    assert generated.get_latest_revision_as_object().title == generated.title
    assert client.get(generated.url).status_code == 200
    assert client.get("/news/?page=3").status_code == 200

    call_command("load_demo_content", "--articles", "25")
    assert NewsArticlePage.objects.filter(locale__language_code="en").count() == 26
    call_command("load_demo_content", "--articles", "30")
    assert NewsArticlePage.objects.filter(locale__language_code="en").count() == 31
    assert MediaContact.objects.count() == 2
    assert Page.find_problems() == ([], [], [], [], [])
    # An editor can still add a release by hand after the bulk ones.
    page = NewsArticlePage(title="By hand", summary="Typed in.", slug="by-hand")
    newsroom.refresh_from_db()
    newsroom.add_child(instance=page)
    assert client.get("/news/by-hand/").status_code == 200


def test_bulk_generation_updates_postgresql_planner_statistics(
    django_capture_on_commit_callbacks,
):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are refreshed on PostgreSQL only")

    def estimated_rows() -> float:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE relname = 'newsroom_newsarticlepage'"
            )
            return cursor.fetchone()[0]

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", articles=60, verbosity=0)
    # Left to autovacuum, the planner would still believe the table empty (reltuples < 1).
    assert estimated_rows() >= 60
