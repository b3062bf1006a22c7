"""A "Front end" preview mode beside Wagtail's own, for sites whose apps render the content.

When the project sets ``HEADLESS_PREVIEW_ENABLED`` (the demo settings do when
``HEADLESS_PREVIEW_CLIENT_URL`` is given), every plugin page type offers a second preview
mode in the admin's preview panel. Choosing it stores the draft with wagtail-headless-preview
under a signed token and frames the apps' own front end at
``<client URL>?content_type=<app.Model>&token=<token>``; the front end fetches the draft from
the API's preview endpoint. The default mode keeps previewing the site's own HTML, so editors
of a site without a separate front end see no change.
"""

from django.conf import settings
from wagtail_headless_preview.models import HeadlessPreviewMixin

HEADLESS_MODE = "headless"


def headless_preview_enabled() -> bool:
    return bool(getattr(settings, "HEADLESS_PREVIEW_ENABLED", False))


class FrontEndPreviewMixin(HeadlessPreviewMixin):
    """Add the "Front end" preview mode; leave the default mode as Wagtail's own preview."""

    @property
    def preview_modes(self):
        modes = list(super().preview_modes)
        if headless_preview_enabled():
            modes.append((HEADLESS_MODE, "Front end"))
        return modes

    def serve_preview(self, request, preview_mode):
        if preview_mode == HEADLESS_MODE and headless_preview_enabled():
            return HeadlessPreviewMixin.serve_preview(self, request, preview_mode)
        # Skip HeadlessPreviewMixin's override: the default mode is Wagtail's own preview.
        return super(HeadlessPreviewMixin, self).serve_preview(request, preview_mode)
