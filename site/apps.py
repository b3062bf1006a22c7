"""The project as an installed app: its ``ready()`` wires the project-wide consumers of the
publication pipeline (``equity.headless.publication``).

The anonymous response cache and the content cache need no wiring: they key on the
pipeline's content version. What is wired here acts on each committed change:

- ``cms_site.http_caching.purge_frontend_cache``: the front-end cache (Varnish, a CDN)
  purges every address the change affects, through Wagtail's own backends.
"""

from django.apps import AppConfig


class CmsSiteConfig(AppConfig):
    name = "cms_site"
    label = "cms_site"
    verbose_name = "Advancing Equity site"

    def ready(self):
        from equity.headless.publication import content_changed

        from .http_caching import purge_frontend_cache

        content_changed.connect(purge_frontend_cache, dispatch_uid="cms_site.purge")

        # `check --deploy` warns when a setting the production recipe needs is missing.
        from . import checks  # noqa: F401
