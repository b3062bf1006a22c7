"""The embed finder of the test settings: recorded oEmbed answers, never the network.

``RecordedEmbedFinder`` answers the addresses in ``RECORDINGS`` with the oEmbed data a
provider gave for them (a video with its player, a photo), refuses ``UNREACHABLE`` hosts as a
provider that is down would (``EmbedNotFoundException``), raises an unexpected error for
``BROKEN`` ones (a finder's own fault) and answers any other http(s) address with the local
link card of ``cms_site.embeds.LocalEmbedFinder``. ``calls`` counts what it was asked, so a
test can see that stored embeds are not fetched again.
"""

from collections import Counter

from django.utils.html import format_html
from wagtail.embeds.exceptions import EmbedNotFoundException

from cms_site.embeds import LocalEmbedFinder

VIDEO = "https://video.example.org/press-conference"
PHOTO = "https://photos.example.org/p/rally"
UNREACHABLE = "https://down.example.org/"
BROKEN = "https://broken.example.org/"

RECORDINGS = {
    VIDEO: {
        "type": "video",
        "title": "Press conference: cities unite",
        "author_name": "City of Sacramento",
        "provider_name": "Example Video",
        "thumbnail_url": "https://video.example.org/thumbs/press-conference.jpg",
        "width": 640,
        "height": 360,
        "html": format_html(
            '<iframe src="{}" width="640" height="360" title="{}"></iframe>',
            "https://video.example.org/embed/press-conference",
            "Press conference: cities unite",
        ),
    },
    PHOTO: {
        "type": "photo",
        "title": "The rally",
        "author_name": "",
        "provider_name": "Example Photos",
        "thumbnail_url": None,
        "width": "1200",
        "height": "800",
        "html": '<img src="https://photos.example.org/rally.jpg" alt="The rally">',
    },
}


class RecordedEmbedFinder(LocalEmbedFinder):
    calls: Counter = Counter()

    def find_embed(self, url: str, max_width: int | None = None, max_height: int | None = None):
        type(self).calls[url] += 1
        if url.startswith(UNREACHABLE):
            raise EmbedNotFoundException(url)
        if url.startswith(BROKEN):
            raise RuntimeError("the finder itself failed")
        if url in RECORDINGS:
            return dict(RECORDINGS[url])
        return super().find_embed(url, max_width, max_height)
