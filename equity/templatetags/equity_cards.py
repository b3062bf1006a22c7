"""``{% resource_card resource as card %}`` and ``{% block_card "webinar" value as card %}``:
the one card of a library item (see ``equity.cards``)."""

from django import template

from ..cards import card_for_block, card_for_resource

register = template.Library()


@register.simple_tag
def resource_card(resource):
    return card_for_resource(resource)


@register.simple_tag
def block_card(block_type, value):
    return card_for_block(block_type, value)
