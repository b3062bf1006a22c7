"""Project-level promises: production settings, and the plugin's independence from the project."""

import ast
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
def test_plugin_apps_never_import_the_project(app):
    """The plugin apps must install into any Wagtail project: no imports of site/ or home/."""
    offenders = []
    for path in (REPO / app).rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [
                f"{path.relative_to(REPO)}: {name}"
                for name in names
                if name.split(".")[0] in ("cms_site", "home")
            ]
    assert offenders == []


@pytest.mark.parametrize("app", PLUGIN_APPS)
def test_plugin_migrations_reach_page_through_swapper(app):
    """Foreign keys to Page in the plugin's migrations follow WAGTAIL_PAGE_MODEL via swapper."""
    for migration in (REPO / app / "migrations").glob("0*.py"):
        source = migration.read_text()
        assert "to='wagtailcore.page'" not in source, migration.name
        assert "settings.WAGTAIL_PAGE_MODEL" not in source, migration.name
