"""Embed blocks in the APIs: the stored oEmbed data (from Wagtail's ``Embed`` record, fetched
once through the configured finder), typed in the OpenAPI document; an address that cannot be
embedded has ``oembed: null`` and never breaks the page or the list.

The finder is ``tests.embeds.RecordedEmbedFinder`` (test settings): nothing reaches the
network."""

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from wagtail.embeds.models import Embed

from tests.conftest import block
from tests.embeds import BROKEN, PHOTO, RECORDINGS, UNREACHABLE, VIDEO, RecordedEmbedFinder

pytestmark = pytest.mark.django_db

ADDRESSES = [VIDEO, PHOTO, UNREACHABLE, BROKEN]


@pytest.fixture
def embedding(release):
    """The release of the API fixtures with four embeds after its body."""
    release.body = [dict(item) for item in release.body.raw_data] + [
        block("embed", url) for url in ADDRESSES
    ]
    release.save_revision().publish()
    RecordedEmbedFinder.calls.clear()
    return release


def embeds_of(data: dict) -> list:
    return [item["value"] for item in data["body"] if item["type"] == "embed"]


def expected_video() -> dict:
    recording = RECORDINGS[VIDEO]
    return {"url": VIDEO, "oembed": {key: recording[key] for key in EMBED_KEYS}}


EMBED_KEYS = [
    "type",
    "html",
    "title",
    "author_name",
    "provider_name",
    "thumbnail_url",
    "width",
    "height",
]


def surfaces(release) -> dict[str, str]:
    return {
        "v2 detail": f"/api/v2/pages/{release.pk}/",
        "v2 list": "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=body",
        "v2 releases": "/api/v2/releases/?fields=body",
        "v3 detail": f"/api/v3/pages/{release.pk}/",
    }


def test_every_surface_gives_the_stored_oembed_data(client, embedding, caplog):
    for surface, url in surfaces(embedding).items():
        response = client.get(url)
        assert response.status_code == 200, (surface, response.content[:300])
        data = response.json()
        data = data["items"][0] if "items" in data else data
        video, photo, unreachable, broken = embeds_of(data)
        assert video == expected_video(), surface
        assert photo["oembed"]["type"] == "photo"
        # Stored as integers; a missing thumbnail is null, not "".
        assert (photo["oembed"]["width"], photo["oembed"]["height"]) == (1200, 800)
        assert photo["oembed"]["thumbnail_url"] is None
        assert unreachable == {"url": UNREACHABLE, "oembed": None}, surface
        assert broken == {"url": BROKEN, "oembed": None}, surface
    assert f"Embed lookup failed for {BROKEN}" in caplog.text
    stored = Embed.objects.get(url=VIDEO)
    assert (stored.html, stored.provider_name) == (
        RECORDINGS[VIDEO]["html"],
        "Example Video",
    )
    # Fetched once, then answered from the stored record.
    assert RecordedEmbedFinder.calls[VIDEO] == 1
    assert RecordedEmbedFinder.calls[PHOTO] == 1


def test_the_openapi_document_types_the_embed_and_responses_conform(client, embedding):
    document = client.get("/api/v3/openapi.json").json()
    schemas = document["components"]["schemas"]
    item = schemas["NewsArticleStreamBlockEmbedItem"]["properties"]["value"]
    assert item == {"$ref": "#/components/schemas/EmbeddedMedia"}
    media = schemas["EmbeddedMedia"]
    assert set(media["required"]) == {"url", "oembed"}
    assert media["properties"]["oembed"]["anyOf"] == [
        {"$ref": "#/components/schemas/OEmbed"},
        {"type": "null"},
    ]
    assert set(schemas["OEmbed"]["required"]) == set(EMBED_KEYS)
    assert schemas["OEmbed"]["properties"]["type"]["enum"] == ["video", "photo", "link", "rich"]
    operation = document["paths"]["/api/v3/pages/{page_id}/"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    validator = Draft202012Validator(
        {**schema, "components": document["components"]}, format_checker=FormatChecker()
    )
    data = client.get(f"/api/v3/pages/{embedding.pk}/").json()
    assert len(embeds_of(data)) == 4
    validator.validate(data)


def test_every_embed_block_of_the_page_types_gives_oembed_data():
    """A plain ``EmbedBlock`` would answer only the address: each one is an ``OEmbedBlock``."""
    from wagtail.blocks import StreamBlock, StructBlock
    from wagtail.blocks.list_block import ListBlock
    from wagtail.embeds.blocks import EmbedBlock
    from wagtail.fields import StreamField
    from wagtail.models import get_page_models

    from equity.embeds import OEmbedBlock

    def walk(block):
        yield block
        if isinstance(block, StreamBlock | StructBlock):
            for child in block.child_blocks.values():
                yield from walk(child)
        elif isinstance(block, ListBlock):
            yield from walk(block.child_block)

    found = []
    for model in get_page_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                for child in walk(field.stream_block):
                    if isinstance(child, EmbedBlock):
                        found.append((model.__name__, field.name, type(child)))
    assert found, "no page type embeds anything any more: update this test"
    assert all(issubclass(kind, OEmbedBlock) for _, _, kind in found), found
