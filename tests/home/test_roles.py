"""Roles and permissions: one table says who may open which admin view, chooser and API write;
one parametrised test checks every cell. Plus the press-release moderation workflow."""

import json
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import APIToken, Site

from equity.models import EquityLandingPage, EquityRoadmapPage, Resource
from home.roles import ADMINISTRATORS, COMMUNICATIONS, EQUITY_EDITORS, MODERATORS
from newsroom.models import MediaContact, NewsArticlePage, NewsroomPage, NewsroomSettings
from tests.built_once import builds, shared

pytestmark = [pytest.mark.django_db, pytest.mark.content_built_once("site_with_roles")]

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
    "resource edit": (N, Y, N, Y, Y, Y),  # moderators review resources
    "resource delete": (N, Y, N, N, Y, Y),
    "resource history": (N, Y, N, Y, Y, Y),
    "topic list": (N, Y, N, N, Y, Y),
    "topic create": (N, Y, N, N, Y, Y),
    "contact list": (N, N, Y, Y, Y, Y),
    "contact create": (N, N, Y, N, Y, Y),
    "contact edit": (N, N, Y, N, Y, Y),
    "contact delete": (N, N, Y, N, Y, Y),
    "resource chooser": (N, Y, Y, Y, Y, Y),
    "contact chooser": (N, N, Y, Y, Y, Y),
    "roadmap edit": (N, Y, N, Y, Y, Y),
    "landing edit": (N, Y, N, Y, Y, Y),  # moderators review hub pages
    "landing delete": (N, N, N, N, Y, Y),
    "landing unpublish": (N, N, N, Y, Y, Y),  # unpublishing needs the publish right
    "image add": (N, Y, Y, Y, Y, Y),
    "image edit (someone else's)": (N, N, N, N, Y, Y),
    "image delete (someone else's)": (N, N, N, N, Y, Y),
    "image chooser": (N, Y, Y, Y, Y, Y),
    "document add": (N, Y, Y, Y, Y, Y),
    "document edit (someone else's)": (N, N, N, N, Y, Y),
    "document delete (someone else's)": (N, N, N, N, Y, Y),
    "document chooser": (N, Y, Y, Y, Y, Y),
    "collection list": (N, N, N, N, Y, Y),
    "collection add": (N, N, N, N, Y, Y),
    "release add": (N, N, Y, Y, Y, Y),
    "release edit": (N, N, Y, Y, Y, Y),
    "release delete": (N, N, N, Y, Y, Y),  # publishers (moderators) may also delete
    "newsroom settings": (N, N, N, N, Y, Y),
    "api v3 create release without token": (N, N, N, N, N, N),
    "api v3 create release with token": (N, N, Y, Y, Y, Y),
}


@builds("site_with_roles")
def build_site_with_roles() -> dict:
    """The demo content and the roles, media nobody in the matrix uploaded, and the objects
    the matrix opens."""
    call_command("load_demo_content", verbosity=0)
    call_command("setup_roles", verbosity=0)
    # Media nobody in the matrix uploaded (uploaders may always edit their own).
    image = Image.objects.create(title="Someone else's", file=get_test_image_file())
    document = Document.objects.create(
        title="Someone else's", file=ContentFile(b"text", name="someone.txt")
    )
    return {
        "image": image,
        "document": document,
        # The English pages (the demo also has their Spanish translations).
        "landing": EquityLandingPage.objects.get(locale__language_code="en"),
        "roadmap": EquityRoadmapPage.objects.get(locale__language_code="en"),
        "newsroom": NewsroomPage.objects.get(locale__language_code="en"),
        "release": NewsArticlePage.objects.filter(locale__language_code="en").first(),
        "resource": Resource.objects.first(),
        "contact": MediaContact.objects.first(),
        "site": Site.objects.get(is_default_site=True),
    }


@pytest.fixture
def site_with_roles(db, content_built_once) -> dict:
    """``build_site_with_roles``, built once for the module (a copy for each test)."""
    return shared(content_built_once, "site_with_roles", build_site_with_roles)


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
        "resource list": reverse("wagtailsnippets_equity_resource:list"),
        "resource create": reverse("wagtailsnippets_equity_resource:add"),
        "resource edit": reverse("wagtailsnippets_equity_resource:edit", args=[resource]),
        "resource delete": reverse("wagtailsnippets_equity_resource:delete", args=[resource]),
        "resource history": reverse("wagtailsnippets_equity_resource:history", args=[resource]),
        "topic list": reverse("wagtailsnippets_equity_topic:list"),
        "topic create": reverse("wagtailsnippets_equity_topic:add"),
        "contact list": reverse("wagtailsnippets_newsroom_mediacontact:list"),
        "contact create": reverse("wagtailsnippets_newsroom_mediacontact:add"),
        "contact edit": reverse("wagtailsnippets_newsroom_mediacontact:edit", args=[contact]),
        "contact delete": reverse("wagtailsnippets_newsroom_mediacontact:delete", args=[contact]),
        "resource chooser": reverse("equity_resource_chooser:choose"),
        "contact chooser": reverse("newsroom_media_contact_chooser:choose"),
        "roadmap edit": pages("wagtailadmin_pages:edit", args=[objects["roadmap"].pk]),
        "landing edit": pages("wagtailadmin_pages:edit", args=[objects["landing"].pk]),
        "landing delete": pages("wagtailadmin_pages:delete", args=[objects["landing"].pk]),
        "landing unpublish": pages("wagtailadmin_pages:unpublish", args=[objects["landing"].pk]),
        "image add": reverse("wagtailimages:add_multiple"),
        "image edit (someone else's)": reverse("wagtailimages:edit", args=[objects["image"].pk]),
        "image delete (someone else's)": reverse(
            "wagtailimages:delete", args=[objects["image"].pk]
        ),
        "image chooser": reverse("wagtailimages_chooser:choose"),
        "document add": reverse("wagtaildocs:add_multiple"),
        "document edit (someone else's)": reverse(
            "wagtaildocs:edit", args=[objects["document"].pk]
        ),
        "document delete (someone else's)": reverse(
            "wagtaildocs:delete", args=[objects["document"].pk]
        ),
        "document chooser": reverse("wagtaildocs_chooser:choose"),
        "collection list": reverse("wagtailadmin_collections:index"),
        "collection add": reverse("wagtailadmin_collections:add"),
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


def test_setup_roles_states_every_right_and_retires_wagtails_sample_groups(site_with_roles):
    """A right granted by hand (or by Wagtail's initial data) does not survive a run, and
    Wagtail's sample "Editors" group is gone (or, with members, renamed and powerless)."""
    from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

    assert not Group.objects.filter(name="Editors").exists()
    moderators = Group.objects.get(name=MODERATORS)
    media_rights = set(
        GroupCollectionPermission.objects.filter(group=moderators).values_list(
            "permission__codename", flat=True
        )
    )
    assert media_rights == {"add_image", "choose_image", "add_document", "choose_document"}

    # Drift: someone gives Moderators the whole tree and image deletion, and re-creates a
    # sample "Editors" group with a member.
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection

    root = Page.get_first_root_node()
    delete_image = Permission.objects.get(codename="delete_image")
    GroupCollectionPermission.objects.create(
        group=moderators, collection=Collection.get_first_root_node(), permission=delete_image
    )
    GroupPagePermission.objects.create(group=moderators, page=root, permission_type="change")
    sample = Group.objects.create(name="Editors")
    sample.permissions.add(delete_image)
    get_user_model().objects.create_user("legacy").groups.add(sample)

    call_command("setup_roles", verbosity=0)
    assert not GroupCollectionPermission.objects.filter(
        group=moderators, permission__codename="delete_image"
    ).exists()
    assert not GroupPagePermission.objects.filter(group=moderators, page=root).exists()
    sample.refresh_from_db()
    assert sample.name != "Editors" and "no rights" in sample.name
    assert not sample.permissions.exists()


def test_who_publishes_directly_is_an_option_of_setup_roles(site_with_roles):
    from wagtail.models import GroupPagePermission

    landing = site_with_roles["landing"]

    def equity_may_publish() -> bool:
        return GroupPagePermission.objects.filter(
            group__name=EQUITY_EDITORS, page=landing, permission__codename="publish_page"
        ).exists()

    assert not equity_may_publish()  # default: every hub page is reviewed
    call_command("setup_roles", "--publish-directly", EQUITY_EDITORS, verbosity=0)
    assert equity_may_publish()
    call_command("setup_roles", "--review-everything", verbosity=0)
    assert not equity_may_publish()
    from django.test import override_settings

    with override_settings(ROLES_PUBLISH_DIRECTLY=[EQUITY_EDITORS]):
        call_command("setup_roles", verbosity=0)
    assert equity_may_publish()
    with pytest.raises(Exception, match="invalid choice"):
        call_command("setup_roles", "--publish-directly", MODERATORS, verbosity=0)


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
    assert site_with_roles["landing"].get_workflow().name == "Equity page review"

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
