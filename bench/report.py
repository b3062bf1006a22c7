"""The benchmark's report: the targets as measured, the machine, and the markdown tables
``run.py`` prints (one set per database and scale)."""

import os
import platform
import subprocess
from pathlib import Path

from endpoints import CEILING


def targets(rows: list[dict], ceilings: dict) -> dict:
    """The issue's targets, as measured (ratios to the ceiling and to stock Wagtail; deep
    pages against page 1)."""
    by = {(row["endpoint"], row["variant"]): row for row in rows}
    uncached = [row["ratio"] for row in rows if row["variant"] == "uncached"]
    cached = [row["ratio"] for row in rows if row["variant"] == "cached"]
    to_stock = [
        row["ratio_to_stock"]
        for row in rows
        if row["variant"] == "uncached" and row.get("ratio_to_stock") is not None
    ]
    result = {
        "min_uncached_ratio": min(uncached) if uncached else None,
        "min_cached_ratio": min(cached) if cached else None,
        "min_ratio_to_stock": min(to_stock) if to_stock else None,
    }
    for deep, first in (("newsroom_last", "newsroom"), ("api_v2_releases_deep", "api_v2_releases")):
        if (deep, "uncached") in by and (first, "uncached") in by:
            slow = by[(deep, "uncached")]["rps"]
            result[f"{first}_first_over_deep"] = (
                round(by[(first, "uncached")]["rps"] / slow, 2) if slow else None
            )
    return result


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


def endpoint_table(run: dict) -> list[str]:
    lines = [
        "| endpoint | variant | req/s | p50 ms | p95 ms | p99 ms | queries | peak RSS MB "
        "| ratio to ceiling | stock req/s | stock queries | ratio to stock |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for variant, ceiling in run["ceiling"].items():
        rows = [row for row in run["results"] if row["variant"] == variant]
        for row in [*rows, ceiling]:
            name = f"`{row['path']}`" if row["endpoint"] != CEILING else "ceiling (plain view)"
            errors = f" ⚠ {row['errors']} errors" if row["errors"] else ""
            stock = row.get("stock") or {}
            lines.append(
                f"| {name} | {variant} | {fmt(row['rps'])} | {fmt(row['p50_ms'], 2)} | "
                f"{fmt(row['p95_ms'], 2)} | {fmt(row['p99_ms'], 2)} | {fmt(row['queries'])} | "
                f"{fmt(row['peak_rss_mb'])} | {fmt(row['ratio'], 2)}{errors} | "
                f"{fmt(stock.get('rps'))} | {fmt(stock.get('queries'))} | "
                f"{fmt(row.get('ratio_to_stock'), 2)} |"
            )
    return lines


def extra_tables(run: dict) -> list[str]:
    lines = []
    if run.get("stock"):
        lines += ["", "Stock-Wagtail peer (`bench/stockpeer/`, no project caches):", ""]
        lines += ["| peer of | stock path | req/s | p50 ms | p99 ms | queries |"]
        lines += ["|---|---|---:|---:|---:|---:|"]
        for row in run["stock"]:
            lines.append(
                f"| {row['endpoint']} | `{row['path']}` | {fmt(row['rps'])} | "
                f"{fmt(row['p50_ms'], 2)} | {fmt(row['p99_ms'], 2)} | {fmt(row['queries'])} |"
            )
    if run.get("varnish"):
        lines += ["", "Through Varnish (`site/varnish/default.vcl` in front of the cached server):"]
        lines += ["", "| endpoint | req/s | p50 ms | p99 ms | hit ratio | ratio to ceiling |"]
        lines += ["|---|---:|---:|---:|---:|---:|"]
        for row in run["varnish"]:
            lines.append(
                f"| `{row['path']}` | {fmt(row['rps'])} | {fmt(row['p50_ms'], 2)} | "
                f"{fmt(row['p99_ms'], 2)} | {fmt(row['hit_ratio'], 3)} | {fmt(row['ratio'], 2)} |"
            )
    editors = run.get("editors")
    if editors:
        lines += ["", f"Editors (in-process, signed-in superuser, {editors['repeat']} requests):"]
        lines += [
            "",
            "| admin view | path | queries | p50 ms | max ms |",
            "|---|---|---:|---:|---:|",
        ]
        for name, view in editors["views"].items():
            lines.append(
                f"| {name} | `{view['path']}` | {view['queries']} | {fmt(view['p50_ms'], 1)} | "
                f"{fmt(view['max_ms'], 1)} |"
            )
    publish = run.get("publish")
    if publish and "skipped" in publish:
        lines += ["", f"Publish latency: skipped ({publish['skipped']})."]
    elif publish and "failed" in publish:
        lines += ["", f"Publish latency: **failed** ({publish['failed']})."]
    elif publish:
        lines += [
            "",
            f"Publish latency ({publish['publishes']} publishes through the admin, Redis and the "
            "anonymous cache on): the publish request p50 "
            f"{fmt(publish['publish_request']['p50_ms'])} ms; visible on every surface p50 "
            f"**{fmt(publish['visible_everywhere']['p50_ms'])} ms**, max "
            f"{fmt(publish['visible_everywhere']['max_ms'])} ms.",
            "",
            "| surface | p50 ms | max ms |",
            "|---|---:|---:|",
        ]
        for name, value in publish["per_surface"].items():
            lines.append(f"| {name} | {fmt(value['p50_ms'])} | {fmt(value['max_ms'])} |")
    return lines


def markdown(run: dict) -> str:
    lines = [
        f"**{run['database']}, N={run['scale']:,}** (releases and resources; "
        f"built in {run['build_seconds']} s)",
        "",
        *endpoint_table(run),
    ]
    t = run["targets"]
    peaks = ", ".join(f"{k} {fmt(v)}" for k, v in run.get("worker_peak_rss_mb", {}).items())
    lines += [
        "",
        f"Lowest ratio uncached: {fmt(t['min_uncached_ratio'], 2)} (target ≥ 0.2); "
        f"cached: {fmt(t['min_cached_ratio'], 2)} (target ≥ 0.9); to stock Wagtail: "
        f"{fmt(t.get('min_ratio_to_stock'), 2)} (target ≥ 3). "
        f"Newsroom page 1 / last page req/s: {fmt(t.get('newsroom_first_over_deep'), 2)}; "
        f"API page 1 / deep offset: {fmt(t.get('api_v2_releases_first_over_deep'), 2)} "
        "(target ≤ 1.5). Worker peak RSS (MB): " + (peaks or "–") + ".",
        *extra_tables(run),
    ]
    return "\n".join(lines)
