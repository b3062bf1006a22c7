"""The project's search backend: Wagtail's database backend, made safe for any query string.

Wagtail's SQLite (FTS5) backend passes a lone double quote or a NUL byte straight into the
MATCH expression, where it is a syntax error: `/search/?q="` and `/api/v2/pages/?search="`
answered 500. Every search — site search, the library page, both APIs, the admin — goes
through the configured backend, so the query is cleaned once, here.
"""

import re

from wagtail.search.backends import database

from .search_languages import locale_aware_backend_class

# Characters that end or break an FTS5 string: the double quote and control characters.
UNSAFE_CHARACTERS = re.compile(r'["\x00-\x1f\x7f]')


def clean_query(query):
    """Blank out unsafe characters of a plain-text query; query objects pass through."""
    if isinstance(query, str):
        return UNSAFE_CHARACTERS.sub(" ", query).strip()
    return query


class QueryCleaningMixin:
    def search(self, query, *args, **kwargs):
        return super().search(clean_query(query), *args, **kwargs)

    def autocomplete(self, query, *args, **kwargs):
        return super().autocomplete(clean_query(query), *args, **kwargs)


def SearchBackend(params):  # Wagtail looks the backend up by this name
    """The database backend Wagtail would choose for this database, with queries cleaned."""
    backend_class = type(database.SearchBackend(params))
    if backend_class.__module__.endswith("postgres"):
        # Each page indexed and searched in its own language (cms_site.search_languages).
        backend_class = locale_aware_backend_class(backend_class)
    safe_class = type(f"Safe{backend_class.__name__}", (QueryCleaningMixin, backend_class), {})
    return safe_class(params)
