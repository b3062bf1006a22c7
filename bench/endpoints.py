"""The endpoints the benchmark loads, shared by ``run.py`` and ``probe.py``.

``{placeholders}`` are filled in by the probe from the benchmark database: the newsroom's
last page, the seed release's slug and id, the landing page's id and a deep API offset.

``STOCK_PEERS`` names, for the addresses stock Wagtail can serve too, the same content through
stock Wagtail's paths (``bench/stockpeer/``): Wagtail's routing with a template that only
includes the page's body, and Wagtail's own v2 API with its default serialisers.
"""

CEILING = "ceiling"

# (name, path template). The ceiling is always measured: every ratio is against it.
ENDPOINTS = [
    ("home", "/"),
    ("landing", "/advancing-equity/"),
    ("roadmap", "/advancing-equity/equity-roadmap/"),
    ("library", "/advancing-equity/resources/?kind=organisation"),
    ("newsroom", "/news/"),
    ("newsroom_last", "/news/?page={newsroom_last_page}"),
    ("release", "/news/{release_slug}/"),
    ("rss", "/news/feed/rss/"),
    ("api_v2_releases", "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*"),
    (
        "api_v2_releases_deep",
        "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*&offset={deep_offset}",
    ),
    ("api_v2_release", "/api/v2/pages/{release_id}/"),
    ("api_v2_landing", "/api/v2/pages/{landing_id}/"),
    ("api_v3_pages", "/api/v3/pages/"),
    ("api_v3_landing", "/api/v3/pages/{landing_id}/"),
    (CEILING, "/bench/ceiling/"),
]

STOCK_API = "/stock/api/v2/pages/"
# Our endpoint's name -> the stock-Wagtail path serving the same content.
STOCK_PEERS = {
    "release": "/stock/pages/news/{release_slug}/",
    "api_v2_releases": f"{STOCK_API}?type=newsroom.NewsArticlePage&fields=*",
    "api_v2_releases_deep": f"{STOCK_API}?type=newsroom.NewsArticlePage&fields=*"
    "&offset={deep_offset}",
    "api_v2_release": STOCK_API + "{release_id}/",
    "api_v2_landing": STOCK_API + "{landing_id}/",
}


def select(wanted: list[str] | None) -> list[tuple[str, str]]:
    """The endpoints named (or addressed by their path template) in ``wanted``, plus the
    ceiling; all of them when ``wanted`` is empty."""
    if not wanted:
        return list(ENDPOINTS)
    known = {name for name, _ in ENDPOINTS} | {path for _, path in ENDPOINTS}
    unknown = [item for item in wanted if item not in known]
    if unknown:
        raise SystemExit(f"unknown endpoints: {', '.join(unknown)} (known: {sorted(known)})")
    return [
        (name, path)
        for name, path in ENDPOINTS
        if name in wanted or path in wanted or name == CEILING
    ]
