"""Demo content of the resource library: its topics, the seed resources (the facts come from
the page the hub replaces; the wording is ours, links point at example.org) and the banner
image, drawn locally with Pillow (nothing is downloaded).

Every builder is idempotent: it finds what an earlier run made (by slug or title) and leaves
it, and any edits an editor made since, untouched.
"""

import datetime
import io
import uuid

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from equity.models import Resource, ResourceHost, ResourceReadingListItem, Topic

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
