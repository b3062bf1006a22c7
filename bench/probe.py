"""The in-process half of the benchmark: resolve the endpoints' addresses in the benchmark
database and count the SQL queries each one runs, without and with the anonymous cache.

Run by ``run.py`` with the benchmark's environment (``DJANGO_SETTINGS_MODULE``,
``DATABASE_URL``); prints one JSON object. Query counts are those of a warm worker: each
address is requested twice first, then counted.
"""

import argparse
import json
import math
import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms_site.settings.bench")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from endpoints import STOCK_PEERS, select  # noqa: E402

from cms_site.demo.newsroom import SEED_SLUG  # noqa: E402
from equity.models import EquityLandingPage  # noqa: E402
from newsroom.models import RELEASES_PER_PAGE, NewsArticlePage, NewsroomPage  # noqa: E402

HOST = "127.0.0.1"


def placeholders() -> dict:
    newsroom = NewsroomPage.objects.live().first()
    releases = newsroom.releases().count() if newsroom else 0
    release = (
        NewsArticlePage.objects.live().filter(slug=SEED_SLUG).first()
        or NewsArticlePage.objects.live().first()
    )
    api_total = NewsArticlePage.objects.live().public().count()
    return {
        "newsroom_last_page": max(1, math.ceil(releases / RELEASES_PER_PAGE)),
        "release_slug": release.slug if release else "",
        "release_id": release.pk if release else 0,
        "landing_id": EquityLandingPage.objects.live().values_list("pk", flat=True).first(),
        # The v2 list's last page at its default limit (20).
        "deep_offset": max(0, api_total - 20),
        "releases": releases,
    }


def count_queries(client: Client, path: str) -> tuple[int, int, str]:
    for _ in range(2):
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return len(queries), response.status_code, response.get("X-Anonymous-Cache", "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--endpoints", default="", help="comma-separated names or paths")
    parser.add_argument(
        "--stock",
        action="store_true",
        help="the stock-Wagtail peers of the endpoints (settings stockpeer.settings)",
    )
    args = parser.parse_args()
    values = placeholders()
    result = {"placeholders": values, "endpoints": {}}
    client = Client(HTTP_HOST=HOST)
    wanted = [item for item in args.endpoints.split(",") if item]
    if args.stock:
        for name, _ in select(wanted):
            if name in STOCK_PEERS:
                path = STOCK_PEERS[name].format(**values)
                queries, status, _ = count_queries(client, path)
                result["endpoints"][name] = {"path": path, "status": status, "queries": queries}
        json.dump(result, sys.stdout)
        return
    for name, template in select(wanted):
        path = template.format(**values)
        # "/news/?page=1" redirects to "/news/": the last page is then the first.
        if name == "newsroom_last" and values["newsroom_last_page"] == 1:
            path = "/news/"
        off = {**settings.ANONYMOUS_CACHE, "ENABLED": False}
        on = {**settings.ANONYMOUS_CACHE, "ENABLED": True}
        with override_settings(ANONYMOUS_CACHE=off):
            uncached, status, _ = count_queries(client, path)
        with override_settings(ANONYMOUS_CACHE=on):
            cached, cached_status, cache_state = count_queries(client, path)
        result["endpoints"][name] = {
            "path": path,
            "status": status,
            "queries_uncached": uncached,
            "queries_cached": cached if cache_state == "hit" else None,
            "cacheable": cache_state == "hit" and cached_status == 200,
        }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
