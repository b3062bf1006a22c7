"""axe-core on every public page type at phone and desktop widths, no sideways scrolling,
and a screenshot of each for review (artifacts/screenshots/)."""

import pytest

from tests.browser.conftest import run_axe, save_screenshot

PUBLIC_PAGES = {
    "home": "/",
    "landing": "/advancing-equity/",
    "roadmap": "/advancing-equity/equity-roadmap/",
    "roadmap-filtered": "/advancing-equity/equity-roadmap/?status=complete",
    "library": "/advancing-equity/resources/",
    "library-filtered": "/advancing-equity/resources/?kind=organisation&q=equity",
    "newsroom": "/news/",
    "newsroom-filtered": "/news/?tag=statements",
    "release": "/news/california-cities-condemn-anti-asian-violence/",
    "search": "/search/?q=equity",
    "not-found": "/no-such-page/",
    # The Spanish pages of the demo (lang="es", the switcher, Spanish template words).
    "home-es": "/es/",
    "landing-es": "/es/impulsar-la-equidad/",
    "roadmap-es": "/es/impulsar-la-equidad/hoja-de-ruta/",
    "library-es": "/es/impulsar-la-equidad/recursos/",
    "newsroom-es": "/es/prensa/",
    "release-es": "/es/prensa/ciudades-de-california-condenan-la-violencia-antiasiatica/",
    "search-es": "/es/search/?q=equidad",
    # Last: the library behind a password (the test restricts it on the way).
    "password-required": "/advancing-equity/resources/",
}
WIDTHS = [375, 1280]


def restrict_the_library() -> None:
    from wagtail.models import PageViewRestriction

    from equity.models import ResourceLibraryPage

    PageViewRestriction.objects.create(
        page=ResourceLibraryPage.objects.get(slug="resources"),
        restriction_type=PageViewRestriction.PASSWORD,
        password="members-only",
    )


def problems_on(page, base_url: str, name: str, width: int) -> list[str]:
    """What is wrong with one public page at one width: status, axe, sideways scrolling."""
    response = page.goto(base_url + PUBLIC_PAGES[name])
    expected = 404 if name == "not-found" else 200
    if response.status != expected:
        return [f"{name} at {width}px answered {response.status}, not {expected}"]
    save_screenshot(page, f"{name}-{width}")
    problems = [f"{name} at {width}px: {violation}" for violation in run_axe(page)]
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        problems.append(f"{name} scrolls sideways by {overflow}px at {width}px")
    return problems


# One test per width over every page: the demo content is loaded once for all of them (about
# three seconds each time), and the failure lists every page that fails, not the first.
@pytest.mark.parametrize("width", WIDTHS)
def test_every_public_page_is_accessible_and_fits(page, demo_site, width):
    page.set_viewport_size({"width": width, "height": 900})
    problems = []
    for name in PUBLIC_PAGES:
        if name == "password-required":
            restrict_the_library()  # last in the table: the pages before it stay public
            # Chromium keeps the public library it was shown a moment ago (its Cache-Control
            # allows a short max-age); a visitor arriving after the restriction has no copy.
            page.context.new_cdp_session(page).send("Network.clearBrowserCache")
        problems += problems_on(page, demo_site, name, width)
    if not page.locator("input[type=password]").count():
        problems.append(f"the restricted library shows no password form at {width}px")
    assert problems == [], "\n".join(problems)
