"""The site's URLs plus the benchmark's ceiling view; mounted only by ``settings.bench``."""

from django.http import HttpResponse
from django.urls import path

from .urls import urlpatterns as site_urlpatterns

CEILING_BODY = (
    b"<!doctype html><html lang=en><head><meta charset=utf-8><title>Ceiling</title></head>"
    b"<body><p>The fastest page this stack can serve.</p></body></html>"
)


def ceiling(request):
    """A plain Django view with a small fixed body: the most any page can hope for, with the
    same middleware, WSGI server and workers in front of it."""
    return HttpResponse(CEILING_BODY)


# Before the site's patterns: Wagtail's catch-all page route is last among them.
urlpatterns = [path("bench/ceiling/", ceiling, name="bench-ceiling"), *site_urlpatterns]
