"""``{% image %}`` as Wagtail's, except that a stored file that cannot be decoded renders
nothing (and logs a warning) instead of failing the whole page: load this library after
``wagtailimages_tags``."""

from django import template
from wagtail.images.templatetags.wagtailimages_tags import image as wagtail_image_tag

from ..images import DECODE_ERRORS, not_decodable

register = template.Library()


class DecodeSafeNode(template.Node):
    def __init__(self, node):
        self.node = node

    def render(self, context):
        try:
            return self.node.render(context)
        except DECODE_ERRORS as error:
            image = self.node.image_expr.resolve(context)
            not_decodable(image, error)
            return ""


@register.tag("image")
def image(parser, token):
    return DecodeSafeNode(wagtail_image_tag(parser, token))
