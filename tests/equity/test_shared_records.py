"""Shared records (library resources, media contacts) with drafts: the public sees only the
published version on every surface, deleting a record in use is refused with the pages named,
a draft previews, a scheduled change publishes like a page's, and CSV exports are safe."""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ReferenceIndex

from equity.models import Resource, ResourceLibraryPage
from equity.spreadsheets import FORMULA_PREFIXES, install, neutralise_formula, uninstall
from tests.conftest import block

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(get_user_model().objects.create_superuser("lib", "l@example.org", "pw"))
    return client


@pytest.fixture
def library(landing_page) -> ResourceLibraryPage:
    page = ResourceLibraryPage(title="Resource library", slug="resources", per_page=20)
    landing_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def published_resource(title="Listening sessions toolkit", kind="toolkit") -> Resource:
    resource = Resource(title=title, kind=kind, summary="How to listen.", url="https://t.example/")
    resource.save()  # a resource created in code is live (the field's default)
    return resource


def use_on(page, *resources):
    page.body = [
        block(
            "resource_section",
            {
                "heading": "From the library",
                "intro": "",
                "items": [block("library_resource", {"resource": r.pk}) for r in resources],
            },
        )
    ]
    page.save_revision().publish()
    return page


def public_surfaces(client, page, library, resource) -> dict[str, str]:
    """Everything the public reads that could show ``resource``, as text."""
    return {
        "page html": client.get(page.url).content.decode(),
        "page v2": json.dumps(client.get(f"/api/v2/pages/{page.pk}/").json()),
        "page v3": json.dumps(client.get(f"/api/v3/pages/{page.pk}/").json()),
        "library html": client.get(library.url).content.decode(),
        "resources v2": json.dumps(client.get("/api/v2/resources/?fields=*").json()),
        "resources v3": json.dumps(client.get("/api/v3/resources/").json()),
        "resource v2": json.dumps(client.get(f"/api/v2/resources/{resource.pk}/").json()),
        "resource v3": json.dumps(client.get(f"/api/v3/resources/{resource.pk}/").json()),
        "site search": client.get("/search/", {"q": "toolkit"}).content.decode(),
    }


def edit_form(resource: Resource, **changes) -> dict:
    data = {
        "title": resource.title,
        "kind": resource.kind,
        "summary": resource.summary,
        "url": resource.url,
        "document": "",
        "date": "",
        "date_precision": "day",
        "hosts-TOTAL_FORMS": "0",
        "hosts-INITIAL_FORMS": "0",
        "hosts-MIN_NUM_FORMS": "0",
        "hosts-MAX_NUM_FORMS": "1000",
        "reading_list-TOTAL_FORMS": "0",
        "reading_list-INITIAL_FORMS": "0",
        "reading_list-MIN_NUM_FORMS": "0",
        "reading_list-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_a_draft_edit_stays_off_every_public_surface_until_published(
    client, editor_client, landing_page, library
):
    resource = published_resource()
    use_on(landing_page, resource)
    edit = reverse("wagtailsnippets_equity_resource:edit", args=[resource.pk])

    response = editor_client.post(edit, edit_form(resource, title="Draft rename"))
    assert response.status_code == 302, response.content.decode()[:2000]
    resource.refresh_from_db()
    assert resource.has_unpublished_changes and resource.live
    for surface, text in public_surfaces(client, landing_page, library, resource).items():
        assert "Listening sessions toolkit" in text, surface  # positive control
        assert "Draft rename" not in text, surface

    # The draft previews as the library will show it.
    preview = reverse("wagtailsnippets_equity_resource:preview_on_edit", args=[resource.pk])
    assert editor_client.post(preview, edit_form(resource, title="Draft rename")).json() == {
        "is_valid": True,
        "is_available": True,
    }
    assert "Draft rename" in editor_client.get(preview).content.decode()

    editor_client.post(
        edit, edit_form(resource, title="Published rename", **{"action-publish": "1"})
    )
    for surface, text in public_surfaces(client, landing_page, library, resource).items():
        assert "Published rename" in text, surface
    history = reverse("wagtailsnippets_equity_resource:history", args=[resource.pk])
    assert editor_client.get(history).status_code == 200


def test_a_never_published_resource_is_not_public_and_leaves_no_empty_item(
    client, editor_client, landing_page, library
):
    shown = published_resource("Shown toolkit")
    response = editor_client.post(
        reverse("wagtailsnippets_equity_resource:add"),
        edit_form(
            Resource(kind="toolkit", summary="s", url="https://d.example/"), title="Draft toolkit"
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = Resource.objects.get(title="Draft toolkit")
    assert not draft.live
    use_on(landing_page, shown, draft)
    html = client.get(landing_page.url).content.decode()
    assert html.count('class="resource resource--library_resource"') == 1
    for surface, text in public_surfaces(client, landing_page, library, draft).items():
        assert "Draft toolkit" not in text, surface
    assert client.get(f"/api/v3/resources/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/resources/{draft.pk}/").status_code == 404


def test_deleting_a_resource_in_use_is_refused_before_yes_delete(editor_client, landing_page):
    used, unused = published_resource("Used toolkit"), published_resource("Unused toolkit")
    use_on(landing_page, used)
    assert ReferenceIndex.get_references_to(used).exists()

    delete = reverse("wagtailsnippets_equity_resource:delete", args=[used.pk])
    html = editor_client.get(delete).content.decode()
    assert "This resource cannot be deleted while a page uses it." in html
    assert landing_page.title in html and "Yes, delete" not in html
    response = editor_client.post(delete, follow=True)
    assert "was not deleted: pages still use it" in response.content.decode()
    assert Resource.objects.filter(pk=used.pk).exists()

    # The edit view shows the usage too (Wagtail's reference index).
    edit = editor_client.get(reverse("wagtailsnippets_equity_resource:edit", args=[used.pk]))
    assert reverse("wagtailsnippets_equity_resource:usage", args=[used.pk]) in edit.content.decode()

    delete = reverse("wagtailsnippets_equity_resource:delete", args=[unused.pk])
    assert "Yes, delete" in editor_client.get(delete).content.decode()
    editor_client.post(delete)
    assert not Resource.objects.filter(pk=unused.pk).exists()


def test_a_scheduled_change_publishes_like_a_pages(client, editor_client, landing_page, library):
    resource = published_resource()
    edit = reverse("wagtailsnippets_equity_resource:edit", args=[resource.pk])
    go_live = timezone.localtime() + datetime.timedelta(hours=1)
    response = editor_client.post(
        edit,
        edit_form(
            resource,
            title="Scheduled rename",
            go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    before = client.get("/api/v3/resources/").content.decode()
    assert "Listening sessions toolkit" in before and "Scheduled rename" not in before

    # The scheduled time comes: move the approved revision's date into the past.
    from wagtail.models import Revision

    scheduled = Revision.objects.get(object_id=str(resource.pk), approved_go_live_at__isnull=False)
    past = timezone.now() - datetime.timedelta(minutes=1)
    scheduled.approved_go_live_at = past
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.save()
    call_command("publish_scheduled", verbosity=0)
    assert "Scheduled rename" in client.get("/api/v3/resources/").content.decode()


def test_a_media_contact_draft_is_not_public(client, editor_client):
    from newsroom.models import MediaContact

    contact = MediaContact.objects.create(name="Lin Okada", email="lin@example.org")
    edit = reverse("wagtailsnippets_newsroom_mediacontact:edit", args=[contact.pk])
    response = editor_client.post(
        edit,
        {
            "name": "Draft Name",
            "role": "",
            "organisation": "",
            "phone": "",
            "email": "lin@example.org",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    contact.refresh_from_db()
    assert contact.name == "Lin Okada" and contact.has_unpublished_changes


def test_library_search_matches_a_resources_kind(client, library):
    webinar = published_resource("Equity in hiring", kind="webinar")
    published_resource("Budget report", kind="report")
    html = client.get(library.url, {"q": "webinar"}).content.decode()
    assert webinar.title in html and "Budget report" not in html
    api = client.get("/api/v3/resources/", {"search": "webinar"}).json()
    assert [item["title"] for item in api["items"]] == [webinar.title]


# --- CSV exports never write a formula -----------------------------------------------------

FORMULA_CORPUS = [
    '=HYPERLINK("https://evil.example/","Open")',
    "=1+1",
    "+1-2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]
HARMLESS = ["Plain title", "1", "", "a=b", "email@example.org", "Price: -5"]


@pytest.mark.parametrize("value", FORMULA_CORPUS)
def test_neutralise_formula_prefixes_every_formula(value):
    assert value.startswith(FORMULA_PREFIXES)
    assert neutralise_formula(value) == "'" + value


@pytest.mark.parametrize("value", [*HARMLESS, None, 3, datetime.date(2024, 1, 1)])
def test_neutralise_formula_leaves_everything_else(value):
    assert neutralise_formula(value) == value


def export_titles(client) -> list[str]:
    response = client.get(reverse("wagtailsnippets_equity_resource:list") + "?export=csv")
    content = b"".join(response.streaming_content).decode()
    return [row[0] for row in csv.reader(io.StringIO(content))][1:]


def test_every_csv_export_neutralises_formulas(editor_client):
    for index, title in enumerate(FORMULA_CORPUS + HARMLESS[:1]):
        Resource.objects.create(
            title=title, kind="report", summary="s", url=f"https://x{index}.example/"
        )
    titles = export_titles(editor_client)
    assert "Plain title" in titles
    for title in FORMULA_CORPUS:
        assert "'" + title in titles
    assert not [t for t in titles if t.startswith(FORMULA_PREFIXES)]

    # Without the fix, Wagtail writes them raw (the test can fail).
    uninstall()
    try:
        assert any(t.startswith("=") for t in export_titles(editor_client))
    finally:
        install()


def test_a_roadmap_action_never_shows_an_unpublished_resource(client, landing_page):
    from equity.models import EquityRoadmapPage

    draft = published_resource("Unreviewed evidence")
    Resource.objects.filter(pk=draft.pk).update(live=False)
    shown = published_resource("Reviewed evidence")
    roadmap = EquityRoadmapPage(title="Roadmap", slug="roadmap")
    actions = [
        {"title": title, "status": "planned", "owner_team": "T", "resource": r.pk}
        for title, r in (("With draft", draft), ("With live", shown))
    ]
    roadmap.priorities = [
        block(
            "priority",
            {"title": "P", "summary": "S", "actions": actions},
        )
    ]
    landing_page.add_child(instance=roadmap)
    roadmap.save_revision().publish()
    html = client.get(roadmap.url).content.decode()
    assert "Reviewed evidence" in html and "Unreviewed evidence" not in html
    api = json.dumps(client.get(f"/api/v2/pages/{roadmap.pk}/").json())
    assert "Reviewed evidence" in api and "Unreviewed evidence" not in api


def test_roadmap_actions_collapse_to_title_and_status_with_a_neutral_icon():
    from equity.blocks import RoadmapActionBlock

    meta = RoadmapActionBlock().meta
    assert meta.icon != "tick-inverse"
    assert "{title}" in meta.label_format and "{status}" in meta.label_format


def test_one_card_per_kind_whichever_way_it_was_added(client, landing_page):
    """A library webinar says "Free to watch" like an inline one; a monthly issue shows its
    month either way; an organisation keeps its badge."""
    webinar = Resource.objects.create(
        title="Library webinar",
        kind="webinar",
        summary="s",
        url="https://w.example/",
        date=datetime.date(2024, 5, 14),
        free_to_watch=True,
    )
    issue = Resource.objects.create(
        title="Library issue",
        kind="publication",
        summary="s",
        url="https://p.example/",
        date=datetime.date(2024, 5, 1),
        date_precision="month",
    )
    organisation = Resource.objects.create(
        title="Library org", kind="organisation", summary="s", url="https://o.example/"
    )
    landing_page.body = [
        block(
            "resource_section",
            {
                "heading": "Both ways",
                "intro": "",
                "items": [
                    block("library_resource", {"resource": webinar.pk}),
                    block("library_resource", {"resource": issue.pk}),
                    block("library_resource", {"resource": organisation.pk}),
                    block(
                        "webinar",
                        {
                            "title": "Inline webinar",
                            "summary": "s",
                            "first_offered_on": "2024-05-14",
                            "host_organisations": ["A"],
                            "watch_url": "https://w2.example/",
                            "free_to_watch": True,
                        },
                    ),
                    block(
                        "publication",
                        {
                            "title": "Inline issue",
                            "publisher": "Western City",
                            "issue_date": "2024-05-01",
                            "url": "https://p2.example/",
                            "summary": "",
                        },
                    ),
                    block(
                        "organisation",
                        {
                            "name": "Inline org",
                            "acronym": "",
                            "description": "d",
                            "website": "https://o2.example/",
                            "reading_list": [],
                        },
                    ),
                ],
            },
        )
    ]
    landing_page.save_revision().publish()
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(landing_page.url).content, "html.parser")
    cards = {
        card.find(["h2", "h3"]).get_text(strip=True): card for card in soup.select(".resource-card")
    }
    for library, inline in (
        ("Library webinar", "Inline webinar"),
        ("Library issue", "Inline issue"),
        ("Library org", "Inline org"),
    ):
        assert cards[library]["class"] == cards[inline]["class"]
        badges = [b.get_text() for b in cards[library].select(".resource__badge")]
        assert badges == [b.get_text() for b in cards[inline].select(".resource__badge")]
    assert "Free to watch" in cards["Library webinar"].get_text()
    for title in ("Library issue", "Inline issue"):
        time = cards[title].find("time")
        assert time["datetime"] == "2024-05" and time.get_text() == "May 2024"
