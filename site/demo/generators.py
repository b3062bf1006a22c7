"""Bulk generators for scale testing (``load_demo_content --articles N --resources N``, the
benchmark and the tests): they top the newsroom and the library up to N generated entries,
writing rows in bulk. A generated entry is recognised by its slug or URL, so a second run
adds only what is missing.
"""

import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields
from taggit.models import Tag
from wagtail.models import Locale, Page, Revision

from equity.models import Resource, ResourceHost
from equity.models.library import ResourceKind
from newsroom.models import NewsArticleContact, NewsArticlePage, NewsArticleTag, NewsroomPage

from .library import ensure_topics
from .newsroom import _block, ensure_contacts

GENERATED_PREFIX = "generated-release-"

GENERATED_TOPICS = ["Housing", "Public safety", "Budget", "Equity", "Infrastructure"]
GENERATED_CITIES = ["Sacramento", "Oakland", "Fresno", "San Diego", "Riverside", "Eureka"]
LATEST_GENERATED_DATE = datetime.date(2021, 3, 18)


@transaction.atomic
def ensure_generated_releases(newsroom, count: int, batch_size: int = 500) -> int:
    """Make sure ``count`` generated releases exist under ``newsroom``; return how many were
    added. Rows are written in bulk: treebeard paths are computed here, pages, their
    specific rows, revisions, tags and contacts are inserted in batches, and the parent's
    ``numchild`` is updated once. (Generated releases are not added to the search index;
    run ``manage.py update_index`` if a search over them is needed.)"""
    newsroom = NewsroomPage.objects.select_for_update().get(pk=newsroom.pk)
    existing = set(
        NewsArticlePage.objects.child_of(newsroom)
        .filter(slug__startswith=GENERATED_PREFIX)
        .values_list("slug", flat=True)
    )
    numbers = [
        number
        for number in range(1, count + 1)
        if f"{GENERATED_PREFIX}{number:05d}" not in existing
    ]
    if not numbers:
        return 0

    steplen = Page.steplen
    last_child = newsroom.get_last_child()
    next_step = Page._str2int(last_child.path[-steplen:]) + 1 if last_child else 1
    depth = newsroom.depth + 1
    content_type = ContentType.objects.get_for_model(NewsArticlePage)
    page_type = ContentType.objects.get_for_model(Page)
    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in GENERATED_TOPICS}
    contact = ensure_contacts()[0]
    now = timezone.now()
    child_fields = NewsArticlePage._meta.local_concrete_fields

    for start in range(0, len(numbers), batch_size):
        chunk = numbers[start : start + batch_size]
        articles = []
        for offset, number in enumerate(chunk):
            topic = GENERATED_TOPICS[number % len(GENERATED_TOPICS)]
            city = GENERATED_CITIES[number % len(GENERATED_CITIES)]
            slug = f"{GENERATED_PREFIX}{number:05d}"
            title = f"{city} briefing no. {number}: {topic.lower()}"
            articles.append(
                NewsArticlePage(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(newsroom.path, depth, next_step + start + offset),
                    depth=depth,
                    numchild=0,
                    url_path=f"{newsroom.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale_id=newsroom.locale_id,
                    translation_key=uuid.uuid4(),
                    release_date=LATEST_GENERATED_DATE - datetime.timedelta(days=number // 3),
                    byline="Newsroom staff",
                    dateline=city,
                    summary=f"A generated release about {topic.lower()} in {city}, "
                    "for testing the newsroom at scale.",
                    body=[
                        _block(
                            "paragraph",
                            f"<p>City leaders in {city} discussed {topic.lower()}.</p>",
                        )
                    ],
                )
            )
        # Multi-table inheritance: the Page rows first, then the release rows on their keys.
        pages = Page.objects.bulk_create(
            [
                Page(**{f.attname: getattr(a, f.attname) for f in Page._meta.concrete_fields})
                for a in articles
            ],
            batch_size=batch_size,
        )
        for article, page in zip(articles, pages, strict=True):
            article.pk = article.id = article.page_ptr_id = page.pk
        NewsArticlePage._base_manager._insert(articles, fields=child_fields, using=connection.alias)

        revisions = Revision.objects.bulk_create(
            [
                Revision(
                    content_type=content_type,
                    base_content_type=page_type,
                    object_id=str(article.pk),
                    object_str=article.title,
                    created_at=now,
                    content={
                        **get_serializable_data_for_fields(article),
                        "tags": [],
                        "media_contacts": [],
                        "related_links": [],
                        "comments": [],
                    },
                )
                for article in articles
            ]
        )
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision_id = page.live_revision_id = revision.pk
        Page.objects.bulk_update(pages, ["latest_revision", "live_revision"], batch_size=250)

        NewsArticleTag.objects.bulk_create(
            NewsArticleTag(
                content_object_id=article.pk,
                tag=tags[GENERATED_TOPICS[number % len(GENERATED_TOPICS)]],
            )
            for number, article in zip(chunk, articles, strict=True)
        )
        NewsArticleContact.objects.bulk_create(
            NewsArticleContact(page_id=article.pk, contact=contact, sort_order=0)
            for article in articles
        )

    Page.objects.filter(pk=newsroom.pk).update(numchild=F("numchild") + len(numbers))
    return len(numbers)


GENERATED_RESOURCE_URL = "https://library.example.org/generated/"
GENERATED_HOSTS = ["League of California Cities", "Western City magazine", "Partner network"]
LATEST_GENERATED_RESOURCE_DATE = datetime.date(2024, 6, 30)


@transaction.atomic
def ensure_generated_resources(count: int, batch_size: int = 500) -> int:
    """Make sure ``count`` generated library resources exist; return how many were added.

    For scale testing, like ``ensure_generated_releases``: resources, their
    host organisations and topic links are written with ``bulk_create`` in batches. A
    generated resource is recognised by its URL (``…/generated/00001``), so a second run
    adds only what is missing. (They are not added to the search index; run
    ``manage.py update_index`` if a search over them is needed.)"""
    existing = set(
        Resource.objects.filter(url__startswith=GENERATED_RESOURCE_URL).values_list(
            "url", flat=True
        )
    )
    numbers = [
        number
        for number in range(1, count + 1)
        if f"{GENERATED_RESOURCE_URL}{number:05d}" not in existing
    ]
    if not numbers:
        return 0
    topics = list(ensure_topics().values())
    kinds = list(ResourceKind.values)
    through = Resource.topics.through
    # bulk_create skips TranslatableMixin's own default: the default language, said here.
    locale = Locale.get_default()
    for start in range(0, len(numbers), batch_size):
        chunk = numbers[start : start + batch_size]
        resources = Resource.objects.bulk_create(
            [
                Resource(
                    title=f"Generated {kinds[number % len(kinds)]} no. {number}",
                    kind=kinds[number % len(kinds)],
                    summary=f"A generated library entry (no. {number}) for testing the "
                    "library at scale.",
                    url=f"{GENERATED_RESOURCE_URL}{number:05d}",
                    date=LATEST_GENERATED_RESOURCE_DATE - datetime.timedelta(days=number // 2),
                    locale=locale,
                )
                for number in chunk
            ],
            batch_size=batch_size,
        )
        ResourceHost.objects.bulk_create(
            [
                ResourceHost(
                    resource_id=resource.pk,
                    name=GENERATED_HOSTS[number % len(GENERATED_HOSTS)],
                    sort_order=0,
                )
                for number, resource in zip(chunk, resources, strict=True)
            ],
            batch_size=batch_size,
        )
        through.objects.bulk_create(
            [
                through(resource_id=resource.pk, topic_id=topic.pk)
                for number, resource in zip(chunk, resources, strict=True)
                for topic in (
                    topics[number % len(topics)],
                    topics[(number + 2) % len(topics)],
                )
            ],
            batch_size=batch_size,
        )
    return len(numbers)
