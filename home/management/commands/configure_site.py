"""Give the default Wagtail Site the public host name and port from ``PUBLIC_BASE_URL``."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_base_url(url: str) -> tuple[str, int]:
    """``https://cms.example.org`` → ``("cms.example.org", 443)``; ``ValueError`` if it is not
    an absolute http(s) address without a path."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"{url!r} is not an http(s) address such as https://cms.example.org")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(f"{url!r} has a path: the site must be served at the root of its host")
    return parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme]


class Command(BaseCommand):
    help = (
        "Set the default Site's host name and port from PUBLIC_BASE_URL (or --url), so that "
        "absolute links and front-end cache purges use the public address. Safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default=None, help="default: the PUBLIC_BASE_URL setting")

    def handle(self, *args, url=None, **options):
        url = url or settings.PUBLIC_BASE_URL
        if not url:
            raise CommandError("Set PUBLIC_BASE_URL (e.g. https://cms.example.org) or pass --url.")
        try:
            hostname, port = parse_base_url(url)
        except ValueError as error:
            raise CommandError(str(error)) from error
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default Site yet: run migrate (and load content).")
        if (site.hostname, site.port) == (hostname, port):
            self.stdout.write(f"Site '{site}' already at {hostname}:{port}.")
            return
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
        self.stdout.write(f"Site '{site.site_name or site.pk}' now at {hostname}:{port}.")
