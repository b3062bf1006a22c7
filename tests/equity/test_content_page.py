"""The general content page: where it may go, the editor's path through the admin form and
review, what the public and the API get, and why a one-per-site page cannot be copied."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from equity.models import EquityContentPage, EquityLandingPage
from home.models import HomePage
from home.roles import EQUITY_EDITORS, MODERATORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub():
    home = HomePage.objects.get()
    hub = home.add_child(
        instance=EquityLandingPage(
            title="Advancing Equity", slug="advancing-equity", hero_heading="Advancing Equity"
        )
    )
    hub.save_revision().publish()
    call_command("setup_roles", verbosity=0)
    return hub


def member_of(group: str, username: str):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def content_form(**overrides) -> dict:
    data = {
        "title": "Accessibility statement",
        "slug": "accessibility",
        "intro": rich_text("<p>How we make this site usable by everyone.</p>"),
        "body": streamfield(
            [
                (
                    "rich_text_section",
                    {"heading": "Our standard", "body": rich_text("<p>WCAG 2.2 AA.</p>")},
                )
            ]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_tree_rules(hub):
    home = HomePage.objects.get()
    assert EquityContentPage.can_create_at(home)
    assert EquityContentPage.can_create_at(hub)
    assert not EquityContentPage.can_create_at(Page.get_first_root_node())
    assert EquityContentPage in hub.specific_class.allowed_subpage_models()


def test_superuser_adds_a_content_page_under_home_and_the_public_and_api_see_it(client, hub):
    home = HomePage.objects.get()
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.org", "pw"))
    add = reverse("wagtailadmin_pages:add", args=["equity", "equitycontentpage", home.pk])
    assert client.get(add).status_code == 200
    response = client.post(add, content_form(**{"action-publish": "publish"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = EquityContentPage.objects.get(slug="accessibility")
    assert page.live

    html = client.get(page.url).content.decode()
    assert "<h1>Accessibility statement</h1>" in html and "WCAG 2.2 AA." in html
    api = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert "How we make this site usable" in api["intro"]
    assert api["body"][0]["type"] == "rich_text_section"
    found = client.get(
        "/api/v2/pages/", {"search": "accessibility", "type": "equity.EquityContentPage"}
    )
    assert [item["id"] for item in found.json()["items"]] == [page.pk]


def test_an_equity_editor_submits_a_new_page_and_a_moderator_decides(client, hub):
    editor, moderator = member_of(EQUITY_EDITORS, "eve"), member_of(MODERATORS, "mo")
    client.force_login(editor)
    explore = client.get(reverse("wagtailadmin_explore", args=[hub.pk])).content.decode()
    assert reverse("wagtailadmin_pages:add_subpage", args=[hub.pk]) in explore

    add = reverse("wagtailadmin_pages:add", args=["equity", "equitycontentpage", hub.pk])
    form = client.get(add).content.decode()
    assert 'name="action-submit"' in form
    assert 'name="action-publish"' not in form  # an editor does not publish directly
    response = client.post(add, content_form(**{"action-submit": "submit"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = EquityContentPage.objects.get(slug="accessibility")
    assert not page.live and page.current_workflow_state is not None
    assert page.get_workflow().name == "Equity page review"
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404

    # An editor who tries to publish anyway is refused and the page stays a draft.
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(edit, content_form(**{"action-publish": "publish"}))
    page.refresh_from_db()
    assert not page.live

    client.force_login(moderator)
    task_state = page.current_workflow_state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 200


def test_copying_a_one_per_site_page_says_why_it_cannot_go_there(client, hub):
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.org", "pw"))
    copy = reverse("wagtailadmin_pages:copy", args=[hub.pk])
    page = client.get(copy, follow=True).content.decode()
    assert "A site can have only one Advancing Equity landing page" in page

    response = client.post(
        copy,
        {"new_title": "Copy", "new_slug": "copy", "new_parent_page": hub.get_parent().pk},
        follow=True,
    )
    body = response.content.decode()
    assert "This page cannot be copied there" in body
    assert "You do not have permission to copy" not in body
    assert EquityLandingPage.objects.count() == 1


def test_moving_a_one_per_site_page_into_a_site_that_has_one_is_refused_with_a_reason(client, hub):
    root = Page.get_first_root_node()
    other_home = root.add_child(instance=HomePage(title="Other site", slug="other-site"))
    other_hub = other_home.add_child(
        instance=EquityLandingPage(title="Other hub", slug="other-hub", hero_heading="Other")
    )
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.org", "pw"))
    confirm = reverse("wagtailadmin_pages:move_confirm", args=[other_hub.pk, hub.get_parent().pk])
    body = client.get(confirm, follow=True).content.decode()
    assert "This page cannot be moved there" in body and "A site can have only one" in body
    other_hub.refresh_from_db()
    assert other_hub.get_parent().pk == other_home.pk


def test_the_moderation_round_trip_speaks_plainly(client, hub, mailoutbox, settings):
    """Request changes → the moderator is told what happened, the author's email says
    "changes requested" (never "rejected") with the comment, and the author sees the comment
    on the edit view; resubmitted and approved, the page is live."""
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True
    editor, moderator = member_of(EQUITY_EDITORS, "eve"), member_of(MODERATORS, "mo")
    client.force_login(editor)
    add = reverse("wagtailadmin_pages:add", args=["equity", "equitycontentpage", hub.pk])
    client.post(add, content_form(**{"action-submit": "submit"}))
    page = EquityContentPage.objects.get(slug="accessibility")
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    mailoutbox.clear()

    client.force_login(moderator)
    response = client.post(
        edit,
        content_form(
            **{
                "action-workflow-action": "true",
                "workflow-action-name": "reject",
                "workflow-action-extra-data": '{"comment": "Please name the standard\'s date."}',
            }
        ),
        follow=True,
    )
    confirmation = response.content.decode()
    assert "Changes requested on &#x27;Accessibility statement&#x27;" in confirmation
    assert "has been updated" not in confirmation
    page.refresh_from_db()
    assert not page.live

    to_author = [mail for mail in mailoutbox if mail.to == ["eve@example.org"]]
    assert len(to_author) == 1, [(m.to, m.subject) for m in mailoutbox]
    mail = to_author[0]
    assert mail.subject == 'Changes requested on "Accessibility statement"'
    ((html, _),) = mail.alternatives
    assert "Please name the standard&#x27;s date." in html
    for text in (mail.subject, mail.body, html):
        assert "reject" not in text.lower()
    assert "Please name the standard's date." in mail.body
    assert "Nothing has been published" in mail.body

    client.force_login(editor)
    author_view = client.get(edit).content.decode()
    assert "asked for changes" in author_view
    assert "Please name the standard&#x27;s date." in author_view

    client.post(edit, content_form(**{"action-restart-workflow": "restart"}))
    client.force_login(moderator)
    response = client.post(
        edit,
        content_form(
            **{
                "action-workflow-action": "true",
                "workflow-action-name": "approve",
                "workflow-action-extra-data": '{"comment": ""}',
            }
        ),
        follow=True,
    )
    assert "&#x27;Accessibility statement&#x27; approved: it is now live." in (
        response.content.decode()
    )
    page.refresh_from_db()
    assert page.live
