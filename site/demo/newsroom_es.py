"""The newsroom in Spanish for the demo: the newsroom page, the 19 March 2021 statement and
the About paragraph, written in Spanish (not machine-translated). Contacts keep their names
and numbers.

``ensure_spanish_newsroom(newsroom)`` is idempotent; it needs the Spanish home page first.
"""

from wagtail.models import Locale, Site

from newsroom.models import (
    NewsArticlePage,
    NewsroomAboutTranslation,
    NewsroomPage,
    NewsroomSettings,
)

from .newsroom import SEED_SLUG
from .translation import translate_page

LANGUAGE = "es"

NEWSROOM = {
    "title": "Sala de prensa",
    "slug": "prensa",
    "search_description": "Comunicados y declaraciones de las ciudades de California.",
    "intro": "<p>Declaraciones y comunicados de prensa para periodistas y el público.</p>",
}

RELEASE = {
    "title": "Las ciudades de California condenan la violencia contra la comunidad asiática",
    "slug": "ciudades-de-california-condenan-la-violencia-antiasiatica",
    "dateline": "Sacramento",
    "summary": "La Liga de Ciudades de California y su Caucus de Asiático-Americanos e "
    "Isleños del Pacífico condenan la violencia contra la población asiático-americana tras "
    "el asesinato de ocho personas en Atlanta, en su mayoría mujeres asiáticas.",
}

STRINGS = {
    "<p>The League of California Cities and its Asian Pacific Islander (API) Caucus today "
    "condemned the wave of violence against Asian Americans, days after eight people, most of "
    "them women of Asian descent, were killed in Atlanta.</p>": "<p>La Liga de Ciudades de "
    "California y su Caucus de Asiático-Americanos e Isleños del Pacífico (API) condenaron hoy "
    "la ola de violencia contra la población asiático-americana, pocos días después de que "
    "ocho personas, la mayoría mujeres de origen asiático, fueran asesinadas en Atlanta.</p>",
    "<p>California has seen the same hatred close to home: attacks and harassment have been "
    "reported in Oakland, Rosemead, Orange County and Sacramento, many of them aimed at elders "
    "and women.</p>": "<p>California también ha visto ese odio de cerca: se han denunciado "
    "agresiones y acoso en Oakland, Rosemead, el condado de Orange y Sacramento, muchos de ellos "
    "contra personas mayores y mujeres.</p>",
    "An attack on any of our neighbours is an attack on every city in California. City leaders "
    "stand with our Asian American and Pacific Islander residents, and we will not look away "
    "from hate.": "Un ataque contra cualquiera de nuestros vecinos es un ataque contra todas "
    "las ciudades de California. Los líderes municipales estamos al lado de nuestros vecinos "
    "asiático-americanos e isleños del Pacífico, y no vamos a mirar hacia otro lado ante el "
    "odio.",
    "President of the League of California Cities and Mayor of El Centro": "Presidenta de la "
    "Liga de Ciudades de California y alcaldesa de El Centro",
    "League of California Cities": "Liga de Ciudades de California",
    "Our communities are grieving and they are afraid. We ask every Californian to speak up "
    "when they see harassment, to check on their neighbours, and to report what they witness "
    "so that no incident goes uncounted.": "Nuestras comunidades están de luto y tienen miedo. "
    "Pedimos a todos los californianos que alcen la voz cuando presencien un acoso, que estén "
    "pendientes de sus vecinos y que denuncien lo que vean, para que ningún incidente quede "
    "sin registrar.",
    "President of the API Caucus and Council President Pro Tem, Oakland": "Presidenta del "
    "Caucus API y presidenta en funciones del Concejo Municipal de Oakland",
    "Asian Pacific Islander Caucus, League of California Cities": "Caucus de "
    "Asiático-Americanos e Isleños del Pacífico, Liga de Ciudades de California",
    "<p>The League and the Caucus urge anyone who experiences or witnesses an anti-Asian "
    "incident to report it to the Stop AAPI Hate Center, which gathers reports so that cities "
    "and the state can respond.</p>": "<p>La Liga y el Caucus instan a cualquier persona que "
    "sufra o presencie un incidente contra la comunidad asiática a denunciarlo ante el centro "
    "Stop AAPI Hate, que recopila las denuncias para que las ciudades y el estado puedan "
    "responder.</p>",
    "Report an incident to the Stop AAPI Hate Center": "Denunciar un incidente ante el centro "
    "Stop AAPI Hate",
}

TAGS = ["Declaraciones", "Seguridad pública", "Equidad"]

ABOUT_HEADING = "Acerca de la Liga de Ciudades de California"
ABOUT_TEXT = (
    "<p>Fundada en 1898, la Liga de Ciudades de California es una asociación sin ánimo de lucro "
    "que trabaja en todo el estado. Defiende los intereses de las ciudades ante los gobiernos "
    "estatal y federal, y ofrece formación y capacitación a los cargos, electos y designados, "
    "que las dirigen.</p>"
)


def ensure_spanish_about(site) -> None:
    """The About paragraph in Spanish, unless an editor has already written one."""
    locale = Locale.objects.filter(language_code=LANGUAGE).first()
    if locale is None:
        return
    newsroom_settings = NewsroomSettings.for_site(site)
    if not newsroom_settings.about_translations.filter(locale=locale).exists():
        NewsroomAboutTranslation.objects.create(
            settings=newsroom_settings, locale=locale, heading=ABOUT_HEADING, text=ABOUT_TEXT
        )


def ensure_spanish_newsroom(newsroom: NewsroomPage) -> NewsroomPage | None:
    """The Spanish newsroom and the seed release in Spanish (``None`` without a Spanish
    locale)."""
    newsroom_es = translate_page(newsroom, LANGUAGE, NEWSROOM)
    if newsroom_es is None:
        return None
    site = newsroom.get_site() or Site.objects.get(is_default_site=True)
    ensure_spanish_about(site)
    release = NewsArticlePage.objects.child_of(newsroom).filter(slug=SEED_SLUG).first()
    if release is not None:
        release_es = translate_page(release, LANGUAGE, RELEASE, streams=("body",), strings=STRINGS)
        release_es = NewsArticlePage.objects.get(pk=release_es.pk)
        if set(release_es.tags.names()) != set(TAGS):
            release_es.tags.set(TAGS)
            release_es.save_revision().publish()
    return newsroom_es
