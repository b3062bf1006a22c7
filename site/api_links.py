"""Links inside the APIs' rich text are absolute, from the API's base URL.

Wagtail renders an internal link or a document link in rich text as a site-relative path
(``<a href="/news/cities-unite/">``, ``/documents/7/report.pdf``), which a front end on another
origin cannot follow. The APIs' ``html`` and ``markdown`` rich-text formats (``APIRichText``,
both v2 and v3) are made to prefix such paths with ``WAGTAILAPI_BASE_URL`` (which follows
``PUBLIC_BASE_URL``): ``href="/x/"`` becomes ``href="https://cms.example.org/x/"``, as every
other absolute address of the APIs. Absolute and protocol-relative links are left alone; the
database formats (``db_html``, ``db_markdown``) are the stored text, unchanged.

:func:`install` runs once, when ``cms_site.api`` is imported.
"""

import re

from wagtail.api.rich_text import APIRichText
from wagtail.api.utils import get_base_url

_HTML_PATH = re.compile(r"""(\s(?:href|src)=["'])(/(?!/))""")
_MARKDOWN_PATH = re.compile(r"(\]\()(/(?!/))")


def absolute_html(html: str) -> str:
    base = get_base_url()
    return _HTML_PATH.sub(lambda m: m.group(1) + base + m.group(2), html) if base else html


def absolute_markdown(text: str) -> str:
    base = get_base_url()
    return _MARKDOWN_PATH.sub(lambda m: m.group(1) + base + m.group(2), text) if base else text


def install() -> None:
    html, markdown = APIRichText._serialize_html, APIRichText._serialize_markdown
    if getattr(html, "absolute_links", False):
        return

    def serialize_html(value: str, *, features: list[str] | None = None) -> str:
        return absolute_html(html(value, features=features))

    def serialize_markdown(value: str, *, features: list[str] | None = None) -> str:
        return absolute_markdown(markdown(value, features=features))

    serialize_html.absolute_links = True
    APIRichText._serialize_html = staticmethod(serialize_html)
    APIRichText._serialize_markdown = staticmethod(serialize_markdown)
