"""`ensure_admin`: the admin account `make run` creates, and its password."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


class TestEnsureAdmin:
    def test_creates_admin_with_a_random_password_printed_once(self, capsys, monkeypatch):
        from django.contrib.auth import get_user_model

        monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
        call_command("ensure_admin")
        out = capsys.readouterr().out
        password = out.split("password: ")[1].split()[0]
        admin = get_user_model().objects.get(username="admin")
        assert admin.is_superuser and admin.check_password(password)
        assert len(password) >= 12

        call_command("ensure_admin")
        again = capsys.readouterr().out
        assert password not in again
        assert "password unchanged" in again
        assert "manage.py changepassword admin" in again

    def test_an_existing_account_keeps_its_password(self, capsys, monkeypatch):
        """DJANGO_SUPERUSER_PASSWORD is only used when the account is created (as the README
        says); `changepassword` is the documented way to set a new one."""
        from django.contrib.auth import get_user_model

        monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "first-password-1")
        call_command("ensure_admin")
        monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "second-password-2")
        call_command("ensure_admin")
        assert "only used when the account is created" in capsys.readouterr().out
        admin = get_user_model().objects.get(username="admin")
        assert admin.check_password("first-password-1")

    def test_password_from_environment(self, capsys, monkeypatch):
        from django.contrib.auth import get_user_model

        monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "correct-horse-battery")
        call_command("ensure_admin")
        assert "correct-horse-battery" not in capsys.readouterr().out
        assert (
            get_user_model().objects.get(username="admin").check_password("correct-horse-battery")
        )
