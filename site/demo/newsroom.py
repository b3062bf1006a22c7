"""Demo content for the newsroom.

The seed release tells, in our own words, the facts of the statement the League of
California Cities and its Asian Pacific Islander Caucus issued on 19 March 2021. Contacts
use example.org addresses and 555 numbers; links point at example.org. Nothing here needs an
embed finder or the network.

Every builder is idempotent: it finds what an earlier run made and leaves it (and any
editor's changes) alone.
"""

import datetime
import uuid

from wagtail.models import Site

from newsroom.models import (
    MediaContact,
    NewsArticleContact,
    NewsArticlePage,
    NewsroomPage,
    NewsroomSettings,
)

NEWSROOM_SLUG = "news"
SEED_SLUG = "california-cities-condemn-anti-asian-violence"
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
