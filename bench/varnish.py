"""The optional Varnish phase: the shipped VCL (``site/varnish/default.vcl``) in front of the
cached server, each cacheable endpoint loaded through it with wrk, and Varnish's own counters
(``varnishstat``) read before and after: hit ratio = cache hits / client requests."""

import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from load import run_wrk
from server import HOST, REPO, fetch, free_port, log, wait_until

VCL = REPO / "site" / "varnish" / "default.vcl"


class Varnish:
    """varnishd in the foreground on loopback, one backend: the gunicorn at ``backend_port``."""

    def __init__(self, backend_port: int):
        self.dir = Path(tempfile.mkdtemp(prefix="bench-varnish-"))
        # varnishd compiles the VCL as its own unprivileged user: the folder must be readable.
        self.dir.chmod(0o755)
        backends = self.dir / "backends.vcl"
        backends.write_text(
            "import directors;\n"
            f'backend app1 {{ .host = "{HOST}"; .port = "{backend_port}"; }}\n'
            "sub vcl_init {\n    new app = directors.round_robin();\n"
            "    app.add_backend(app1);\n}\n"
        )
        vcl = self.dir / "default.vcl"
        vcl.write_text(VCL.read_text().replace('include "backends.vcl";', f'include "{backends}";'))
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.name = str(self.dir / "instance")
        command = [shutil.which("varnishd") or "/usr/sbin/varnishd", "-F"]
        command += ["-a", f"{HOST}:{self.port}", "-T", "none", "-f", str(vcl)]
        command += ["-n", self.name, "-s", "malloc,256m"]
        self.log = self.dir / "varnishd.log"
        with self.log.open("w") as log_file:
            self.process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT)
        try:
            wait_until(
                lambda: fetch(self.base + "/bench/ceiling/", timeout=5) == 200, 60, "Varnish"
            )
        except SystemExit as error:
            output = self.log.read_text()
            self.stop()
            raise SystemExit(f"{error}\n{output}") from None

    def counters(self) -> dict[str, int]:
        """MAIN.* counters by name (``varnishstat -j``; 6.x and 7.x layouts)."""
        result = subprocess.run(
            ["varnishstat", "-n", self.name, "-1", "-j"],
            capture_output=True,
            text=True,
            check=True,
        )
        data = json.loads(result.stdout)
        data = data.get("counters", data)
        return {
            name: int(value["value"])
            for name, value in data.items()
            if isinstance(value, dict) and "value" in value and name.startswith("MAIN.")
        }

    def counters_after(self, before: dict[str, int], requests: int) -> dict[str, int]:
        """The counters once they account for ``requests`` more client requests: Varnish's
        worker threads fold theirs into MAIN.* in batches, so they may lag the load (5 s at
        most, then as they are)."""
        deadline = time.monotonic() + 5
        while True:
            after = self.counters()
            seen = after.get("MAIN.client_req", 0) - before.get("MAIN.client_req", 0)
            if seen >= requests or time.monotonic() > deadline:
                return after
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def measure_through_varnish(backend_port: int, endpoints, args, ceiling_rps: float) -> list[dict]:
    """Each endpoint through Varnish: wrk's figures, the hit ratio and the ratio to the
    ceiling measured on gunicorn directly (``ceiling_rps``)."""
    varnish = Varnish(backend_port)
    rows = []
    try:
        for name, path in endpoints:
            fetch(varnish.base + path)
            before = varnish.counters()
            stats = run_wrk(varnish.base + path, args)
            after = varnish.counters_after(before, stats["requests"])
            delta = {key: after.get(key, 0) - before.get(key, 0) for key in after}
            requests = delta.get("MAIN.client_req", 0)
            stats.update(
                endpoint=name,
                path=path,
                variant="varnish",
                cache_hits=delta.get("MAIN.cache_hit", 0),
                cache_misses=delta.get("MAIN.cache_miss", 0),
                hit_ratio=round(delta.get("MAIN.cache_hit", 0) / requests, 4) if requests else None,
                ratio=round(stats["rps"] / ceiling_rps, 3) if ceiling_rps else None,
            )
            rows.append(stats)
            log(f"varnish  {name:22} {stats['rps']:8.1f} req/s  hit ratio {stats['hit_ratio']}")
    finally:
        varnish.stop()
    return rows
