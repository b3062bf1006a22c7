"""The bench settings without any of the project's caches, for the stock-Wagtail peer.

The anonymous response cache, the Site lookup cache and the content cache are off, and the
URLconf puts the stock routes (``stockpeer.urls``) in front of the site's.
"""

from pathlib import Path

from cms_site.settings.bench import *  # noqa: F403

ROOT_URLCONF = "stockpeer.urls"
ANONYMOUS_CACHE = {**ANONYMOUS_CACHE, "ENABLED": False}  # noqa: F405
SITE_LOOKUP_CACHE = False
EQUITY_CONTENT_CACHE = {**EQUITY_CONTENT_CACHE, "ENABLED": False}  # noqa: F405
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], str(Path(__file__).parent / "templates")]  # noqa: F405
