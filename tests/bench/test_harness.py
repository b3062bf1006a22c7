"""A fast run of the benchmark harness itself: tiny scale, one endpoint, one second each.

It needs wrk and gunicorn (CI installs wrk); without wrk it is skipped. Nothing is timed:
the test checks that the run completes and writes a well-formed report."""

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


@pytest.mark.skipif(
    shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk)"
)
def test_bench_run_at_tiny_scale_writes_a_report(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    result = subprocess.run(
        [
            sys.executable,
            "bench/run.py",
            "--scale",
            "5",
            "--duration",
            "1",
            "--connections",
            "2",
            "--endpoints",
            "/",
            "--no-postgres",
            "--results-dir",
            str(tmp_path),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [path] = tmp_path.glob("*.json")
    report = json.loads(path.read_text())
    [run] = report["runs"]
    assert run["database"] == "sqlite" and run["scale"] == 5
    rows = {(row["endpoint"], row["variant"]): row for row in run["results"]}
    assert set(rows) == {("home", "uncached"), ("home", "cached")}
    for row in rows.values():
        assert row["requests"] > 0 and row["errors"] == 0
        assert row["queries"] is not None and row["ratio"] > 0
        assert row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"]
    # A process-local cache asks the database for the content version (Redis answers it).
    assert rows[("home", "cached")]["queries"] <= 1
    assert run["ceiling"]["uncached"]["rps"] > 0
    assert "| `/` | uncached |" in result.stdout
