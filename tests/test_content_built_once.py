"""Content built once per module (``content_built_once``, tests/conftest.py): visible to each
test of the module, handed to each as a copy of its own."""

import pytest

from equity.models import EquityLandingPage

pytestmark = [pytest.mark.django_db, pytest.mark.content_built_once("landing_page")]


def test_each_test_reads_the_modules_content_through_a_copy(landing_page, content_built_once):
    kept = content_built_once["landing_page"]
    assert landing_page is not kept and landing_page.pk == kept.pk
    assert EquityLandingPage.objects.live().filter(pk=kept.pk).exists()
    landing_page.title = "Changed by one test"
    assert content_built_once["landing_page"].title == "Advancing Equity"


def test_a_tests_writes_are_rolled_back_after_it(landing_page):
    EquityLandingPage.objects.filter(pk=landing_page.pk).update(title="Written by a test")
    assert EquityLandingPage.objects.get(pk=landing_page.pk).title == "Written by a test"


def test_a_tests_writes_are_rolled_back_after_it_again(landing_page):
    """Run after the test above on the same worker or not: the module's title either way."""
    assert EquityLandingPage.objects.get(pk=landing_page.pk).title == "Advancing Equity"
