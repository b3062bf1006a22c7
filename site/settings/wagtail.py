"""Wagtail: the site's name and public address, search, documents, images and the API."""

import os

from .env import env_list

WAGTAIL_SITE_NAME = "Advancing Equity"
# The one public address of the site (scheme, host, port), e.g. https://cms.example.org: the
# admin's emails and the API's absolute URLs use it, and `manage.py configure_site` gives the
# Wagtail Site its host name and port from it. WAGTAILADMIN_BASE_URL / WAGTAILAPI_BASE_URL
# still override each one.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", PUBLIC_BASE_URL or "http://127.0.0.1:8000"
)
# Wagtail's database backend: PostgreSQL full-text search (ranked) on PostgreSQL, FTS5 on
# SQLite. A search server instead: SEARCH_URLS=https://search.example.org:9200 and
# SEARCH_BACKEND=wagtail.search.backends.opensearch3 (or elasticsearch8, ...), then
# `manage.py update_index` (the client library, e.g. opensearch-py, installed beside).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms_site.search"}}
# Documents are always served through /documents/<id>/<name>, which checks the collection's
# view restrictions and that something public uses the document; never from MEDIA_URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Set to an internal nginx location aliased to MEDIA_ROOT (e.g. "/protected-media/") to let
# nginx send the media files cms_site.media has allowed (X-Accel-Redirect).
MEDIA_X_ACCEL_REDIRECT = os.environ.get("MEDIA_X_ACCEL_REDIRECT", "")
if os.environ.get("SEARCH_URLS"):
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.opensearch3"),
        "URLS": env_list("SEARCH_URLS"),
        "INDEX": os.environ.get("SEARCH_INDEX", "equity-cms"),
        "TIMEOUT": 5,
    }
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Pixels (width x height x frames) an upload may have: a 40-megapixel photo. Each pixel costs
# about 4 bytes of memory whenever a rendition is made (Wagtail's default is 128 million).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Uploads must decode completely (a truncated PNG is a form error, not a later 500).
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms_site.images.DecodedImageForm"

# Apps read rich text as display HTML: internal links and embeds resolved, never the
# database format's <a linktype="page" id="3">. `?rich_text_format=markdown` still works.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100
