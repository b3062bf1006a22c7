"""Email: the backend from one ``EMAIL_URL``, and the sender addresses."""

import os

import dj_email_url

# EMAIL_URL configures the backend in one value (dj-email-url), e.g.
# submission://user:password@mail.example.org:587 or console:// ; unset, Django's defaults apply
# (SMTP on localhost:25), which `check --deploy` warns about.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    _email = dj_email_url.parse(EMAIL_URL)
    if not _email.get("EMAIL_BACKEND"):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"EMAIL_URL has an unknown scheme ({EMAIL_URL.split(':', 1)[0]}): use smtp://, "
            "submission:// (STARTTLS on 587), console:// or another dj-email-url scheme."
        )
    globals().update(_email)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
