"""Demo content for the Advancing Equity hub.

The facts (dates, names, organisations, magazine issues) come from the page this hub
replaces; the wording is ours. Links point at example.org addresses so that nothing in the
demo sends a visitor, or a test, to a real third-party site. The banner image is drawn
locally with Pillow: nothing is downloaded.

Every builder is idempotent: it finds what an earlier run made (by slug or title) and leaves
it, and any edits an editor made since, untouched.
"""

from equity.models import (
    EquityContentPage,
    EquityLandingPage,
    EquityRoadmapPage,
    Resource,
    ResourceLibraryPage,
)

from .library import (
    _block,
    ensure_banner_image,
    ensure_library_resources,
    library_items,
)


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
