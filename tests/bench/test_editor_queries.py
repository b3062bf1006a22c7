"""Editors at scale: the admin views the benchmark measures (``bench/editors.py``) run the
same number of queries with 20 and with 60 releases and library resources."""

import datetime
import sys
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from cms_site.demo.generators import ensure_generated_releases, ensure_generated_resources
from newsroom.models import NewsroomPage

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from editors import count_queries, editor_addresses, editor_client

pytestmark = pytest.mark.django_db


def counts(size: int, names: set[str]) -> dict[str, int]:
    ensure_generated_releases(NewsroomPage.objects.get(), size)
    ensure_generated_resources(size)
    client = editor_client()
    result = {}
    for name, path in editor_addresses().items():
        if name in names:
            queries, status = count_queries(client, path)
            assert status == 200, (name, path, status)
            result[name] = queries
    return result


def test_editor_views_run_a_constant_number_of_queries(newsroom):
    from equity.wagtail_hooks import ResourceViewSet

    names = {"page_explorer", "release_edit", "library_listing", "resource_chooser"}
    small = counts(20, names)
    large = counts(60, names)
    assert set(large) == names
    # Wagtail's own "Translate" button (simple_translation) asks, for each translatable row
    # shown, whether a language is still missing: one query per row, not ours to remove.
    for size, result in ((20, small), (60, large)):
        result["library_listing"] -= min(size, ResourceViewSet.list_per_page)
    assert small == large


def test_library_listing_statuses_read_from_the_prefetched_rows(home, django_user_model):
    """The listing's prefetch gives the statuses Wagtail's per-row queries would."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

    from equity.models import Resource

    ensure_generated_resources(3)
    draft, moderated, plain = Resource.objects.order_by("pk")[:3]
    draft.live = False
    draft.save()
    draft.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(days=1))
    workflow = Workflow.objects.create(name="Library review")
    task = GroupApprovalTask.objects.create(name="Review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(
        workflow=workflow, content_type=ContentType.objects.get_for_model(Resource)
    )
    user = django_user_model.objects.create_superuser("reviewer", "r@example.org", "pw")
    moderated.save_revision(user=user)
    workflow.start(moderated, user)

    client = editor_client()
    html = client.get(reverse("wagtailsnippets_equity_resource:list")).content.decode()
    rows = {}
    for resource in (draft, moderated, plain):
        row = html[html.index(f"snippet_{resource.pk}_title") :]
        rows[resource] = row[: row.index("</tr>")]
    assert "scheduled" in rows[draft].lower()
    assert "in moderation" in rows[moderated].lower()
    assert "scheduled" not in rows[plain].lower() and "moderation" not in rows[plain].lower()
