"""What editors rely on in the admin: block previews and descriptions in every block picker,
page types offered only where they belong, help text where a field is easy to get wrong."""

import pytest
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

from equity.models import EquityLandingPage, EquityRoadmapPage, ResourceLibraryPage
from home.models import HomePage
from newsroom.models import NewsArticlePage, NewsroomPage


def picker_blocks():
    """Every block an editor can pick from a StreamField's menu, in every page type."""
    seen = {}

    def walk(block, path):
        if isinstance(block, blocks.StreamBlock):
            for name, child in block.child_blocks.items():
                seen.setdefault(f"{path}.{name}", child)
                walk(child, f"{path}.{name}")
        elif isinstance(block, blocks.StructBlock):
            for name, child in block.child_blocks.items():
                walk(child, f"{path}.{name}")
        elif isinstance(block, blocks.ListBlock):
            walk(block.child_block, path)

    for model in get_page_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and model._meta.app_label in ("equity", "newsroom"):
                walk(field.stream_block, f"{model.__name__}.{field.name}")
    return seen


PICKER_BLOCKS = picker_blocks()


@pytest.mark.parametrize("path", sorted(PICKER_BLOCKS))
@pytest.mark.django_db
def test_every_picker_block_has_a_preview_and_description(path):
    block = PICKER_BLOCKS[path]
    assert block.get_description(), f"{path} has no description"
    assert block.meta.icon not in (None, "placeholder"), f"{path} has no icon"
    assert block.is_previewable, f"{path} shows no preview"


EXPECTED_PARENTS = {
    HomePage: {Page},
    EquityLandingPage: {HomePage},
    EquityRoadmapPage: {EquityLandingPage},
    ResourceLibraryPage: {EquityLandingPage},
    NewsroomPage: {HomePage},
    NewsArticlePage: {NewsroomPage},
}


@pytest.mark.parametrize("model", EXPECTED_PARENTS, ids=lambda model: model.__name__)
def test_page_types_are_offered_only_where_they_belong(model):
    parents = {parent for parent in get_page_models() if model in parent.allowed_subpage_models()}
    assert parents == EXPECTED_PARENTS[model]


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (EquityLandingPage, "hero_image_alt"),
        (EquityLandingPage, "hero_heading"),
        (NewsArticlePage, "embargo_until"),
        (NewsArticlePage, "summary"),
        (NewsArticlePage, "dateline"),
        (ResourceLibraryPage, "per_page"),
    ],
)
def test_fields_editors_could_get_wrong_have_help_text(model, field):
    assert model._meta.get_field(field).help_text
