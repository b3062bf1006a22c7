"""Make sure an `admin` superuser exists, without ever using a fixed default password."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the `admin` superuser if missing. The password comes from "
        "DJANGO_SUPERUSER_PASSWORD, or is generated and printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.org")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            # DJANGO_SUPERUSER_PASSWORD only applies to a new account: say so, and how to
            # recover a lost password, rather than ignore it silently.
            self.stdout.write(
                f"Admin account '{username}' already exists; password unchanged "
                "(DJANGO_SUPERUSER_PASSWORD is only used when the account is created). "
                f"To set a new one: .venv/bin/python manage.py changepassword {username}"
            )
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Created admin account '{username}' with password: {password}\n"
                    "It is shown only this once; change it in the admin under Account."
                )
            )
        else:
            self.stdout.write(f"Created admin account '{username}' (password from environment).")
