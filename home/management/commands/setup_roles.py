"""Create or repair the editorial groups and the press-release workflow (see home.roles)."""

from django.core.management.base import BaseCommand

from home.roles import setup_roles


class Command(BaseCommand):
    help = "Set up the Equity editors, Communications, Moderators and Administrators groups."

    def handle(self, *args, **options):
        groups = setup_roles()
        self.stdout.write(self.style.SUCCESS(f"Roles ready: {', '.join(groups)}"))
