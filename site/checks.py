"""Deploy checks (``manage.py check --deploy``) for what the production recipe needs.

Each warns when a setting the README's production recipe sets is missing, and says what goes
wrong without it. They are registered by ``home.apps`` and run only with ``--deploy``.
"""

from django.conf import settings
from django.core.checks import Tags, Warning, register

REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """W001: without Redis every worker keeps its own cache, login throttle and invalidation."""
    if settings.CACHES.get("default", {}).get("BACKEND") == REDIS_BACKEND:
        return []
    return [
        Warning(
            "REDIS_URL is not set: every gunicorn worker keeps its own cache, so the admin "
            "login throttle counts per worker and a publish reaches other workers' response "
            "caches only after they expire.",
            hint="Set REDIS_URL, e.g. redis://127.0.0.1:6379/0 (shared by every app server).",
            id="cms_site.W001",
        )
    ]


@register(deploy=True)
def check_public_base_url(app_configs, **kwargs):
    """W002: absolute links (admin emails, API URLs, the Site) need the public address."""
    if getattr(settings, "PUBLIC_BASE_URL", ""):
        return []
    return [
        Warning(
            "PUBLIC_BASE_URL is not set: admin emails, the API's absolute URLs and the Wagtail "
            f"Site point at {settings.WAGTAILADMIN_BASE_URL} instead of the public address.",
            hint="Set PUBLIC_BASE_URL=https://cms.example.org, then run "
            "`manage.py configure_site`.",
            id="cms_site.W002",
        )
    ]


@register(deploy=True)
def check_email(app_configs, **kwargs):
    """W003/W004: moderation and password-reset emails need a mail server and a sender."""
    warnings = []
    if not getattr(settings, "EMAIL_URL", ""):
        warnings.append(
            Warning(
                "EMAIL_URL is not set: moderation notifications and password resets go to "
                "SMTP on localhost:25.",
                hint="Set EMAIL_URL, e.g. submission://user:password@mail.example.org:587.",
                id="cms_site.W003",
            )
        )
    if settings.DEFAULT_FROM_EMAIL == "webmaster@localhost":
        warnings.append(
            Warning(
                "DEFAULT_FROM_EMAIL is not set: emails are sent as webmaster@localhost.",
                hint="Set DEFAULT_FROM_EMAIL (and SERVER_EMAIL for error mails), e.g. "
                "cms@example.org.",
                id="cms_site.W004",
            )
        )
    return warnings


@register(deploy=True)
def check_storage_locations(app_configs, **kwargs):
    """W005: uploads must live where the operator chose, not where the process happened to
    start (the installed package itself is refused by the production settings)."""
    if getattr(settings, "AWS_STORAGE_BUCKET_NAME", "") or getattr(
        settings, "STORAGE_LOCATIONS_EXPLICIT", True
    ):
        return []
    return [
        Warning(
            f"VAR_DIR is not set: uploads go to {settings.MEDIA_ROOT} and collected static "
            f"files to {settings.STATIC_ROOT}, under the working directory.",
            hint="Set VAR_DIR=/srv/equity-cms/var (or MEDIA_ROOT and STATIC_ROOT), or keep "
            "media in object storage (AWS_STORAGE_BUCKET_NAME).",
            id="cms_site.W005",
        )
    ]


@register(deploy=True)
def check_private_documents(app_configs, **kwargs):
    """W006: documents of private collections must not sit in a publicly readable bucket."""
    if not getattr(settings, "AWS_STORAGE_BUCKET_NAME", "") or getattr(
        settings, "AWS_PRIVATE_STORAGE_BUCKET_NAME", ""
    ):
        return []
    return [
        Warning(
            "AWS_PRIVATE_STORAGE_BUCKET_NAME is not set: documents are stored in the public "
            "media bucket, where private collections' files are readable by anyone.",
            hint="Create a bucket without anonymous access and set "
            "AWS_PRIVATE_STORAGE_BUCKET_NAME.",
            id="cms_site.W006",
        )
    ]
