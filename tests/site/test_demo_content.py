"""`load_demo_content` (cms_site.demo): every section of the seed page, and idempotent."""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from equity import translation
from equity.models import EquityLandingPage

pytestmark = pytest.mark.django_db


def table_counts() -> dict[str, int]:
    """Row counts of every table we or Wagtail write content to."""
    counts = {}
    for model in apps.get_models():
        if model._meta.db_table in connection.introspection.table_names():
            counts[model._meta.label] = model._default_manager.count()
    return counts


def test_running_twice_changes_nothing(capsys):
    call_command("load_demo_content")
    first = table_counts()
    landing = EquityLandingPage.objects.get(slug="advancing-equity")
    revision = landing.latest_revision_id
    call_command("load_demo_content")
    assert table_counts() == first
    landing.refresh_from_db()
    assert landing.latest_revision_id == revision
    assert first["equity.EquityLandingPage"] == 2  # English and its Spanish translation
    assert first["wagtailimages.Image"] == 1


def test_editor_changes_survive_a_rerun():
    call_command("load_demo_content")
    landing = EquityLandingPage.objects.get(slug="advancing-equity")
    landing.hero_heading = "Edited by an editor"
    landing.save_revision().publish()
    call_command("load_demo_content")
    assert (
        EquityLandingPage.objects.get(slug="advancing-equity").hero_heading == "Edited by an editor"
    )


def test_landing_page_has_every_section_of_the_seed(client):
    call_command("load_demo_content")
    response = client.get("/advancing-equity/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    text = soup.get_text(" ", strip=True)
    headings = [h.get_text(strip=True) for h in soup.find_all(["h1", "h2"])]
    assert headings[0] == "Advancing Equity"
    assert {
        "Advancing Equity Community",
        "Equity Roadmap",
        "Cal Cities learning opportunities",
        "Learn from other cities in Western City magazine",
        "Other resources",
    } <= set(headings)
    # The community: sign-up call to action and a contact.
    assert soup.find("a", string="Sign up now")["href"].startswith("https://")
    assert "Meghan McKelvey" in text and "@example.org" in text
    # The two webinars with their dates.
    assert "Advancing Racial Equity: An Introduction" in text
    assert "Advancing Racial Equity: A Discussion" in text
    assert soup.find("time", datetime="2020-08-27") and soup.find("time", datetime="2020-10-08")
    # The three magazine issues.
    for month in ("2020-11-01", "2021-12-01", "2022-12-01"):
        assert soup.find("time", datetime=month), month
    # The organisations, NLC REAL with its two-item reading list.
    for name in (
        "NLC Race, Equity, and Leadership (REAL)",
        "Government Alliance on Race and Equity (GARE)",
        "Race Forward",
        "ICMA Race, Equity, and Social Justice",
        "Mayors and Business Leaders Center for Compassionate and Equitable Cities",
    ):
        assert name in text, name
    reading_lists = soup.select(".reading-list")
    assert len(reading_lists) == 1 and len(reading_lists[0].find_all("li")) == 2
    assert "Racial Equity Resolution" in text
    assert "My Brother's Keeper" in text
    # Contacts and links use example.org: the demo sends nobody to a real site.
    for link in soup.select("main a[href^='http']"):
        assert ".example.org" in link["href"], link["href"]


def test_home_page_links_into_the_hub(client):
    call_command("load_demo_content")
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert soup.find("main").find("a", href="/advancing-equity/")


@pytest.mark.django_db(transaction=True)
def test_rebuilds_the_page_tree_in_an_emptied_database(client):
    """After `manage.py flush` there is no root, home page or site: the command rebuilds them."""
    from wagtail.models import Page, Site

    call_command("flush", "--no-input", verbosity=0)
    assert not Page.objects.exists()
    call_command("load_demo_content", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_page.specific_class.__name__ == "HomePage"
    assert client.get("/advancing-equity/").status_code == 200


def test_spanish_demo_pages_are_live_translated_and_up_to_date(client):
    call_command("load_demo_content")
    pages = {
        "/es/": "Noticias, herramientas y formación",
        "/es/impulsar-la-equidad/": "Las ciudades hacen mucho más que prestar servicios",
        "/es/impulsar-la-equidad/hoja-de-ruta/": "Formación y capacitación",
        "/es/prensa/ciudades-de-california-condenan-la-violencia-antiasiatica/": (
            "Acerca de la Liga de Ciudades de California"
        ),
    }
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="es"' in response.text and text in response.text, url
    # The landing page's roadmap card leads to the Spanish roadmap.
    assert (
        'href="/es/impulsar-la-equidad/hoja-de-ruta/"'
        in client.get("/es/impulsar-la-equidad/").text
    )
    spanish = Page.objects.filter(locale__language_code="es").live()
    assert spanish.count() == 6
    for page in spanish:
        assert translation.state_for_page(page).status == "up_to_date", page.title
