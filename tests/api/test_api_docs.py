"""``/api/v3/docs/`` is served from the site's own static files, under the site's CSP."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_docs_load_only_local_static_files_under_the_csp(client):
    response = client.get("/api/v3/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any(source.endswith("swagger-ui-bundle.js") for source in sources), sources
    for source in sources:
        assert source.startswith(static("")), source  # nothing from a CDN
        assert finders.find(source.removeprefix(static(""))), source  # and it exists
    # No inline script: the only <script> without src is JSON data, which a CSP allows.
    for tag in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html):
        assert 'type="application/json"' in tag, tag
