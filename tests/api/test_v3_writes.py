"""The v3 write API writes the product's own fields, and refuses what it cannot write.

A Communications token PATCHes a release's summary, byline and body: the new draft holds
them, validated by the admin's own form, and the live page is unchanged until published.
A field the type's write schema lacks (misspelt, unknown or read-only) is a 400 naming the
writable fields, and nothing is saved (no new revision).
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import APIToken, Revision

from home.roles import COMMUNICATIONS, EQUITY_EDITORS
from tests.conftest import block


def token_for(group: str) -> dict:
    call_command("setup_roles", verbosity=0)
    user = get_user_model().objects.create_user(group.lower(), "app@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    _, token = APIToken.create_token(user=user, name="app")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def write(client, method: str, url: str, headers: dict, payload):
    return getattr(client, method)(
        url, json.dumps(payload), content_type="application/json", **headers
    )


def revisions(page) -> int:
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def latest(page):
    """The page's newest draft, read afresh from the database."""
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def test_a_release_s_own_fields_are_written_as_a_draft(client, release):
    headers = token_for(COMMUNICATIONS)
    payload = {
        "summary": "A corrected summary.",
        "byline": "Dana Whitfield",
        "dateline": "Fresno",
        "body": [{"type": "paragraph", "value": "<p>Corrected text.</p>"}],
    }
    response = write(client, "patch", f"/api/v3/pages/{release.pk}/", headers, payload)
    assert response.status_code == 200, response.content

    draft = latest(release)
    assert (draft.summary, draft.byline, draft.dateline) == (
        "A corrected summary.",
        "Dana Whitfield",
        "Fresno",
    )
    assert [child.block_type for child in draft.body] == ["paragraph"]
    assert "Corrected text." in str(draft.body[0].value)
    # A draft: what the public reads is unchanged.
    public = client.get(f"/api/v3/pages/{release.pk}/").json()
    assert public["summary"] == "Cities agree a shared response."


def test_an_invalid_value_is_refused_by_the_admin_s_own_validation(client, release):
    headers = token_for(COMMUNICATIONS)
    before = revisions(release)
    response = write(
        client,
        "patch",
        f"/api/v3/pages/{release.pk}/",
        headers,
        {"body": [{"type": "no_such_block", "value": "x"}]},
    )
    assert response.status_code == 422
    assert revisions(release) == before


@pytest.mark.parametrize(
    "payload, named",
    [
        ({"summry": "A typo"}, "summry"),
        ({"summary": "Kept out too", "nosuch": 1}, "nosuch"),
        ({"release_status": {"code": "embargoed"}}, "release_status"),
        ({"contacts": []}, "contacts"),
        ({"tags": ["housing"]}, "tags"),
        ({"id": 1}, "id"),
    ],
)
def test_a_field_that_cannot_be_written_is_a_400_and_nothing_changes(
    client, release, payload, named
):
    headers = token_for(COMMUNICATIONS)
    before = revisions(release)
    response = write(client, "patch", f"/api/v3/pages/{release.pk}/", headers, payload)
    assert response.status_code == 400, response.content
    problem = response.json()
    assert problem["status"] == 400
    assert named in problem["detail"] and "summary" in problem["detail"]  # what is writable
    assert revisions(release) == before
    assert latest(release).summary == "Cities agree a shared response."


def test_a_create_with_an_unknown_field_is_a_400_and_creates_nothing(client, release):
    from newsroom.models import NewsArticlePage

    headers = token_for(COMMUNICATIONS)
    count = NewsArticlePage.objects.count()
    payload = {
        "meta": {"type": "newsroom.NewsArticlePage", "parent_id": release.get_parent().pk},
        "title": "Made by an app",
        "summery": "Misspelt",
    }
    response = write(client, "post", "/api/v3/pages/", headers, payload)
    assert response.status_code == 400, response.content
    assert "summery" in response.json()["detail"]
    assert NewsArticlePage.objects.count() == count

    payload["summary"] = payload.pop("summery")
    response = write(client, "post", "/api/v3/pages/", headers, payload)
    assert response.status_code == 201, response.content
    assert NewsArticlePage.objects.get(pk=response.json()["id"]).summary == "Misspelt"


def test_a_hub_page_s_body_is_writable_by_an_equity_editor(client, landing_page):
    headers = token_for(EQUITY_EDITORS)
    response = write(
        client,
        "patch",
        f"/api/v3/pages/{landing_page.pk}/",
        headers,
        {
            "intro": "<p>A new introduction.</p>",
            "body": [
                block(
                    "rich_text_section",
                    {"heading": "Our commitments", "body": "<p>Housing first.</p>"},
                )
            ],
        },
    )
    assert response.status_code == 200, response.content
    draft = latest(landing_page)
    assert "A new introduction." in draft.intro
    assert draft.body[0].value["heading"] == "Our commitments"


def test_the_write_schemas_name_every_writable_field_and_no_read_only_one(client):
    schemas = client.get("/api/v3/openapi.json").json()["components"]["schemas"]
    release = schemas["NewsArticlePagePatchSchema"]["properties"]
    assert {"summary", "byline", "dateline", "release_date", "body"} <= set(release)
    assert not {"release_status", "contacts", "related_pages", "about"} & set(release)
    landing = schemas["EquityLandingPagePatchSchema"]["properties"]
    assert {"hero_heading", "intro", "body"} <= set(landing)
