"""A fast run of the benchmark harness itself: tiny scale, a few endpoints, one second each.

It needs wrk and gunicorn (CI installs wrk); without wrk it is skipped. Varnish and the
publish latency run when varnishd and Redis (``REDIS_URL_FOR_TESTS``) are there. Nothing is
timed: the test checks that every phase completes and writes a well-formed report."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Runs the real harness (gunicorn, wrk): `-m "not bench"` leaves it out of a quick run.
pytestmark = [pytest.mark.bench, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent.parent
REDIS_URL = os.environ.get("REDIS_URL_FOR_TESTS", "redis://127.0.0.1:6379/15")
SURFACES = {
    "page",
    "newsroom",
    "rss",
    "api_v2_detail",
    "api_v2_list",
    "api_v3_detail",
    "api_v3_list",
}


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(
    shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk)"
)
def test_bench_run_at_tiny_scale_writes_a_report(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    varnish = bool(shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists())
    redis = redis_answers()
    command = [
        sys.executable,
        "bench/run.py",
        "--scale",
        "5",
        "--duration",
        "1",
        "--connections",
        "2",
        "--endpoints",
        "/,release,api_v2_releases",
        "--no-postgres",
        "--editor-repeat",
        "2",
        "--publishes",
        "1" if redis else "0",
        "--redis-url",
        REDIS_URL,
        "--results-dir",
        str(tmp_path),
    ]
    result = subprocess.run(
        command + (["--varnish"] if varnish else []),
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [path] = tmp_path.glob("*.json")
    report = json.loads(path.read_text())
    [run] = report["runs"]
    assert run["database"] == "sqlite" and run["scale"] == 5
    rows = {(row["endpoint"], row["variant"]): row for row in run["results"]}
    names = ("home", "release", "api_v2_releases")
    assert set(rows) == {(name, variant) for name in names for variant in ("uncached", "cached")}
    for row in rows.values():
        assert row["requests"] > 0 and row["errors"] == 0
        assert row["queries"] is not None and row["ratio"] > 0
        assert row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"]
    # A process-local cache asks the database for the content version (Redis answers it).
    assert rows[("home", "cached")]["queries"] <= 1
    assert run["ceiling"]["uncached"]["rps"] > 0

    # The stock-Wagtail peer: the release page and the v2 list, beside ours.
    stock = {row["endpoint"]: row for row in run["stock"]}
    assert set(stock) == {"release", "api_v2_releases"}
    for name, peer in stock.items():
        assert peer["path"].startswith("/stock/") and peer["requests"] > 0
        assert peer["errors"] == 0 and peer["queries"] > 0
        assert rows[(name, "uncached")]["ratio_to_stock"] > 0
    assert "ratio_to_stock" not in rows[("home", "uncached")]
    assert set(run["worker_peak_rss_mb"]) == {"uncached", "cached", "stock"}
    assert all(peak > 0 for peak in run["worker_peak_rss_mb"].values())

    views = run["editors"]["views"]
    assert set(views) == {"page_explorer", "release_edit", "library_listing", "resource_chooser"}
    for view in views.values():
        assert view["status"] == 200 and view["queries"] > 0 and view["p50_ms"] > 0

    if redis:
        publish = run["publish"]
        assert publish["publishes"] == 1 and set(publish["per_surface"]) == SURFACES
        assert publish["visible_everywhere"]["p50_ms"] >= publish["publish_request"]["p50_ms"]
        assert "Publish latency (1 publishes" in result.stdout
    if varnish:
        through = {row["endpoint"]: row for row in run["varnish"]}
        assert set(through) == set(names)
        for row in through.values():
            # Warmed once, then every request is a hit.
            assert row["errors"] == 0 and row["hit_ratio"] >= 0.9
        assert "Through Varnish" in result.stdout
    assert "| `/` | uncached |" in result.stdout and "ratio to stock" in result.stdout
