"""Build the demo site: Home → Advancing Equity (roadmap, library) and the newsroom.

Idempotent: a second run finds what the first made and changes nothing, so `make run` can
call it every time without overwriting an editor's work.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from home.models import HomePage

from ...demo.equity import ensure_landing_page
from ...demo.equity_es import ensure_spanish_hub
from ...demo.generators import ensure_generated_releases, ensure_generated_resources
from ...demo.newsroom import ensure_newsroom_demo
from ...demo.newsroom_es import ensure_spanish_newsroom
from ...demo.translation import translate_page

HOME_INTRO = (
    "<p>News, tools and learning from California's cities, for the people who lead them.</p>"
)
HOME_ES = {
    "title": "Inicio",
    "slug": "inicio",
    "intro": "<p>Noticias, herramientas y formación de las ciudades de California, para "
    "quienes las dirigen.</p>",
}


class Command(BaseCommand):
    help = "Create the demo pages (idempotent: existing content is kept as it is)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            metavar="N",
            help="Also make sure N generated press releases exist (for scale testing).",
        )
        parser.add_argument(
            "--resources",
            type=int,
            default=0,
            metavar="N",
            help="Also make sure N generated library resources exist (for scale testing).",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        home = self.ensure_home_page()
        landing = ensure_landing_page(home)
        newsroom = ensure_newsroom_demo(home)
        # In Spanish too, when that language is configured: the home page first (the other
        # translations go under it), then the hub and the newsroom with one release.
        if translate_page(home, "es", HOME_ES) is not None:
            ensure_spanish_hub(landing)
            ensure_spanish_newsroom(newsroom)
        added = 0
        if options["articles"] > 0:
            added += (releases := ensure_generated_releases(newsroom, options["articles"]))
            self.stdout.write(f"Generated releases added: {releases}")
        if options["resources"] > 0:
            added += (resources := ensure_generated_resources(options["resources"]))
            self.stdout.write(f"Generated resources added: {resources}")
        if added and connection.vendor == "postgresql":
            # Thousands of rows written in bulk leave PostgreSQL's planner statistics saying
            # the tables are nearly empty until autovacuum catches up, and it picks plans
            # that cost twice the time (measured on the newsroom, feeds and APIs).
            transaction.on_commit(self.analyze)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready: {home.url or '/'} and {landing.url}")
        )

    def analyze(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write("Planner statistics updated (ANALYZE).")

    def ensure_home_page(self) -> HomePage:
        """The default site's HomePage. Migrations create it; an emptied (flushed) database
        gets the root collection, the page tree's root, a home page and a site rebuilt here."""
        if not Collection.objects.exists():
            Collection.add_root(name="Root")
        # A Locale per content language (a flushed database lost the ones migrations made).
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            Locale.objects.get_or_create(language_code=get_supported_content_language_variant(code))
        home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        if home is None:
            root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
            home = root.add_child(instance=HomePage(title="Home", slug="home"))
        if not home.intro:
            home.intro = HOME_INTRO
            home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        if not site.site_name:
            site.site_name = "Advancing Equity"
            site.save(update_fields=["site_name"])
        return home
