"""Roles and permissions: one table says who may open which admin view, chooser and API write;
one parametrised test checks every cell. Plus the press-release moderation workflow."""

import json
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import APIToken, Site

from equity.models import EquityLandingPage, EquityRoadmapPage, Resource
from home.roles import ADMINISTRATORS, COMMUNICATIONS, EQUITY_EDITORS, MODERATORS
from newsroom.models import MediaContact, NewsArticlePage, NewsroomPage, NewsroomSettings

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "equity", "communications", "moderator", "administrator", "superuser"]
GROUP_OF = {
    "equity": EQUITY_EDITORS,
    "communications": COMMUNICATIONS,
    "moderator": MODERATORS,
    "administrator": ADMINISTRATORS,
}
Y, N = True, False

# view -> allowed for (anonymous, equity, communications, moderator, administrator, superuser)
MATRIX = {
    "resource list": (N, Y, Y, Y, Y, Y),
    "resource create": (N, Y, N, N, Y, Y),
    "resource edit": (N, Y, N, N, Y, Y),
    "resource delete": (N, Y, N, N, Y, Y),
    "topic list": (N, Y, N, N, Y, Y),
    "topic create": (N, Y, N, N, Y, Y),
    "contact list": (N, N, Y, Y, Y, Y),
    "contact create": (N, N, Y, N, Y, Y),
    "contact edit": (N, N, Y, N, Y, Y),
    "contact delete": (N, N, Y, N, Y, Y),
    "resource chooser": (N, Y, Y, Y, Y, Y),
    "contact chooser": (N, N, Y, Y, Y, Y),
    "roadmap edit": (N, Y, N, N, Y, Y),
    "landing delete": (N, N, N, N, Y, Y),
    "release add": (N, N, Y, Y, Y, Y),
    "release edit": (N, N, Y, Y, Y, Y),
    "release delete": (N, N, N, Y, Y, Y),  # publishers (moderators) may also delete
    "newsroom settings": (N, N, N, N, Y, Y),
    "api v3 create release without token": (N, N, N, N, N, N),
    "api v3 create release with token": (N, N, Y, Y, Y, Y),
}


@pytest.fixture
def site_with_roles():
    call_command("load_demo_content", verbosity=0)
    call_command("setup_roles", verbosity=0)
    return {
        # The English pages (the demo also has their Spanish translations).
        "landing": EquityLandingPage.objects.get(locale__language_code="en"),
        "roadmap": EquityRoadmapPage.objects.get(locale__language_code="en"),
        "newsroom": NewsroomPage.objects.get(locale__language_code="en"),
        "release": NewsArticlePage.objects.filter(locale__language_code="en").first(),
        "resource": Resource.objects.first(),
        "contact": MediaContact.objects.first(),
        "site": Site.objects.get(is_default_site=True),
    }


def user_for(role: str):
    if role == "anonymous":
        return None
    User = get_user_model()
    if role == "superuser":
        return User.objects.create_superuser("root", "root@example.org", "pw")
    user = User.objects.create_user(role, f"{role}@example.org", "pw")
    user.groups.add(Group.objects.get(name=GROUP_OF[role]))
    return user


def admin_url(view: str, objects: dict) -> str:
    resource, contact = objects["resource"].pk, objects["contact"].pk
    pages = reverse
    return {
        "resource list": reverse("equity_resource_modeladmin_index"),
        "resource create": reverse("equity_resource_modeladmin_create"),
        "resource edit": reverse("equity_resource_modeladmin_edit", args=[resource]),
        "resource delete": reverse("equity_resource_modeladmin_delete", args=[resource]),
        "topic list": reverse("equity_topic_modeladmin_index"),
        "topic create": reverse("equity_topic_modeladmin_create"),
        "contact list": reverse("newsroom_mediacontact_modeladmin_index"),
        "contact create": reverse("newsroom_mediacontact_modeladmin_create"),
        "contact edit": reverse("newsroom_mediacontact_modeladmin_edit", args=[contact]),
        "contact delete": reverse("newsroom_mediacontact_modeladmin_delete", args=[contact]),
        "resource chooser": reverse("equity_resource_chooser:choose"),
        "contact chooser": reverse("newsroom_media_contact_chooser:choose"),
        "roadmap edit": pages("wagtailadmin_pages:edit", args=[objects["roadmap"].pk]),
        "landing delete": pages("wagtailadmin_pages:delete", args=[objects["landing"].pk]),
        "release add": pages(
            "wagtailadmin_pages:add",
            args=["newsroom", "newsarticlepage", objects["newsroom"].pk],
        ),
        "release edit": pages("wagtailadmin_pages:edit", args=[objects["release"].pk]),
        "release delete": pages("wagtailadmin_pages:delete", args=[objects["release"].pk]),
        "newsroom settings": reverse(
            "wagtailsettings:edit",
            args=["newsroom", NewsroomSettings._meta.model_name, objects["site"].pk],
        ),
    }[view]


def create_release_through_api(client, user, newsroom, with_token: bool):
    headers = {}
    if with_token and user is not None:
        _, token = APIToken.create_token(user=user, name="matrix")
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    payload = {
        "meta": {"type": "newsroom.NewsArticlePage", "parent_id": newsroom.pk},
        "title": "Made through the API",
        "summary": "A release created by an app.",
    }
    return client.post(
        "/api/v3/pages/", json.dumps(payload), content_type="application/json", **headers
    )


def outcome(client, user, view: str, objects: dict) -> tuple[bool, str]:
    """(allowed, detail) for one view. Denied means a login redirect, a redirect away with a
    permission message, or 401/403 — never a 200 and never a 500."""
    if view.startswith("api v3"):
        # The API never trusts the admin session: only a bearer token counts.
        response = create_release_through_api(
            client, user, objects["newsroom"], with_token="with token" in view
        )
        denied_ok = response.status_code in (401, 403)
        return response.status_code == 201, f"{response.status_code} {denied_ok=}"
    url = admin_url(view, objects)
    response = client.get(url)
    location = urlparse(response.get("Location", "")).path
    denied_ok = response.status_code == 403 or (response.status_code == 302 and location != url)
    return response.status_code == 200, f"{response.status_code} {location} {denied_ok=}"


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, site_with_roles, role):
    user = user_for(role)
    if user is not None:
        client.force_login(user)
    mismatches = {}
    for view, row in MATRIX.items():
        expected = row[ROLES.index(role)]
        allowed, detail = outcome(client, user, view, site_with_roles)
        if allowed != expected or (not allowed and "denied_ok=False" in detail):
            mismatches[view] = f"expected {'allowed' if expected else 'denied'}, got {detail}"
    assert mismatches == {}


def test_setup_roles_is_idempotent(site_with_roles):
    from wagtail.models import GroupPagePermission, WorkflowPage

    counts = (GroupPagePermission.objects.count(), WorkflowPage.objects.count())
    call_command("setup_roles", verbosity=0)
    assert (GroupPagePermission.objects.count(), WorkflowPage.objects.count()) == counts


def test_a_release_needs_a_moderators_approval(client, site_with_roles):
    newsroom, release = site_with_roles["newsroom"], site_with_roles["release"]
    communications, moderator = user_for("communications"), user_for("moderator")

    workflow = newsroom.get_workflow()
    assert workflow is not None and workflow.name == "Press release approval"
    assert site_with_roles["landing"].get_workflow() is None  # equity pages publish directly

    # Communications edits and submits: the change is not live until a moderator approves.
    client.force_login(communications)
    edit_url = reverse("wagtailadmin_pages:edit", args=[release.pk])
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    data = nested_form_data(
        {
            "title": "Approved title",
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
            "action-submit": "submit",
        }
    )
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    release.refresh_from_db()
    assert release.title != "Approved title"
    assert release.current_workflow_state is not None

    # The moderator approves it from the workflow's own action.
    client.force_login(moderator)
    state = release.current_workflow_state
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[release.pk, "approve", task_state.pk]
    )
    response = client.post(approve, {"comment": "Looks good"})
    assert response.status_code in (200, 302)
    release.refresh_from_db()
    assert release.title == "Approved title" and release.live
