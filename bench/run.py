"""Benchmark the site and its APIs as users load them, against the Python ceiling.

For each database (SQLite always; PostgreSQL too when ``DATABASE_URL`` points at it) and each
scale N, this:

1. builds a fresh database: migrations, the demo content, N generated press releases and N
   generated library resources (``load_demo_content --articles N --resources N``);
2. counts each endpoint's SQL queries per request in-process (``probe.py``: Django's test
   client and ``CaptureQueriesContext``), without and with the anonymous response cache;
3. serves the site with gunicorn (``cms_site.settings.bench``: the production settings,
   DEBUG off, 2 workers, persistent connections) on 127.0.0.1, twice: with the anonymous
   cache off ("uncached") and on ("cached");
4. loads every endpoint with wrk for a fixed duration and connection count, and records
   requests/s, p50/p95/p99 latency, the peak RSS of a worker (``VmHWM``, reset before each
   endpoint) and the ratio of requests/s to the ceiling measured by the same server, a
   plain Django view with a small fixed body (``/bench/ceiling/``, mounted only by the
   bench settings), measured before and after the endpoints and averaged.

It writes ``bench/results/<timestamp>.json`` and prints a markdown table per database and
scale. Needs wrk (``apt-get install wrk``) and gunicorn (the ``production`` extra).

    python bench/run.py                       # N=10,000 and N=100, 5 s per endpoint
    python bench/run.py --scale 100 --duration 2 --endpoints /,newsroom --no-postgres
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from endpoints import CEILING

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
LUA = BENCH_DIR / "report.lua"
HOST = "127.0.0.1"
FORBIDDEN_PG_NAMES = {"test", "postgres", "template0", "template1"}


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run.py",
        description="Load the site and APIs with wrk under gunicorn and report requests/s, "
        "latency, SQL queries, worker memory and the ratio to a Python ceiling.",
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
    parser.add_argument(
        "--results-dir", type=Path, default=BENCH_DIR / "results", help="where the JSON goes"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directories")
    args = parser.parse_args(argv)
    args.scale = args.scale or [10_000, 100]
    if args.duration < 1 or args.connections < 1 or args.threads < 1 or args.workers < 1:
        parser.error("duration, connections, threads and workers must be at least 1")
    args.threads = min(args.threads, args.connections)
    return args


# --- Databases ---------------------------------------------------------------------------------


def postgres_url(pg_database: str) -> str | None:
    """DATABASE_URL with the bench's own database name, when it points at PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        return None
    if pg_database in FORBIDDEN_PG_NAMES or pg_database == parts.path.lstrip("/"):
        raise SystemExit(f"refusing to recreate PostgreSQL database {pg_database!r}")
    return urlunsplit(parts._replace(path=f"/{pg_database}"))


def recreate_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def django_env(database_url: str, var_dir: Path, static_root: Path, **extra: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms_site.settings.bench",
        "DATABASE_URL": database_url,
        "VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(var_dir / "media"),
        "STATIC_ROOT": str(static_root),
        # A shared cache (REDIS_URL) must not hand one database's entries to another.
        "CACHE_KEY_PREFIX": f"bench-{var_dir.name}",
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


# --- The server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 30) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Server:
    """gunicorn on loopback with the bench settings, stopped on exit."""

    def __init__(self, env: dict, workers: int):
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn if gunicorn.exists() else shutil.which("gunicorn") or "gunicorn"),
            "cms_site.wsgi",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(command, cwd=REPO, env=env)
        deadline = time.time() + 60
        while True:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited during start-up")
            try:
                if fetch(self.base + "/bench/ceiling/", timeout=5) == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.time() > deadline:
                self.stop()
                raise SystemExit("gunicorn did not start within 60 s")
            time.sleep(0.3)

    def worker_pids(self) -> list[int]:
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(entry.name))
        return pids

    def reset_peak_rss(self) -> None:
        for pid in self.worker_pids():
            # "5" resets the VmHWM high-water mark (Linux 4.0+).
            with contextlib.suppress(OSError):
                Path(f"/proc/{pid}/clear_refs").write_text("5")

    def peak_rss_mb(self) -> float | None:
        peaks = []
        for pid in self.worker_pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks.append(int(line.split()[1]) / 1024)
            except OSError:
                continue
        return round(max(peaks), 1) if peaks else None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def wrk_command(url: str, args: argparse.Namespace, lua: Path, *script_args: str) -> list[str]:
    """wrk for ``args.duration`` seconds with ``args.connections`` and a Lua reporting hook."""
    command = ["wrk", "-t", str(args.threads), "-c", str(args.connections)]
    command += ["-d", f"{args.duration}s", "--timeout", "10s", "-s", str(lua), url]
    return [*command, "--", *script_args] if script_args else command


def wrk_report(stdout: str, stderr: str, marker: str) -> dict:
    """The JSON line the Lua hook printed after ``marker``."""
    for line in stdout.splitlines():
        if line.startswith(f"{marker} "):
            return json.loads(line.removeprefix(f"{marker} "))
    raise SystemExit(f"wrk gave no report:\n{stdout}{stderr}")


def run_wrk(url: str, args: argparse.Namespace) -> dict:
    result = subprocess.run(
        wrk_command(url, args, LUA),
        capture_output=True,
        text=True,
        timeout=args.duration + 60,
        check=False,
    )
    raw = wrk_report(result.stdout, result.stderr, "BENCH_JSON")
    seconds = raw["duration_us"] / 1e6
    errors = sum(value for key, value in raw.items() if key.startswith("errors_"))
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "errors": errors,
        "non_2xx_3xx": raw["errors_status"],
    }


def measure_phase(server: Server, endpoints, args, variant: str) -> tuple[list[dict], dict]:
    """Warm every endpoint, then measure the ceiling, each endpoint, and the ceiling again."""
    for _name, path in endpoints:
        for _ in range(6):
            status = fetch(server.base + path)
            if status != 200:
                raise SystemExit(f"{path} answered {status} during warm-up ({variant})")
    ceiling_path = dict(endpoints)[CEILING]
    ceilings = [run_wrk(server.base + ceiling_path, args)]
    rows = []
    for name, path in endpoints:
        if name == CEILING:
            continue
        server.reset_peak_rss()
        stats = run_wrk(server.base + path, args)
        stats.update(endpoint=name, path=path, variant=variant, peak_rss_mb=server.peak_rss_mb())
        rows.append(stats)
        log(f"{variant:8} {name:22} {stats['rps']:8.1f} req/s  p99 {stats['p99_ms']} ms")
    ceilings.append(run_wrk(server.base + ceiling_path, args))
    ceiling = {
        "endpoint": CEILING,
        "path": ceiling_path,
        "variant": variant,
        "rps": round(sum(c["rps"] for c in ceilings) / len(ceilings), 1),
        "rps_before": ceilings[0]["rps"],
        "rps_after": ceilings[1]["rps"],
        "p50_ms": ceilings[0]["p50_ms"],
        "p95_ms": ceilings[0]["p95_ms"],
        "p99_ms": ceilings[0]["p99_ms"],
        "errors": ceilings[0]["errors"] + ceilings[1]["errors"],
        "non_2xx_3xx": ceilings[0]["non_2xx_3xx"] + ceilings[1]["non_2xx_3xx"],
        "peak_rss_mb": server.peak_rss_mb(),
        "ratio": 1.0,
    }
    for row in rows:
        row["ratio"] = round(row["rps"] / ceiling["rps"], 3) if ceiling["rps"] else None
    return rows, ceiling


# --- One database at one scale --------------------------------------------------------------------


def bench_one(database: str, url: str | None, scale: int, args, static_root: Path) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"bench-{database}-{scale}-"))
    try:
        if database == "sqlite":
            url = f"sqlite:///{work / 'db.sqlite3'}"
        else:
            recreate_postgres(url)
        env = django_env(url, work, static_root)
        started = time.time()
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_content", "--articles", str(scale), "--resources", str(scale))
        build_seconds = round(time.time() - started, 1)
        log(f"{database} N={scale}: database built in {build_seconds} s")

        probe = subprocess.run(
            [sys.executable, str(BENCH_DIR / "probe.py"), "--endpoints", args.endpoints],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
        )
        if probe.returncode != 0:
            raise SystemExit(f"probe failed:\n{probe.stdout}{probe.stderr}")
        probed = json.loads(probe.stdout)
        endpoints = [
            (name, info["path"]) for name, info in probed["endpoints"].items() if name != CEILING
        ] + [(CEILING, probed["endpoints"][CEILING]["path"])]

        rows = []
        ceilings = {}
        variants = ["uncached"] if args.no_cached else ["uncached", "cached"]
        for variant in variants:
            flag = "1" if variant == "cached" else "0"
            server = Server({**env, "BENCH_ANONYMOUS_CACHE": flag}, args.workers)
            try:
                selected = [
                    (name, path)
                    for name, path in endpoints
                    if variant == "uncached"
                    or name == CEILING
                    or probed["endpoints"][name]["cacheable"]
                ]
                phase_rows, ceiling = measure_phase(server, selected, args, variant)
            finally:
                server.stop()
            for row in phase_rows:
                info = probed["endpoints"][row["endpoint"]]
                key = "queries_cached" if variant == "cached" else "queries_uncached"
                row["queries"] = info[key]
            ceiling["queries"] = probed["endpoints"][CEILING]["queries_uncached"]
            ceilings[variant] = ceiling
            rows.extend(phase_rows)
        return {
            "database": database,
            "scale": scale,
            "build_seconds": build_seconds,
            "placeholders": probed["placeholders"],
            "ceiling": ceilings,
            "results": rows,
            "targets": targets(rows, ceilings),
        }
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def targets(rows: list[dict], ceilings: dict) -> dict:
    """The issue's targets, as measured (ratios to the ceiling; deep pages against page 1)."""
    by = {(row["endpoint"], row["variant"]): row for row in rows}
    uncached = [row["ratio"] for row in rows if row["variant"] == "uncached"]
    cached = [row["ratio"] for row in rows if row["variant"] == "cached"]
    result = {
        "min_uncached_ratio": min(uncached) if uncached else None,
        "min_cached_ratio": min(cached) if cached else None,
    }
    for deep, first in (("newsroom_last", "newsroom"), ("api_v2_releases_deep", "api_v2_releases")):
        if (deep, "uncached") in by and (first, "uncached") in by:
            slow = by[(deep, "uncached")]["rps"]
            result[f"{first}_first_over_deep"] = (
                round(by[(first, "uncached")]["rps"] / slow, 2) if slow else None
            )
    return result


# --- Report ---------------------------------------------------------------------------------------


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        )
    except (OSError, StopIteration):
        memory_kb = 0
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "wrk": (wrk.stdout or wrk.stderr).splitlines()[0] if (wrk.stdout or wrk.stderr) else "",
    }


def fmt(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def markdown(run: dict) -> str:
    lines = [
        f"**{run['database']}, N={run['scale']:,}** (releases and resources; "
        f"built in {run['build_seconds']} s)",
        "",
        "| endpoint | variant | req/s | p50 ms | p95 ms | p99 ms | queries | peak RSS MB "
        "| ratio to ceiling |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for variant, ceiling in run["ceiling"].items():
        rows = [row for row in run["results"] if row["variant"] == variant]
        for row in [*rows, ceiling]:
            name = f"`{row['path']}`" if row["endpoint"] != CEILING else "ceiling (plain view)"
            errors = f" ⚠ {row['errors']} errors" if row["errors"] else ""
            lines.append(
                f"| {name} | {variant} | {fmt(row['rps'])} | {fmt(row['p50_ms'], 2)} | "
                f"{fmt(row['p95_ms'], 2)} | {fmt(row['p99_ms'], 2)} | {fmt(row['queries'])} | "
                f"{fmt(row['peak_rss_mb'])} | {fmt(row['ratio'], 2)}{errors} |"
            )
    t = run["targets"]
    lines += [
        "",
        f"Lowest ratio uncached: {fmt(t['min_uncached_ratio'], 2)} (target ≥ 0.25); "
        f"cached: {fmt(t['min_cached_ratio'], 2)} (target ≥ 0.7). "
        f"Newsroom page 1 / last page req/s: {fmt(t.get('newsroom_first_over_deep'), 2)}; "
        f"API page 1 / deep offset: {fmt(t.get('api_v2_releases_first_over_deep'), 2)} "
        "(target ≤ 1.5).",
    ]
    return "\n".join(lines)


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
