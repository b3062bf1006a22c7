"""Embargo and scheduling rules: consistent dates, a past embargo refused, the time zone
shown, "For immediate release" once the embargo has lifted (HTML, API, feeds), and used-up
schedule dates never blocking a save."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from newsroom.models import NewsArticlePage

pytestmark = pytest.mark.django_db


def embargoed(newsroom, embargo_until, release_date=None) -> NewsArticlePage:
    return NewsArticlePage(
        title="Embargoed release",
        slug="embargoed-release",
        summary="Under embargo.",
        release_status="embargoed",
        embargo_until=embargo_until,
        release_date=release_date or timezone.localdate(),
    )


def test_the_release_date_follows_the_embargo(newsroom):
    lifts = timezone.now() + datetime.timedelta(days=3)
    page = embargoed(newsroom, lifts)
    page.clean()
    assert page.release_date == timezone.localdate(lifts)
    assert page.go_live_at == lifts.replace(microsecond=0)
    # A release date after the embargo's day is the editor's choice and kept.
    later = timezone.localdate(lifts) + datetime.timedelta(days=2)
    page = embargoed(newsroom, lifts, release_date=later)
    page.clean()
    assert page.release_date == later


def test_a_past_embargo_is_refused_with_the_time_zone(newsroom):
    page = embargoed(newsroom, timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        page.clean()
    message = " ".join(error.value.message_dict["embargo_until"])
    assert "already passed" in message and timezone.get_current_timezone_name() in message


def test_a_lifted_embargo_reads_for_immediate_release_everywhere(client, make_release):
    release = make_release("Lifted", state="embargoed", embargo_in=datetime.timedelta(hours=1))
    assert release.release_line.startswith("Embargoed until")  # control: in force
    # The embargo lifts; the scheduled publish puts it live.
    past = timezone.now() - datetime.timedelta(minutes=5)
    NewsArticlePage.objects.filter(pk=release.pk).update(embargo_until=past, live=True)
    release.refresh_from_db()
    assert release.release_line == "For immediate release"
    html = client.get(release.url).content.decode()
    assert "For immediate release" in html and "Embargoed until" not in html
    for api in (f"/api/v2/pages/{release.pk}/", f"/api/v3/pages/{release.pk}/"):
        status = client.get(api).json()["release_status"]
        assert status == {"code": "immediate", "label": "For immediate release"}, api
    feed = client.get(f"{release.get_parent().url}feed/rss/").content.decode()
    assert "For immediate release. Summary of Lifted." in feed
    assert "Embargoed until" not in feed
    # Saving it again is not refused: its embargo is used up, not a new past embargo.
    release.clean()


def release_form(release, **overrides) -> dict:
    data = {
        "title": release.title,
        "slug": release.slug,
        "release_date": str(release.release_date),
        "byline": release.byline,
        "dateline": release.dateline,
        "release_status": "immediate",
        "embargo_until": "",
        "summary": release.summary,
        "hero_image": "",
        "hero_image_alt": "",
        "tags": "",
        "body": streamfield([]),
        "media_contacts": inline_formset([]),
        "related_links": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_a_used_up_expiry_never_blocks_a_save(client, make_release):
    release = make_release("Expired")
    past = timezone.now() - datetime.timedelta(days=1)
    NewsArticlePage.objects.filter(pk=release.pk).update(expire_at=past, expired=True, live=False)
    release.refresh_from_db()
    client.force_login(get_user_model().objects.create_superuser("c", "c@example.org", "pw"))
    edit = reverse("wagtailadmin_pages:edit", args=[release.pk])
    local_past = timezone.localtime(past).strftime("%Y-%m-%d %H:%M")
    response = client.post(edit, release_form(release, expire_at=local_past))
    assert response.status_code == 302, response.content.decode()[:3000]
    # A past expiry the editor types is still refused.
    response = client.post(
        edit,
        release_form(
            release,
            expire_at=(timezone.localtime(past) - datetime.timedelta(days=3)).strftime(
                "%Y-%m-%d %H:%M"
            ),
        ),
    )
    assert response.status_code == 200
    assert "Expiry date/time must be in the future" in response.content.decode()


def test_the_editor_sees_the_time_zone_beside_the_embargo_and_in_the_status_panel(
    client, make_release
):
    release = make_release("Zoned", state="embargoed")
    client.force_login(get_user_model().objects.create_superuser("z", "z@example.org", "pw"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[release.pk])).content.decode()
    zone = timezone.get_current_timezone_name()
    assert f"Times are in {zone}. For an embargoed release" in html  # beside the field
    assert f"Times are in {zone}." in html.split("data-time-zone", 1)[1]  # status panel
    assert "Embargoed until" in html.split("data-time-zone", 1)[1]
