"""Soak test: load without loss while editors publish.

On PostgreSQL, with the production settings on loopback (``cms_site.settings.bench``, the
anonymous response cache on), this:

1. builds its own database (``--pg-database``, default ``soak``, recreated on the server
   ``DATABASE_URL`` points at, else on ``postgres://postgres@127.0.0.1:5432``): migrations,
   the demo content with N generated releases and N/10 library resources;
2. serves it with gunicorn (2 workers; background tasks inline, ``TASKS_BACKEND=immediate``;
   the cache in Redis when one answers at ``--redis-url``, as in production);
3. for ``--duration`` seconds, loads pages and APIs with wrk (``--connections`` in all,
   ``soak.lua`` rotating over the benchmark's endpoints, ``/api/v2/releases/`` and the
   addresses of the releases being edited) while ``soak_publisher.py`` creates, edits,
   drafts, unpublishes and republishes releases with Wagtail's own APIs, keeping a journal
   and, with Redis, reading every change back through the server at once;
4. verifies afterwards, from the database and over HTTP (the server still running, its
   cache warm), that every publish is live with the right revision and title, every
   unpublished release answers 404, no revision was lost, and the newsroom's pages, its
   feed, the home page and the APIs' totals list what the database holds.

Every socket error, every response other than 2xx/3xx, every 500 or worker timeout in the
server's log, every publisher error and every failed check is an error; it exits 1 if there
is any. It prints a summary and writes ``bench/results/soak-<timestamp>.json``; the database
is left for inspection (the next run recreates it). Needs wrk and gunicorn (``make soak``
installs wrk) and a PostgreSQL server.

    python bench/soak.py                                 # 2 minutes, 50 connections, N=1000
    python bench/soak.py --duration 10 --connections 8 --scale 50
"""

import argparse
import contextlib
import datetime
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import wrk_command, wrk_report
from report import machine
from server import (
    FORBIDDEN_PG_NAMES,
    REPO,
    Server,
    django_env,
    fetch,
    log,
    manage,
    postgres_url,
    recreate_postgres,
)

BENCH_DIR = Path(__file__).resolve().parent
LUA = BENCH_DIR / "soak.lua"
PUBLISHER = BENCH_DIR / "soak_publisher.py"
DEFAULT_PG_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
SOCKET_ERRORS = ("connect", "read", "write", "timeout")
SERVER_ERROR_MARKERS = ("Internal Server Error", "[CRITICAL]", "[ERROR]")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/soak.py",
        description="Load pages and APIs under gunicorn on PostgreSQL while releases are "
        "published, edited and unpublished; report every error and verify that no publish "
        "or revision was lost.",
    )
    parser.add_argument("--duration", type=int, default=120, help="seconds of load (120)")
    parser.add_argument("--connections", type=int, default=50, help="wrk connections (50)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--scale",
        type=int,
        default=1000,
        help="generated releases (default 1000); a tenth as many library resources",
    )
    parser.add_argument(
        "--pg-database",
        default="soak",
        help="PostgreSQL database to (re)create on DATABASE_URL's server, or on "
        "127.0.0.1:5432 when DATABASE_URL is not PostgreSQL (default: soak)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL") or DEFAULT_REDIS,
        help=f"shared cache, used when it answers (default: REDIS_URL or {DEFAULT_REDIS})",
    )
    parser.add_argument(
        "--no-redis",
        action="store_true",
        help="per-worker caches: changes show after up to 10 s, so no read-back during load",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed of the publisher (1)")
    parser.add_argument(
        "--pause", type=float, default=0.0, help="seconds between publisher operations (0)"
    )
    parser.add_argument(
        "--results-dir", type=Path, default=BENCH_DIR / "results", help="where the JSON goes"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (and its journal)"
    )
    args = parser.parse_args(argv)
    if min(args.duration, args.connections, args.threads, args.workers) < 1:
        parser.error("duration, connections, threads and workers must be at least 1")
    if args.scale < 0:
        parser.error("scale must not be negative")
    args.threads = min(args.threads, args.connections)
    return args


# --- Set-up -------------------------------------------------------------------------------------


def soak_database_url(name: str) -> str:
    """The soak's own database: on DATABASE_URL's server when that is PostgreSQL (the soak is
    about PostgreSQL, so SQLite's DATABASE_URL falls back to the local default server)."""
    url = postgres_url(name)  # refuses reserved names and DATABASE_URL's own database
    if url is None:
        if name in FORBIDDEN_PG_NAMES:
            raise SystemExit(f"refusing to recreate PostgreSQL database {name!r}")
        url = urlunsplit(urlsplit(DEFAULT_PG_SERVER)._replace(path=f"/{name}"))
    return url


def reachable_redis(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def drop_cache_keys(url: str, prefix: str) -> None:
    """Remove the run's own keys (and only those) from the shared Redis."""
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)


def build(env: dict, args: argparse.Namespace) -> float:
    started = time.time()
    try:
        recreate_postgres(env["DATABASE_URL"])
    except Exception as error:  # psycopg's errors: the server is not there or refuses
        raise SystemExit(f"PostgreSQL is not usable at {env['DATABASE_URL']}: {error}") from error
    manage(env, "migrate", "--noinput", "-v0")
    resources = str(max(1, args.scale // 10))
    manage(env, "load_demo_content", "--articles", str(args.scale), "--resources", resources)
    # Production serves hashed static files from a manifest: templates need it.
    manage(env, "collectstatic", "--noinput", "-v0")
    return round(time.time() - started, 1)


def publisher(env: dict, step: str, out: Path, *options: str) -> dict:
    """Run one step of soak_publisher.py to the end and return the JSON it wrote."""
    result = subprocess.run(
        [sys.executable, str(PUBLISHER), step, "--out", str(out), *options],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"soak_publisher.py {step} failed:\n{result.stdout}{result.stderr}")
    return json.loads(out.read_text())


def warm_up(server: Server, paths: list[str]) -> None:
    """Every address must answer before the load starts: a 404 here is a wrong plan, not an
    error under load."""
    for path in paths:
        status = fetch(server.base + path)
        if status != 200:
            raise SystemExit(f"{path} answered {status} before the load")


def server_log_errors(path: Path) -> list[str]:
    """What the server's log tells of errors: a 500 (Django logs "Internal Server Error" and
    its traceback), a worker timed out or killed, any other traceback."""
    if not path.exists():
        return []
    events = []
    previous = ""
    for line in path.read_text(errors="replace").splitlines():
        if any(marker in line for marker in SERVER_ERROR_MARKERS) or (
            line.startswith("Traceback") and not previous
        ):
            events.append(line.strip())
        if line.strip():
            previous = line if any(m in line for m in SERVER_ERROR_MARKERS) else ""
    return events


# --- The load and the publisher, side by side -------------------------------------------------


def start_wrk(server: Server, paths: list[str], args: argparse.Namespace) -> subprocess.Popen:
    command = wrk_command(server.base, args, LUA, *paths)
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wrk_result(process: subprocess.Popen, args: argparse.Namespace) -> dict:
    stdout, stderr = process.communicate(timeout=args.duration + 60)
    raw = wrk_report(stdout, stderr, "SOAK_JSON")
    seconds = raw["duration_us"] / 1e6
    errors = {kind: raw[f"errors_{kind}"] for kind in SOCKET_ERRORS}
    # wrk counts 4xx and 5xx as status errors; the Lua script also counts 1xx, by code.
    errors["status"] = sum(raw["bad_statuses"].values())
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "max_ms": round(raw["max_us"] / 1000, 1),
        "errors": errors,
        "errors_total": sum(errors.values()),
        "bad_statuses": raw["bad_statuses"],
        # Each publish empties the anonymous cache: this says how much of the load it served.
        "cache_hit_ratio": round(raw["cache_hits"] / raw["requests"], 3) if raw["requests"] else 0,
    }


def soak(server: Server, env: dict, plan: Path, paths: list[str], work: Path, args) -> tuple:
    """wrk and the publisher for the same ``--duration``; returns (load, journal)."""
    journal = work / "journal.json"
    until = time.time() + args.duration
    wrk = start_wrk(server, paths, args)
    options = ["--plan", str(plan), "--until", str(until), "--seed", str(args.seed)]
    options += ["--pause", str(args.pause), "--out", str(journal)]
    if env.get("REDIS_URL"):
        options += ["--base", server.base]
    editor = subprocess.Popen([sys.executable, str(PUBLISHER), "publish", *options], env=env)
    try:
        load = wrk_result(wrk, args)
        exit_code = editor.wait(timeout=120)
    finally:
        for process in (wrk, editor):
            if process.poll() is None:
                process.kill()
                process.wait()
    if not journal.exists():
        raise SystemExit(f"the publisher wrote no journal (exit code {exit_code})")
    result = json.loads(journal.read_text())
    result["exit_code"] = exit_code
    return load, result


# --- Report -------------------------------------------------------------------------------------


def code_state() -> dict:
    """Which code was soaked: the commit, and how many tracked files differ from it."""

    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else ""

    changed = git("status", "--porcelain", "--untracked-files=no")
    return {
        "commit": git("rev-parse", "--short", "HEAD") or None,
        "changed_files": len(changed.splitlines()),
    }


def count_errors(load: dict, journal: dict, verification: dict, server_errors: list) -> dict:
    return {
        "load": load["errors_total"],
        "server_log": len(server_errors),
        "publisher": len(journal["errors"]) + (journal["exit_code"] != 0),
        "read_back": len(journal["live_checks"]["failed"]),
        "verification": len(verification["failures"]),
    }


def summary(report: dict) -> str:
    s, load, journal, check = (
        report["settings"],
        report["load"],
        report["publisher"],
        report["verification"],
    )
    errors = ", ".join(f"{kind} {count}" for kind, count in load["errors"].items())
    statuses = ", ".join(f"{code}: {n}" for code, n in load["bad_statuses"].items()) or "none"
    operations = ", ".join(f"{name} {n}" for name, n in sorted(journal["operations"].items()))
    timings = ", ".join(
        f"{name} {t['p50']:.0f}/{t['max']:.0f}" for name, t in sorted(journal["timings_ms"].items())
    )
    checks = journal["live_checks"]
    read_back = (
        f"{checks['passed']} passed, {len(checks['failed'])} failed"
        if journal["live_checks_enabled"]
        else "off (no shared cache)"
    )
    lines = [
        f"Soak on PostgreSQL ({s['database']}), N={s['scale']:,}: {s['duration_s']} s, "
        f"{s['connections']} connections (wrk, {s['threads']} threads), gunicorn "
        f"{s['workers']} workers, anonymous cache on ({s['cache']}).",
        "",
        f"Load: {load['requests']:,} requests, {load['rps']} req/s; p50 {load['p50_ms']} ms, "
        f"p95 {load['p95_ms']} ms, p99 {load['p99_ms']} ms, max {load['max_ms']} ms; "
        f"{load['cache_hit_ratio']:.0%} served from the anonymous cache.",
        f"Load errors: {errors} (non-2xx/3xx by status: {statuses}).",
        f"Server log: {len(report['server_log_errors'])} errors (500s, worker timeouts).",
        f"Publisher: {journal['operations_total']} operations ({operations}); "
        f"{len(journal['errors'])} errors; read back through the server: {read_back}.",
        f"Publisher timings (p50/max ms): {timings}.",
        f"Verification: {check['pages']} releases, {check['revisions']} revisions made, "
        f"{check['checks']} checks, {len(check['failures'])} failed.",
    ]
    problems = report["server_log_errors"] + [error["error"] for error in journal["errors"]]
    problems += checks["failed"] + check["failures"]
    lines += [f"  - {problem}" for problem in problems[:20]]
    if len(problems) > 20:
        lines.append(f"  … and {len(problems) - 20} more (see the JSON report)")
    if check["notes"]:
        lines.append(f"Notes (not errors): {len(check['notes'])}, e.g. {check['notes'][0]}")
    lines.append("")
    lines.append("PASS: no errors, nothing lost." if report["passed"] else "FAIL")
    return "\n".join(lines)


def soak_env(database_url: str, redis_url: str | None, work: Path) -> dict:
    """The environment of every process of the run: production settings on loopback, the
    response cache on, background tasks inline (no worker to run), its own cache keys."""
    extra = {
        "TASKS_BACKEND": "immediate",
        "BENCH_ANONYMOUS_CACHE": "1",
        "CACHE_KEY_PREFIX": work.name,  # "soak-…", unique to the run
    }
    env = django_env(database_url, work, work / "static", **extra)
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def run(env: dict, work: Path, args: argparse.Namespace) -> dict:
    """Build, serve, load and publish, verify; the server is stopped before returning."""
    log(f"building {args.pg_database} with N={args.scale}")
    build_seconds = build(env, args)
    plan_path = work / "plan.json"
    plan = publisher(env, "prepare", plan_path)
    # The workers' output (Django's log included) goes to a file that is searched for
    # server errors afterwards; the read-back's expected 404s would flood the terminal.
    server_log = work / "gunicorn.log"
    options = f"--capture-output --error-logfile {server_log}"
    server = Server({**env, "GUNICORN_CMD_ARGS": options}, args.workers)
    try:
        warm_up(server, plan["paths"])
        log(f"loading {len(plan['paths'])} addresses for {args.duration} s while publishing")
        load, journal = soak(server, env, plan_path, plan["paths"], work, args)
        log("verifying")
        verification = publisher(
            env,
            "verify",
            work / "verification.json",
            "--journal",
            str(work / "journal.json"),
            "--base",
            server.base,
        )
    finally:
        server.stop()
    return {
        "build_seconds": build_seconds,
        "load": {**load, "paths": plan["paths"]},
        "server_log_errors": server_log_errors(server_log),
        "publisher": journal,
        "verification": verification,
    }


def make_report(args, started: datetime.datetime, cache: str, results: dict) -> dict:
    journal = results["publisher"]
    errors = count_errors(
        results["load"], journal, results["verification"], results["server_log_errors"]
    )
    return {
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "code": code_state(),
        "settings": {
            "database": args.pg_database,
            "scale": args.scale,
            "build_seconds": results["build_seconds"],
            "duration_s": args.duration,
            "connections": args.connections,
            "threads": args.threads,
            "workers": args.workers,
            "cache": cache,
            "seed": args.seed,
            "django_settings": "cms_site.settings.bench",
        },
        "load": results["load"],
        "server_log_errors": results["server_log_errors"],
        # The journal's pages stay in the run's directory (--keep): the report has the counts.
        "publisher": {key: value for key, value in journal.items() if key != "pages"},
        "verification": results["verification"],
        "errors": errors,
        "passed": not any(errors.values()) and results["verification"]["passed"],
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk (make soak does this)")
    database_url = soak_database_url(args.pg_database)
    redis_url = None if args.no_redis or not reachable_redis(args.redis_url) else args.redis_url
    if redis_url is None and not args.no_redis:
        log(f"no Redis at {args.redis_url}: per-worker caches, no read-back during the load")

    started = datetime.datetime.now(datetime.UTC)
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    env = soak_env(database_url, redis_url, work)
    try:
        results = run(env, work, args)
    finally:
        if redis_url:
            with contextlib.suppress(Exception):
                drop_cache_keys(redis_url, env["CACHE_KEY_PREFIX"])
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    report = make_report(args, started, "Redis" if redis_url else "per-worker", results)
    args.results_dir.mkdir(parents=True, exist_ok=True)
    path = args.results_dir / f"soak-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    print(summary(report))
    log(f"results written to {path}")
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
