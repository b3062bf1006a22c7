"""API responses built once per content version for anonymous readers: the response store.

An anonymous reader's API answer (a v2 listing or detail, the v3 page listing or detail) only
changes when the publication pipeline (``equity.headless.publication``) records a change of public
content, as a page's HTML does (``equity.headless.stored_pages``). So the first anonymous
request for an address builds it — its items from the representation store
(``equity.headless.stored_surfaces``) — and the body is kept here; the next reader of the same
address gets the same bytes without the viewset, its queries or the JSON encoder.

Keys and invalidation
    An entry's key names the API (``v2``, ``v3``), the *content version* read when the
    request started, the site's root URL, the path, the sorted query string, the language and
    the negotiated media type. Every change the pipeline records (a publish anywhere, a move,
    a privacy change, an edited record, a translation's sync…) writes a new content version,
    so every stored answer is built again after any change, in every process. Nothing expires
    on a timer (``REPRESENTATION_TIMEOUT`` only bounds memory).

Who reads and writes
    Only ``GET`` requests that may read the representation store (``representations
    .eligible``: anonymous, no session cookie, ``Authorization`` header, ``token`` or
    preview), so drafts, previews, signed-in editors and API tokens never see a stored answer;
    the anonymous API itself only lists and finds live, public content. Only a plain ``200``
    is kept (not an error, a redirect, a response with cookies or with ``Cache-Control:
    private``/``no-store``/``no-cache``); a query is answered without the store when it holds
    a free-text search (``SEARCH_PARAMETERS``) or a value longer than ``MAX_VALUE``
    characters, so nobody fills the store with made-up addresses cheaply. A bad query is a
    400 from the API's own checks and is never stored.
"""

from __future__ import annotations

from functools import wraps

from django.utils import translation

from equity.api_params import decorated_operation

from . import representations as store
from .publication import request_content_version
from .stored_pages import KEPT_HEADERS, storable, stored_response

# Free-text parameters: each value is another address. Answered without the store.
SEARCH_PARAMETERS = frozenset({"search", "search_operator", "q"})
MAX_VALUE = 200
# The v3 operations whose answers are stored. Below this store, a page's v3 detail is also
# kept per page revision (``stored_surfaces.stored_v3_detail``): it outlives other pages'
# publishes.
V3_OPERATIONS = frozenset({"list_pages", "detail_page"})


def response_key(request, api: str, media_type: str = "") -> str | None:
    """The key of ``request``'s answer from ``api`` (``"v2"``, ``"v3"``), or ``None`` when it
    is never stored (see the module)."""
    if request.method != "GET" or not store.eligible(request):
        return None
    query = sorted(request.GET.lists())
    for name, values in query:
        if name in SEARCH_PARAMETERS or any(len(value) > MAX_VALUE for value in values):
            return None
    version = request_content_version(request)[0]
    return store.entry_key(
        "response", api, 0, version,
        request.build_absolute_uri("/"), request.path, query, translation.get_language(),
        media_type,
    )  # fmt: skip


def read(request, key: str):
    """The stored answer of ``key`` as a new ``HttpResponse``, or ``None``."""
    value = store.Batch(request, [key]).get(key)
    return stored_response(value) if value is not None else None


def write(request, key: str, response) -> None:
    """Keep ``response`` (rendered) under ``key`` if it may be stored. Never raises."""
    if not storable(response):
        return
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    batch = store.Batch(request, [])
    batch.put(key, {"body": response.content, "headers": headers}, [])
    batch.save()


class StoredResponsesMixin:
    """For a Wagtail v2 viewset: its listing and detail answers come from the response store
    (see the module). Put it before the viewset's other bases."""

    _response_key = None

    def _stored(self, handler, request, *args, **kwargs):
        media_type = getattr(request, "accepted_media_type", "") or ""
        key = response_key(request, "v2", media_type)
        if key is not None:
            stored = read(request, key)
            if stored is not None:
                return stored
        self._response_key = key
        return handler(request, *args, **kwargs)

    def listing_view(self, request):
        return self._stored(super().listing_view, request)

    def detail_view(self, request, pk):
        return self._stored(super().detail_view, request, pk)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        key, self._response_key = self._response_key, None
        if key is not None and response.status_code == 200 and hasattr(response, "render"):
            response.render()  # the bytes the reader gets, negotiated and encoded
            write(request, key, response)
        return response


def stored_v3_responses(run):
    """Ninja "view" decorator: the answers of ``V3_OPERATIONS`` from the response store."""
    if getattr(decorated_operation(run), "url_name", None) not in V3_OPERATIONS:
        return run

    @wraps(run)
    def stored(request, *args, **kwargs):
        key = response_key(request, "v3")
        if key is None:
            return run(request, *args, **kwargs)
        answer = read(request, key)
        if answer is not None:
            return answer
        response = run(request, *args, **kwargs)
        write(request, key, response)
        return response

    return stored
