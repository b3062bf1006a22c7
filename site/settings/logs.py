"""Logging: one console handler on the root logger, at ``LOG_LEVEL``."""

import os

from django.utils.log import DEFAULT_LOGGING

# One console handler, on the root logger. Django's default configuration also gives the
# `django` logger a console handler (when DEBUG) and lets it propagate to the root, which
# printed every `django.*` line twice; here `django` has no handler of its own and only
# propagates. Naming `django` resets its children, so `django.server` (runserver's request
# lines) is restated as Django's default has it.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"django.server": DEFAULT_LOGGING["formatters"]["django.server"]},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": DEFAULT_LOGGING["handlers"]["django.server"],
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": DEFAULT_LOGGING["loggers"]["django.server"],
    },
}
