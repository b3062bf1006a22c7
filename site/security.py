"""Security posture of the public site: a Content-Security-Policy and throttled password forms.

``ContentSecurityPolicyMiddleware`` adds ``settings.CONTENT_SECURITY_POLICY`` to every response
outside the Wagtail admin (which runs inline scripts and styles of its own, and frames its
previews). The interactive API docs (``/api/v3/docs/``) load Swagger UI from the site's own
static files with no inline script, so they run under the policy too. The public templates
carry no inline script, inline style or style attribute, so the strict policy holds for them.

``Throttle`` counts failed attempts in the cache per (what is attacked, client address):
after ``FAILURES`` failures within ``WINDOW`` seconds further attempts answer 429 with a form
error until the window passes — even with the right secret. Three forms use it:

- ``ThrottledLoginView``, Wagtail's admin login, per (username, client) (``LOGIN_THROTTLE``);
  a successful login clears the counter. Keyed by client too, so an attacker elsewhere cannot
  lock a real user out; that needs the *real* client address (``client_address``).
- ``authenticate_with_password`` and ``authenticate_document_password``, Wagtail's page and
  document-collection password forms, per (view restriction, client)
  (``PAGE_PASSWORD_THROTTLE``).

The counters live in the default cache (Redis in production, shared by every worker). While
that cache is unavailable (``ResilientRedisCache.available`` is false) they live in a
process-local cache instead: throttling keeps working, per process (an attacker gets at most
``FAILURES`` attempts per window per gunicorn worker), rather than failing open or locking
everyone out.

``client_address(request)``: ``REMOTE_ADDR``, unless it is one of ``TRUSTED_PROXIES``
(addresses or networks of the proxies in front of gunicorn); then ``X-Forwarded-For`` is read
from the right, skipping trusted proxies, and the first other address is the client. A client
cannot forge its address: entries it adds itself are to the left of the one the proxy adds.
"""

import hashlib
import ipaddress
from functools import lru_cache

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from wagtail import views as wagtail_views
from wagtail.admin.views.account import LoginView
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import PageViewRestriction

DEFAULT_EXEMPT_PATHS = ("/admin/", "/django-admin/")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        self.exempt = tuple(
            getattr(settings, "CONTENT_SECURITY_POLICY_EXEMPT_PATHS", DEFAULT_EXEMPT_PATHS)
        )

    def __call__(self, request):
        # Wagtail's preview renders the page through a dummy request (``is_dummy``) for the
        # page's own URL, run through this middleware too; that response is framed by the
        # admin, so it is exempt like the admin itself.
        exempt = request.path.startswith(self.exempt) or getattr(request, "is_dummy", False)
        response = self.get_response(request)
        if self.policy and not exempt:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


# Counters while the shared cache is unavailable (per process).
LOCAL_COUNTERS = LocMemCache("throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


@lru_cache(maxsize=8)
def _trusted_networks(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request) -> str:
    """The client's IP address as a string (see the module docstring); ``""`` if unknown."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _trusted_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([hop for hop in forwarded if hop]):
        if not _is_trusted(hop, networks):
            return hop
    return remote


class Throttle:
    """Failed attempts per (subject, client) in the cache; see the module docstring.

    ``name`` names the settings dict (``{"FAILURES": int, "WINDOW": seconds}``) and the keys.
    """

    def __init__(self, name: str, failures: int = 5, window: int = 15 * 60):
        self.name, self.default_failures, self.default_window = name, failures, window

    def limits(self) -> tuple[int, int]:
        config = getattr(settings, self.name, {})
        return (
            int(config.get("FAILURES", self.default_failures)),
            int(config.get("WINDOW", self.default_window)),
        )

    def key(self, request, subject: str) -> str:
        raw = f"{subject}\x00{client_address(request)}".encode()
        return f"{self.name.lower()}:{hashlib.sha256(raw).hexdigest()}"

    @staticmethod
    def store():
        return cache if getattr(cache, "available", True) else LOCAL_COUNTERS

    def is_locked(self, request, subject: str) -> bool:
        failures, _window = self.limits()
        return (self.store().get(self.key(request, subject)) or 0) >= failures

    def record_failure(self, request, subject: str) -> None:
        _failures, window = self.limits()
        key, store = self.key(request, subject), self.store()
        if store.add(key, 1, window) is False:
            try:
                store.incr(key)
            except ValueError:  # expired between add and incr (or the cache just failed)
                store.set(key, 1, window)

    def clear(self, request, subject: str) -> None:
        self.store().delete(self.key(request, subject))

    def minutes(self) -> int:
        return max(1, self.limits()[1] // 60)


LOGIN_THROTTLE = Throttle("LOGIN_THROTTLE")
PAGE_PASSWORD_THROTTLE = Throttle("PAGE_PASSWORD_THROTTLE")


def login_subject(request) -> str:
    return request.POST.get("username", "").strip().lower()


class ThrottledLoginView(LoginView):
    """Wagtail's admin login, refusing further attempts after repeated failures."""

    LOCKED_MESSAGE = (
        "Too many failed login attempts for this account from your address. "
        "Please wait {minutes} minutes and try again."
    )

    def post(self, request, *args, **kwargs):
        if LOGIN_THROTTLE.is_locked(request, login_subject(request)):
            form = self.get_form()
            form.is_valid()  # bind and clean, so the form re-renders with the username
            form.errors.clear()
            form.add_error(None, self.LOCKED_MESSAGE.format(minutes=LOGIN_THROTTLE.minutes()))
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            response["Retry-After"] = str(LOGIN_THROTTLE.limits()[1])
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        LOGIN_THROTTLE.record_failure(self.request, login_subject(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        LOGIN_THROTTLE.clear(self.request, login_subject(self.request))
        return super().form_valid(form)


class LockedPasswordForm(PasswordViewRestrictionForm):
    """The page password form while its throttle is locked: never checks the password."""

    LOCKED_MESSAGE = gettext_lazy(
        "Too many wrong passwords from your address. Please wait {minutes} minutes and try again."
    )

    def clean_password(self):
        return self.cleaned_data["password"]

    def clean(self):
        raise forms.ValidationError(
            str(self.LOCKED_MESSAGE).format(minutes=PAGE_PASSWORD_THROTTLE.minutes())
        )


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page password view (same URL and name), throttled per restriction and client.

    A wrong password counts a failure; while locked the form answers 429 with an error
    without looking at the password, and a right one is refused too until the window passes.
    """
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
    subject = f"restriction:{restriction.pk}"
    if PAGE_PASSWORD_THROTTLE.is_locked(request, subject):
        from django.urls import reverse
        from wagtail.models import Page

        page = get_object_or_404(Page, id=page_id).specific
        form = LockedPasswordForm(request.POST, instance=restriction)
        form.is_valid()
        action_url = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
        )
        response = page.serve_password_required_response(request, form, action_url)
        response.status_code = 429
        response["Retry-After"] = str(PAGE_PASSWORD_THROTTLE.limits()[1])
        return response
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if response.status_code == 302:
        PAGE_PASSWORD_THROTTLE.clear(request, subject)
    else:
        PAGE_PASSWORD_THROTTLE.record_failure(request, subject)
    return response


def authenticate_document_password(request, restriction_id):
    """Wagtail's collection (document) password view, throttled like the page password form:
    per collection view restriction and client, with the same limits."""
    from django.template.response import TemplateResponse
    from django.urls import reverse
    from wagtail.documents.views import serve as document_views
    from wagtail.models import CollectionViewRestriction

    if request.method != "POST":
        return document_views.authenticate_with_password(request, restriction_id)
    restriction = get_object_or_404(CollectionViewRestriction, id=restriction_id)
    subject = f"collection-restriction:{restriction.pk}"
    if PAGE_PASSWORD_THROTTLE.is_locked(request, subject):
        form = LockedPasswordForm(request.POST, instance=restriction)
        form.is_valid()
        template = getattr(
            settings, "WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE", "wagtaildocs/password_required.html"
        )
        action_url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.id])
        response = TemplateResponse(request, template, {"form": form, "action_url": action_url})
        response.status_code = 429
        response["Retry-After"] = str(PAGE_PASSWORD_THROTTLE.limits()[1])
        return response
    response = document_views.authenticate_with_password(request, restriction_id)
    if response.status_code == 302:
        PAGE_PASSWORD_THROTTLE.clear(request, subject)
    else:
        PAGE_PASSWORD_THROTTLE.record_failure(request, subject)
    return response
