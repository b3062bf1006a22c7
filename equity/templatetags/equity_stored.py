"""``{% stored_body page %}``: a page's StreamField body, rendered once per published
revision for anonymous visitors (``equity.headless.representations``); the same HTML as
``{% for block in page.body %}{% include_block block %}{% endfor %}``."""

from django import template

from equity.headless.stored_surfaces import render_stream

register = template.Library()


@register.simple_tag(takes_context=True)
def stored_body(context, page, field_name="body"):
    return render_stream(context, page, field_name)
