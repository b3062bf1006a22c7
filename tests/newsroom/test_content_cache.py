"""The content cache (equity.headless.content_cache) keeps aggregates over the published
releases until the next change of what is public, and never longer."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import PageViewRestriction, Site

from equity.headless.content_cache import cached

pytestmark = pytest.mark.django_db

CONTENT_CACHE_ON = override_settings(EQUITY_CONTENT_CACHE={"ENABLED": True})


class Counter:
    """A computation that says how often it ran."""

    def __init__(self):
        self.runs = 0

    def __call__(self):
        self.runs += 1
        return self.runs


def test_off_unless_enabled(newsroom):
    compute = Counter()
    assert [cached("figure", compute, 1) for _ in range(3)] == [1, 2, 3]


def hide_by_unpublishing(release):
    release.unpublish()


def hide_by_restricting(release):
    PageViewRestriction.objects.create(page=release, restriction_type=PageViewRestriction.LOGIN)


def hide_by_expiry(release):
    release.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    release.save()
    call_command("publish_scheduled", verbosity=0)


def hide_by_deleting(release):
    release.delete()


def move_to_the_home_page(release):
    release.move(release.get_parent().get_parent(), pos="last-child")


def rename_its_tag(release):
    tag = Tag.objects.get(name="Housing")
    tag.name = "Homes"
    tag.save()


def point_the_site_elsewhere(release):
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Another name"
    site.save()


def publish_an_edit(release):
    release.title = "Edited"
    release.save_revision().publish()


@CONTENT_CACHE_ON
@pytest.mark.parametrize(
    "change",
    [
        hide_by_unpublishing,
        hide_by_restricting,
        hide_by_expiry,
        hide_by_deleting,
        move_to_the_home_page,
        rename_its_tag,
        point_the_site_elsewhere,
        publish_an_edit,
    ],
)
def test_kept_until_what_is_public_changes(make_release, change):
    release = make_release("Kept", tags=("Housing",))
    compute = Counter()
    assert cached("figure", compute, "a") == 1
    assert cached("figure", compute, "a") == 1  # kept
    assert cached("figure", compute, "b") == 2  # other parts, other entry
    change(release)
    assert cached("figure", compute, "a") == 3  # recomputed after the change


@CONTENT_CACHE_ON
def test_a_draft_changes_nothing(make_release):
    release = make_release("Kept", tags=("Housing",))
    compute = Counter()
    assert cached("figure", compute) == 1
    release.title = "Draft title"
    release.save_revision()
    assert cached("figure", compute) == 1


@CONTENT_CACHE_ON
def test_newsroom_filters_and_count_follow_publication(client, newsroom, make_release):
    make_release("Old housing news", datetime.date(2020, 5, 1), tags=("Housing",))
    html = client.get(newsroom.url).content.decode()
    assert "Budget" not in html and ">2019<" not in html and "1 release" in html
    make_release("Older budget news", datetime.date(2019, 5, 1), tags=("Budget",))
    html = client.get(newsroom.url).content.decode()
    assert "Budget" in html and ">2019<" in html and "2 releases" in html
    home = client.get("/").content.decode()
    assert "Older budget news" in home


@CONTENT_CACHE_ON
def test_warm_newsroom_and_home_skip_their_aggregate_queries(
    client, newsroom, make_release, bulk_releases, django_assert_max_num_queries
):
    make_release("Release", tags=("Housing",))
    bulk_releases(50)
    for url, budget in ((newsroom.url, 14), ("/", 7)):
        client.get(url)
        # Without the cache: index 17, home 11 (test_query_budget).
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200
