"""Security posture of the public site: a Content-Security-Policy and a throttled admin login.

``ContentSecurityPolicyMiddleware`` adds ``settings.CONTENT_SECURITY_POLICY`` to every response
outside the Wagtail admin (which runs inline scripts and styles of its own, and frames its
previews). The interactive API docs (``/api/v3/docs/``) load Swagger UI from the site's own
static files with no inline script, so they run under the policy too. The public templates
carry no inline script, inline style or style attribute, so the strict policy holds for them.

``ThrottledLoginView`` is Wagtail's own admin login view with a failure counter in the cache
per (username, client address): after ``LOGIN_THROTTLE["FAILURES"]`` failed attempts within
``LOGIN_THROTTLE["WINDOW"]`` seconds the form answers 429 with an error until the window
passes — even for the right password. A successful login clears the counter. The counter lives
in the default cache (Redis in production, shared by every worker).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from wagtail.admin.views.account import LoginView

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


def throttle_settings() -> tuple[int, int]:
    config = getattr(settings, "LOGIN_THROTTLE", {})
    return int(config.get("FAILURES", 5)), int(config.get("WINDOW", 15 * 60))


def throttle_key(request, username: str) -> str:
    client = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{username.strip().lower()}\x00{client}".encode()).hexdigest()
    return f"login-throttle:{digest}"


class ThrottledLoginView(LoginView):
    """Wagtail's admin login, refusing further attempts after repeated failures."""

    LOCKED_MESSAGE = (
        "Too many failed login attempts for this account from your address. "
        "Please wait {minutes} minutes and try again."
    )

    def post(self, request, *args, **kwargs):
        failures, window = throttle_settings()
        key = throttle_key(request, request.POST.get("username", ""))
        if cache.get(key, 0) >= failures:
            form = self.get_form()
            form.is_valid()  # bind and clean, so the form re-renders with the username
            form.errors.clear()
            form.add_error(None, self.LOCKED_MESSAGE.format(minutes=max(1, window // 60)))
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            response["Retry-After"] = str(window)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        _failures, window = throttle_settings()
        key = throttle_key(self.request, self.request.POST.get("username", ""))
        if cache.add(key, 1, window) is False:
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, window)
        return super().form_invalid(form)

    def form_valid(self, form):
        cache.delete(throttle_key(self.request, self.request.POST.get("username", "")))
        return super().form_valid(form)
