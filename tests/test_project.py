"""Project-level promises: production settings, and the plugin's independence from the project."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # The deploy checks warn about DJANGO_ALLOW_ASYNC_UNSAFE, which browser tests set.
    environment = {
        k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="cms_site.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_check_deploy():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="cms_site.settings.production",
        SECRET_KEY="a-long-random-production-secret-key-for-this-test-0123456789-abcdef",
        ALLOWED_HOSTS="cms.example.org",
        # What the README's production recipe sets (tests/test_production_recipe.py checks
        # that each one missing is a warning).
        PUBLIC_BASE_URL="https://cms.example.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
        EMAIL_URL="submission://cms:secret@mail.example.org:587",
        DEFAULT_FROM_EMAIL="cms@example.org",
        VAR_DIR=str(REPO / "var"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PLUGIN_APPS = ("equity", "newsroom")


@pytest.mark.parametrize("app", PLUGIN_APPS)
def test_plugin_migrations_reach_page_through_swapper(app):
    """Foreign keys to Page in the plugin's migrations follow WAGTAIL_PAGE_MODEL via swapper."""
    for migration in (REPO / app / "migrations").glob("0*.py"):
        source = migration.read_text()
        assert "to='wagtailcore.page'" not in source, migration.name
        assert "settings.WAGTAIL_PAGE_MODEL" not in source, migration.name


def test_each_log_line_is_printed_once():
    """Django's default logging gives the `django` logger a console handler of its own (with
    DEBUG on) that propagates to the root's: every `django.*` line came out twice in the dev
    server. Runserver's request lines (`django.server`) keep their own handler and format."""
    script = (
        "import logging; "
        "logging.getLogger('django.request').warning('probe-request-line'); "
        "logging.getLogger('django.server').info('probe-server-line'); "
        "logging.getLogger('wagtail').warning('probe-wagtail-line')"
    )
    result = manage(
        "shell", "-c", script, DJANGO_SETTINGS_MODULE="cms_site.settings.dev", DEBUG="1"
    )
    assert result.returncode == 0, result.stderr
    for line in ("probe-request-line", "probe-server-line", "probe-wagtail-line"):
        assert result.stderr.count(line) == 1, (line, result.stderr)


def test_the_favicon_is_linked_and_served(client, db):
    """No 404 for the icon: pages link it, and /favicon.ico (asked for by browsers and
    crawlers regardless) redirects to the static file."""
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    assert finders.find("favicon.ico")
    page = client.get("/")
    assert f'<link rel="icon" href="{static("favicon.ico")}"'.encode() in page.content
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.ico")


def test_the_favicon_is_served_by_the_dev_server_too(tmp_path):
    """With DEBUG on the URLconf also mounts static and media files (the dev server's case,
    which the test settings never load): /favicon.ico must still redirect to the icon."""
    script = (
        "from django.test import Client; "
        "c = Client(HTTP_HOST='127.0.0.1'); "
        "r = c.get('/favicon.ico'); "
        "print(r.status_code, r.get('Location'), c.get(r['Location']).status_code)"
    )
    result = manage(
        "shell",
        "-c",
        script,
        DJANGO_SETTINGS_MODULE="cms_site.settings.dev",
        DEBUG="1",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "302 /static/favicon.ico 200"
