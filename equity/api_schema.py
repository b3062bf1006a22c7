"""The typed-schema builder: real OpenAPI types for every StreamField in API v3.

Stock Wagtail 8 types a StreamField as ``list[Any]``. This module turns a StreamField's block
definition into pydantic types that describe exactly what ``get_api_representation`` returns:

- a ``StreamBlock`` is a list of a union discriminated on ``type``, each member
  ``{"type": Literal[name], "value": <typed>, "id": str}``;
- a ``StructBlock`` is an object (a named schema) with one typed property per child;
- a ``ListBlock`` is an array of its child's type (Wagtail's API emits plain values);
- rich text is a string of HTML (or Markdown with ``?rich_text_format=markdown``), dates are
  ISO date strings, choices are enums;
- a block whose ``get_api_representation`` is overridden is typed by what it registered here
  (``register_block_schema``), e.g. a chosen page as ``{id, title, url} | null``.

Objects forbid unknown properties (``additionalProperties: false``), so an API output that
drifts from its published schema fails validation in the test suite rather than in an app.

``install()`` registers the builder with Wagtail's read-schema generator; the app config calls
it at start-up, before the API's URLs (and its schemas) are built.
"""

import datetime
import logging
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, create_model
from wagtail import blocks
from wagtail.blocks.field_block import BaseChoiceBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamField

from .blocks import (
    ACTION_STATUSES,
    APIPageChooserBlock,
    CallToActionBlock,
    FeaturedPageCardBlock,
    LibraryResourceBlock,
    PriorityBlock,
    ResourceChooserBlock,
    RoadmapActionBlock,
)
from .embeds import OEmbedBlock
from .library_translation import content_language
from .models.library import ResourceKind

logger = logging.getLogger(__name__)

SchemaFunc = Callable[[blocks.Block], Any]

# Block class → function returning the annotation for an instance of it (looked up by MRO).
_block_schemas: dict[type, SchemaFunc] = {}
# Named models already built, by name: a block class is described once in the document.
_models: dict[str, tuple[type, type[BaseModel]]] = {}
# Blocks that override get_api_representation without a registered schema: typed Any.
untyped_blocks: set[str] = set()


class APIObject(BaseModel):
    """Base of every object this module publishes: no property outside the schema."""

    model_config = ConfigDict(extra="forbid")


class PageRef(APIObject):
    """A chosen page, live only: ``{id, title, url}``."""

    id: int
    title: str
    url: str


class ResourceSummary(APIObject):
    """A library resource embedded in a page (``Resource.summary_for_api``)."""

    id: int
    title: str
    kind: Literal[tuple(ResourceKind.values)]  # type: ignore[valid-type]
    url: str
    summary: str


class ProgressByStatus(APIObject):
    planned: int
    in_progress: int
    complete: int
    paused: int


class Progress(APIObject):
    """Roadmap progress computed from the actions' statuses."""

    complete: int
    total: int
    percent: int
    by_status: ProgressByStatus


class OEmbed(APIObject):
    """Stored oEmbed data of an embedded address (Wagtail's ``Embed`` record): the provider's
    ``html`` to show, its ``width``/``height`` in pixels when it gives them."""

    type: Literal["video", "photo", "link", "rich"]
    html: str
    title: str
    author_name: str
    provider_name: str
    thumbnail_url: str | None
    width: int | None
    height: int | None


class EmbeddedMedia(APIObject):
    """An embed block: the address an editor pasted and its stored oEmbed data, ``null``
    when the address cannot be embedded (``equity.embeds``)."""

    url: str
    oembed: OEmbed | None


class CallToAction(APIObject):
    """A call to action: its label, the address to go to, and the page when one was chosen."""

    label: str
    url: str | None
    page: PageRef | None


class FeaturedPageCard(APIObject):
    page: PageRef | None
    heading: str
    summary: str | None
    label: str


class LibraryResource(APIObject):
    resource: ResourceSummary | None


def register_block_schema(block_class: type, schema: Any) -> None:
    """Declare the API type of ``block_class`` (and its subclasses).

    ``schema`` is an annotation (a pydantic model, ``X | None``, …) or a function taking the
    block instance and returning one. Every block that overrides ``get_api_representation``
    registers here, so the published schema is the output's real shape.
    """
    _block_schemas[block_class] = schema if _is_schema_func(schema) else (lambda block: schema)


def _is_schema_func(schema: Any) -> bool:
    return callable(schema) and not isinstance(schema, type) and not hasattr(schema, "__args__")


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\W]+", name) if part)


def _model_name(block: blocks.Block, fallback: str) -> str:
    cls = type(block)
    if cls.__module__.startswith("wagtail."):
        # An anonymous StructBlock/StreamBlock: named after where it sits.
        return fallback
    name = cls.__name__
    known = _models.get(name)
    if known is not None and known[0] is not cls:
        name = f"{_camel(cls.__module__.split('.')[0])}{name}"
    return name


def _optional(annotation: Any, block: blocks.Block) -> Any:
    return annotation if getattr(block, "required", True) else annotation | None


def struct_model(block: blocks.StructBlock, name: str, **extra: Any) -> type[BaseModel]:
    """A StructBlock as a named object: one property per child, plus ``extra`` ones."""
    name = _model_name(block, name)
    if name in _models:
        return _models[name][1]
    fields: dict[str, Any] = {}
    for child_name, child in block.child_blocks.items():
        fields[child_name] = (block_annotation(child, f"{name}{_camel(child_name)}"), ...)
    for field_name, annotation in extra.items():
        fields[field_name] = (annotation, ...)
    model = create_model(name, __base__=APIObject, __doc__=_doc(block), **fields)
    _models[name] = (type(block), model)
    return model


def stream_items(block: blocks.StreamBlock, name: str) -> Any:
    """A StreamBlock's items: a union of ``{type, value, id}`` objects discriminated on type."""
    name = _model_name(block, name)
    members = []
    for child_name, child in block.child_blocks.items():
        item_name = f"{name}{_camel(child_name)}Item"
        if item_name in _models:
            members.append(_models[item_name][1])
            continue
        member = create_model(
            item_name,
            __base__=APIObject,
            __doc__=f"A `{child_name}` block of {name}.",
            type=(Literal[child_name], ...),
            value=(block_annotation(child, f"{name}{_camel(child_name)}"), ...),
            id=(str, ...),
        )
        _models[item_name] = (type(child), member)
        members.append(member)
    if not members:
        return list[Any]
    if len(members) == 1:
        return list[members[0]]
    return list[Annotated[Union[tuple(members)], Field(discriminator="type")]]  # noqa: UP007


def _doc(block: blocks.Block) -> str | None:
    description = getattr(block.meta, "description", "") or (type(block).__doc__ or "")
    return " ".join(str(description).split()) or None


def _choice_annotation(block: BaseChoiceBlock) -> Any:
    values = []
    for value, label in block.field.choices:
        if isinstance(label, list | tuple):  # an option group
            values.extend(str(inner) for inner, _ in label)
        else:
            values.append(str(value))
    values = [value for value in values if value != ""]
    if not values:
        return str
    literal = Literal[tuple(values)]  # type: ignore[valid-type]
    if isinstance(block, blocks.MultipleChoiceBlock):
        return list[literal]
    return literal if block.required else literal | Literal[""] | None


def _overrides_api_representation(block: blocks.Block) -> bool:
    for cls in type(block).__mro__:
        if "get_api_representation" in vars(cls):
            return not cls.__module__.startswith("wagtail.")
    return False


def block_annotation(block: blocks.Block, name: str) -> Any:
    """The pydantic annotation for the API value of ``block``."""
    for cls in type(block).__mro__:
        if cls in _block_schemas:
            return _block_schemas[cls](block)
    if _overrides_api_representation(block):
        untyped_blocks.add(f"{type(block).__module__}.{type(block).__qualname__}")
        logger.warning("%s overrides get_api_representation without a schema", type(block))
        return Any
    if isinstance(block, blocks.StreamBlock):
        return stream_items(block, name)
    if isinstance(block, blocks.StructBlock):
        return struct_model(block, name)
    if isinstance(block, blocks.ListBlock):
        return list[block_annotation(block.child_block, name)]
    if isinstance(block, blocks.StaticBlock):
        return None
    if isinstance(block, BaseChoiceBlock):
        return _choice_annotation(block)
    if isinstance(block, blocks.ChooserBlock):
        return int | None  # Wagtail's default: the chosen object's primary key
    simple = [
        (blocks.RichTextBlock, Annotated[str, Field(json_schema_extra={"format": "html"})]),
        (blocks.BooleanBlock, bool),
        (blocks.IntegerBlock, int),
        (blocks.FloatBlock, float),
        (blocks.DecimalBlock, float | str),
        (blocks.DateTimeBlock, datetime.datetime),
        (blocks.DateBlock, datetime.date),
        (blocks.TimeBlock, datetime.time),
        (EmbedBlock, str),
        (blocks.FieldBlock, str),  # char, text, URL, email, regex, raw HTML
    ]
    for block_class, annotation in simple:
        if isinstance(block, block_class):
            return _optional(annotation, block)
    untyped_blocks.add(f"{type(block).__module__}.{type(block).__qualname__}")
    return Any


def stream_field_annotation(stream_block: blocks.StreamBlock, model_name: str) -> Any:
    return stream_items(stream_block, _model_name(stream_block, f"{model_name}Stream"))


def streamfield_schema(generator, field: StreamField):
    """Wagtail read-generator hook: a StreamField typed from its blocks (not ``list[Any]``)."""
    field_name = field.name

    def resolve(obj, context: dict) -> Any:
        value = getattr(obj, field_name)
        locale = getattr(obj, "locale", None)
        if locale is None:
            return value.stream_block.get_api_representation(value, context)
        # Chosen library resources in the page's language (equity.library_translation).
        with content_language(locale.language_code):
            return value.stream_block.get_api_representation(value, context)

    annotation = stream_field_annotation(
        field.stream_block, f"{field.model._meta.object_name}{_camel(field_name)}"
    )
    return annotation, [], staticmethod(resolve)


# --- The plugin's own blocks whose API output is designed --------------------------------

register_block_schema(APIPageChooserBlock, PageRef | None)
register_block_schema(OEmbedBlock, lambda block: _optional(EmbeddedMedia, block))
register_block_schema(ResourceChooserBlock, ResourceSummary | None)
register_block_schema(CallToActionBlock, CallToAction)
register_block_schema(FeaturedPageCardBlock, FeaturedPageCard)
register_block_schema(LibraryResourceBlock, LibraryResource)
register_block_schema(
    RoadmapActionBlock,
    lambda block: struct_model(
        block,
        "RoadmapActionBlock",
        status_label=Literal[(*(label for _, label in ACTION_STATUSES), "")],  # type: ignore[valid-type]
        target_label=str,
    ),
)
register_block_schema(
    PriorityBlock, lambda block: struct_model(block, "PriorityBlock", progress=Progress)
)


def install() -> None:
    """Type every StreamField of every model in API v3's read schemas."""
    from wagtail.api.v3.schemas.generators.read import read_generator

    read_generator.register_field_schema(StreamField, streamfield_schema)
