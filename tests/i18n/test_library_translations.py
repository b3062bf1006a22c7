"""Library resources and topics in English and Spanish: the migration that made them
translatable, what a reader of each language sees (library page, pages choosing a resource,
search, both APIs), that a draft translation never leaks, and translation parity for a
resource (publish source → stale → sync + publish → up to date)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.models import Locale

from equity import translation
from equity.headless.changes import dependent_pages
from equity.models import Resource, ResourceLibraryPage, ResourceTranslationBasis, Topic
from tests.conftest import block

pytestmark = pytest.mark.django_db

BEFORE = ("equity", "0010_merge_resource_card_fields")
AFTER = ("equity", "0011_translatable_resources_and_topics")


# --- The migration -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_keeps_every_resource_and_topic_in_the_default_language():
    # The languages a site has, whatever an earlier transactional test's flush left.
    english, _ = Locale.objects.get_or_create(language_code="en")
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    OldTopic, OldResource = old.get_model("equity", "Topic"), old.get_model("equity", "Resource")
    housing = OldTopic.objects.create(name="Housing", slug="housing")
    youth = OldTopic.objects.create(name="Youth", slug="youth")
    made = []
    for index in range(3):
        resource = OldResource.objects.create(
            title=f"Toolkit {index}", kind="toolkit", summary="S", url=f"https://r{index}.org/"
        )
        OldResource.topics.through.objects.bulk_create(
            OldResource.topics.through(resource_id=resource.pk, topic_id=topic.pk)
            for topic in [housing, youth][: index + 1]
        )
        made.append(resource.pk)

    executor = MigrationExecutor(connection)  # a fresh graph, as `migrate` would load
    executor.migrate([AFTER])
    resources = Resource.objects.filter(pk__in=made).order_by("pk")
    assert [r.title for r in resources] == ["Toolkit 0", "Toolkit 1", "Toolkit 2"]
    assert {r.locale_id for r in resources} == {english.pk}
    keys = [r.translation_key for r in resources]
    assert None not in keys and len(set(keys)) == 3
    assert [sorted(r.topic_slugs) for r in resources] == [
        ["housing"],
        ["housing", "youth"],
        ["housing", "youth"],
    ]
    topics = Topic.objects.filter(slug__in=["housing", "youth"])
    assert {t.locale_id for t in topics} == {english.pk}
    assert len({t.translation_key for t in topics}) == 2
    # A slug is unique per language now: the Spanish topic may reuse it.
    Topic.objects.create(name="Vivienda", slug="housing", locale=spanish)


# --- Content in both languages --------------------------------------------------------------


@pytest.fixture
def spanish(db) -> Locale:
    return Locale.objects.get(language_code="es")


@pytest.fixture
def housing(db) -> Topic:
    return Topic.objects.create(name="Housing", slug="housing")


def published_resource(title, topics=(), **fields) -> Resource:
    resource = Resource(
        title=title,
        kind=fields.pop("kind", "toolkit"),
        summary=fields.pop("summary", "How cities house people."),
        url=fields.pop("url", "https://toolkit.example.org/"),
        date=fields.pop("date", datetime.date(2023, 4, 1)),
        **fields,
    )
    resource.save()
    resource.topics = list(topics)
    resource.save_revision().publish()
    resource.refresh_from_db()
    return resource


@pytest.fixture
def toolkit(housing) -> Resource:
    return published_resource("City housing toolkit", topics=[housing])


@pytest.fixture
def untranslated(db) -> Resource:
    return published_resource(
        "Budgeting for equity", kind="report", url="https://budget.example.org/"
    )


def translate(resource, locale, **fields) -> Resource:
    """The editor's path, as the admin's "Translate" does it: a draft copy, edited."""
    copy = resource.copy_for_translation(locale)
    copy.save()
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision()
    return Resource.objects.get(pk=copy.pk)


def publish(resource) -> Resource:
    resource = resource.get_latest_revision_as_object()
    resource.save_revision().publish()
    return Resource.objects.get(pk=resource.pk)


@pytest.fixture
def toolkit_es(toolkit, spanish, housing) -> Resource:
    vivienda = Topic.objects.create(
        name="Vivienda", slug="vivienda", locale=spanish, translation_key=housing.translation_key
    )
    draft = translate(
        toolkit,
        spanish,
        title="Guía municipal de vivienda",
        summary="Cómo las ciudades dan vivienda a su población.",
    )
    assert list(draft.topics.all()) == [vivienda]  # its topics are the Spanish ones
    return publish(draft)


@pytest.fixture
def pages(landing_page, spanish, toolkit, untranslated):
    """The landing page choosing the toolkit, its library page, and both in Spanish."""
    landing = landing_page.specific_class.objects.get(pk=landing_page.pk)
    section = {
        "heading": "From the library",
        "intro": "",
        "items": [block("library_resource", {"resource": toolkit.pk})],
    }
    landing.body = [*landing.body.raw_data, block("resource_section", section)]
    landing.save_revision().publish()
    library = ResourceLibraryPage(title="Resource library", slug="resources")
    landing.add_child(instance=library)
    library.save_revision().publish()

    home_es = landing.get_parent().copy_for_translation(spanish).specific
    home_es.title, home_es.slug = "Inicio", "inicio"
    home_es.save_revision().publish()
    landing = landing.specific_class.objects.get(pk=landing.pk)
    landing_es = landing.copy_for_translation(spanish).specific
    landing_es.title, landing_es.slug = "Impulsar la equidad", "impulsar-la-equidad"
    landing_es.save_revision().publish()
    library_es = library.copy_for_translation(spanish).specific
    library_es.title, library_es.slug = "Biblioteca de recursos", "recursos"
    library_es.save_revision().publish()
    return {"landing": landing, "landing_es": landing_es}


def test_the_spanish_library_lists_spanish_resources_and_untranslated_english_ones(
    client, pages, toolkit, toolkit_es, untranslated
):
    spanish = client.get("/es/impulsar-la-equidad/recursos/")
    assert spanish.status_code == 200
    assert "Guía municipal de vivienda" in spanish.text
    assert "Budgeting for equity" in spanish.text  # no Spanish version: the English one
    assert "City housing toolkit" not in spanish.text  # its Spanish version stands in
    assert 'value="vivienda"' in spanish.text and 'value="housing"' not in spanish.text
    assert "2 recursos" in spanish.text  # the count in the reader's words
    english = client.get("/advancing-equity/resources/")
    assert "City housing toolkit" in english.text and "Budgeting for equity" in english.text
    assert "2 resources" in english.text
    assert "Guía municipal de vivienda" not in english.text
    # A topic filter matches every translation of the topic.
    for slug in ("vivienda", "housing"):
        filtered = client.get(f"/es/impulsar-la-equidad/recursos/?topic={slug}").text
        assert "Guía municipal de vivienda" in filtered and "Budgeting for equity" not in filtered
        assert "1 recurso coincide" in filtered
    # Site search finds the resources of the reader's language.
    found = client.get("/es/search/?q=vivienda").text
    assert "Guía municipal de vivienda" in found
    assert "Guía municipal de vivienda" not in client.get("/search/?q=vivienda").text


def test_a_page_shows_the_chosen_resource_in_its_own_language(client, pages, toolkit, toolkit_es):
    html_es = client.get("/es/impulsar-la-equidad/").text
    assert "Guía municipal de vivienda" in html_es and "City housing toolkit" not in html_es
    html_en = client.get("/advancing-equity/").text
    assert "City housing toolkit" in html_en and "Guía municipal de vivienda" not in html_en

    def chosen(body) -> list[dict]:
        return [
            item["value"]["resource"]
            for section in body
            if section["type"] == "resource_section"
            for item in section["value"]["items"]
            if item["type"] == "library_resource"
        ]

    # Publishing the Spanish version changes the pages that choose the English one.
    affected = dependent_pages(Resource.objects.get(pk=toolkit_es.pk))
    assert {pages["landing"].pk, pages["landing_es"].pk} <= {page.pk for page in affected}

    landing_es = pages["landing_es"]
    for version in ("v2", "v3"):
        spanish = client.get(f"/api/{version}/pages/{landing_es.pk}/").json()
        assert [r["title"] for r in chosen(spanish["body"])] == ["Guía municipal de vivienda"]
        english = client.get(f"/api/{version}/pages/{pages['landing'].pk}/").json()
        assert [r["id"] for r in chosen(english["body"])] == [toolkit.pk]


def test_api_locale_filter_fields_and_translations(
    client, admin_client, toolkit, toolkit_es, untranslated
):
    for version in ("v2", "v3"):
        items = client.get(f"/api/{version}/resources/?locale=es").json()["items"]
        assert sorted((i["id"], i["locale"]) for i in items) == sorted(
            [(toolkit_es.pk, "es"), (untranslated.pk, "en")]
        ), version
        english = client.get(f"/api/{version}/resources/?locale=en").json()["items"]
        assert {i["id"] for i in english} == {toolkit.pk, untranslated.pk}
        every = client.get(f"/api/{version}/resources/").json()["items"]
        assert {i["id"] for i in every} == {toolkit.pk, toolkit_es.pk, untranslated.pk}
        bad = client.get(f"/api/{version}/resources/?locale=xx")
        assert bad.status_code == 400, (version, bad.content[:200])

        detail = client.get(f"/api/{version}/resources/{toolkit.pk}/").json()
        assert detail["locale"] == "en"
        assert detail["translations"] == {
            "es": {"id": toolkit_es.pk, "url": "https://toolkit.example.org/"}
        }
        status = detail["translation_status"]
        assert status["role"] == "source"
        assert [(s["locale"], s["status"]) for s in status["translations"]] == [
            ("es", "up_to_date")
        ]
        detail_es = client.get(f"/api/{version}/resources/{toolkit_es.pk}/").json()
        assert detail_es["translations"] == {
            "en": {"id": toolkit.pk, "url": "https://toolkit.example.org/"}
        }
        assert detail_es["translation_status"]["status"] == "up_to_date"
        assert detail_es["translation_status"]["source"]["id"] == toolkit.pk
    # The admin's resource chooser filters by language.
    chooser = reverse("equity_resource_chooser:choose_results")
    chosen = admin_client.get(chooser, {"locale": "es"}).text
    assert "Guía municipal de vivienda" in chosen and "City housing toolkit" not in chosen
    assert "City housing toolkit" in admin_client.get(chooser, {"locale": "en"}).text

    topics = client.get("/api/v3/resources/topics/?locale=es").json()
    assert topics == [{"name": "Vivienda", "slug": "vivienda", "count": 1}]
    assert client.get("/api/v3/resources/topics/?locale=xx").status_code == 400
    # Listings stay cheap in v2: translations are detail-only, as on pages.
    assert "translations" not in client.get("/api/v2/resources/?fields=*").json()["items"][0]
    schema = client.get("/api/v3/openapi.json").json()["components"]["schemas"]
    assert schema["ResourceSchema"]["properties"]["locale"]["enum"] == ["en", "es"]
    assert {"translations", "translation_status"} <= set(
        schema["ResourceDetailSchema"]["properties"]
    )


def test_a_draft_translation_of_a_resource_never_leaks(
    client, admin_client, pages, toolkit, spanish
):
    url = reverse(
        "simple_translation:submit_snippet_translation", args=["equity", "resource", toolkit.pk]
    )
    assert admin_client.post(url, {"locales": [spanish.pk]}).status_code == 302
    draft = Resource.objects.get(translation_key=toolkit.translation_key, locale=spanish)
    assert not draft.live and draft.live_revision_id is None
    basis = ResourceTranslationBasis.objects.get(resource=draft)
    assert basis.source_revision_id == toolkit.live_revision_id
    draft.title = "Borrador secreto"
    draft.save_revision()  # never published

    for address in ("/es/impulsar-la-equidad/", "/es/impulsar-la-equidad/recursos/"):
        html = client.get(address).text
        assert "City housing toolkit" in html, address  # the English one stands in
        assert "Borrador secreto" not in html and "Borrador" not in html
    assert "Borrador secreto" not in client.get("/es/search/?q=secreto").text
    for version in ("v2", "v3"):
        assert client.get(f"/api/{version}/resources/{draft.pk}/").status_code == 404
        listed = client.get(f"/api/{version}/resources/?locale=es").json()["items"]
        assert draft.pk not in [i["id"] for i in listed] and toolkit.pk in [i["id"] for i in listed]
        assert client.get(f"/api/{version}/resources/{toolkit.pk}/").json()["translations"] == {}
        page = client.get(f"/api/{version}/pages/{pages['landing_es'].pk}/").text
        assert "Borrador" not in page and "City housing toolkit" in page
    for version in ("v2", "v3"):
        found = client.get(f"/api/{version}/resources/?search=secreto&locale=es").json()
        assert found["items"] == [], version
    status = client.get(f"/api/v2/resources/{toolkit.pk}/").json()["translation_status"]
    assert status["translations"][0]["status"] == "missing"
    assert status["translations"][0]["page"] is None

    publish(draft)  # positive control: once published, it is what Spanish readers see
    assert "Borrador secreto" in client.get("/es/impulsar-la-equidad/recursos/").text


def test_resource_parity_publish_source_stale_then_sync_and_publish_up_to_date(
    client, admin_client, toolkit, toolkit_es
):
    assert translation.state_for_page(toolkit_es).status == "up_to_date"
    source = Resource.objects.get(pk=toolkit.pk)
    source.summary = "How cities house people, updated for 2026."
    source.save_revision().publish()
    source.refresh_from_db()

    state = translation.state_for_page(toolkit_es)
    assert state.status == "stale"
    assert [change["field"] for change in state.changes] == ["summary"]
    assert abs((state.since - source.last_published_at).total_seconds()) < 1
    status = client.get(f"/api/v3/resources/{toolkit_es.pk}/").json()["translation_status"]
    assert status["status"] == "stale" and status["changed_fields"][0]["field"] == "summary"

    # The admin says so: the resource listing's column, the dashboard panel, the sync page.
    listing = admin_client.get(reverse("wagtailsnippets_equity_resource:list"))
    assert 'data-locale="es" data-status="stale"' in listing.text
    assert reverse("equity_resource_translation_sync", args=[toolkit_es.pk]) in listing.text
    dashboard = admin_client.get(reverse("wagtailadmin_home"))
    assert f'data-resource-id="{toolkit_es.pk}"' in dashboard.text
    sync_url = reverse("equity_resource_translation_sync", args=[toolkit_es.pk])
    assert 'data-field="summary"' in admin_client.get(sync_url).text
    assert client.post(sync_url).status_code == 302  # anonymous: to the login page
    assert not translation.state_for_page(toolkit_es).sync_pending
    source_sync = reverse("equity_resource_translation_sync", args=[toolkit.pk])
    assert admin_client.get(source_sync).status_code == 404  # a source has nothing to sync

    assert admin_client.post(sync_url).status_code == 302
    state = translation.state_for_page(toolkit_es)
    assert state.status == "stale" and state.sync_pending  # not current until published

    spanish = Resource.objects.get(pk=toolkit_es.pk)
    spanish.summary = "Cómo las ciudades dan vivienda a su población, actualizado para 2026."
    spanish.save_revision().publish()
    state = translation.state_for_page(Resource.objects.get(pk=toolkit_es.pk))
    assert state.status == "up_to_date" and not state.sync_pending
    basis = ResourceTranslationBasis.objects.get(resource=toolkit_es)
    assert basis.source_revision_id == source.live_revision_id
    status = client.get(f"/api/v2/resources/{toolkit.pk}/").json()["translation_status"]
    assert status["translations"][0]["status"] == "up_to_date"


def test_stored_resource_representations_follow_parity_and_translations(
    store, client, admin_client, toolkit, spanish, django_capture_on_commit_callbacks
):
    """With the representation store on (in-process and Redis), the v2 details of a source
    resource and its translation say what is true now after each step: a translation
    published (the source lists it), the source published, an editor's sync (a draft
    change: no publish) and the translation published again. Each address is read twice, so
    the second read comes from the store."""

    def details(*resources):
        seen = []
        for resource in resources:
            url = f"/api/v2/resources/{resource.pk}/"
            client.get(url)
            seen.append(client.get(url).json())
        return seen

    source = details(toolkit)[0]
    assert source["translations"] == {}
    assert source["translation_status"]["translations"][0]["status"] == "missing"
    with django_capture_on_commit_callbacks(execute=True):
        toolkit_es = publish(translate(toolkit, spanish, title="Guía municipal"))
    source, _ = details(toolkit, toolkit_es)
    assert list(source["translations"]) == ["es"]

    def parity():
        source, spanish_version = details(toolkit, toolkit_es)
        states = {
            (state["status"], state["sync_pending"])
            for state in (source["translation_status"]["translations"][0],
                          spanish_version["translation_status"])
        }  # fmt: skip
        assert len(states) == 1, states
        return states.pop()

    assert parity() == ("up_to_date", False)
    with django_capture_on_commit_callbacks(execute=True):
        publish_change(toolkit, summary="Updated for 2026.")
    assert parity() == ("stale", False)
    sync_url = reverse("equity_resource_translation_sync", args=[toolkit_es.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(sync_url).status_code == 302
    assert parity() == ("stale", True)
    with django_capture_on_commit_callbacks(execute=True):
        publish_change(toolkit_es, summary="Actualizado para 2026.")
    assert parity() == ("up_to_date", False)


def publish_change(resource, **fields) -> None:
    resource = Resource.objects.get(pk=resource.pk)
    for name, value in fields.items():
        setattr(resource, name, value)
    resource.save_revision().publish()


# --- Demo -------------------------------------------------------------------------------------


def test_the_demo_has_spanish_topics_and_resources_shown_to_spanish_readers(client):
    from django.core.management import call_command

    call_command("load_demo_content")
    spanish = Resource.objects.filter(locale__language_code="es")
    assert spanish.count() == 4 and all(resource.live for resource in spanish)
    for resource in spanish:
        assert translation.state_for_page(resource).status == "up_to_date", resource.title
        assert resource.topics.exists()
        assert {t.locale.language_code for t in resource.topics.all()} == {"es"}
    assert Topic.objects.filter(locale__language_code="es").count() == 5
    landing = client.get("/es/impulsar-la-equidad/").text
    assert "Impulsar la equidad racial: introducción" in landing
    assert "Advancing Racial Equity: An Introduction" not in landing
    library = client.get("/es/impulsar-la-equidad/recursos/").text
    assert "Alianza de Gobiernos por la Raza y la Equidad (GARE)" in library
    assert "Race Forward" in library  # not translated: shown as written
    assert "Equidad racial" in library  # the topic filter, in Spanish
    english = client.get("/advancing-equity/").text
    assert "Advancing Racial Equity: An Introduction" in english
    counts = (Resource.objects.count(), Topic.objects.count())
    call_command("load_demo_content")  # idempotent
    assert (Resource.objects.count(), Topic.objects.count()) == counts
