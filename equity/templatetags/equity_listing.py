"""The listing pages' shared components: the filter form (``{% filter_form %}`` with fields
from ``{% filter_field %}``) and the pagination (``equity/includes/pagination.html``). The
library, the newsroom and site search use them, so the three read and behave alike.

    {% filter_field "q" _("Search") id="library-q" value=filters.query as q %}
    {% filter_field "kind" _("Kind") id="library-kind" choices=kinds value=filters.kind
                    empty_label=_("All kinds") as kind %}
    {% filter_form q kind action=page.url label=_("Filter the library") submit=_("Apply") %}
"""

from django import template

register = template.Library()


@register.simple_tag
def filter_field(
    name: str,
    label: str,
    *,
    id: str,
    value=None,
    choices=None,
    empty_label: str = "",
    value_attr: str | None = None,
    label_attr: str | None = None,
) -> dict:
    """One field of a filter form: a search box, or with ``choices`` a select.

    ``choices`` are ``(value, label)`` pairs, bare values (their own label, like a year), or
    objects read through ``value_attr`` and ``label_attr`` (a topic's ``slug`` and ``name``).
    The option equal to ``value`` (compared as text, so a year given as a number matches) is
    selected; ``empty_label`` names the option that filters nothing."""
    current = "" if value is None else str(value)
    options = None
    if choices is not None:
        options = []
        for choice in choices:
            if value_attr:
                option, text = getattr(choice, value_attr), getattr(choice, label_attr or "")
            elif isinstance(choice, tuple | list):
                option, text = choice
            else:  # a bare value is its own label (a year)
                option = text = choice
            options.append((str(option), text, str(option) == current))
    return {
        "name": name,
        "label": label,
        "id": id,
        "value": current,
        "options": options,
        "empty_label": empty_label,
    }


@register.inclusion_tag("equity/includes/filter_form.html")
def filter_form(
    *fields, action: str, label: str, submit: str, clear_url: str = "", active: bool = False
) -> dict:
    """A GET form of ``fields`` (from ``filter_field``) sent to ``action``; ``label`` names
    the form for assistive technology, ``submit`` is its button's text. While a filter is
    ``active``, a link to ``clear_url`` (when given) clears the filters."""
    return {
        "fields": fields,
        "action": action,
        "label": label,
        "submit": submit,
        "clear_url": clear_url if active else "",
    }
