"""Editors at scale: the admin views an editor opens most, measured in-process.

For the newsroom's page explorer, a release's edit view, the library listing (the resource
snippets' index) and the resource chooser, as a signed-in superuser through Django's test
client: the SQL queries of one warm request and the p50/max of ``--repeat`` requests (ms).
``tests/bench/test_editor_queries.py`` asserts the query counts are the same at two sizes.

Run by ``run.py`` with the benchmark's environment; prints one JSON object:
``{"views": {name: {"path", "status", "queries", "p50_ms", "max_ms"}}}``.
"""

import argparse
import json
import os
import statistics
import sys
import time

EDITOR = "bench-editor"


def editor_addresses() -> dict[str, str]:
    """The admin addresses measured, by name, for the first newsroom and its newest release."""
    from django.urls import reverse

    from newsroom.models import NewsArticlePage, NewsroomPage

    newsroom = NewsroomPage.objects.first()
    release = NewsArticlePage.objects.child_of(newsroom).order_by("-pk").first()
    return {
        "page_explorer": reverse("wagtailadmin_explore", args=[newsroom.pk]),
        "release_edit": reverse("wagtailadmin_pages:edit", args=[release.pk]),
        "library_listing": reverse("wagtailsnippets_equity_resource:list"),
        "resource_chooser": reverse("equity_resource_chooser:choose"),
    }


def count_queries(client, path: str) -> tuple[int, int]:
    """(queries, status) of ``path`` after two warming requests."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return len(queries), response.status_code


def timings_ms(client, path: str, repeat: int) -> list[float]:
    result = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path)
        result.append((time.perf_counter() - started) * 1000)
    return result


def editor_client():
    """A test client signed in as the bench's superuser (created when missing)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.filter(username=EDITOR).first()
    if user is None:
        user = get_user_model().objects.create_superuser(EDITOR, "editor@example.org", None)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per view (20)")
    args = parser.parse_args()
    client = editor_client()
    views = {}
    for name, path in editor_addresses().items():
        queries, status = count_queries(client, path)
        times = timings_ms(client, path, args.repeat)
        views[name] = {
            "path": path,
            "status": status,
            "queries": queries,
            "p50_ms": round(statistics.median(times), 2),
            "max_ms": round(max(times), 2),
        }
    json.dump({"views": views, "repeat": args.repeat}, sys.stdout)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms_site.settings.bench")
    import django

    django.setup()
    main()
