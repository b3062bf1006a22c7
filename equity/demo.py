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
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from .models import EquityLandingPage

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


def webinar_items() -> list[dict]:
    return [
        _block(
            "webinar",
            {
                "title": "Advancing Racial Equity: An Introduction",
                "summary": "Cal Cities and the National League of Cities REAL team lay the "
                "groundwork: what city leaders need to know, and be able to do, to close "
                "racial gaps, mend divisions and build fairer communities.",
                "first_offered_on": datetime.date(2020, 8, 27).isoformat(),
                "host_organisations": [LEAGUE, NLC_REAL],
                "watch_url": "https://learning.example.org/advancing-racial-equity-introduction",
                "free_to_watch": True,
            },
        ),
        _block(
            "webinar",
            {
                "title": "Advancing Racial Equity: A Discussion",
                "summary": "A keynote panel from the Cal Cities Annual Conference and Expo: "
                "NLC REAL leaders and three California city leaders on answering the anger "
                "and grief that systemic racism leaves behind with more just cities.",
                "first_offered_on": datetime.date(2020, 10, 8).isoformat(),
                "host_organisations": [LEAGUE, NLC_REAL],
                "watch_url": "https://learning.example.org/advancing-racial-equity-discussion",
                "free_to_watch": True,
            },
        ),
    ]


def magazine_items() -> list[dict]:
    issues = [
        ("November 2020", datetime.date(2020, 11, 1), "2020-11"),
        ("December 2021", datetime.date(2021, 12, 1), "2021-12"),
        ("December 2022", datetime.date(2022, 12, 1), "2022-12"),
    ]
    return [
        _block(
            "publication",
            {
                "title": f"Western City, {label}",
                "publisher": "Western City magazine",
                "issue_date": issue_date.isoformat(),
                "url": f"https://westerncity.example.org/issues/{slug}",
                "summary": "",
            },
        )
        for label, issue_date, slug in issues
    ]


def organisation_items() -> list[dict]:
    organisations = [
        {
            "name": "NLC Race, Equity, and Leadership",
            "acronym": "REAL",
            "description": "The National League of Cities set up REAL after the 2014 unrest in "
            "Ferguson, Missouri. Its tools help local elected leaders make places where people "
            "of every racial, ethnic and cultural background can thrive socially, economically, "
            "academically and physically.",
            "website": "https://nlc-real.example.org/",
            "reading_list": [
                {
                    "title": "Racial Equity Resolution",
                    "url": "https://nlc-real.example.org/racial-equity-resolution",
                    "description": "A template resolution with talking points on why equity "
                    "is good government.",
                },
                {
                    "title": "The City Leader's Compass to the My Brother's Keeper Landscape",
                    "url": "https://nlc-real.example.org/my-brothers-keeper-compass",
                    "description": "Steps cities can take in the My Brother's Keeper Community "
                    "Challenge to improve outcomes for boys and young men of color.",
                },
            ],
        },
        {
            "name": "Government Alliance on Race and Equity",
            "acronym": "GARE",
            "description": "A national network of governments working for racial equity. It "
            "backs jurisdictions already leading, offers newcomers a way in, and builds "
            "inclusive local and regional partnerships.",
            "website": "https://gare.example.org/",
            "reading_list": [],
        },
        {
            "name": "Race Forward",
            "acronym": "",
            "description": "Brings systemic analysis to complex questions of race so people can "
            "act for racial equity, and publishes original research on issues from immigration "
            "to economic inequality.",
            "website": "https://raceforward.example.org/",
            "reading_list": [],
        },
        {
            "name": "ICMA Race, Equity, and Social Justice",
            "acronym": "ICMA",
            "description": "Material gathered by the International City/County Management "
            "Association: reports and surveys on approaches that work, and what other "
            "managers have learned.",
            "website": "https://icma.example.org/race-equity-social-justice",
            "reading_list": [],
        },
        {
            "name": "Mayors and Business Leaders Center for Compassionate and Equitable Cities",
            "acronym": "",
            "description": "Ideas, initiatives, toolkits and reports by mayors, for mayors and "
            "other city leaders.",
            "website": "https://compassionatecities.example.org/",
            "reading_list": [],
        },
    ]
    return [_block("organisation", organisation) for organisation in organisations]


def landing_page_body() -> list[dict]:
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
        _block(
            "rich_text_section",
            {
                "heading": "Equity Roadmap",
                "body": "<p>The Equity Roadmap sets out the actions and strategies Cal Cities "
                "plans in order to help city leaders advance equity: education, resources, a "
                "community of practice and direct support for members.</p>",
            },
        ),
        _block(
            "resource_section",
            {
                "heading": "Cal Cities learning opportunities",
                "intro": "<p>Recorded sessions, free to watch.</p>",
                "items": webinar_items(),
            },
        ),
        _block(
            "resource_section",
            {
                "heading": "Learn from other cities in Western City magazine",
                "intro": "<p>Three issues of <i>Western City</i> show cities replacing "
                "inequitable institutions and policies with inclusive, fair ones.</p>",
                "items": magazine_items(),
            },
        ),
        _block(
            "resource_section",
            {
                "heading": "Other resources",
                "intro": "",
                "items": organisation_items(),
            },
        ),
    ]


def ensure_landing_page(parent) -> EquityLandingPage:
    """The Advancing Equity landing page under ``parent`` (slug ``advancing-equity``), published."""
    existing = EquityLandingPage.objects.child_of(parent).filter(slug="advancing-equity").first()
    if existing is not None:
        return existing
    page = EquityLandingPage(
        title="Advancing Equity",
        slug="advancing-equity",
        show_in_menus=True,
        search_description="Education, tools and peer support for city leaders building "
        "equitable communities.",
        hero_heading="Advancing Equity",
        hero_image=ensure_banner_image(),
        intro="<p>Cities do more than deliver services: their choices shape who gets to thrive. "
        "In June 2020 the Cal Cities Board of Directors committed the League to an equitable "
        "and just future for all Californians. This hub gathers the education, tools and peer "
        "support that help city officials eliminate racial disparities, heal divisions and "
        "build communities where everyone belongs. It is a starting point, and it will grow "
        "as our knowledge deepens.</p>",
        body=landing_page_body(),
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
