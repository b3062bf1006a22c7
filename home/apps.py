from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Home"

    def ready(self):
        # The project's anonymous response cache is invalidated on publish, unpublish,
        # delete and content edits, in every process (web workers and cron commands alike).
        from cms_site.anonymous_cache import connect_signals

        connect_signals()

        # HTTP caching: Last-Modified moves on every content change; publishes purge the
        # front-end cache (when one is configured) of every address that shows the page.
        from cms_site import http_caching

        http_caching.connect_signals()

        # `check --deploy` warns when a setting the production recipe needs is missing.
        from cms_site import checks  # noqa: F401
