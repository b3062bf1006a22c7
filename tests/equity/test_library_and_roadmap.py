"""The resource library and the equity roadmap: pages, admin, API and query budgets."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from equity.blocks import PriorityBlock, RoadmapActionBlock, progress_summary
from equity.models import EquityRoadmapPage, Resource, Topic
from tests.conftest import block

pytestmark = pytest.mark.django_db


def make_resources(count: int, topic: Topic | None = None) -> list[Resource]:
    resources = []
    for index in range(count):
        resource = Resource(
            title=f"Resource {index:04d}",
            kind="toolkit" if index % 2 else "report",
            summary=f"Summary {index}",
            url=f"https://r{index}.example.org/",
        )
        if topic is not None:
            resource.topics = [topic]
        resource.save()
        resources.append(resource)
    return resources


@pytest.fixture
def topic():
    return Topic.objects.create(name="Youth", slug="youth")


def action(title, status, **extra):
    return {"title": title, "status": status, "owner_team": "Team", "target": "2026-Q1", **extra}


@pytest.fixture
def roadmap(landing_page) -> EquityRoadmapPage:
    page = EquityRoadmapPage(title="Equity Roadmap", slug="equity-roadmap")
    page.priorities = [
        block(
            "priority",
            {
                "title": "Education",
                "summary": "Learn.",
                "actions": [action("Webinar", "complete"), action("Course", "planned")],
            },
        ),
        block(
            "priority",
            {
                "title": "Support",
                "summary": "Help.",
                "actions": [action("Toolkit", "complete"), action("Calls", "paused")],
            },
        ),
    ]
    landing_page.add_child(instance=page)
    page.save_revision().publish()
    return page


class TestRoadmap:
    def test_progress_is_computed(self, roadmap):
        assert roadmap.progress == {
            "complete": 2,
            "total": 4,
            "percent": 50,
            "by_status": {"planned": 1, "in_progress": 0, "complete": 2, "paused": 1},
        }

    def test_progress_with_zero_actions(self):
        assert progress_summary([]) == {
            "complete": 0,
            "total": 0,
            "percent": 0,
            "by_status": {"planned": 0, "in_progress": 0, "complete": 0, "paused": 0},
        }

    def test_page_shows_progress_and_filters_by_status(self, client, roadmap):
        soup = BeautifulSoup(client.get(roadmap.url).content, "html.parser")
        assert "2 of 4 actions complete" in soup.get_text(" ", strip=True)
        assert len(soup.select(".timeline__item")) == 4
        soup = BeautifulSoup(client.get(roadmap.url + "?status=complete").content, "html.parser")
        titles = [h.get_text(strip=True) for h in soup.select(".timeline__item h3")]
        assert titles == ["Webinar", "Toolkit"]
        assert soup.find("option", value="complete").has_attr("selected")
        # An unknown status is ignored rather than an error.
        response = client.get(roadmap.url + "?status=<script>")
        assert response.status_code == 200
        assert len(BeautifulSoup(response.content, "html.parser").select(".timeline__item")) == 4

    def test_api_returns_structure_with_progress(self, client, roadmap):
        data = client.get(f"/api/v2/pages/{roadmap.pk}/").json()
        assert data["progress"]["complete"] == 2 and data["progress"]["total"] == 4
        first = data["priorities"][0]["value"]
        assert first["progress"] == {
            "complete": 1,
            "total": 2,
            "percent": 50,
            "by_status": {"planned": 1, "in_progress": 0, "complete": 1, "paused": 0},
        }
        assert first["actions"][0]["status_label"] == "Complete"
        assert first["actions"][0]["target_label"] == "Q1 2026"
        v3 = client.get(f"/api/v3/pages/{roadmap.pk}/").json()
        assert v3["progress"] == data["progress"]
        assert v3["priorities"][1]["value"]["progress"]["complete"] == 1

    @pytest.mark.parametrize(
        ("target", "valid"),
        [("2025-Q3", True), ("2025-06-30", True), ("2025-Q5", False), ("2025-02-30", False)],
    )
    def test_action_target_validation(self, target, valid):
        block_ = RoadmapActionBlock()
        value = block_.to_python(action("A", "planned", target=target))
        if valid:
            block_.clean(value)
        else:
            with pytest.raises(ValidationError):
                block_.clean(value)

    def test_evidence_link_and_resource_together_are_rejected(self):
        resource = make_resources(1)[0]
        block_ = RoadmapActionBlock()
        value = block_.to_python(
            action("A", "planned", evidence_url="https://e.example.org/", resource=resource.pk)
        )
        with pytest.raises(ValidationError) as caught:
            block_.clean(value)
        assert "not both" in str(caught.value.block_errors["resource"])

    def test_priority_needs_an_action(self):
        block_ = PriorityBlock()
        with pytest.raises(ValidationError):
            block_.clean(block_.to_python({"title": "T", "summary": "S", "actions": []}))


class TestLibraryPage:
    def test_filters_search_and_stable_urls(self, client, library_page, topic):
        make_resources(3, topic=topic)
        make_resources(4)
        soup = BeautifulSoup(client.get(library_page.url).content, "html.parser")
        assert "7 resources" in soup.get_text()
        assert soup.find("a", rel="next")["href"] == f"{library_page.url}?page=2"

        response = client.get(library_page.url + "?kind=toolkit&topic=youth")
        text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
        assert "1 resource matches" in text and "Resource 0001" in text

        response = client.get(library_page.url + "?q=Resource 0002")
        assert "Resource 0002" in response.content.decode()
        for label_for in ("library-q", "library-kind", "library-topic"):
            assert BeautifulSoup(response.content, "html.parser").find(
                "label", attrs={"for": label_for}
            )

    @pytest.mark.parametrize("page", ["0", "-1", "abc", "999"])
    def test_bad_page_numbers_are_404_not_500(self, client, library_page, page):
        make_resources(2)
        assert client.get(f"{library_page.url}?page={page}").status_code == 404

    @pytest.mark.parametrize("count", [10, 300])
    def test_query_budget(self, client, library_page, topic, count, django_assert_max_num_queries):
        make_resources(count, topic=topic)
        client.get(library_page.url)  # warm the site-root cache
        # Translations (+2: the locale, the translations) and the content version (+1).
        with django_assert_max_num_queries(20):
            assert client.get(library_page.url + "?topic=youth").status_code == 200
        with django_assert_max_num_queries(8):
            assert client.get("/api/v2/resources/?limit=50").status_code == 200
        with django_assert_max_num_queries(8):
            assert client.get("/api/v3/resources/?limit=50").status_code == 200


class TestLibraryReferences:
    @pytest.fixture
    def page_using_resource(self, landing_page):
        resource = make_resources(1)[0]
        landing_page.body = [
            block(
                "resource_section",
                {
                    "heading": "From the library",
                    "intro": "",
                    "items": [block("library_resource", {"resource": resource.pk})],
                },
            )
        ]
        landing_page.save_revision().publish()
        return landing_page, resource

    def test_edit_once_changes_every_page_and_api(self, client, page_using_resource):
        page, resource = page_using_resource
        resource.title = "Renamed in the library"
        resource.save()
        assert "Renamed in the library" in client.get(page.url).content.decode()
        body = client.get(f"/api/v2/pages/{page.pk}/").json()["body"]
        embedded = body[0]["value"]["items"][0]["value"]["resource"]
        assert embedded == {
            "id": resource.pk,
            "title": "Renamed in the library",
            "kind": resource.kind,
            "url": resource.url,
            "summary": resource.summary,
        }

    def test_deleting_a_used_resource_keeps_pages_working(self, client, page_using_resource):
        page, resource = page_using_resource
        from wagtail.models import ReferenceIndex

        assert ReferenceIndex.get_references_to(resource).exists()
        resource.delete()
        assert client.get(page.url).status_code == 200
        body = client.get(f"/api/v3/pages/{page.pk}/").json()["body"]
        assert body[0]["value"]["items"][0]["value"]["resource"] is None


class TestLibraryAdmin:
    @pytest.fixture
    def admin_client(self, client):
        user = get_user_model().objects.create_superuser("lib", "lib@example.org", "pw")
        client.force_login(user)
        return client

    def test_create_through_the_snippet_form(self, admin_client, topic):
        url = reverse("wagtailsnippets_equity_resource:add")
        data = {
            "title": "Community engagement toolkit",
            "kind": "toolkit",
            "summary": "How to run listening sessions.",
            "url": "https://toolkit.example.org/",
            "document": "",
            "date": "2024-05-01",
            "date_precision": "day",
            "topics": [str(topic.pk)],
            "hosts-TOTAL_FORMS": "1",
            "hosts-INITIAL_FORMS": "0",
            "hosts-MIN_NUM_FORMS": "0",
            "hosts-MAX_NUM_FORMS": "1000",
            "hosts-0-name": "Equity Institute",
            "hosts-0-ORDER": "1",
            "hosts-0-DELETE": "",
            "reading_list-TOTAL_FORMS": "0",
            "reading_list-INITIAL_FORMS": "0",
            "reading_list-MIN_NUM_FORMS": "0",
            "reading_list-MAX_NUM_FORMS": "1000",
            "action-publish": "publish",
        }
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        resource = Resource.objects.get(title="Community engagement toolkit")
        assert resource.host_names == ["Equity Institute"] and resource.topic_slugs == ["youth"]

        # Neither a URL nor a document: a clear form error, nothing saved.
        data.update(title="No address", url="")
        response = admin_client.post(url, data)
        assert response.status_code == 200
        assert "Give a URL or choose a document" in response.content.decode()
        assert not Resource.objects.filter(title="No address").exists()

    def test_csv_export_of_the_filtered_library(self, admin_client, topic):
        make_resources(3, topic=topic)
        response = admin_client.get(
            reverse("wagtailsnippets_equity_resource:list") + "?export=csv&kind=toolkit"
        )
        assert response.status_code == 200
        content = (
            b"".join(response.streaming_content).decode()
            if response.streaming
            else response.content.decode()
        )
        rows = list(csv.reader(io.StringIO(content)))
        assert rows[0][0].lower() == "title"
        assert [row[0] for row in rows[1:]] == ["Resource 0001"]

    def test_chooser_lists_and_filters_resources(self, admin_client):
        make_resources(4)
        response = admin_client.get(reverse("equity_resource_chooser:choose") + "?kind=toolkit")
        assert response.status_code == 200
        html = response.json()["html"]
        assert "Resource 0001" in html and "Resource 0000" not in html


def test_resources_api_filters_and_errors(client, topic):
    make_resources(4, topic=topic)
    make_resources(1)
    data = client.get("/api/v2/resources/?kind=toolkit&topic=youth").json()
    assert data["meta"]["total_count"] == 2
    assert client.get("/api/v2/resources/?kind=nonsense").status_code == 400
    assert client.get("/api/v2/resources/?topic=unknown").json()["meta"]["total_count"] == 0
    v3 = client.get("/api/v3/resources/?kind=toolkit&topic=youth").json()
    assert v3["count"] == 2 and {item["kind"] for item in v3["items"]} == {"toolkit"}
    assert client.get("/api/v3/resources/?kind=nonsense").status_code == 400
    searched = client.get("/api/v3/resources/?search=0003").json()
    assert [item["title"] for item in searched["items"]] == ["Resource 0003"]
    schema = client.get("/api/v3/openapi.json").json()["components"]["schemas"]["ResourceSchema"]
    assert {"id", "title", "kind", "url", "summary", "topics", "reading_list"} <= set(
        schema["properties"]
    )


class TestResourceChooser:
    @pytest.fixture
    def chooser_html(self, client):
        client.force_login(get_user_model().objects.create_superuser("c", "c@example.org", "pw"))
        make_resources(4)
        return client, client.get(reverse("equity_resource_chooser:choose")).json()["html"]

    def test_the_kind_filter_refreshes_the_results_without_a_search_term(self, chooser_html):
        client, html = chooser_html
        select = BeautifulSoup(html, "html.parser").find("select", attrs={"name": "kind"})
        # The attribute Wagtail's chooser modal listens to for filter changes.
        assert select is not None and select.has_attr("data-chooser-modal-search-filter")
        results = client.get(reverse("equity_resource_chooser:choose_results"), {"kind": "toolkit"})
        assert "Resource 0001" in results.content.decode()
        assert "Resource 0000" not in results.content.decode()

    def test_the_modal_has_no_duplicate_ids(self, chooser_html):
        _client, html = chooser_html
        ids = [tag["id"] for tag in BeautifulSoup(html, "html.parser").find_all(id=True)]
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
        for label in BeautifulSoup(html, "html.parser").find_all("label", attrs={"for": True}):
            assert label["for"] in ids
