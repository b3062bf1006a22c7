"""WSGI entry point: ``gunicorn cms_site.wsgi`` (production settings unless told otherwise)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms_site.settings.production")

application = get_wsgi_application()
