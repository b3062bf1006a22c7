"""A visitor who uses only the keyboard (Tab, Shift+Tab, Enter, typing) walks the hub, with a
visible focus indicator at every step."""

import pytest

from tests.browser.conftest import save_screenshot

ACTIVE_ELEMENT = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(),
        text: (el.innerText || el.value || "").trim(),
        href: el.getAttribute("href"),
        id: el.id,
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== "none",
    };
}"""


def focus_visible(info: dict) -> bool:
    return info["outline"] or info["shadow"]


def tab_to(page, matches, *, backwards: bool = False, limit: int = 120) -> dict:
    """Press Tab (or Shift+Tab) until the focused element matches; each stop must show focus."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        info = page.evaluate(ACTIVE_ELEMENT)
        if info["tag"] == "body":
            continue
        assert focus_visible(info), f"no visible focus indicator on {info}"
        if matches(info):
            return info
    raise AssertionError("never reached the element by keyboard")


def is_release_link(info: dict) -> bool:
    href = info["href"] or ""
    return (
        info["tag"] == "a"
        and href.startswith("/news/")
        and href != "/news/"
        and "?" not in href
        and "/feed/" not in href
    )


def link(text: str):
    return lambda info: info["tag"] == "a" and info["text"].startswith(text)


@pytest.fixture
def newsroom_with_pages(demo_site):
    """Enough releases for the newsroom's tag filter to have a second page."""
    from cms_site.demo.generators import ensure_generated_releases
    from newsroom.models import NewsroomPage

    ensure_generated_releases(NewsroomPage.objects.get(locale__language_code="en"), 60)
    return demo_site


def test_keyboard_only_journey_through_the_hub(page, newsroom_with_pages):
    demo_site = newsroom_with_pages
    page.goto(demo_site + "/")

    # The skip link is the first stop and moves focus to the main content.
    first = tab_to(page, lambda info: True)
    assert first["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main-content"

    # Home → Advancing Equity, from the main content's card.
    tab_to(page, link("Advancing Equity"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/advancing-equity/")

    # Landing page → roadmap through the featured card.
    tab_to(page, link("Read the roadmap"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/equity-roadmap/")

    # Status filter without a mouse: focus the select, type to choose, submit with Enter.
    tab_to(page, lambda info: info["tag"] == "select")
    page.keyboard.type("complete")
    tab_to(page, lambda info: info["tag"] == "button" and info["text"] == "Filter")
    page.keyboard.press("Enter")
    page.wait_for_url("**/equity-roadmap/?status=complete")
    statuses = page.locator(".timeline__item .status").all_inner_texts()
    assert statuses and set(statuses) == {"Complete"}
    save_screenshot(page, "journey-roadmap-filtered")

    # Back up the page with Shift+Tab to the main navigation, then on to the library.
    tab_to(page, link("Advancing Equity"), backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_url("**/advancing-equity/")
    page.goto(demo_site + "/advancing-equity/resources/")

    # Library: kind filter and a search, typed.
    tab_to(page, lambda info: info["id"] == "library-q")
    page.keyboard.type("equity")
    tab_to(page, lambda info: info["id"] == "library-kind")
    page.keyboard.type("Organisation")
    tab_to(page, lambda info: info["tag"] == "button" and info["text"] == "Apply")
    page.keyboard.press("Enter")
    page.wait_for_url("**/resources/?kind=organisation&q=equity")
    badges = page.locator(".resource__badge").all_inner_texts()
    assert badges and {badge.lower() for badge in badges} == {"organisation"}
    save_screenshot(page, "journey-library-filtered")

    # Newsroom through the main navigation, reached backwards with Shift+Tab.
    tab_to(page, link("Newsroom"), backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_url("**/news/")
    tab_to(page, lambda info: info["id"] == "newsroom-tag")
    page.keyboard.type("Housing")
    tab_to(page, lambda info: info["tag"] == "button" and info["text"] == "Show releases")
    page.keyboard.press("Enter")
    page.wait_for_url("**/news/?tag=housing*")
    tab_to(page, link("Older releases"))
    page.keyboard.press("Enter")
    page.wait_for_url("**page=2*")
    assert "tag=housing" in page.url
    save_screenshot(page, "journey-newsroom-page-2")

    # A release, then its feed link (the newsroom's RSS feed).
    release = tab_to(page, is_release_link)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(release["href"])
    assert page.locator("h1").count() == 1
    save_screenshot(page, "journey-release")
    rss = tab_to(page, lambda info: info["tag"] == "a" and "feed/rss" in (info["href"] or ""))
    response = page.request.get(demo_site + rss["href"])
    assert response.status == 200 and b"<rss" in response.body()
