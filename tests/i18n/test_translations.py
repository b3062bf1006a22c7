"""Pages in English and Spanish: addresses, switcher, hreflang, API fields, sitemap, and
translation parity (publish source → stale → sync + publish → up to date)."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from equity import translation
from equity.models import TranslationBasis
from tests.conftest import block

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish(db) -> Locale:
    return Locale.objects.get(language_code="es")


@pytest.fixture
def home_es(home, spanish):
    page = home.copy_for_translation(spanish).specific
    page.title, page.slug = "Inicio", "inicio"
    page.save_revision().publish()
    return page


@pytest.fixture
def landing_es(landing_page, home_es, spanish):
    """The landing page in Spanish, live, created the way the admin's "Translate" does."""
    page = landing_page.copy_for_translation(spanish).specific
    page.title, page.slug, page.intro = "Impulsar la equidad", "impulsar-la-equidad", "<p>Hola</p>"
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def publish_source_change(page, **fields):
    page = page.specific_class.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# --- Addresses, lang, switcher, hreflang ---------------------------------------------------


def test_locales_exist_for_the_configured_languages(db):
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"en", "es"}


def test_english_keeps_unprefixed_addresses_and_spanish_is_under_es(client, landing_es):
    english = client.get("/advancing-equity/")
    assert english.status_code == 200
    assert '<html lang="en"' in english.text
    assert english["Content-Language"] == "en"
    spanish = client.get("/es/impulsar-la-equidad/")
    assert spanish.status_code == 200
    assert '<html lang="es"' in spanish.text
    assert spanish["Content-Language"] == "es"
    assert "Impulsar la equidad" in spanish.text
    # The template's own words are Spanish there (compiled message files).
    assert "Saltar al contenido principal" in spanish.text
    assert "Skip to main content" in english.text
    # No page is reachable at another language's address, and a prefix is not repeated.
    assert client.get("/es/advancing-equity/").status_code == 404
    assert client.get("/impulsar-la-equidad/").status_code == 404
    assert client.get("/es/es/impulsar-la-equidad/").status_code == 404
    # The address decides the language, never the browser's header (caches key on it).
    assert "Vary" not in english or "Accept-Language" not in english["Vary"]
    german_browser = client.get("/advancing-equity/", HTTP_ACCEPT_LANGUAGE="es")
    assert '<html lang="en"' in german_browser.text


def switcher(html: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    return re.findall(r'href="([^"]+)" hreflang="([^"]+)"', nav.group(0)) if nav else []


def alternates(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)


def test_switcher_and_hreflang_link_live_translations(client, landing_es):
    html = client.get("/advancing-equity/").text
    assert switcher(html) == [("/advancing-equity/", "en"), ("/es/impulsar-la-equidad/", "es")]
    assert 'aria-current="true">English' in html
    assert alternates(html) == [
        ("en", "http://localhost/advancing-equity/"),
        ("x-default", "http://localhost/advancing-equity/"),
        ("es", "http://localhost/es/impulsar-la-equidad/"),
    ]
    assert switcher(client.get("/es/impulsar-la-equidad/").text)[0] == ("/advancing-equity/", "en")


def test_a_draft_translation_never_leaks(client, landing_page, home_es, spanish):
    draft = landing_page.copy_for_translation(spanish).specific
    draft.title, draft.slug = "Borrador secreto", "borrador-secreto"
    draft.save_revision()  # never published
    assert not draft.live
    html = client.get("/advancing-equity/").text
    assert switcher(html) == [] and alternates(html) == []
    assert "borrador-secreto" not in html
    assert client.get("/es/borrador-secreto/").status_code == 404
    assert "borrador-secreto" not in client.get("/sitemap.xml").text
    listing = client.get("/api/v2/pages/?locale=es").json()
    assert [item["title"] for item in listing["items"]] == ["Inicio"]  # positive control
    detail = client.get(f"/api/v2/pages/{landing_page.pk}/").json()
    assert detail["translations"] == {}
    states = detail["translation_status"]["translations"]
    assert states == [
        {
            "locale": "es",
            "status": "missing",
            "since": None,
            "changed_fields": [],
            "sync_pending": False,
            "page": None,
        }
    ]
    assert client.get(f"/api/v3/pages/{draft.pk}/").status_code == 404
    found = client.get("/api/v2/pages/find/?html_path=/es/borrador-secreto/")
    assert found.status_code == 404


def test_sitemap_lists_both_trees_with_alternates(client, landing_es):
    xml = client.get("/sitemap.xml").text
    assert "<loc>http://localhost/es/impulsar-la-equidad/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="es" href="http://localhost/es/impulsar-la-equidad/"/>'
        in xml
    )


def test_search_finds_pages_in_the_readers_language(client, landing_es):
    spanish = client.get("/es/search/?q=Impulsar")
    assert spanish.status_code == 200 and "/es/impulsar-la-equidad/" in spanish.text
    english = client.get("/search/?q=Impulsar")
    assert "/es/impulsar-la-equidad/" not in english.text


# --- API -------------------------------------------------------------------------------------


def test_api_locale_filter_translations_and_lookup_by_path(client, landing_page, landing_es):
    listing = client.get("/api/v2/pages/?locale=es&type=equity.EquityLandingPage").json()
    assert [(i["id"], i["meta"]["locale"]) for i in listing["items"]] == [(landing_es.pk, "es")]
    detail = client.get(f"/api/v2/pages/{landing_es.pk}/").json()
    assert detail["meta"]["locale"] == "es"
    assert detail["translations"] == {"en": {"id": landing_page.pk, "url": "/advancing-equity/"}}
    status = detail["translation_status"]
    assert status["role"] == "translation" and status["status"] == "up_to_date"
    assert status["source"] == {"id": landing_page.pk, "locale": "en", "url": "/advancing-equity/"}
    v3 = client.get(f"/api/v3/pages/{landing_page.pk}/").json()
    assert v3["meta"]["locale"] == "en"
    assert v3["translations"] == {"es": {"id": landing_es.pk, "url": "/es/impulsar-la-equidad/"}}
    assert v3["translation_status"]["translations"][0]["status"] == "up_to_date"
    v3_list = client.get("/api/v3/pages/?locale=es").json()
    assert landing_es.pk in [item["id"] for item in v3_list["items"]]
    for version in ("v2", "v3"):
        found = client.get(f"/api/{version}/pages/find/?html_path=/es/impulsar-la-equidad/")
        assert found.status_code == 200
        assert found.json()["id"] == landing_es.pk and found.json()["meta"]["locale"] == "es"
    # Listings stay cheap: translations are detail-only in v2.
    listed = client.get("/api/v2/pages/?type=equity.EquityLandingPage&fields=*").json()
    assert "translation_status" not in listed["items"][0]


# --- Parity -------------------------------------------------------------------------------


def test_publishing_the_source_makes_the_translation_stale_and_sync_publish_current(
    client, admin_client, landing_page, landing_es
):
    assert translation.state_for_page(landing_es).status == "up_to_date"
    assert "translation-notice" not in client.get("/es/impulsar-la-equidad/").text

    body = list(landing_page.body.raw_data)
    changed_block = {**body[0], "value": {**body[0]["value"], "heading": "Why it matters now"}}
    source = publish_source_change(
        landing_page, intro="<p>New English intro.</p>", body=[changed_block, *body[1:]]
    )
    state = translation.state_for_page(landing_es)
    assert state.status == "stale"
    # Since the source's publish (its log entry, written in the same request).
    assert abs((state.since - source.last_published_at).total_seconds()) < 1
    changes = {change["field"]: change for change in state.changes}
    assert set(changes) == {"intro", "body"}
    assert changes["body"]["blocks"] == [
        {"id": body[0]["id"], "type": "rich_text_section", "change": "changed"}
    ]

    # Readers of the stale translation see a notice linking to the current English page.
    html = client.get("/es/impulsar-la-equidad/").text
    notice = re.search(r'<aside class="translation-notice".*?</aside>', html, re.S).group(0)
    assert 'href="/advancing-equity/"' in notice and "todavía no recoge esos cambios" in notice
    api_status = client.get(f"/api/v2/pages/{landing_es.pk}/").json()["translation_status"]
    assert api_status["status"] == "stale"
    assert [c["field"] for c in api_status["changed_fields"]] == ["intro", "body"]

    # Admin: the listing column and the dashboard panel say so.
    listing = admin_client.get(reverse("translations:index"))
    assert listing.status_code == 200
    assert 'data-locale="es" data-status="stale"' in listing.text
    dashboard = admin_client.get(reverse("wagtailadmin_home"))
    assert "Translations behind their source" in dashboard.text
    assert f'data-page-id="{landing_es.pk}"' in dashboard.text

    # Sync (through the admin) is not enough: readers see the old text until it is published.
    sync_url = reverse("equity_translation_sync", args=[landing_es.pk])
    page = admin_client.get(sync_url)
    assert page.status_code == 200 and 'data-field="intro"' in page.text
    assert admin_client.post(sync_url).status_code == 302
    state = translation.state_for_page(landing_es)
    assert state.status == "stale" and state.sync_pending

    landing_es = landing_es.specific_class.objects.get(pk=landing_es.pk)
    landing_es.intro = "<p>Nueva introducción.</p>"
    landing_es.save_revision().publish()
    state = translation.state_for_page(landing_es)
    assert state.status == "up_to_date" and not state.sync_pending
    assert "translation-notice" not in client.get("/es/impulsar-la-equidad/").text
    basis = TranslationBasis.objects.get(page=landing_es)
    assert basis.source_revision_id == source.live_revision_id


def test_publishing_without_sync_keeps_it_stale_and_a_no_change_publish_does_not(
    landing_page, landing_es
):
    publish_source_change(landing_page)  # republished, nothing changed
    assert translation.state_for_page(landing_es).status == "up_to_date"
    publish_source_change(landing_page, title="Advancing Equity, renewed")
    landing_es.save_revision().publish()  # translation published, but not synced
    state = translation.state_for_page(landing_es)
    assert state.status == "stale" and state.changed_labels == ["title"]


def test_sync_needs_edit_permission_and_only_a_translation_has_one(
    client, admin_client, landing_page, landing_es
):
    sync_url = reverse("equity_translation_sync", args=[landing_es.pk])
    assert client.post(sync_url).status_code == 302  # to the login page
    assert not TranslationBasis.objects.filter(
        page=landing_es, synced_revision__isnull=False
    ).exists()
    source_url = reverse("equity_translation_sync", args=[landing_page.pk])
    assert admin_client.get(source_url).status_code == 404
    assert admin_client.get(reverse("equity_translation_sync", args=[99999])).status_code == 404


def test_stored_representations_follow_the_parity_of_every_translation(
    store, client, admin_client, landing_page, landing_es, django_capture_on_commit_callbacks
):
    """With the representation store on (in-process and Redis), the API details of a source
    and its translation say what the parity is now after each step that changes it: the
    source's publish, an editor's sync (a draft change: no publish) and the translation's
    publish. Each address is read twice, so the second read comes from the store."""

    def statuses():
        seen = {}
        for version in ("v2", "v3"):
            for name, page in (("source", landing_page), ("translation", landing_es)):
                url = f"/api/{version}/pages/{page.pk}/"
                client.get(url)
                status = client.get(url).json()["translation_status"]
                state = status if name == "translation" else status["translations"][0]
                seen[version, name] = (state["status"], state["sync_pending"])
        return set(seen.values()) if len(set(seen.values())) == 1 else seen

    assert statuses() == {("up_to_date", False)}
    with django_capture_on_commit_callbacks(execute=True):
        publish_source_change(landing_page, intro="<p>New English intro.</p>")
    assert statuses() == {("stale", False)}
    with django_capture_on_commit_callbacks(execute=True):
        sync = admin_client.post(reverse("equity_translation_sync", args=[landing_es.pk]))
    assert sync.status_code == 302
    assert statuses() == {("stale", True)}
    with django_capture_on_commit_callbacks(execute=True):
        publish_source_change(landing_es, intro="<p>Nueva introducción.</p>")
    assert statuses() == {("up_to_date", False)}


def test_new_block_in_source_is_reported_as_added(landing_page, landing_es):
    body = list(landing_page.body.raw_data)
    new = block("rich_text_section", {"heading": "New", "body": "<p>New section.</p>"})
    publish_source_change(landing_page, body=[*body, new])
    state = translation.state_for_page(landing_es)
    assert state.changes == [
        {
            "field": "body",
            "label": "body",
            "blocks": [{"id": new["id"], "type": "rich_text_section", "change": "added"}],
        }
    ]


def test_a_language_without_its_own_home_page_has_no_addresses(client, landing_page):
    # No Spanish home page: /es/… must not serve the English pages at Spanish addresses.
    assert client.get("/advancing-equity/").status_code == 200  # positive control
    assert client.get("/es/").status_code == 404
    assert client.get("/es/advancing-equity/").status_code == 404


def test_translate_in_the_admin_starts_a_draft_that_reflects_the_source(
    client, admin_client, landing_page, spanish
):
    """The editor's path: "Translate" (Wagtail's simple_translation) on the home page, then
    on the landing page: Spanish drafts, nothing public until they are published."""
    for page in (landing_page.get_parent(), landing_page):
        url = reverse("simple_translation:submit_page_translation", args=[page.pk])
        response = admin_client.post(url, {"locales": [spanish.pk]})
        assert response.status_code == 302, response.content
    draft = landing_page.get_translation(spanish)
    assert not draft.live
    basis = TranslationBasis.objects.get(page=draft)
    assert basis.source_revision_id == landing_page.live_revision_id
    assert switcher(client.get("/advancing-equity/").text) == []  # not public yet
    assert translation.state_for_page(draft).status == "missing"
    draft = draft.specific
    draft.save_revision().publish()
    draft.refresh_from_db()
    assert translation.state_for_page(draft).status == "up_to_date"
