"""Demo content for the Advancing Equity hub.

The facts (dates, names, organisations, magazine issues) come from the page this hub
replaces; the wording is ours. Links point at example.org addresses so that nothing in the
demo sends a visitor, or a test, to a real third-party site. The banner image is drawn
locally with Pillow: nothing is downloaded.

Every builder is idempotent: it finds what an earlier run made (by slug or title) and leaves
it, and any edits an editor made since, untouched.
"""

import datetime
import io
import uuid

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from .models import (
    EquityContentPage,
    EquityLandingPage,
    EquityRoadmapPage,
    Resource,
    ResourceHost,
    ResourceLibraryPage,
    ResourceReadingListItem,
    Topic,
)
from .models.library import ResourceKind

BANNER_TITLE = "Advancing Equity banner"
BANNER_ALT = "Abstract banner of overlapping circles in blue, teal and amber"

LEAGUE = "League of California Cities"
NLC_REAL = "National League of Cities REAL"


def draw_banner(width: int = 1600, height: int = 600) -> bytes:
    """A PNG of overlapping translucent circles on a blue gradient."""
    image = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(image, "RGBA")
    for y in range(height):
        shade = int(40 + 50 * y / height)
        draw.line([(0, y), (width, y)], fill=(18, shade, 97 + shade // 2))
    palette = [(32, 160, 170, 110), (255, 191, 71, 120), (90, 140, 220, 110), (240, 240, 255, 70)]
    for index in range(14):
        radius = 60 + (index * 37) % 180
        cx = (index * 211) % width
        cy = (index * 131) % height
        draw.ellipse(
            [cx - radius, cy - radius, cx + radius, cy + radius], fill=palette[index % len(palette)]
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def ensure_banner_image():
    """The hub's banner in the image library, with its description as alt text."""
    Image = get_image_model()
    existing = Image.objects.filter(title=BANNER_TITLE).first()
    if existing is not None:
        return existing
    image = Image(title=BANNER_TITLE, description=BANNER_ALT)
    image.file = ImageFile(io.BytesIO(draw_banner()), name="advancing-equity-banner.png")
    image.save()
    return image


def _block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


TOPICS = {
    "racial-equity": "Racial equity",
    "anti-hate": "Anti-hate",
    "youth": "Youth",
    "community-engagement": "Community engagement",
    "local-government": "Local government",
}

# Every resource the original page names, as library entries (kind, title, details).
SEED_RESOURCES = [
    {
        "key": "webinar-introduction",
        "kind": "webinar",
        "title": "Advancing Racial Equity: An Introduction",
        "summary": "Cal Cities and the National League of Cities REAL team lay the groundwork: "
        "what city leaders need to know, and be able to do, to close racial gaps, mend "
        "divisions and build fairer communities. Free to watch.",
        "url": "https://learning.example.org/advancing-racial-equity-introduction",
        "date": datetime.date(2020, 8, 27),
        "hosts": [LEAGUE, NLC_REAL],
        "topics": ["racial-equity", "local-government"],
    },
    {
        "key": "webinar-discussion",
        "kind": "webinar",
        "title": "Advancing Racial Equity: A Discussion",
        "summary": "A keynote panel from the Cal Cities Annual Conference and Expo: NLC REAL "
        "leaders and three California city leaders on answering the anger and grief that "
        "systemic racism leaves behind with more just cities. Free to watch.",
        "url": "https://learning.example.org/advancing-racial-equity-discussion",
        "date": datetime.date(2020, 10, 8),
        "hosts": [LEAGUE, NLC_REAL],
        "topics": ["racial-equity", "community-engagement"],
    },
    *[
        {
            "key": f"western-city-{slug}",
            "kind": "publication",
            "title": f"Western City, {label}",
            "summary": "An issue of Western City magazine on cities replacing inequitable "
            "institutions and policies with inclusive, fair ones.",
            "url": f"https://westerncity.example.org/issues/{slug}",
            "date": issue_date,
            "hosts": ["Western City magazine"],
            "topics": ["racial-equity", "local-government"],
        }
        for label, issue_date, slug in [
            ("November 2020", datetime.date(2020, 11, 1), "2020-11"),
            ("December 2021", datetime.date(2021, 12, 1), "2021-12"),
            ("December 2022", datetime.date(2022, 12, 1), "2022-12"),
        ]
    ],
    {
        "key": "nlc-real",
        "kind": "organisation",
        "title": "NLC Race, Equity, and Leadership (REAL)",
        "summary": "The National League of Cities set up REAL after the 2014 unrest in "
        "Ferguson, Missouri. Its tools help local elected leaders make places where people "
        "of every racial, ethnic and cultural background can thrive socially, economically, "
        "academically and physically.",
        "url": "https://nlc-real.example.org/",
        "hosts": ["National League of Cities"],
        "topics": ["racial-equity", "local-government"],
        "reading_list": [
            (
                "Racial Equity Resolution",
                "https://nlc-real.example.org/racial-equity-resolution",
                "A template resolution with talking points on why equity is good government.",
            ),
            (
                "The City Leader's Compass to the My Brother's Keeper Landscape",
                "https://nlc-real.example.org/my-brothers-keeper-compass",
                "Steps cities can take in the My Brother's Keeper Community Challenge to "
                "improve outcomes for boys and young men of color.",
            ),
        ],
    },
    {
        "key": "gare",
        "kind": "organisation",
        "title": "Government Alliance on Race and Equity (GARE)",
        "summary": "A national network of governments working for racial equity. It backs "
        "jurisdictions already leading, offers newcomers a way in, and builds inclusive local "
        "and regional partnerships.",
        "url": "https://gare.example.org/",
        "topics": ["racial-equity", "local-government"],
    },
    {
        "key": "race-forward",
        "kind": "organisation",
        "title": "Race Forward",
        "summary": "Brings systemic analysis to complex questions of race so people can act "
        "for racial equity, and publishes original research on issues from immigration to "
        "economic inequality.",
        "url": "https://raceforward.example.org/",
        "topics": ["racial-equity", "anti-hate"],
    },
    {
        "key": "icma",
        "kind": "organisation",
        "title": "ICMA Race, Equity, and Social Justice",
        "summary": "Material gathered by the International City/County Management "
        "Association: reports and surveys on approaches that work, and what other managers "
        "have learned.",
        "url": "https://icma.example.org/race-equity-social-justice",
        "topics": ["racial-equity", "local-government"],
    },
    {
        "key": "compassionate-cities",
        "kind": "organisation",
        "title": "Mayors and Business Leaders Center for Compassionate and Equitable Cities",
        "summary": "Ideas, initiatives, toolkits and reports by mayors, for mayors and other "
        "city leaders.",
        "url": "https://compassionatecities.example.org/",
        "topics": ["community-engagement", "youth"],
    },
]


def ensure_topics() -> dict[str, Topic]:
    topics = {}
    for slug, name in TOPICS.items():
        topics[slug], _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name})
    return topics


def ensure_library_resources() -> dict[str, Resource]:
    """Every resource the original page names, in the library (found by title and kind)."""
    topics = ensure_topics()
    resources = {}
    for spec in SEED_RESOURCES:
        resource = Resource.objects.filter(title=spec["title"], kind=spec["kind"]).first()
        if resource is None:
            resource = Resource(
                title=spec["title"],
                kind=spec["kind"],
                summary=spec["summary"],
                url=spec["url"],
                date=spec.get("date"),
            )
            resource.hosts = [ResourceHost(name=name) for name in spec.get("hosts", [])]
            resource.reading_list = [
                ResourceReadingListItem(title=title, url=url, description=description)
                for title, url, description in spec.get("reading_list", [])
            ]
            resource.topics = [topics[slug] for slug in spec["topics"]]
            resource.save()
        resources[spec["key"]] = resource
    return resources


def library_items(resources: dict[str, Resource], keys: list[str]) -> list[dict]:
    return [_block("library_resource", {"resource": resources[key].pk}) for key in keys]


def landing_page_body(resources: dict[str, Resource], roadmap=None) -> list[dict]:
    roadmap_section = (
        _block(
            "featured_page_card",
            {
                "page": roadmap.pk,
                "heading": "Equity Roadmap",
                "summary": "The Equity Roadmap sets out the actions and strategies Cal Cities "
                "plans in order to help city leaders advance equity in their communities, and "
                "shows how far along each one is.",
                "label": "Read the roadmap",
            },
        )
        if roadmap is not None
        else _block(
            "rich_text_section",
            {
                "heading": "Equity Roadmap",
                "body": "<p>The Equity Roadmap sets out the actions and strategies Cal Cities "
                "plans in order to help city leaders advance equity.</p>",
            },
        )
    )
    return [
        _block(
            "community_callout",
            {
                "heading": "Advancing Equity Community",
                "text": "<p>Our online community lets members ask questions, give feedback, "
                "share resources and talk with other city leaders about diversity, equity and "
                "inclusion in city government. Every Cal Cities member is welcome.</p>",
                "call_to_action": {
                    "label": "Sign up now",
                    "page": None,
                    "url": "https://community.example.org/advancing-equity",
                },
                "contact_name": "Meghan McKelvey",
                "contact_email": "community@example.org",
            },
        ),
        roadmap_section,
        _block(
            "resource_section",
            {
                "heading": "Cal Cities learning opportunities",
                "intro": "<p>Recorded sessions, free to watch.</p>",
                "items": library_items(resources, ["webinar-introduction", "webinar-discussion"]),
            },
        ),
        _block(
            "resource_section",
            {
                "heading": "Learn from other cities in Western City magazine",
                "intro": "<p>Three issues of <i>Western City</i> show cities replacing "
                "inequitable institutions and policies with inclusive, fair ones.</p>",
                "items": library_items(
                    resources,
                    ["western-city-2020-11", "western-city-2021-12", "western-city-2022-12"],
                ),
            },
        ),
        _block(
            "resource_section",
            {
                "heading": "Other resources",
                "intro": "",
                "items": library_items(
                    resources,
                    ["nlc-real", "gare", "race-forward", "icma", "compassionate-cities"],
                ),
            },
        ),
    ]


def roadmap_priorities(resources: dict[str, Resource]) -> list[dict]:
    """A plausible roadmap built on the hub's stated commitments, in our own words."""

    def action(title, status, target, owner, description="", evidence="", resource=None):
        return {
            "title": title,
            "description": description,
            "status": status,
            "target": target,
            "owner_team": owner,
            "evidence_url": evidence,
            "resource": resources[resource].pk if resource else None,
        }

    priorities = [
        (
            "Education",
            "Give city officials the knowledge and vocabulary to act on racial equity.",
            [
                action(
                    "Introductory webinar on advancing racial equity",
                    "complete",
                    "2020-08-27",
                    "Education and training",
                    resource="webinar-introduction",
                ),
                action(
                    "Annual conference keynote on building just cities",
                    "complete",
                    "2020-10-08",
                    "Conferences",
                    resource="webinar-discussion",
                ),
                action(
                    "Equity track at every annual conference",
                    "in_progress",
                    "2026-Q3",
                    "Conferences",
                ),
                action(
                    "Self-paced course for newly elected officials",
                    "planned",
                    "2027-Q1",
                    "Education and training",
                ),
            ],
        ),
        (
            "Resources",
            "Collect tools, templates and examples cities can use straight away.",
            [
                action(
                    "Western City issues on equitable institutions",
                    "complete",
                    "2022-12-01",
                    "Publications",
                    resource="western-city-2022-12",
                ),
                action(
                    "Resource library on the website",
                    "complete",
                    "2024-Q2",
                    "Digital",
                ),
                action(
                    "Template equity resolution adapted for California cities",
                    "in_progress",
                    "2026-Q2",
                    "Policy",
                    resource="nlc-real",
                ),
            ],
        ),
        (
            "Community of practice",
            "Connect city leaders so they learn from one another.",
            [
                action(
                    "Launch the Advancing Equity online community",
                    "complete",
                    "2021-Q3",
                    "Member engagement",
                    evidence="https://community.example.org/advancing-equity",
                ),
                action(
                    "Quarterly peer calls by region",
                    "paused",
                    "2025-Q4",
                    "Member engagement",
                    description="Paused while regional divisions choose their hosts.",
                ),
            ],
        ),
        (
            "Member support",
            "Help individual cities start or deepen their equity work.",
            [
                action(
                    "Match cities with partner organisations",
                    "in_progress",
                    "2026-Q4",
                    "Member services",
                    resource="gare",
                ),
                action(
                    "Equity assessment toolkit for city departments",
                    "planned",
                    "2027-Q2",
                    "Policy",
                ),
            ],
        ),
    ]
    return [
        _block("priority", {"title": title, "summary": summary, "actions": actions})
        for title, summary, actions in priorities
    ]


def _publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_landing_page(parent) -> EquityLandingPage:
    """The hub under ``parent``: the landing page (slug ``advancing-equity``) with its roadmap
    and resource library as children, every seed resource in the library. Published."""
    resources = ensure_library_resources()
    landing = EquityLandingPage.objects.child_of(parent).filter(slug="advancing-equity").first()
    created = landing is None
    if created:
        landing = _publish_child(
            parent,
            EquityLandingPage(
                title="Advancing Equity",
                slug="advancing-equity",
                show_in_menus=True,
                search_description="Education, tools and peer support for city leaders "
                "building equitable communities.",
                hero_heading="Advancing Equity",
                hero_image=ensure_banner_image(),
                intro="<p>Cities do more than deliver services: their choices shape who gets "
                "to thrive. In June 2020 the Cal Cities Board of Directors committed the League "
                "to an equitable and just future for all Californians. This hub gathers the "
                "education, tools and peer support that help city officials eliminate racial "
                "disparities, heal divisions and build communities where everyone belongs. It "
                "is a starting point, and it will grow as our knowledge deepens.</p>",
                body=landing_page_body(resources),
            ),
        )
    roadmap = EquityRoadmapPage.objects.child_of(landing).first()
    if roadmap is None:
        roadmap = _publish_child(
            landing,
            EquityRoadmapPage(
                title="Equity Roadmap",
                slug="equity-roadmap",
                search_description="The actions Cal Cities plans to help city leaders advance "
                "equity, and how far along each one is.",
                intro="<p>Our planned actions and strategies to support city leaders in "
                "advancing equity, grouped by priority. Progress is counted from each "
                "action's status.</p>",
                priorities=roadmap_priorities(resources),
            ),
        )
    if not ResourceLibraryPage.objects.child_of(landing).exists():
        _publish_child(
            landing,
            ResourceLibraryPage(
                title="Resource library",
                slug="resources",
                search_description="Webinars, publications, organisations and toolkits for "
                "cities advancing equity.",
                intro="<p>Every resource we recommend, in one place. Filter by kind or topic, "
                "or search.</p>",
            ),
        )
    if not EquityContentPage.objects.child_of(landing).exists():
        _publish_child(
            landing,
            EquityContentPage(
                title="How we choose resources",
                slug="how-we-choose-resources",
                search_description="What a resource needs to be listed in the library.",
                intro="<p>Every resource in the library is recommended by a member city or "
                "a partner, and reviewed by our staff before it is listed.</p>",
                body=[
                    _block(
                        "rich_text_section",
                        {
                            "heading": "What we look for",
                            "body": "<p>Practical, free to use, and tested by at least one "
                            "California city.</p>",
                        },
                    )
                ],
            ),
        )
    if created:
        # Only now does the roadmap exist for the landing page's featured card to point at.
        landing.body = landing_page_body(resources, roadmap=roadmap)
        landing.save_revision().publish()
    return landing


GENERATED_RESOURCE_URL = "https://library.example.org/generated/"
GENERATED_HOSTS = ["League of California Cities", "Western City magazine", "Partner network"]
LATEST_GENERATED_RESOURCE_DATE = datetime.date(2024, 6, 30)


@transaction.atomic
def ensure_generated_resources(count: int, batch_size: int = 500) -> int:
    """Make sure ``count`` generated library resources exist; return how many were added.

    For scale testing, like ``newsroom.demo.ensure_generated_releases``: resources, their
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
