"""Security: request size limits, the Content-Security-Policy and other response headers,
login and page-password throttling, trusted proxies, and who publishes without review."""

import os

from .env import env_list
from .storage import MEDIA_ORIGIN

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies other than files (a page form with a long StreamField stays well under this);
# uploaded files above FILE_UPLOAD_MAX_MEMORY_SIZE are streamed to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Whole request bodies (bytes, from Content-Length, refused with 413 before they are read):
# anyone may send up to ANONYMOUS (forms, page passwords, API writes with a token); only a
# signed-in user up to SIGNED_IN (the admin's document and image uploads plus form fields).
REQUEST_BODY_LIMITS = {
    "ANONYMOUS": int(
        os.environ.get("REQUEST_BODY_LIMIT_ANONYMOUS", str(DATA_UPLOAD_MAX_MEMORY_SIZE))
    ),
    "SIGNED_IN": int(os.environ.get("REQUEST_BODY_LIMIT_SIGNED_IN", str(25 * 1024 * 1024))),
}

# --- Security ------------------------------------------------------------------------------
# The public pages have no inline script or style: this policy holds for them. The admin and
# the interactive API docs (inline scripts, framed previews) are exempt. Embeds of videos
# are framed from the providers listed in frame-src.
CONTENT_SECURITY_POLICY = os.environ.get(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-src 'self' https://www.youtube.com https://www.youtube-nocookie.com "
    "https://player.vimeo.com; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; "
    "object-src 'none'",
)
if MEDIA_ORIGIN and "CONTENT_SECURITY_POLICY" not in os.environ:
    # Images and renditions are read from the media bucket's origin.
    CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
        "img-src 'self' data:", f"img-src 'self' data: {MEDIA_ORIGIN}"
    )
CONTENT_SECURITY_POLICY_EXEMPT_PATHS = ["/admin/", "/django-admin/"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Admin login: after FAILURES failed attempts for one username from one address within
# WINDOW seconds, the login form answers 429 until the window has passed.
LOGIN_THROTTLE = {"FAILURES": 5, "WINDOW": 15 * 60}
# Page passwords (Wagtail's password-protected pages): per view restriction and address.
PAGE_PASSWORD_THROTTLE = {"FAILURES": 10, "WINDOW": 15 * 60}
# Addresses or networks of the reverse proxies in front of gunicorn (comma-separated, e.g.
# 127.0.0.1,10.0.0.0/8). From them, the client address is read from X-Forwarded-For; from
# anyone else X-Forwarded-For is ignored. Empty: REMOTE_ADDR is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Section groups that publish their own pages without a Moderator's review (setup_roles):
# a comma-separated list of "Equity editors" and/or "Communications"; empty = review all.
ROLES_PUBLISH_DIRECTLY = env_list("ROLES_PUBLISH_DIRECTLY", "")
