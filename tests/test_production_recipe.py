"""The production recipe: data never inside the installed code, the environment it needs, and
the deploy checks that say what is missing. (The recipe itself runs in CI through
bench/scale/recipe.py, from the README's own lines.)"""

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Site

from home.management.commands.configure_site import parse_base_url

REPO = Path(__file__).resolve().parent.parent
RECIPE_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms_site.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-this-test-0123456789-abcdef",
    "ALLOWED_HOSTS": "cms.example.org",
    "PUBLIC_BASE_URL": "https://cms.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "submission://cms:secret@mail.example.org:587",
    "DEFAULT_FROM_EMAIL": "cms@example.org",
}


def django_admin(*args, cwd, drop=(), **env) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k not in {"DATABASE_URL", "VAR_DIR", *drop}
    }
    environment.update({k: v for k, v in RECIPE_ENV.items() if k not in drop}, **env)
    environment["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_data_inside_site_packages():
    """Started from site-packages without VAR_DIR, uploads would be deleted by a reinstall."""
    site_packages = sysconfig.get_paths()["purelib"]
    result = django_admin("check", cwd=site_packages)
    assert result.returncode != 0
    assert "inside the installed code" in result.stderr
    assert "VAR_DIR" in result.stderr


def test_production_defaults_data_to_the_working_directory(tmp_path):
    result = django_admin(
        "shell", "-c", "from django.conf import settings; print(settings.MEDIA_ROOT)", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(tmp_path.resolve() / "var" / "media")


@pytest.mark.parametrize(
    ("missing", "warning"),
    [
        ("REDIS_URL", "cms_site.W001"),
        ("PUBLIC_BASE_URL", "cms_site.W002"),
        ("EMAIL_URL", "cms_site.W003"),
        ("DEFAULT_FROM_EMAIL", "cms_site.W004"),
        ("VAR_DIR", "cms_site.W005"),
    ],
)
def test_check_deploy_warns_when_a_recipe_setting_is_missing(tmp_path, missing, warning):
    env = {} if missing == "VAR_DIR" else {"VAR_DIR": str(tmp_path / "var")}
    result = django_admin(
        "check", "--deploy", "--fail-level", "WARNING", cwd=tmp_path, drop=(missing,), **env
    )
    assert result.returncode != 0
    assert warning in result.stderr + result.stdout
    # Only the missing one: the rest of the recipe's environment satisfies the others.
    others = {"cms_site.W001", "cms_site.W002", "cms_site.W003", "cms_site.W004"} - {warning}
    assert not any(other in result.stderr + result.stdout for other in others)


def test_check_deploy_is_clean_with_the_recipe_environment(tmp_path):
    result = django_admin(
        "check", "--deploy", "--fail-level", "WARNING", cwd=tmp_path, VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_email_url_and_public_base_url_configure_django_and_wagtail(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL,"
        " s.SERVER_EMAIL, s.WAGTAILADMIN_BASE_URL, s.WAGTAILAPI_BASE_URL)"
    )
    result = django_admin("shell", "-c", code, cwd=tmp_path, VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.org",
        "587",
        "True",
        "cms@example.org",
        "cms@example.org",
        "https://cms.example.org",
        "https://cms.example.org",
    ]


@pytest.mark.django_db
def test_configure_site_sets_the_sites_host_and_port(settings):
    settings.PUBLIC_BASE_URL = "https://cms.example.org"
    call_command("configure_site", stdout=open(os.devnull, "w"))  # noqa: SIM115
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("cms.example.org", 443)
    assert site.root_url == "https://cms.example.org"
    call_command("configure_site", url="http://127.0.0.1:6081", stdout=open(os.devnull, "w"))  # noqa: SIM115
    site.refresh_from_db()
    assert site.root_url == "http://127.0.0.1:6081"


@pytest.mark.django_db
def test_configure_site_refuses_a_bad_address(settings):
    settings.PUBLIC_BASE_URL = ""
    with pytest.raises(CommandError, match="PUBLIC_BASE_URL"):
        call_command("configure_site")
    for bad in ("cms.example.org", "ftp://cms.example.org", "https://cms.example.org/sub/"):
        with pytest.raises(CommandError):
            call_command("configure_site", url=bad)


def test_parse_base_url():
    assert parse_base_url("https://cms.example.org/") == ("cms.example.org", 443)
    assert parse_base_url("http://127.0.0.1:8000") == ("127.0.0.1", 8000)


def test_an_unknown_email_url_scheme_is_refused_with_a_message(tmp_path):
    result = django_admin("check", cwd=tmp_path, VAR_DIR=str(tmp_path), EMAIL_URL="smtp+tls://h")
    assert result.returncode != 0
    assert "EMAIL_URL has an unknown scheme (smtp+tls)" in result.stderr
