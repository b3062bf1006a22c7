"""Template tags for pages in several languages: the language switcher, ``hreflang``
alternates and the notice on a translation that is behind its source."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from .. import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context, page=None) -> list[dict]:
    """``[{language_code, language_name, url, full_url, is_current}]``: for a page, its live, public
    translations; for any other view (site search), the same address in each language."""
    request = context.get("request")
    if page is not None and getattr(page, "pk", None) and hasattr(page, "translation_key"):
        return translation.translation_links(page, request)
    if request is None:
        return []
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "language_code": code,
                "language_name": name,
                "url": url,
                "is_current": code == current,
            }
        )
    return links


@register.inclusion_tag("equity/includes/translation_notice.html", takes_context=True)
def translation_notice(context, page=None) -> dict:
    """A short notice on a translation whose source has changed since it was last synced,
    linking to the current source page."""
    state = None
    if page is not None and getattr(page, "pk", None) and hasattr(page, "translation_key"):
        state = translation.state_for_page(page)
    stale = state is not None and state.status == translation.STALE and state.source is not None
    return {
        "state": state if stale else None,
        "source_url": state.source.get_url(context.get("request")) if stale else None,
        "source_language": translation.language_name(settings.LANGUAGE_CODE),
        "source_language_code": settings.LANGUAGE_CODE,
    }
