"""The benchmark's processes: its databases, ``manage.py`` and gunicorn on loopback.

Shared by ``run.py`` and the phases it runs (``publish.py``, ``varnish.py``).
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
HOST = "127.0.0.1"
FORBIDDEN_PG_NAMES = {"test", "postgres", "template0", "template1"}
READY_PATH = "/bench/ceiling/"


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


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


def run_json_script(script: str, env: dict, *args: str) -> str:
    """Run one of the bench's in-process scripts (``probe.py``, ``editors.py``…) with the
    benchmark's environment; its stdout (one JSON document)."""
    result = subprocess.run(
        [sys.executable, str(BENCH_DIR / script), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"{script} failed:\n{result.stdout}{result.stderr}")
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


def wait_until(check, seconds: float, what: str) -> None:
    """Poll ``check()`` until it is true; SystemExit after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        with contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            if check():
                return
        if time.monotonic() > deadline:
            raise SystemExit(f"{what} was not ready within {seconds:.0f} s")
        time.sleep(0.2)


class Server:
    """gunicorn on loopback with the bench settings (or ``env``'s), stopped on exit."""

    def __init__(self, env: dict, workers: int, app: str = "cms_site.wsgi"):
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn if gunicorn.exists() else shutil.which("gunicorn") or "gunicorn"),
            app,
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(command, cwd=REPO, env=env)

        def ready() -> bool:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited during start-up")
            return fetch(self.base + READY_PATH, timeout=5) == 200

        try:
            wait_until(ready, 60, "gunicorn")
        except SystemExit:
            self.stop()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

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
        """The largest ``VmHWM`` (MB) among the workers since the last reset."""
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
