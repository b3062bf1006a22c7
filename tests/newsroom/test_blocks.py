"""Every release block is a named class with an icon, template, preview and description."""

import pytest

from newsroom.blocks import NewsArticleStreamBlock


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(NewsArticleStreamBlock.base_blocks))
def test_block_meta_and_preview_renders(name):
    block = NewsArticleStreamBlock.base_blocks[name]
    meta = block.meta
    assert meta.icon and meta.description
    assert meta.template.startswith("newsroom/blocks/")
    assert meta.preview_template == "newsroom/blocks/preview.html"
    if name != "image":  # the image preview needs an image in the library
        html = block.render(block.get_preview_value())
        assert html.strip()
