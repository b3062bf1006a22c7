"""CORS: the API answers configured origins (CORS_ALLOWED_ORIGINS); the admin never does."""

import pytest

pytestmark = pytest.mark.django_db

ALLOWED = "https://app.example.org"  # the test settings' CORS_ALLOWED_ORIGINS


@pytest.mark.parametrize("url", ["/api/v2/pages/", "/api/v3/pages/", "/api/v3/openapi.json"])
def test_the_api_allows_configured_origins(client, home, url):
    response = client.get(url, headers={"Origin": ALLOWED})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert "etag" in response["Access-Control-Expose-Headers"].lower()
    preflight = client.options(
        url,
        headers={
            "Origin": ALLOWED,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == ALLOWED
    assert "authorization" in preflight["Access-Control-Allow-Headers"]


def test_other_origins_get_no_cors_headers(client, home):
    response = client.get("/api/v2/pages/", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("url", ["/admin/login/", "/", "/admin/api/main/pages/"])
def test_never_for_the_admin_or_pages(client, home, url):
    response = client.get(url, headers={"Origin": ALLOWED})
    assert "Access-Control-Allow-Origin" not in response
    preflight = client.options(
        url, headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST"}
    )
    assert "Access-Control-Allow-Origin" not in preflight
