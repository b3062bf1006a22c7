"""The benchmark's stock-Wagtail peer (``bench/stockpeer/``) and ceiling are never part of
the site: the site's URLconf answers their addresses with its ordinary 404."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/stock/api/v2/pages/",
        "/stock/pages/",
        "/bench/ceiling/",
    ],
)
def test_bench_only_addresses_are_not_served_by_the_site(client, home, path):
    assert settings.ROOT_URLCONF == "cms_site.urls"
    assert client.get(path).status_code == 404
