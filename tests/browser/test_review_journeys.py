"""The review journeys in Chromium, each role in its own browser session, with the groups and
workflows ``setup_roles`` makes by default: an Equity editor composes a content page under the
hub and submits it (there is no Publish for them); a Moderator requests changes with a comment
the author then reads on the edit view, and approves the resubmission; Communications
schedules an embargoed release with two media contacts and an image, which goes live only when
the scheduler runs after the embargo. Each journey checks what an anonymous visitor gets from
the public HTML and from both APIs (v2 and v3) before and after."""

import datetime
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.test_editor_journey import (
    PASSWORD,
    choose_in_modal,
    errors_on_page,
    field_container,
    insert_block,
    log_in,
    type_rich_text,
)

EDITOR, MODERATOR, COMMUNICATIONS = "eve", "mo", "cam"


@pytest.fixture
def review_site(live_server, transactional_db, one_request_at_a_time):
    """Home, a live hub and newsroom, the roles as ``setup_roles`` makes them by default, one
    user in each of the Equity editors, Moderators and Communications groups, a banner image
    and the demo media contacts."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from cms_site.demo.library import ensure_banner_image
    from cms_site.demo.newsroom import ensure_contacts
    from cms_site.management.commands.load_demo_content import Command
    from equity.models import EquityLandingPage
    from home.roles import COMMUNICATIONS as COMMUNICATIONS_GROUP
    from home.roles import EQUITY_EDITORS, MODERATORS
    from newsroom.models import NewsroomPage

    home = Command().ensure_home_page()
    hub = home.add_child(
        instance=EquityLandingPage(
            title="Advancing Equity", slug="advancing-equity", hero_heading="Advancing Equity"
        )
    )
    hub.save_revision().publish()
    newsroom = home.add_child(instance=NewsroomPage(title="Newsroom", slug="news"))
    newsroom.save_revision().publish()
    call_command("setup_roles", verbosity=0)
    users = {}
    for username, group in [
        (EDITOR, EQUITY_EDITORS),
        (MODERATOR, MODERATORS),
        (COMMUNICATIONS, COMMUNICATIONS_GROUP),
    ]:
        users[username] = get_user_model().objects.create_user(
            username, f"{username}@example.org", PASSWORD
        )
        users[username].groups.add(Group.objects.get(name=group))
    return SimpleNamespace(
        url=live_server.url,
        database=one_request_at_a_time,
        home=home,
        hub=hub,
        newsroom=newsroom,
        users=users,
        image=ensure_banner_image(),
        contacts=ensure_contacts()[:2],
    )


@pytest.fixture
def session_of(browser, review_site):
    """``session_of(username)``: a page in a new browser session signed in as that user."""
    contexts = []

    def open_session(username: str):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        log_in(page, review_site.url, username)
        return page

    yield open_session
    for context in contexts:
        context.close()


@pytest.fixture
def public(browser, review_site):
    """An anonymous visitor's HTTP client (a browser session that never signs in)."""
    context = browser.new_context(base_url=review_site.url)
    yield context.request
    context.close()


def api_titles(public, path: str) -> list[str]:
    response = public.get(path)
    assert response.status == 200, (path, response.text()[:500])
    return [item["title"] for item in response.json()["items"]]


def assert_page_hidden(public, url: str, pk: int, title: str, lists: list[str]) -> None:
    """Not in the public HTML, not in either API, by address or in any of ``lists``."""
    assert public.get(url).status == 404, url
    for detail in (f"/api/v2/pages/{pk}/", f"/api/v3/pages/{pk}/"):
        assert public.get(detail).status == 404, detail
    for listing in lists:
        assert title not in api_titles(public, listing), listing


def save_menu_labels(page) -> list[str]:
    """The labels of the footer's save menu: its default action and the dropdown's items."""
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    menu = page.locator("footer [data-w-dropdown-target='content']").last
    expect(menu).to_be_visible()
    labels = [
        page.locator("footer .dropdown-toggle, footer button[type=submit]").first.inner_text(),
        *menu.locator("button, a").all_inner_texts(),
    ]
    page.keyboard.press("Escape")
    return [" ".join(label.split()) for label in labels if label.strip()]


def open_save_menu_item(page, label: str) -> None:
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.locator("footer [data-w-dropdown-target='content']").last.get_by_role(
        "button", name=label, exact=True
    ).click()


CONTENT_LISTS = [
    "/api/v2/pages/?type=equity.EquityContentPage",
    "/api/v3/pages/?type=equity.EquityContentPage",
]


def test_an_equity_editor_composes_a_content_page_and_submits_it_for_review(
    review_site, session_of, public
):
    from equity.models import EquityContentPage

    editor = session_of(EDITOR)
    # From the hub in the page explorer: "Add child page", then the page type.
    editor.goto(f"{review_site.url}/admin/pages/{review_site.hub.pk}/")
    editor.get_by_role("link", name="Add child page").first.click()
    editor.get_by_role("link", name="Content page").first.click()
    editor.wait_for_url("**/add/equity/equitycontentpage/**")

    editor.fill("#id_title", "Accessibility statement")
    type_rich_text(editor, "intro", "How we make this site usable by everyone.")
    body = field_container(editor, "body-count")
    insert_block(editor, body, "Text section")
    editor.fill("[name='body-0-value-heading']", "Our standard")
    type_rich_text(editor, "body-0-value-body", "We meet WCAG 2.2 AA.")
    editor.get_by_role("button", name="Save draft").click()
    editor.wait_for_url("**/admin/pages/*/edit/")

    # No direct Publish for this role (setup_roles' default): submitting is the way.
    labels = save_menu_labels(editor)
    assert "Submit to Equity page review" in labels, labels
    assert not [label for label in labels if label.startswith("Publish")], labels
    open_save_menu_item(editor, "Submit to Equity page review")
    expect(editor.locator(".messages")).to_contain_text("submitted")

    with review_site.database():
        page = EquityContentPage.objects.get(title="Accessibility statement")
        assert not page.live
        state = page.current_workflow_state
        assert state is not None and state.status == state.STATUS_IN_PROGRESS
        assert state.workflow.name == "Equity page review"
        assert state.requested_by == review_site.users[EDITOR]
    # Neither the public nor the APIs know it.
    assert_page_hidden(
        public, f"/advancing-equity/{page.slug}/", page.pk, page.title, CONTENT_LISTS
    )


COMMENT = "Please say which WCAG version we meet and since when."


def test_a_moderator_requests_changes_the_author_reads_them_and_the_page_is_approved(
    review_site, session_of, public
):
    from equity.models import EquityContentPage

    # The Equity editor's page, submitted for review.
    with review_site.database():
        author = review_site.users[EDITOR]
        page = review_site.hub.add_child(
            instance=EquityContentPage(
                title="Accessibility statement",
                slug="accessibility",
                live=False,
                owner=author,
                intro="<p>How we make this site usable by everyone.</p>",
                body=[
                    {
                        "type": "rich_text_section",
                        "value": {"heading": "Our standard", "body": "<p>We meet WCAG.</p>"},
                    }
                ],
            )
        )
        page.save_revision(user=author)
        page.get_workflow().start(page, author)
    url = "/advancing-equity/accessibility/"

    # The moderator finds it awaiting review on the dashboard and asks for changes.
    moderator = session_of(MODERATOR)
    moderator.goto(review_site.url + "/admin/")
    moderator.get_by_role("link", name="Accessibility statement").first.click()
    moderator.wait_for_url(f"**/admin/pages/{page.pk}/edit/")
    open_save_menu_item(moderator, "Request changes")
    modal = moderator.locator(".modal")
    modal.locator("textarea[name=comment]").fill(COMMENT)
    modal.get_by_role("button", name="Request changes").click()
    expect(moderator.locator(".messages")).to_contain_text(
        "Changes requested on 'Accessibility statement'"
    )
    assert_page_hidden(public, url, page.pk, page.title, CONTENT_LISTS)

    # The author reads the comment where they edit, makes the change and resubmits.
    editor = session_of(EDITOR)
    editor.goto(f"{review_site.url}/admin/pages/{page.pk}/edit/")
    expect(editor.locator(".messages")).to_contain_text(COMMENT)
    expect(editor.locator(".messages")).to_contain_text("asked for changes")
    type_rich_text(editor, "body-0-value-body", " Version 2.2 AA, since March 2025.")
    open_save_menu_item(editor, "Resubmit to Moderator approval")
    expect(editor.locator(".messages")).to_contain_text("submitted")
    assert_page_hidden(public, url, page.pk, page.title, CONTENT_LISTS)

    # The moderator approves the resubmitted version: it is live everywhere.
    moderator.goto(f"{review_site.url}/admin/pages/{page.pk}/edit/")
    open_save_menu_item(moderator, "Approve and Publish")
    expect(moderator.locator(".messages")).to_contain_text(
        "'Accessibility statement' approved: it is now live."
    )
    response = public.get(url)
    assert response.status == 200
    assert "Version 2.2 AA, since March 2025." in response.text()
    for detail in (f"/api/v2/pages/{page.pk}/", f"/api/v3/pages/{page.pk}/"):
        found = public.get(detail)
        assert found.status == 200, detail
        assert "Version 2.2 AA" in found.json()["body"][0]["value"]["body"], detail
    for listing in CONTENT_LISTS:
        assert api_titles(public, listing) == ["Accessibility statement"], listing


RELEASE_LISTS = [
    "/api/v2/pages/?type=newsroom.NewsArticlePage",
    "/api/v3/pages/?type=newsroom.NewsArticlePage",
    "/api/v2/releases/",
    "/api/v3/releases/",
]


def release_everywhere(public, release_url: str) -> dict[str, str]:
    """What the newsroom's index and feeds say, and the titles in each API listing."""
    found = {
        channel: public.get(f"/news/{path}").text()
        for channel, path in [("index", ""), ("rss", "feed/rss/"), ("atom", "feed/atom/")]
    }
    for listing in RELEASE_LISTS:
        found[listing] = " | ".join(api_titles(public, listing))
    return found


def public_image_ids(public) -> list[int]:
    return [item["id"] for item in public.get("/api/v2/images/").json()["items"]]


def test_communications_schedules_an_embargoed_release_that_goes_live_when_it_lifts(
    review_site, session_of, public
):
    from django.core.management import call_command
    from django.utils import timezone

    from newsroom.models import NewsArticlePage

    title = "Cities back a new equity fund"
    first, second = review_site.contacts
    lifts = timezone.localtime(timezone.now() + datetime.timedelta(days=1)).replace(
        second=0, microsecond=0
    )

    # Communications writes the release from the newsroom: embargo, image, two contacts.
    writer = session_of(COMMUNICATIONS)
    writer.goto(f"{review_site.url}/admin/pages/{review_site.newsroom.pk}/")
    writer.get_by_role("link", name="Add child page").first.click()
    writer.wait_for_url("**/add/newsroom/newsarticlepage/**")
    writer.fill("#id_title", title)
    writer.fill("#id_dateline", "Sacramento")
    writer.fill("#id_summary", "Member cities launch a fund for community-led equity work.")
    writer.select_option("#id_release_status", "embargoed")
    writer.fill("#id_embargo_until", lifts.strftime("%Y-%m-%d %H:%M"))
    writer.keyboard.press("Escape")  # the date picker
    choose_in_modal(
        writer, writer.get_by_role("button", name="Choose an image"), "Advancing Equity banner"
    )
    writer.fill("#id_hero_image_alt", "Council members at the launch of the fund.")
    for contact in (first, second):
        writer.get_by_role("button", name="Add media contacts").click()
        choose_in_modal(
            writer, writer.get_by_role("button", name="Choose a media contact").last, contact.name
        )
    labels = save_menu_labels(writer)
    assert "Submit to Press release approval" in labels, labels
    assert not [label for label in labels if label.startswith("Publish")], labels
    open_save_menu_item(writer, "Submit to Press release approval")
    writer.wait_for_load_state()
    # A refused form names its fields (a load-sensitive flake once refused it unexplained).
    assert not errors_on_page(writer), errors_on_page(writer)
    expect(writer.locator(".messages")).to_contain_text("submitted")

    # The moderator approves it: scheduled for the embargo, not live.
    with review_site.database():
        release = NewsArticlePage.objects.get(title=title)
    moderator = session_of(MODERATOR)
    moderator.goto(f"{review_site.url}/admin/pages/{release.pk}/edit/")
    open_save_menu_item(moderator, "Approve and Publish")
    expect(moderator.locator(".messages")).to_contain_text(
        "approved: it goes live when its scheduled date comes"
    )
    with review_site.database():
        release.refresh_from_db()
        scheduled = release.revisions.get(approved_go_live_at__isnull=False)
        assert not release.live
        assert scheduled.approved_go_live_at == lifts

    # Before the embargo: nowhere public.
    release_url = f"/news/{release.slug}/"
    assert public.get(release_url).status == 404
    for detail in (f"/api/v2/pages/{release.pk}/", f"/api/v3/pages/{release.pk}/"):
        assert public.get(detail).status == 404, detail
    for channel, text in release_everywhere(public, release_url).items():
        assert title not in text, channel
    assert review_site.image.pk not in public_image_ids(public)

    # The embargo lifts: its time moves into the past and the scheduler runs, as cron would.
    with review_site.database():
        past = (timezone.now() - datetime.timedelta(minutes=1)).replace(microsecond=0)
        scheduled.content.update(go_live_at=past.isoformat(), embargo_until=past.isoformat())
        scheduled.approved_go_live_at = past
        scheduled.save(update_fields=["content", "approved_go_live_at"])
        NewsArticlePage.objects.filter(pk=release.pk).update(go_live_at=past, embargo_until=past)
        call_command("publish_scheduled", verbosity=0)

    response = public.get(release_url)
    assert response.status == 200
    html = response.text()
    assert "For immediate release" in html and "Embargoed until" not in html
    assert html.index(first.name) < html.index(second.name)
    assert 'alt="Council members at the launch of the fund."' in html
    for detail in (f"/api/v2/pages/{release.pk}/", f"/api/v3/pages/{release.pk}/"):
        data = public.get(detail).json()
        assert [contact["name"] for contact in data["contacts"]] == [first.name, second.name]
        assert data["hero_image"]["alt"] == "Council members at the launch of the fund."
        assert data["release_status"]["code"] == "immediate", detail
        assert public.get(urlsplit(data["hero_image"]["url"]).path).status == 200, detail
    for channel, text in release_everywhere(public, release_url).items():
        assert title in text, channel
    assert review_site.image.pk in public_image_ids(public)
