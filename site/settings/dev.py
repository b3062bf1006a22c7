"""Local development: debug on, a throwaway secret key, served by `make run`."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", True)
# Only for a developer's machine: production refuses to start without its own key.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Webhook receivers on this machine are allowed here (never in production by default).
WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
# `make run` queues background work in the database and runs `db_worker` beside the server
# (TASKS_BACKEND=database), as production does; otherwise it runs inline.
if os.environ.get("TASKS_BACKEND") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
