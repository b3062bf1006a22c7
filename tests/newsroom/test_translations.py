"""The newsroom in Spanish: a release's translation, its feed and the About paragraph per
language (the admin form, the page and the API)."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Site

from newsroom.models import NewsroomAboutTranslation, NewsroomSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_release(home, newsroom, make_release):
    spanish = Locale.objects.get(language_code="es")
    english = make_release("Cities speak up")
    home_es = home.copy_for_translation(spanish)
    home_es.slug = "inicio"
    home_es.save_revision().publish()
    newsroom_es = newsroom.copy_for_translation(spanish)
    newsroom_es.slug = "prensa"
    newsroom_es.save_revision().publish()
    release_es = english.copy_for_translation(spanish).specific
    release_es.title, release_es.slug = "Las ciudades alzan la voz", "las-ciudades-alzan-la-voz"
    release_es.save_revision().publish()
    release_es.refresh_from_db()
    return english, release_es


def test_about_paragraph_in_the_release_language(client, admin_client, spanish_release):
    english, spanish = spanish_release
    settings = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
    # Without a Spanish paragraph, the Spanish release shows the default one.
    assert "About the Example League" in client.get(spanish.url).text
    NewsroomAboutTranslation.objects.create(
        settings=settings,
        locale=Locale.objects.get(language_code="es"),
        heading="Acerca de la Liga",
        text="<p>Fundada hace mucho.</p>",
    )
    html = client.get(spanish.url).text
    assert "Acerca de la Liga" in html and "Fundada hace mucho." in html
    assert "About the Example League" in client.get(english.url).text
    api = client.get(f"/api/v2/pages/{spanish.pk}/").json()
    assert api["about"] == {"heading": "Acerca de la Liga", "text": "<p>Fundada hace mucho.</p>"}
    assert client.get(f"/api/v2/pages/{english.pk}/").json()["about"]["heading"] == (
        "About the Example League"
    )
    # Editors write it under Settings → Newsroom settings, in one form.
    url = reverse("wagtailsettings:edit", args=["newsroom", "newsroomsettings", settings.site_id])
    form = admin_client.get(url)
    assert form.status_code == 200 and "Acerca de la Liga" in form.text


def test_spanish_newsroom_and_feed(client, spanish_release):
    english, _spanish = spanish_release
    newsroom_html = client.get("/es/prensa/").text
    assert (
        '<html lang="es"' in newsroom_html
        and "/es/prensa/las-ciudades-alzan-la-voz/" in newsroom_html
    )
    assert english.url not in newsroom_html  # only the Spanish releases
    rss = client.get("/es/prensa/feed/rss/").text
    assert "<language>es</language>" in rss
    assert "Las ciudades alzan la voz" in rss and english.url not in rss
    assert "Comunicados y declaraciones de" in rss
