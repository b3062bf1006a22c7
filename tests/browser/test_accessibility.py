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
    "password-required": "/advancing-equity/resources/",
    # The Spanish pages of the demo (lang="es", the switcher, Spanish template words).
    "home-es": "/es/",
    "landing-es": "/es/impulsar-la-equidad/",
    "roadmap-es": "/es/impulsar-la-equidad/hoja-de-ruta/",
    "library-es": "/es/impulsar-la-equidad/recursos/",
    "newsroom-es": "/es/prensa/",
    "release-es": "/es/prensa/ciudades-de-california-condenan-la-violencia-antiasiatica/",
    "search-es": "/es/search/?q=equidad",
}
WIDTHS = [375, 1280]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_page_is_accessible_and_fits(page, demo_site, name, width):
    if name == "password-required":
        from wagtail.models import PageViewRestriction

        from equity.models import ResourceLibraryPage

        PageViewRestriction.objects.create(
            page=ResourceLibraryPage.objects.get(slug="resources"),
            restriction_type=PageViewRestriction.PASSWORD,
            password="members-only",
        )
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(demo_site + PUBLIC_PAGES[name])
    assert response.status == (404 if name == "not-found" else 200)
    save_screenshot(page, f"{name}-{width}")

    violations = run_axe(page)
    assert violations == [], violations

    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
