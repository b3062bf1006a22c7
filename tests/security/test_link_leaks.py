"""Links never reveal a page the public may not open: draft, login-, password-restricted and
embargoed targets x card, related page and call to action x HTML, API v2 and API v3.

Each case links one hidden release (title and slug carry a marker) and one public release
(the positive control, which must be shown) from a featured-page card with a blank heading,
a community callout's call to action, and a release's related pages.
"""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission, PageViewRestriction

from equity.models import EquityLandingPage
from newsroom.models import NewsArticlePage, NewsArticleRelatedPage, NewsroomPage
from tests.conftest import block

pytestmark = pytest.mark.django_db


def add_release(newsroom, marker: str, *, publish: bool = True, **fields) -> NewsArticlePage:
    release = NewsArticlePage(
        title=f"Release {marker}",
        slug=marker.lower(),
        summary=f"Summary {marker}",
        release_date=datetime.date(2026, 1, 1),
        **fields,
    )
    newsroom.add_child(instance=release)
    revision = release.save_revision()
    if publish:
        revision.publish()
    else:
        release.live = False
        release.save(update_fields=["live"])
    return release


def draft(newsroom, marker):
    return add_release(newsroom, marker, publish=False)


def embargoed(newsroom, marker):
    """Approved, but embargoed until a time still in the future: scheduled, not live."""
    lifts = timezone.now() + datetime.timedelta(days=2)
    release = add_release(
        newsroom, marker, publish=False, release_status="embargoed", embargo_until=lifts
    )
    release.go_live_at = lifts
    release.save_revision().publish()
    release.refresh_from_db()
    assert not release.live
    return release


def restricted(restriction_type, **extra):
    def make(newsroom, marker):
        release = add_release(newsroom, marker)
        PageViewRestriction.objects.create(page=release, restriction_type=restriction_type, **extra)
        return release

    return make


def restricted_ancestor(newsroom, marker):
    """Live itself, but under a login-restricted section."""
    section = NewsroomPage(title="Staff news", slug="staff-news")
    newsroom.get_parent().add_child(instance=section)
    section.save_revision().publish()
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    return add_release(section, marker)


TARGETS = {
    "draft": draft,
    "login": restricted(PageViewRestriction.LOGIN),
    "password": restricted(PageViewRestriction.PASSWORD, password="s3cret"),
    "embargoed": embargoed,
    "restricted-ancestor": restricted_ancestor,
}


def landing_linking(home, target, control) -> EquityLandingPage:
    page = EquityLandingPage(title="Hub", slug="hub", hero_heading="Hub")
    home.add_child(instance=page)

    def callout(target_page):
        cta = {"label": "Sign up now", "page": target_page.pk, "url": ""}
        return block(
            "community_callout",
            {"heading": "Join", "text": "<p>Join us.</p>", "call_to_action": cta},
        )

    def card(target_page):
        return block(
            "featured_page_card",
            {"page": target_page.pk, "heading": "", "summary": "", "label": "Read more"},
        )

    page.body = [callout(target), card(target), callout(control), card(control)]
    page.save_revision().publish()
    return page


def release_linking(newsroom, target, control) -> NewsArticlePage:
    release = add_release(newsroom, "Host")
    for linked in (target, control):
        NewsArticleRelatedPage.objects.create(page=release, related_page=linked)
    release.save_revision().publish()
    return release


def surfaces(host) -> dict[str, str]:
    return {
        "html": host.url,
        "api v2": f"/api/v2/pages/{host.pk}/",
        "api v3": f"/api/v3/pages/{host.pk}/",
    }


@pytest.mark.parametrize("surface", ["html", "api v2", "api v3"])
@pytest.mark.parametrize("link", ["card and call to action", "related page"])
@pytest.mark.parametrize("state", TARGETS)
def test_links_show_only_public_pages(client, home, newsroom, state, link, surface):
    marker = f"Hidden{state.title().replace('-', '')}"
    target = TARGETS[state](newsroom, marker)
    control = add_release(newsroom, "VisibleControl")
    if link == "related page":
        host = release_linking(newsroom, target, control)
    else:
        host = landing_linking(home, target, control)

    response = client.get(surfaces(host)[surface])
    assert response.status_code == 200
    body = response.content.decode()
    # The public page is shown (title and address), so a broken block cannot pass as "safe".
    assert "Release VisibleControl" in body
    assert "/visiblecontrol/" in body
    for secret in (marker, f"/{marker.lower()}/", f'"id": {target.pk},', f'"id":{target.pk},'):
        assert secret not in body, f"{state} target leaks {secret!r} via {link} in {surface}"


def test_call_to_action_to_a_hidden_page_keeps_its_label_but_no_address(client, home, newsroom):
    target = draft(newsroom, "HiddenDraft")
    control = add_release(newsroom, "VisibleControl")
    host = landing_linking(home, target, control)
    data = client.get(f"/api/v2/pages/{host.pk}/").json()
    callouts = [item["value"] for item in data["body"] if item["type"] == "community_callout"]
    assert callouts[0]["call_to_action"] == {"label": "Sign up now", "url": None, "page": None}
    assert callouts[1]["call_to_action"]["page"]["title"] == "Release VisibleControl"
    cards = [item["value"] for item in data["body"] if item["type"] == "featured_page_card"]
    assert cards[0]["page"] is None and cards[0]["heading"] == ""
    assert cards[1]["heading"] == "Release VisibleControl"


# --- The page chooser --------------------------------------------------------------------


@pytest.fixture
def equity_editor(django_user_model, home):
    """An editor who may edit the hub's section only (not the newsroom); the hub is a draft."""
    hub = EquityLandingPage(title="Hub draft", slug="hub", hero_heading="Hub", live=False)
    home.add_child(instance=hub)
    group = Group.objects.create(name="Hub editors only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=hub, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user("hubeditor", password="pw-hub-editor-1")
    user.groups.add(group)
    return user


def test_page_chooser_hides_other_sections_drafts(client, newsroom, equity_editor):
    hidden = embargoed(newsroom, "ChooserSecret")
    visible = add_release(newsroom, "ChooserPublic")
    client.force_login(equity_editor)
    for url in (
        f"/admin/choose-page/{newsroom.pk}/",
        "/admin/choose-page/search/?q=Release",
    ):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "ChooserPublic" in body, url
        assert "ChooserSecret" not in body, url
    assert hidden.pk != visible.pk


def test_page_chooser_still_lists_the_editors_own_drafts(client, home, equity_editor):
    client.force_login(equity_editor)
    response = client.get(f"/admin/choose-page/{home.pk}/")
    assert response.status_code == 200
    assert "Hub draft" in response.content.decode()


def test_equity_editors_role_does_not_see_newsroom_drafts_in_the_chooser(client, home, newsroom):
    """The project's own roles (setup_roles): an Equity editor browsing the newsroom."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    hub = EquityLandingPage(title="Advancing Equity", slug="advancing-equity", hero_heading="AE")
    home.add_child(instance=hub)
    call_command("setup_roles", verbosity=0)
    embargoed(newsroom, "RoleSecret")
    add_release(newsroom, "RolePublic")
    user = get_user_model().objects.create_user("equity", password="pw-equity-editor-1")
    user.groups.add(Group.objects.get(name="Equity editors"))
    client.force_login(user)
    for url in (f"/admin/choose-page/{newsroom.pk}/", "/admin/choose-page/search/?q=Release"):
        body = client.get(url).content.decode()
        assert "RolePublic" in body, url
        assert "RoleSecret" not in body, url
