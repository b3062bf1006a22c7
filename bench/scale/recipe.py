"""Run the README's production recipe literally, as a smoke test (``.ci/run`` calls this).

The README holds two marked blocks under Configuration → Production:

- ``production-env``: the environment, ``export NAME=value`` lines. The values are examples;
  this script sets every one of those names itself, for loopback (and fails if the README
  names one it does not know, so the recipe and the smoke run cannot drift apart);
- ``production-recipe``: the commands. Each line runs as written (through ``bash``), with
  these adaptations only: ``pip install`` runs in the checkout inside a fresh virtualenv (so the
  package is installed the regular, non-editable way); every other command runs in a fresh
  data folder (the working directory); ``gunicorn`` gets ``--bind 127.0.0.1:PORT`` and runs in
  the background, as does ``db_worker``; cron commands run once. After the set-up commands it
  loads the demo content so that there are pages to fetch.

Then it checks, over HTTP through gunicorn, the pages, both APIs and a static file; that the
Wagtail Site has the host and port of ``PUBLIC_BASE_URL``; that nothing was written inside the
virtualenv; and that the settings refuse to start when the data would land in site-packages.

    python bench/scale/recipe.py [--python python3] [--keep]

Exit status 0 when everything held, 1 otherwise (the failing step is printed).
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
SMOKE_PATHS = [
    "/",
    "/advancing-equity/",
    "/api/v2/pages/",
    "/api/v3/pages/",
    "/static/css/site.css",
]


def block(text: str, name: str) -> list[str]:
    """The command lines of the fenced block between ``<!-- NAME:start -->`` and ``:end``,
    without blank lines and comments (a trailing ``# comment`` is kept: bash ignores it)."""
    pattern = rf"<!-- {name}:start -->\s*```\w*\n(.*?)```\s*<!-- {name}:end -->"
    match = re.search(pattern, text, re.S)
    if not match:
        raise SystemExit(f"README.md has no {name} block")
    return [
        line.strip()
        for line in match.group(1).splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_url() -> str:
    """A Redis database for the smoke run: REDIS_URL_FOR_TESTS or the local server's 15."""
    return os.environ.get("REDIS_URL_FOR_TESTS", "redis://127.0.0.1:6379/15")


def smoke_environment(names: list[str], var_dir: Path, port: int) -> dict[str, str]:
    """Loopback values for every variable the README's environment block names."""
    values = {
        "DJANGO_SETTINGS_MODULE": "cms_site.settings.production",
        "SECRET_KEY": f"smoke-{os.urandom(24).hex()}-not-a-real-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": f"sqlite:///{var_dir / 'db.sqlite3'}",
        "REDIS_URL": redis_url(),
        "VAR_DIR": str(var_dir),
        "EMAIL_URL": "console://",
        "DEFAULT_FROM_EMAIL": "cms@example.org",
        "DJANGO_SUPERUSER_PASSWORD": os.urandom(16).hex(),
    }
    unknown = sorted(set(names) - set(values))
    if unknown:
        raise SystemExit(f"the README's production environment names {unknown}: set them here")
    return {name: values[name] for name in names}


def wait_for(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            # Gunicorn sits behind a TLS proxy: plain HTTP, X-Forwarded-Proto: https.
            request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
            urllib.request.urlopen(request, timeout=30)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"{url} did not answer within {timeout:.0f} s") from None
            time.sleep(0.3)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--python", default=sys.executable, help="interpreter for the virtualenv")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    text = README.read_text()
    env_lines = block(text, "production-env")
    commands = block(text, "production-recipe")
    names = [re.match(r"export (\w+)=", line).group(1) for line in env_lines]

    work = Path(tempfile.mkdtemp(prefix="recipe-smoke-"))
    venv, data = work / "venv", work / "srv"
    data.mkdir()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "VIRTUAL_ENV"))}
    env.update(smoke_environment(names, data / "var", port))
    env.update(
        PATH=f"{venv / 'bin'}:{env['PATH']}",
        VIRTUAL_ENV=str(venv),
        CACHE_KEY_PREFIX=f"recipe-smoke-{port}",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    background: list[subprocess.Popen] = []

    def run(line: str, cwd: Path) -> None:
        print(f"$ {line}", flush=True)
        subprocess.run(["bash", "-euo", "pipefail", "-c", line], cwd=cwd, env=env, check=True)

    try:
        subprocess.run([args.python, "-m", "venv", str(venv)], check=True)
        for line in commands:
            if line.startswith("pip install"):
                run(line.split("#")[0].strip() + " --quiet", REPO)
            elif line.startswith("gunicorn "):
                command = line.split("#")[0].strip() + f" --bind 127.0.0.1:{port}"
                print(f"$ {command} &", flush=True)
                background.append(
                    subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=data, env=env)
                )
            elif " run_worker" in line and "--recover-only" not in line:
                print(f"$ {line} &", flush=True)
                background.append(
                    subprocess.Popen(
                        ["bash", "-c", f"exec {line.split('#')[0]}"], cwd=data, env=env
                    )
                )
            else:
                run(line, data)
            if line.startswith("django-admin ensure_admin"):
                run("django-admin load_demo_content", data)  # pages to fetch (not production)
        wait_for(f"http://127.0.0.1:{port}/")
        # Gunicorn sits behind a TLS proxy: plain HTTP on loopback, X-Forwarded-Proto: https.
        https = {"X-Forwarded-Proto": "https"}
        failed = []
        for path in SMOKE_PATHS:
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=https)
                status = urllib.request.urlopen(request, timeout=30).status
            except urllib.error.HTTPError as error:
                status = error.code
            print(f"{status} {path}")
            if status != 200:
                failed.append(path)
        site = (
            subprocess.run(
                [
                    "django-admin",
                    "shell",
                    "-c",
                    "from wagtail.models import Site; s = Site.objects.get(is_default_site=True); "
                    "print(f'{s.hostname}:{s.port}')",
                ],
                cwd=data,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        print(f"Site: {site}")
        if site != f"127.0.0.1:{port}":
            failed.append(f"Site is {site}, not PUBLIC_BASE_URL's 127.0.0.1:{port}")
        inside = [str(p) for p in venv.rglob("var") if p.is_dir() and (p / "media").exists()]
        if inside or not (data / "var" / "static").is_dir():
            failed.append(f"data not under VAR_DIR: {inside}")
        # Without VAR_DIR, run from site-packages: the settings must refuse, saying why.
        site_packages = next(venv.glob("lib/python*/site-packages"))
        refused = subprocess.run(
            ["django-admin", "check"],
            cwd=site_packages,
            capture_output=True,
            text=True,
            env={k: v for k, v in env.items() if k not in ("VAR_DIR", "DATABASE_URL")},
        )
        if refused.returncode == 0 or "inside the installed code" not in refused.stderr:
            failed.append("settings did not refuse data inside site-packages")
        else:
            print("refused:", refused.stderr.strip().splitlines()[-1][:200])
        if failed:
            print(f"recipe smoke run FAILED: {failed}")
            return 1
        print("recipe smoke run passed")
        return 0
    finally:
        for process in background:
            process.terminate()
        for process in background:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        forget_cache(env["REDIS_URL"], env["CACHE_KEY_PREFIX"])


def forget_cache(url: str, prefix: str) -> None:
    """Delete the run's own keys (never the rest of the Redis database)."""
    try:
        import redis

        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
    except Exception as error:  # no Redis: nothing was stored
        print(f"Redis keys not removed: {error}")


if __name__ == "__main__":
    sys.exit(main())
