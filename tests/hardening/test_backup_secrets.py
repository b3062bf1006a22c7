"""Backups hold secrets: the archive is readable by its owner only; a restore brings API
tokens back (working under the same SECRET_KEY) and webhook endpoints back inactive unless
asked, so a staging restore never calls production receivers."""

import os
import stat
import tarfile

import pytest
from django.core.management import call_command
from wagtail.models import APIToken

from equity.models import WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("apiuser", password="pw-api-user-1")


@pytest.fixture
def content(editor, home):
    _token, plaintext = APIToken.create_token(user=editor, name="City site")
    WebhookEndpoint.objects.create(
        name="Production receiver", url="https://receiver.example.org/hook", active=True
    )
    WebhookEndpoint.objects.create(
        name="Paused receiver", url="https://paused.example.org/hook", active=False
    )
    return plaintext


def export(path) -> None:
    call_command("export_content", output=str(path), verbosity=0)


def lose_everything() -> None:
    APIToken.objects.all().delete()
    WebhookEndpoint.objects.all().delete()


def whoami(client, token) -> int:
    return client.get("/api/v3/whoami/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code


def test_archive_is_owner_only_whatever_the_umask(tmp_path, content):
    archive = tmp_path / "archive.tar.gz"
    previous = os.umask(0o000)
    try:
        export(archive)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    # An existing, world-readable file is narrowed too.
    archive.chmod(0o644)
    export(archive)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive, "r:gz") as tar:
        assert {"content.json", "manifest.json"} <= set(tar.getnames())


def test_restore_brings_tokens_back_and_endpoints_inactive(tmp_path, client, content):
    token = content
    assert whoami(client, token) == 200
    archive = tmp_path / "archive.tar.gz"
    export(archive)
    lose_everything()
    assert whoami(client, token) == 401

    call_command("import_content", str(archive), replace=True, verbosity=0)
    assert whoami(client, token) == 200
    assert WebhookEndpoint.objects.count() == 2
    assert not WebhookEndpoint.objects.filter(active=True).exists()


def test_restore_can_keep_endpoints_active(tmp_path, content):
    archive = tmp_path / "archive.tar.gz"
    export(archive)
    lose_everything()
    call_command("import_content", str(archive), replace=True, keep_webhooks_active=True)
    assert dict(WebhookEndpoint.objects.values_list("name", "active")) == {
        "Production receiver": True,
        "Paused receiver": False,
    }


def test_tokens_need_the_same_secret_key(tmp_path, client, content, settings):
    archive = tmp_path / "archive.tar.gz"
    export(archive)
    lose_everything()
    call_command("import_content", str(archive), replace=True, verbosity=0)
    settings.SECRET_KEY = "another-environment-secret-key"
    assert whoami(client, content) == 401
    settings.SECRET_KEY_FALLBACKS = ["test-only-secret-key"]
    assert whoami(client, content) == 200
