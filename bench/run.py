"""Benchmark the site and its APIs as users and editors load them, against the Python ceiling
and against stock Wagtail.

For each database (SQLite always; PostgreSQL too when ``DATABASE_URL`` points at it) and each
scale N, this:

1. builds a fresh database: migrations, the demo content, N generated press releases and N
   generated library resources (``load_demo_content --articles N --resources N``);
2. counts each endpoint's SQL queries per request in-process (``probe.py``: Django's test
   client and ``CaptureQueriesContext``), without and with the anonymous response cache, and
   those of each endpoint's stock-Wagtail peer (``probe.py --stock``);
3. serves the site with gunicorn (``cms_site.settings.bench``: the production settings,
   DEBUG off, 2 workers, persistent connections) on 127.0.0.1, twice: with the anonymous
   cache off ("uncached") and on ("cached"); and the stock-Wagtail peer
   (``bench/stockpeer/``: Wagtail's routing with a template that only includes the body, and
   Wagtail's v2 API with its default serialisers; none of the project's caches);
4. loads every endpoint with wrk for a fixed duration and connection count, and records
   requests/s, p50/p95/p99 latency, the peak RSS of a worker (``VmHWM``, reset before each
   endpoint), the ratio of requests/s to the ceiling measured by the same server (a plain
   Django view with a small fixed body, ``/bench/ceiling/``, mounted only by the bench
   settings, measured before and after the endpoints and averaged) and, for the uncached
   addresses stock Wagtail serves too, the ratio to that peer;
5. with ``--varnish``, loads the cacheable endpoints through Varnish (``varnish.py``);
6. measures the editors' admin views in-process (``editors.py``) and the publish latency
   through gunicorn with Redis and the anonymous cache on (``publish.py``).

It writes ``bench/results/<timestamp>.json`` and prints markdown tables per database and
scale. Needs wrk (``apt-get install wrk``) and gunicorn (the ``production`` extra).

    python bench/run.py                       # N=10,000 and N=100, 5 s per endpoint
    python bench/run.py --scale 100 --duration 2 --endpoints /,newsroom --no-postgres
"""

import argparse
import datetime
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from phases import bench_one
from report import machine, markdown
from server import BENCH_DIR, django_env, log, manage, postgres_url


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run.py",
        description="Load the site and APIs with wrk under gunicorn and report requests/s, "
        "latency, SQL queries, worker memory and the ratios to a Python ceiling and to stock "
        "Wagtail; the editors' admin views, the publish latency and, optionally, Varnish.",
    )
    parser.add_argument(
        "--scale",
        action="append",
        type=int,
        metavar="N",
        help="generated releases and resources (repeat for several; default 10000 and 100)",
    )
    parser.add_argument("--duration", type=int, default=5, help="seconds per endpoint (5)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--endpoints",
        default="",
        help="comma-separated endpoint names or paths (default: all; the ceiling always runs)",
    )
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument(
        "--pg-database",
        default="bench",
        help="PostgreSQL database to (re)create on DATABASE_URL's server (default: bench)",
    )
    parser.add_argument("--no-cached", action="store_true", help="skip the cached variants")
    parser.add_argument("--no-stock", action="store_true", help="skip the stock-Wagtail peer")
    parser.add_argument("--no-editors", action="store_true", help="skip the admin views")
    parser.add_argument(
        "--editor-repeat", type=int, default=20, help="timed requests per admin view (20)"
    )
    parser.add_argument(
        "--publishes",
        type=int,
        default=5,
        help="publishes for the publish latency (5; 0 skips it)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/13"),
        help="Redis for the publish latency (default REDIS_URL or redis://127.0.0.1:6379/13; "
        "the run's own key prefix, deleted afterwards)",
    )
    parser.add_argument(
        "--varnish",
        action="store_true",
        help="also load the cacheable endpoints through Varnish (needs varnishd)",
    )
    parser.add_argument(
        "--results-dir", type=Path, default=BENCH_DIR / "results", help="where the JSON goes"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directories")
    args = parser.parse_args(argv)
    args.scale = args.scale or [10_000, 100]
    if args.duration < 1 or args.connections < 1 or args.threads < 1 or args.workers < 1:
        parser.error("duration, connections, threads and workers must be at least 1")
    if args.publishes < 0 or args.editor_repeat < 1:
        parser.error("publishes must be at least 0 and editor-repeat at least 1")
    if args.varnish and not (shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists()):
        parser.error("--varnish needs varnishd (apt-get install varnish)")
    args.threads = min(args.threads, args.connections)
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench does this)")
    databases = []
    if not args.no_sqlite:
        databases.append(("sqlite", None))
    pg = None if args.no_postgres else postgres_url(args.pg_database)
    if pg:
        databases.append(("postgresql", pg))
    if not databases:
        raise SystemExit("no database to benchmark (PostgreSQL needs DATABASE_URL)")

    started = datetime.datetime.now(datetime.UTC)
    static_root = Path(tempfile.mkdtemp(prefix="bench-static-"))
    runs = []
    try:
        log("collecting static files")
        manage(
            django_env("sqlite:///:memory:", static_root, static_root),
            "collectstatic",
            "--noinput",
            "-v0",
        )
        for database, url in databases:
            for scale in args.scale:
                runs.append(bench_one(database, url, scale, args, static_root))
    finally:
        shutil.rmtree(static_root, ignore_errors=True)

    report = {
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "load": {
            "tool": "wrk",
            "duration_s": args.duration,
            "connections": args.connections,
            "threads": args.threads,
            "gunicorn_workers": args.workers,
            "settings": "cms_site.settings.bench",
            "stock_settings": None if args.no_stock else "stockpeer.settings",
        },
        "runs": runs,
    }
    args.results_dir.mkdir(parents=True, exist_ok=True)
    path = args.results_dir / f"{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    m = report["machine"]
    print(
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB; wrk {args.threads} "
        f"threads, {args.connections} connections, {args.duration} s per endpoint; gunicorn "
        f"{args.workers} workers.\n"
    )
    for run in runs:
        print(markdown(run) + "\n")
    log(f"results written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
