"""A short real run of the soak test (bench/soak.py): gunicorn on PostgreSQL under wrk while
releases are published, edited and unpublished, then everything verified.

It needs wrk, gunicorn and a PostgreSQL server: the one DATABASE_URL points at when that is
PostgreSQL, else postgres://postgres@127.0.0.1:5432; without them it is skipped. It uses its
own database, ``soak_test`` (CI's are ``test`` and ``test_test``)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "bench"))

from soak import DEFAULT_PG_SERVER, server_log_errors  # noqa: E402


def postgres_missing() -> str | None:
    """Why the soak cannot run here, or None."""
    if shutil.which("wrk") is None:
        return "wrk is not installed (apt-get install wrk)"
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if urlsplit(url).scheme not in ("postgres", "postgresql", "pgsql"):
        url = DEFAULT_PG_SERVER
    maintenance = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    try:
        with psycopg.connect(maintenance, connect_timeout=2):
            return None
    except psycopg.Error as error:
        return f"PostgreSQL is not reachable at {maintenance}: {error}"


# Runs the real soak (gunicorn, wrk, PostgreSQL): `-m "not bench"` leaves it out of a quick run.
@pytest.mark.bench
@pytest.mark.slow
@pytest.mark.skipif(bool(reason := postgres_missing()), reason=reason or "")
def test_soak_run_loses_nothing(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [
            sys.executable,
            "bench/soak.py",
            "--duration",
            "5",
            "--connections",
            "5",
            "--scale",
            "20",
            "--pg-database",
            "soak_test",
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
    [path] = tmp_path.glob("soak-*.json")
    report = json.loads(path.read_text())
    assert report["passed"]
    assert report["load"]["requests"] > 0
    assert report["load"]["errors_total"] == 0 and not report["load"]["bad_statuses"]
    assert report["errors"] == dict.fromkeys(report["errors"], 0)
    # The publisher's first five operations are one of each kind.
    operations = report["publisher"]["operations"]
    for kind in ("create", "edit", "draft", "unpublish", "republish"):
        assert operations.get(kind, 0) >= 1, operations
    assert report["publisher"]["errors"] == []
    verification = report["verification"]
    assert verification["passed"] and verification["failures"] == []
    assert verification["checks"] > 0 and verification["revisions"] >= 1
    assert "PASS: no errors, nothing lost." in result.stdout


def test_server_log_errors_counts_each_failure_once(tmp_path):
    log = tmp_path / "gunicorn.log"
    log.write_text(
        "Not Found: /news/soak-release-0001/\n"
        "Internal Server Error: /news/\n"
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1, in <module>\n'
        "ValueError: boom\n"
        "[2026-01-01 00:00:00 +0000] [7] [CRITICAL] WORKER TIMEOUT (pid:9)\n"
        "Not Found: /api/v2/pages/99/\n"
        "Traceback (most recent call last):\n"
        "KeyError: 'x'\n"
    )
    assert server_log_errors(log) == [
        "Internal Server Error: /news/",
        "[2026-01-01 00:00:00 +0000] [7] [CRITICAL] WORKER TIMEOUT (pid:9)",
        "Traceback (most recent call last):",
    ]
    assert server_log_errors(tmp_path / "missing.log") == []
