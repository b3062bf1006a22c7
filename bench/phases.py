"""One database at one scale: the benchmark's phases in order (see ``run.py``).

Build the database; probe query counts; load the uncached server, the stock-Wagtail peer and
the cached server (with Varnish in front of it on request); measure the editors' admin views;
then the publish latency, which changes the newest release and so comes last.
"""

import json
import shutil
import tempfile
import time
from pathlib import Path

from endpoints import CEILING
from load import measure_endpoints, measure_phase, warm
from publish import measure_publish_latency
from report import targets
from server import BENCH_DIR, Server, django_env, log, manage, recreate_postgres, run_json_script


def stock_env(env: dict) -> dict:
    """The stock-Wagtail peer's environment: its settings module, importable from bench/."""
    path = [str(BENCH_DIR), *filter(None, [env.get("PYTHONPATH")])]
    return {**env, "DJANGO_SETTINGS_MODULE": "stockpeer.settings", "PYTHONPATH": ":".join(path)}


def stock_phase(env: dict, args, wanted: str) -> list[dict]:
    """The stock-Wagtail peers of the selected endpoints, loaded like ours (uncached)."""
    probed = json.loads(
        run_json_script("probe.py", stock_env(env), "--stock", "--endpoints", wanted)
    )
    peers = [(name, info["path"]) for name, info in probed["endpoints"].items()]
    if not peers:
        return []
    with Server({**stock_env(env), "BENCH_ANONYMOUS_CACHE": "0"}, args.workers) as server:
        warm(server.base, peers, "stock")
        rows = measure_endpoints(server, peers, args, "stock")
    for row in rows:
        row["queries"] = probed["endpoints"][row["endpoint"]]["queries"]
    return rows


def publish_phase(env: dict, args, work: Path) -> dict:
    """The publish latency with Redis (``args.redis_url``) and the anonymous cache on."""
    if args.publishes == 0:
        return {"skipped": "--publishes 0"}
    import redis

    try:
        client = redis.Redis.from_url(args.redis_url, socket_connect_timeout=2)
        client.ping()
    except redis.RedisError as error:
        return {"skipped": f"no Redis at {args.redis_url}: {error}"}
    prefix = f"bench-publish-{work.name}"
    publish_env = {
        **env,
        "REDIS_URL": args.redis_url,
        "CACHE_KEY_PREFIX": prefix,
        "BENCH_ANONYMOUS_CACHE": "1",
    }
    try:
        with Server(publish_env, args.workers) as server:
            return measure_publish_latency(server, publish_env, args.publishes)
    except SystemExit as error:  # a surface never showed the publish: report it, keep the rest
        log(f"publish latency failed: {error}")
        return {"failed": str(error)}
    finally:
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)


def server_phase(env: dict, endpoints, probed: dict, args, variant: str) -> tuple:
    """Our server with the anonymous cache off or on; Varnish in front of the cached one."""
    flag = "1" if variant == "cached" else "0"
    selected = [
        (name, path)
        for name, path in endpoints
        if variant == "uncached" or name == CEILING or probed["endpoints"][name]["cacheable"]
    ]
    varnish_rows = []
    with Server({**env, "BENCH_ANONYMOUS_CACHE": flag}, args.workers) as server:
        rows, ceiling = measure_phase(server, selected, args, variant)
        if variant == "cached" and args.varnish:
            from varnish import measure_through_varnish

            cacheable = [(name, path) for name, path in selected if name != CEILING]
            varnish_rows = measure_through_varnish(server.port, cacheable, args, ceiling["rps"])
    key = "queries_cached" if variant == "cached" else "queries_uncached"
    for row in rows:
        row["queries"] = probed["endpoints"][row["endpoint"]][key]
    ceiling["queries"] = probed["endpoints"][CEILING]["queries_uncached"]
    return rows, ceiling, varnish_rows


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

        probed = json.loads(run_json_script("probe.py", env, "--endpoints", args.endpoints))
        endpoints = [
            (name, info["path"]) for name, info in probed["endpoints"].items() if name != CEILING
        ] + [(CEILING, probed["endpoints"][CEILING]["path"])]

        rows, ceilings, varnish_rows = [], {}, []
        variants = ["uncached"] if args.no_cached else ["uncached", "cached"]
        for variant in variants:
            phase_rows, ceilings[variant], more = server_phase(
                env, endpoints, probed, args, variant
            )
            rows.extend(phase_rows)
            varnish_rows.extend(more)

        stock_rows = [] if args.no_stock else stock_phase(env, args, args.endpoints)
        peers = {row["endpoint"]: row for row in stock_rows}
        for row in rows:
            peer = peers.get(row["endpoint"])
            if row["variant"] == "uncached" and peer:
                row["stock"] = {k: peer[k] for k in ("path", "rps", "p50_ms", "queries")}
                row["ratio_to_stock"] = round(row["rps"] / peer["rps"], 2) if peer["rps"] else None

        editors = None
        if not args.no_editors:
            repeat = str(args.editor_repeat)
            editors = json.loads(run_json_script("editors.py", env, "--repeat", repeat))
        publish = publish_phase(env, args, work)

        all_rows = [*rows, *ceilings.values(), *stock_rows]
        peaks = {}
        for row in all_rows:
            if row.get("peak_rss_mb") is not None:
                peaks[row["variant"]] = max(peaks.get(row["variant"], 0), row["peak_rss_mb"])
        return {
            "database": database,
            "scale": scale,
            "build_seconds": build_seconds,
            "placeholders": probed["placeholders"],
            "ceiling": ceilings,
            "results": rows,
            "stock": stock_rows,
            "varnish": varnish_rows,
            "editors": editors,
            "publish": publish,
            "worker_peak_rss_mb": peaks,
            "targets": targets(rows, ceilings),
        }
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
