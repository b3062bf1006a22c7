"""The interactive API docs render in a real browser under the site's CSP (not bypassed),
with every request to the site itself: no CDN, no policy violation."""

from urllib.parse import urlparse

import pytest


@pytest.mark.django_db(transaction=True)
def test_api_docs_render_offline_under_the_csp(browser, live_server):
    context = browser.new_context(bypass_csp=False)
    page = context.new_page()
    page.set_default_timeout(30_000)
    hosts, violations = set(), []
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    try:
        response = page.goto(live_server.url + "/api/v3/docs/")
        assert response.status == 200
        assert "script-src 'self'" in response.headers["content-security-policy"]
        # Swagger UI fetched the OpenAPI document and drew the operations.
        page.wait_for_selector(".swagger-ui .opblock-summary-path")
        assert "Wagtail API" in page.inner_text(".swagger-ui .info")
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        assert any("/api/v3/resources/" in path for path in paths), paths[:5]
    finally:
        context.close()
    assert hosts == {urlparse(live_server.url).netloc}, hosts
    assert not violations, violations
