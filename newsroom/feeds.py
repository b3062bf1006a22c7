"""RSS 2.0 and Atom feeds of a newsroom, optionally narrowed to one tag."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .models import FEED_ITEMS


class NewsroomRSSFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, newsroom, tag: str | None = None):
        super().__init__()
        self.newsroom = newsroom
        self.tag = tag
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        suffix = f" — {self.tag}" if self.tag else ""
        return f"{self.newsroom.title}{suffix}"

    def link(self):
        return self.newsroom.get_full_url(self.request)

    def description(self):
        return f"Press releases and statements from {self.newsroom.title}."

    subtitle = description

    def feed_url(self):
        kind = "atom" if self.feed_type is Atom1Feed else "rss"
        return self.newsroom.feed_url(kind, self.tag, full=True, request=self.request)

    def items(self):
        return list(self.newsroom.releases(self.tag)[:FEED_ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.release_line}. {item.summary}"

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
        return item.byline or None

    def item_categories(self, item):
        return sorted(tag.name for tag in item.tags.all())


class NewsroomAtomFeed(NewsroomRSSFeed):
    feed_type = Atom1Feed
