"""Search stems each language with its own rules on PostgreSQL (cms_site.search_languages)."""

import pytest
from django.db import connection
from wagtail.models import Locale

from cms_site.search_languages import config_for_language

pytestmark = pytest.mark.django_db


def test_each_language_has_its_configuration():
    assert config_for_language("es", None) == "spanish"
    assert config_for_language("es-mx", None) == "spanish"
    assert config_for_language("en", None) == "english"
    assert config_for_language("vi", None) == "simple"  # no stemmer: words as written
    assert config_for_language(None, "english") == "english"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_spanish_pages_are_stemmed_as_spanish(client, home):
    spanish = Locale.objects.get(language_code="es")
    home_es = home.copy_for_translation(spanish)
    home_es.title, home_es.slug = "Trabajamos por la equidad", "inicio"
    home_es.save_revision().publish()
    # "trabajar" finds "Trabajamos" only with Spanish stemming (both "trabaj"); English
    # rules leave "trabajar" and "trabajamo" apart.
    found = results(client.get("/es/search/?q=trabajar").text)
    assert "Trabajamos por la equidad" in found
    english = results(client.get("/search/?q=trabajar").text)
    assert "Trabajamos por la equidad" not in english  # English search, English pages


def results(html: str) -> str:
    """The list of page results (the menu also names the home page)."""
    start = html.find('<ol class="resource-list"')
    return html[start : html.find("</ol>", start)] if start >= 0 else ""
