"""Build the demo site: Home → Advancing Equity (and, as they arrive, the newsroom).

Idempotent: a second run finds what the first made and changes nothing, so `make run` can
call it every time without overwriting an editor's work.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Site

from equity.demo import ensure_landing_page
from home.models import HomePage

HOME_INTRO = (
    "<p>News, tools and learning from California's cities, for the people who lead them.</p>"
)


class Command(BaseCommand):
    help = "Create the demo pages (idempotent: existing content is kept as it is)."

    @transaction.atomic
    def handle(self, *args, **options):
        home = self.ensure_home_page()
        landing = ensure_landing_page(home)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready: {home.url or '/'} and {landing.url}")
        )

    def ensure_home_page(self) -> HomePage:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = HomePage.objects.first()
        if home is None:
            raise SystemExit("No home page: run `manage.py migrate` first.")
        if not home.intro:
            home.intro = HOME_INTRO
            home.save_revision().publish()
        if site is not None and not site.site_name:
            site.site_name = "Advancing Equity"
            site.save(update_fields=["site_name"])
        return home
