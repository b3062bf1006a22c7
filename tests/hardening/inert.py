"""Assertions that rendered HTML is inert: nothing a payload typed by an editor can run."""

import json
import re
import xml.etree.ElementTree as ElementTree

from bs4 import BeautifulSoup

from .payloads import DANGEROUS_SCHEMES

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "srcset",
}
# Elements a payload could use to run code or take over the page; our own templates use none.
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "math"}
_IGNORED = re.compile(r"[\x00-\x20\x7f-\xa0\u200b-\u200f\u2028-\u202e\ufeff]+")


def url_scheme(value: str) -> str:
    """The scheme a browser would act on, ignoring the characters browsers skip."""
    cleaned = _IGNORED.sub("", value).lower()
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", cleaned)
    return match.group(1) if match else ""


def problems(html: str, *, admin: bool = False) -> list[str]:
    """Everything in ``html`` that could execute; empty when the page is inert.

    Public pages have no script or style of their own at all. The admin has its own scripts:
    there, only same-origin scripts (``src`` under /static/ or /admin/) and JSON data blocks
    are allowed, and no inline script may contain a payload's ``alert``.
    """
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for element in soup.find_all(True):
        name = element.name.lower()
        for attribute, value in element.attrs.items():
            attribute = attribute.lower()
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.startswith("on"):
                found.append(f"<{name} {attribute}={value!r}>")
            if attribute in URL_ATTRIBUTES and url_scheme(value) in DANGEROUS_SCHEMES:
                found.append(f"<{name} {attribute}={value!r}>")
            if attribute == "style" and not admin:
                found.append(f"<{name} style={value!r}> (inline style on a public page)")
            if attribute == "style" and re.search(r"expression\(|javascript:", value, re.I):
                found.append(f"<{name} style={value!r}>")
        if name in FORBIDDEN_TAGS and not admin:
            found.append(f"<{name}> element")
        if name == "meta" and element.get("http-equiv", "").lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        if name == "style" and not admin:
            found.append("<style> element on a public page")
        if name == "script":
            if not admin:
                found.append(f"<script> on a public page: {str(element)[:120]!r}")
            elif element.get("src"):
                if not re.match(r"^/(static|admin)/", element["src"]):
                    found.append(f"<script src={element['src']!r}>")
            elif element.get("type") == "application/json":
                # Data, never run (Wagtail's panel data): safe while it is valid JSON, which
                # escaping every "<" guarantees, so no payload can close the element early.
                try:
                    json.loads(element.get_text())
                except ValueError:
                    found.append(f"a JSON data script that does not parse: {str(element)[:120]!r}")
            elif "alert(" in element.get_text() or "msgbox(" in element.get_text():
                found.append(f"inline admin script with a payload: {str(element)[:120]!r}")
    return found


def assert_inert(html: str, *, admin: bool = False, where: str = ""):
    found = problems(html, admin=admin)
    assert not found, f"{where}: executable content in the HTML: {found[:5]}"


def assert_feed_inert(xml: bytes, where: str = ""):
    """A feed is well-formed XML, and the HTML that feed readers render from it is inert."""
    root = ElementTree.fromstring(xml)  # raises on malformed XML (e.g. control characters)
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        for attribute, value in element.attrib.items():
            if attribute in {"href", "src"} and url_scheme(value) in DANGEROUS_SCHEMES:
                raise AssertionError(f"{where}: <{tag} {attribute}={value!r}>")
        if tag in {"description", "summary", "content"} and element.text:
            # Feed readers render these as HTML: the decoded text must be inert HTML.
            assert_inert(element.text, where=f"{where} <{tag}>")
        if tag == "link" and element.text and url_scheme(element.text) in DANGEROUS_SCHEMES:
            raise AssertionError(f"{where}: <link>{element.text}</link>")
