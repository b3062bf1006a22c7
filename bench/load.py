"""Loading addresses with wrk: one endpoint for a fixed time, or a phase of endpoints framed
by the ceiling (a plain Django view on the same server, measured before and after)."""

import argparse
import json
import subprocess
from pathlib import Path

from endpoints import CEILING
from server import BENCH_DIR, fetch, log

LUA = BENCH_DIR / "report.lua"


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
    """requests, requests/s, p50/p95/p99 (ms) and errors of ``args.duration`` s on ``url``.

    An address so slow that fewer requests than connections completed in that time (wrk
    counts none still in flight, and gives up on a request after 10 s) is loaded again for
    four times as long (at least 20 s) with one connection per gunicorn worker, which keeps
    the workers as busy without queueing requests past wrk's timeout."""
    stats = wrk_once(url, args)
    if stats["requests"] < args.connections:
        connections = min(args.connections, args.workers)
        slower = {
            "duration": max(20, 4 * args.duration),
            "connections": connections,
            "threads": min(args.threads, connections),
        }
        stats = wrk_once(url, argparse.Namespace(**{**vars(args), **slower}))
        stats["retried"] = slower
    return stats


def wrk_once(url: str, args: argparse.Namespace) -> dict:
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


def warm(base: str, endpoints, variant: str) -> None:
    for _name, path in endpoints:
        for _ in range(6):
            status = fetch(base + path)
            if status != 200:
                raise SystemExit(f"{path} answered {status} during warm-up ({variant})")


def measure_endpoints(server, endpoints, args, variant: str) -> list[dict]:
    """Each endpoint in turn, with the workers' peak RSS reset before each."""
    rows = []
    for name, path in endpoints:
        server.reset_peak_rss()
        stats = run_wrk(server.base + path, args)
        stats.update(endpoint=name, path=path, variant=variant, peak_rss_mb=server.peak_rss_mb())
        rows.append(stats)
        log(f"{variant:8} {name:22} {stats['rps']:8.1f} req/s  p99 {stats['p99_ms']} ms")
    return rows


def ceiling_row(server, path: str, variant: str, ceilings: list[dict]) -> dict:
    """The ceiling measured before and after the endpoints, averaged."""
    return {
        "endpoint": CEILING,
        "path": path,
        "variant": variant,
        "rps": round(sum(c["rps"] for c in ceilings) / len(ceilings), 1),
        "rps_before": ceilings[0]["rps"],
        "rps_after": ceilings[-1]["rps"],
        "p50_ms": ceilings[0]["p50_ms"],
        "p95_ms": ceilings[0]["p95_ms"],
        "p99_ms": ceilings[0]["p99_ms"],
        "errors": sum(c["errors"] for c in ceilings),
        "non_2xx_3xx": sum(c["non_2xx_3xx"] for c in ceilings),
        "peak_rss_mb": server.peak_rss_mb(),
        "ratio": 1.0,
    }


def measure_phase(server, endpoints, args, variant: str) -> tuple[list[dict], dict]:
    """Warm every endpoint, then measure the ceiling, each endpoint, and the ceiling again."""
    warm(server.base, endpoints, variant)
    ceiling_path = dict(endpoints)[CEILING]
    before = run_wrk(server.base + ceiling_path, args)
    rows = measure_endpoints(server, [e for e in endpoints if e[0] != CEILING], args, variant)
    after = run_wrk(server.base + ceiling_path, args)
    ceiling = ceiling_row(server, ceiling_path, variant, [before, after])
    for row in rows:
        row["ratio"] = round(row["rps"] / ceiling["rps"], 3) if ceiling["rps"] else None
    return rows, ceiling
