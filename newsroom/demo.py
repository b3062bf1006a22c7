"""Demo content for the newsroom.

The seed release tells, in our own words, the facts of the statement the League of
California Cities and its Asian Pacific Islander Caucus issued on 19 March 2021. Contacts
use example.org addresses and 555 numbers; links point at example.org. Nothing here needs an
embed finder or the network.

Every builder is idempotent: it finds what an earlier run made and leaves it (and any
editor's changes) alone. ``ensure_generated_releases`` tops the newsroom up to N generated
releases for scale testing, writing rows in bulk.
"""

import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields
from taggit.models import Tag
from wagtail.models import Page, Revision, Site

from .models import (
    MediaContact,
    NewsArticleContact,
    NewsArticlePage,
    NewsArticleTag,
    NewsroomPage,
    NewsroomSettings,
)

NEWSROOM_SLUG = "news"
SEED_SLUG = "california-cities-condemn-anti-asian-violence"
GENERATED_PREFIX = "generated-release-"
LEAGUE = "League of California Cities"
API_CAUCUS = "Asian Pacific Islander Caucus, League of California Cities"

ABOUT_HEADING = "About the League of California Cities"
ABOUT_TEXT = (
    "<p>Founded in 1898, the League of California Cities is a nonprofit association that "
    "works across the state. It speaks up for cities before the state and federal "
    "governments, and it offers education and training to the officials, elected and "
    "appointed, who run them.</p>"
)

CONTACTS = [
    {
        "name": "Dana Whitfield",
        "role": "Communications Director",
        "organisation": LEAGUE,
        "phone": "(916) 555-0134",
        "email": "press@example.org",
    },
    {
        "name": "Lin Okada",
        "role": "Caucus Communications Lead",
        "organisation": API_CAUCUS,
        "phone": "(510) 555-0187",
        "email": "apicaucus@example.org",
    },
]


def _block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def seed_release_body() -> list[dict]:
    return [
        _block(
            "paragraph",
            "<p>The League of California Cities and its Asian Pacific Islander (API) Caucus "
            "today condemned the wave of violence against Asian Americans, days after eight "
            "people, most of them women of Asian descent, were killed in Atlanta.</p>",
        ),
        _block(
            "paragraph",
            "<p>California has seen the same hatred close to home: attacks and harassment "
            "have been reported in Oakland, Rosemead, Orange County and Sacramento, many of "
            "them aimed at elders and women.</p>",
        ),
        _block(
            "statement",
            {
                "quote": "An attack on any of our neighbours is an attack on every city in "
                "California. City leaders stand with our Asian American and Pacific Islander "
                "residents, and we will not look away from hate.",
                "speaker_name": "Cheryl Viegas Walker",
                "speaker_title": "President of the League of California Cities and Mayor "
                "of El Centro",
                "organisation": LEAGUE,
            },
        ),
        _block(
            "statement",
            {
                "quote": "Our communities are grieving and they are afraid. We ask every "
                "Californian to speak up when they see harassment, to check on their "
                "neighbours, and to report what they witness so that no incident goes "
                "uncounted.",
                "speaker_name": "Sheng Thao",
                "speaker_title": "President of the API Caucus and Council President Pro Tem, "
                "Oakland",
                "organisation": API_CAUCUS,
            },
        ),
        _block(
            "paragraph",
            "<p>The League and the Caucus urge anyone who experiences or witnesses an "
            "anti-Asian incident to report it to the Stop AAPI Hate Center, which gathers "
            "reports so that cities and the state can respond.</p>",
        ),
        _block(
            "call_to_action",
            {
                "label": "Report an incident to the Stop AAPI Hate Center",
                "page": None,
                "url": "https://stopaapihate.example.org/report",
            },
        ),
    ]


def ensure_about_setting(site) -> NewsroomSettings:
    settings = NewsroomSettings.for_site(site)
    if not settings.about_text:
        settings.about_heading = ABOUT_HEADING
        settings.about_text = ABOUT_TEXT
        settings.save()
    return settings


def ensure_contacts() -> list[MediaContact]:
    contacts = []
    for spec in CONTACTS:
        contact = MediaContact.objects.filter(email=spec["email"]).first()
        if contact is None:
            contact = MediaContact.objects.create(**spec)
        contacts.append(contact)
    return contacts


def ensure_newsroom(home) -> NewsroomPage:
    newsroom = NewsroomPage.objects.child_of(home).first()
    if newsroom is None:
        newsroom = NewsroomPage(
            title="Newsroom",
            slug=NEWSROOM_SLUG,
            show_in_menus=True,
            search_description="Press releases and statements from California's cities.",
            intro="<p>Statements and press releases for journalists and the public.</p>",
        )
        home.add_child(instance=newsroom)
        newsroom.save_revision().publish()
    return newsroom


def ensure_seed_release(newsroom, contacts) -> NewsArticlePage:
    release = NewsArticlePage.objects.child_of(newsroom).filter(slug=SEED_SLUG).first()
    if release is not None:
        return release
    release = NewsArticlePage(
        title="California cities condemn anti-Asian violence",
        slug=SEED_SLUG,
        release_date=datetime.date(2021, 3, 19),
        byline="Karina Gonzalez",
        dateline="Sacramento",
        summary="The League of California Cities and its Asian Pacific Islander Caucus "
        "condemn the violence against Asian Americans that followed the killing of eight "
        "people, most of them Asian women, in Atlanta.",
        body=seed_release_body(),
    )
    release.tags.add("Statements", "Public safety", "Equity")
    release.media_contacts = [
        NewsArticleContact(contact=contact, sort_order=index)
        for index, contact in enumerate(contacts)
    ]
    newsroom.add_child(instance=release)
    release.save_revision().publish()
    return release


def ensure_newsroom_demo(home) -> NewsroomPage:
    """Newsroom, About setting, the two contacts and the seed release."""
    site = Site.objects.filter(root_page=home).first() or Site.objects.get(is_default_site=True)
    ensure_about_setting(site)
    contacts = ensure_contacts()
    newsroom = ensure_newsroom(home)
    ensure_seed_release(newsroom, contacts)
    return newsroom


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
