"""RSS 2.0 and Atom feeds of a newsroom, optionally narrowed to one tag."""

import re

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext

# Releases a feed lists, newest first.
FEED_ITEMS = 20

# Characters XML 1.0 cannot hold. Editors can type them (a pasted vertical tab, an escape
# sequence), and Django's feed writer raises on them: the feed would answer 500.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str | None) -> str | None:
    """``value`` without the characters XML 1.0 cannot hold."""
    return XML_ILLEGAL.sub("", value) if value else value


class NewsroomRSSFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, newsroom, tag: str | None = None):
        super().__init__()
        self.newsroom = newsroom
        self.tag = tag
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        # Django's feed writer appends every XML fragment to the response as its own chunk
        # (hundreds of them); a WSGI server sends each chunk with its own write, which made
        # the feed several times slower to deliver than a page of the same size. One chunk.
        response.content = response.content
        return response

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        if not feed.items:
            # With no items Django dates the feed "now", so an empty feed (a tag with no
            # releases yet) changed on every request and never matched its own ETag. It is
            # as new as the newsroom itself.
            changed = self.newsroom.last_published_at or self.newsroom.first_published_at
            if changed is not None:
                feed.latest_post_date = lambda: changed.replace(microsecond=0)
        return feed

    def title(self):
        suffix = f" — {self.tag}" if self.tag else ""
        return xml_text(f"{self.newsroom.title}{suffix}")

    def link(self):
        return self.newsroom.get_full_url(self.request)

    def description(self):
        # In the feed's language (its address's: /es/prensa/feed/rss/ is Spanish).
        text = gettext("Press releases and statements from %(newsroom)s.")
        return xml_text(text % {"newsroom": self.newsroom.title})

    subtitle = description

    def feed_url(self):
        kind = "atom" if self.feed_type is Atom1Feed else "rss"
        return self.newsroom.feed_url(kind, self.tag, full=True, request=self.request)

    def items(self):
        return list(self.newsroom.releases(self.tag)[:FEED_ITEMS])

    def item_title(self, item):
        return xml_text(item.title)

    def item_description(self, item):
        # RSS <description> and Atom <summary type="html"> are HTML to feed readers; the
        # summary is plain text, so it is escaped (a typed "<script>" stays text).
        return xml_text(escape(f"{item.release_line}. {item.summary}"))

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.published_at, item.last_published_at or item.published_at)

    def item_author_name(self, item):
        return xml_text(item.byline) or None

    def item_categories(self, item):
        return sorted(xml_text(tag.name) for tag in item.tags.all())


class NewsroomAtomFeed(NewsroomRSSFeed):
    feed_type = Atom1Feed
