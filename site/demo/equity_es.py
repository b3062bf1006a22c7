"""The hub in Spanish: the landing page, the roadmap and the library page, and the library's
topics and a few of its resources, written in Spanish for the demo (not machine-translated).
The other resources are shown in English to Spanish readers (most are English-language
publications and organisations); names of organisations and documents keep their own.

``ensure_spanish_hub(landing)`` is idempotent; it needs the Spanish home page first.
"""

from django.conf import settings
from wagtail.models import Locale

from equity.models import (
    EquityLandingPage,
    EquityRoadmapPage,
    Resource,
    ResourceLibraryPage,
    Topic,
)

from .translation import translate_page

LANGUAGE = "es"

LANDING = {
    "title": "Impulsar la equidad",
    "slug": "impulsar-la-equidad",
    "search_description": "Formación, herramientas y apoyo entre pares para los líderes "
    "municipales que construyen comunidades equitativas.",
    "hero_heading": "Impulsar la equidad",
    "hero_image_alt": "Banner abstracto de círculos superpuestos en azul, verde azulado y ámbar",
    "intro": "<p>Las ciudades hacen mucho más que prestar servicios: sus decisiones determinan "
    "quién puede salir adelante. En junio de 2020, la Junta Directiva de Cal Cities "
    "comprometió a la Liga con un futuro equitativo y justo para toda la población de "
    "California. Aquí reunimos la formación, las herramientas y el apoyo entre pares que "
    "ayudan a los cargos municipales a acabar con las desigualdades raciales, cerrar heridas "
    "y construir comunidades en las que todo el mundo tenga su lugar. Es un punto de partida, "
    "y seguirá creciendo a medida que aprendamos más.</p>",
}

ROADMAP = {
    "title": "Hoja de ruta para la equidad",
    "slug": "hoja-de-ruta",
    "search_description": "Las acciones que Cal Cities prevé para ayudar a los líderes "
    "municipales a avanzar en equidad, y en qué punto está cada una.",
    "intro": "<p>Las acciones y estrategias que tenemos previstas para acompañar a los líderes "
    "municipales en su trabajo por la equidad, agrupadas por prioridad. El avance se calcula "
    "a partir del estado de cada acción.</p>",
}

LIBRARY = {
    "title": "Biblioteca de recursos",
    "slug": "recursos",
    "search_description": "Seminarios web, publicaciones, organizaciones y herramientas para "
    "las ciudades que trabajan por la equidad.",
    "intro": "<p>Todos los recursos que recomendamos, en un solo lugar. Filtre por tipo o por "
    "tema, o haga una búsqueda.</p>",
}

# The library's topics: English slug → (Spanish name, Spanish slug).
TOPICS = {
    "racial-equity": ("Equidad racial", "equidad-racial"),
    "anti-hate": ("Contra el odio", "contra-el-odio"),
    "youth": ("Juventud", "juventud"),
    "community-engagement": ("Participación comunitaria", "participacion-comunitaria"),
    "local-government": ("Gobierno local", "gobierno-local"),
}

# Resources in Spanish, by their English title: the Spanish title and summary, and for an
# organisation the reading list's one-line descriptions (the documents keep their names).
RESOURCES = {
    "Advancing Racial Equity: An Introduction": {
        "title": "Impulsar la equidad racial: introducción",
        "summary": "Cal Cities y el equipo REAL de la National League of Cities sientan las "
        "bases: lo que los líderes municipales necesitan saber, y saber hacer, para cerrar "
        "las brechas raciales, tender puentes y construir comunidades más justas. De acceso "
        "gratuito.",
    },
    "Advancing Racial Equity: A Discussion": {
        "title": "Impulsar la equidad racial: un debate",
        "summary": "Una mesa redonda del Congreso Anual de Cal Cities: responsables de NLC "
        "REAL y tres líderes municipales de California hablan de cómo responder con ciudades "
        "más justas a la rabia y el dolor que deja el racismo estructural. De acceso gratuito.",
    },
    "NLC Race, Equity, and Leadership (REAL)": {
        "title": "NLC Raza, Equidad y Liderazgo (REAL)",
        "summary": "La National League of Cities creó REAL tras los disturbios de 2014 en "
        "Ferguson (Misuri). Sus herramientas ayudan a los cargos electos locales a crear "
        "lugares donde personas de cualquier origen racial, étnico y cultural puedan "
        "prosperar en lo social, lo económico, los estudios y la salud.",
        "reading_list": [
            "Un modelo de resolución, con argumentos sobre por qué la equidad es buen gobierno.",
            "Los pasos que pueden dar las ciudades en el desafío comunitario My Brother's "
            "Keeper para mejorar las oportunidades de los niños y jóvenes racializados.",
        ],
    },
    "Government Alliance on Race and Equity (GARE)": {
        "title": "Alianza de Gobiernos por la Raza y la Equidad (GARE)",
        "summary": "Una red nacional de gobiernos que trabajan por la equidad racial. Respalda "
        "a las administraciones que ya van por delante, abre la puerta a las que empiezan y "
        "teje alianzas locales y regionales inclusivas.",
    },
}

# English text of the hub's blocks → how we say it in Spanish.
STRINGS = {
    # Landing page
    "Advancing Equity Community": "Comunidad Impulsar la Equidad",
    "<p>Our online community lets members ask questions, give feedback, share resources and "
    "talk with other city leaders about diversity, equity and inclusion in city government. "
    "Every Cal Cities member is welcome.</p>": "<p>En nuestra comunidad en línea, los miembros "
    "pueden plantear preguntas, dar su opinión, compartir recursos y conversar con otros "
    "líderes municipales sobre diversidad, equidad e inclusión en el gobierno local. Todos los "
    "miembros de Cal Cities son bienvenidos.</p>",
    "Sign up now": "Inscríbase ahora",
    "Equity Roadmap": "Hoja de ruta para la equidad",
    "The Equity Roadmap sets out the actions and strategies Cal Cities plans in order to help "
    "city leaders advance equity in their communities, and shows how far along each one is.": (
        "La Hoja de ruta para la equidad recoge las acciones y estrategias que Cal Cities "
        "tiene previstas para ayudar a los líderes municipales a avanzar en equidad en sus "
        "comunidades, y muestra en qué punto está cada una."
    ),
    "Read the roadmap": "Leer la hoja de ruta",
    "Cal Cities learning opportunities": "Formación de Cal Cities",
    "<p>Recorded sessions, free to watch.</p>": "<p>Sesiones grabadas, de acceso gratuito.</p>",
    "Learn from other cities in Western City magazine": "Aprenda de otras ciudades en la "
    "revista Western City",
    "<p>Three issues of <i>Western City</i> show cities replacing inequitable institutions and "
    "policies with inclusive, fair ones.</p>": "<p>Tres números de <i>Western City</i> "
    "muestran cómo las ciudades sustituyen instituciones y políticas injustas por otras "
    "inclusivas y equitativas.</p>",
    "Other resources": "Otros recursos",
    # Roadmap: priorities
    "Education": "Formación",
    "Give city officials the knowledge and vocabulary to act on racial equity.": "Dar a los "
    "cargos municipales los conocimientos y el vocabulario necesarios para actuar en favor de "
    "la equidad racial.",
    "Resources": "Recursos",
    "Collect tools, templates and examples cities can use straight away.": "Reunir "
    "herramientas, modelos y ejemplos que las ciudades puedan usar desde el primer día.",
    "Community of practice": "Comunidad de práctica",
    "Connect city leaders so they learn from one another.": "Poner en contacto a los líderes "
    "municipales para que aprendan unos de otros.",
    "Member support": "Apoyo a los miembros",
    "Help individual cities start or deepen their equity work.": "Ayudar a cada ciudad a "
    "empezar o a profundizar su trabajo por la equidad.",
    # Roadmap: actions
    "Introductory webinar on advancing racial equity": "Seminario web de introducción a la "
    "equidad racial",
    "Annual conference keynote on building just cities": "Conferencia principal del congreso "
    "anual sobre cómo construir ciudades justas",
    "Equity track at every annual conference": "Un itinerario sobre equidad en cada congreso anual",
    "Self-paced course for newly elected officials": "Curso a su ritmo para cargos recién elegidos",
    "Western City issues on equitable institutions": "Números de Western City sobre "
    "instituciones equitativas",
    "Resource library on the website": "Biblioteca de recursos en el sitio web",
    "Template equity resolution adapted for California cities": "Modelo de resolución sobre "
    "equidad adaptado a las ciudades de California",
    "Launch the Advancing Equity online community": "Puesta en marcha de la comunidad en línea "
    "Impulsar la Equidad",
    "Quarterly peer calls by region": "Llamadas trimestrales entre pares, por región",
    "Paused while regional divisions choose their hosts.": "En pausa mientras las divisiones "
    "regionales eligen quién las organiza.",
    "Match cities with partner organisations": "Poner en contacto a las ciudades con "
    "organizaciones aliadas",
    "Equity assessment toolkit for city departments": "Herramientas para que los departamentos "
    "municipales evalúen su equidad",
    # Roadmap: teams
    "Education and training": "Formación y capacitación",
    "Conferences": "Congresos",
    "Publications": "Publicaciones",
    "Digital": "Equipo digital",
    "Policy": "Políticas públicas",
    "Member engagement": "Participación de los miembros",
    "Member services": "Servicios a los miembros",
}


def ensure_spanish_hub(landing: EquityLandingPage) -> EquityLandingPage | None:
    """The Spanish landing page, roadmap and library page (``None`` without a Spanish
    locale). The landing page's roadmap card points at the Spanish roadmap."""
    spanish = Locale.objects.filter(language_code=LANGUAGE).first()
    if spanish is None:
        return None
    ensure_spanish_library(spanish)
    created = landing.get_translation_or_none(spanish) is None
    landing_es = translate_page(landing, LANGUAGE, LANDING)
    pages = {}
    roadmap = EquityRoadmapPage.objects.child_of(landing).first()
    if roadmap is not None:
        roadmap_es = translate_page(
            roadmap, LANGUAGE, ROADMAP, streams=("priorities",), strings=STRINGS
        )
        pages[roadmap.pk] = roadmap_es.pk
    library = ResourceLibraryPage.objects.child_of(landing).first()
    if library is not None:
        translate_page(library, LANGUAGE, LIBRARY)
    # Fresh from the database: its children were added through other instances, and saving
    # a stale one would write back numchild=0 and hide them from routing.
    landing_es = EquityLandingPage.objects.get(pk=landing_es.pk)
    if created:
        # First run: the body is still the English copy; say it in Spanish now that the
        # Spanish roadmap exists for the card to point at.
        from .translation import translate_stream

        landing_es.body = translate_stream(landing.body, STRINGS, pages)
        landing_es.save_revision().publish()
    return landing_es


def ensure_spanish_library(spanish: Locale) -> None:
    """The topics and the resources of ``RESOURCES`` in Spanish, published (idempotent). A
    resource is translated the way the admin's "Translate" does it (a copy whose topics are
    the Spanish ones), then written in Spanish and published."""
    for slug, (name, slug_es) in TOPICS.items():
        topic = Topic.objects.filter(
            slug=slug, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        if topic is not None and topic.get_translation_or_none(spanish) is None:
            Topic.objects.create(
                name=name, slug=slug_es, locale=spanish, translation_key=topic.translation_key
            )
    for english_title, text in RESOURCES.items():
        source = Resource.objects.filter(
            title=english_title, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        if source is None or source.get_translation_or_none(spanish) is not None:
            continue
        resource = source.copy_for_translation(spanish)
        resource.title, resource.summary = text["title"], text["summary"]
        for item, description in zip(
            resource.reading_list.all(), text.get("reading_list", []), strict=False
        ):
            item.description = description
        resource.save()
        resource.save_revision().publish()
