"""The language of a request, from its address alone.

Pages, site search and the feeds are served under ``i18n_patterns`` with
``prefix_default_language=False``: ``/advancing-equity/`` is English (``LANGUAGE_CODE``),
``/es/avanzando-equidad/`` Spanish. Django's ``LocaleMiddleware`` would also read the
``Accept-Language`` header and the language cookie for addresses without a prefix (the API, the
sitemap) and add ``Vary: Accept-Language`` to every unprefixed response; then the same address
could answer in two languages and every cache keyed on the address (the anonymous response
cache, a CDN) would mix them. Here the address decides, always: no header, no cookie, no
``Vary``. Readers choose a language with the switcher, which links to the other address.
The Wagtail admin is unaffected: it activates each user's own preferred language.
"""

from django.conf import settings
from django.utils import translation


class PathLanguageMiddleware:
    """Activate the language named by the address's prefix (``/es/…``), else ``LANGUAGE_CODE``;
    sets ``request.LANGUAGE_CODE`` and the ``Content-Language`` header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        # For this request only: the thread's language is restored afterwards.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
