"""What every block module of the package shares: the block picker's preview template, and the
path migrations name a block by."""

# Block-picker previews: Wagtail's preview page plus this app's stylesheet.
PREVIEW_TEMPLATE = "equity/blocks/preview.html"


def package_paths(*block_classes) -> dict:
    """``{block class: "equity.blocks.<Name>"}``, a module's ``DECONSTRUCT_ALIASES``.

    Migrations name a block by this public path (as Wagtail names its own ``wagtail.blocks``
    ones), not by the module of the package it is defined in: moving a block between the
    package's modules then changes no migration.
    """
    return {cls: f"equity.blocks.{cls.__name__}" for cls in block_classes}
