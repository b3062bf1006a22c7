"""Editors compose pages in the real Wagtail admin — a JavaScript application — in Chromium:
StreamField blocks, choosers, validation errors, draft, preview, publish."""

import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.browser.conftest import save_screenshot

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def admin_site(live_server, transactional_db, one_request_at_a_time):
    """A site with a home page, a banner image and an editor account; no landing page yet."""
    from django.contrib.auth import get_user_model

    from cms_site.demo.library import ensure_banner_image
    from cms_site.management.commands.load_demo_content import Command

    home = Command().ensure_home_page()
    ensure_banner_image()
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    return live_server.url, home


def log_in(page, base_url: str, username: str = "editor") -> None:
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def field_container(page, name: str):
    """The element wrapping a (often hidden) form input: rich text editors, choosers."""
    return page.locator(f"input[name='{name}']").locator("xpath=..")


def type_rich_text(page, name: str, text: str) -> None:
    """Type at the end of the rich text editor of the (hidden) input ``name``."""
    field_container(page, name).locator("[contenteditable=true]").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)
    # The editor writes its content to the form's input a moment later: a save before that
    # would send the field as it was.
    expect(page.locator(f"input[name='{name}']")).to_have_value(re.compile(re.escape(text)))


def insert_block(page, container, label: str) -> None:
    """Open a StreamField's block picker (its last insert button) and choose ``label``.

    On a busy machine the click can land before the admin's script has connected the new
    block's picker (a block just inserted renders its own), and nothing opens: the click is
    repeated until the option shows, within the page's timeout."""
    toggle = container.locator("button[title='Insert a block']").last
    option = page.get_by_role("option", name=label, exact=True)
    deadline = time.monotonic() + 30
    while True:
        toggle.click()
        try:
            option.wait_for(state="visible", timeout=3_000)
            break
        except PlaywrightTimeoutError:
            if time.monotonic() > deadline:
                raise
            if page.get_by_role("option").first.is_visible():
                page.keyboard.press("Escape")  # another picker is open: close it and retry
    option.click()


def choose_in_modal(page, chooser_button, item_text: str) -> None:
    chooser_button.click()
    page.wait_for_selector(".modal")
    page.locator(".modal a", has_text=item_text).first.click()
    page.wait_for_selector(".modal", state="hidden")


def errors_on_page(page) -> list[str]:
    return page.locator(".error-message, .help-critical").all_inner_texts()


def publish(page) -> None:
    """Publish from the footer's action menu (Save draft is the default action)."""
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()


def test_editor_composes_previews_and_publishes_a_landing_page(page, admin_site):
    base_url, home = admin_site
    log_in(page, base_url)
    page.goto(f"{base_url}/admin/pages/add/equity/equitylandingpage/{home.pk}/")

    page.fill("#id_title", "Advancing Equity")
    page.fill("#id_hero_heading", "Advancing Equity")
    choose_in_modal(
        page, page.get_by_role("button", name="Choose an image"), "Advancing Equity banner"
    )

    # A community callout whose call to action has both a page and a URL: an error to fix.
    body = field_container(page, "body-count")
    insert_block(page, body, "Community callout")
    callout = "body-0-value-"
    page.fill(f"[name='{callout}heading']", "Join the community")
    type_rich_text(page, f"{callout}text", "Members share resources with each other.")
    page.fill(f"[name='{callout}call_to_action-label']", "Sign up now")
    page.fill(f"[name='{callout}call_to_action-url']", "https://community.example.org/join")
    cta_page = page.locator(f"#{callout}call_to_action-page-chooser")
    choose_in_modal(page, cta_page.get_by_role("button", name="Choose a page"), "Home")
    page.fill(f"[name='{callout}contact_name']", "Sam Lee")
    page.fill(f"[name='{callout}contact_email']", "sam@example.org")

    # A resource section with a webinar and an organisation with a two-item reading list.
    insert_block(page, body, "Resource section")
    section = "body-1-value-"
    page.fill(f"[name='{section}heading']", "Learning opportunities")
    items = field_container(page, f"{section}items-count")
    insert_block(page, items, "Webinar or video")
    webinar = f"{section}items-0-value-"
    page.fill(f"[name='{webinar}title']", "Equity 101")
    page.fill(f"[name='{webinar}first_offered_on']", "2020-08-27")
    page.fill(f"[name='{webinar}summary']", "An introduction for council members.")
    page.fill(f"[name='{webinar}host_organisations-0-value']", "League of Cities")
    page.fill(f"[name='{webinar}watch_url']", "https://video.example.org/equity-101")
    insert_block(page, items, "Organisation")
    organisation = f"{section}items-1-value-"
    page.fill(f"[name='{organisation}name']", "Equity Institute")
    page.fill(f"[name='{organisation}description']", "A network of local governments.")
    page.fill(f"[name='{organisation}website']", "https://institute.example.org/")
    reading_list = field_container(page, f"{organisation}reading_list-count")
    for index, title in enumerate(["Resolution template", "City leader's compass"]):
        reading_list.locator("button[title='Add']").last.click()
        entry = f"{organisation}reading_list-{index}-value-"
        page.fill(f"[name='{entry}title']", title)
        page.fill(f"[name='{entry}url']", f"https://institute.example.org/{index}")
        page.fill(f"[name='{entry}description']", f"Why {title} matters.")

    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    assert "Choose a page or enter a URL, not both." in errors_on_page(page)
    save_screenshot(page, "editor-validation-error")

    # Fix it: clear the chosen page, keep the URL.
    cta_page.get_by_role("button", name="Actions").click()
    page.get_by_role("button", name="Clear choice").click()
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    assert errors_on_page(page) == []

    # The draft is not public yet; the preview shows it.
    public = page.context.new_page()
    assert public.goto(base_url + "/advancing-equity/").status == 404
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe[title]").first
    preview.locator("h2", has_text="Join the community").wait_for()
    save_screenshot(page, "editor-preview")
    page.get_by_role("button", name="Toggle preview").click()

    publish(page)
    response = public.goto(base_url + "/advancing-equity/")
    assert response.status == 200
    text = public.locator("main").inner_text()
    for expected in [
        "Join the community",
        "Sign up now",
        "Equity 101",
        "Equity Institute",
        "Resolution template",
        "City leader's compass",
    ]:
        assert expected in text
    assert public.locator("a", has_text="Sign up now").get_attribute("href") == (
        "https://community.example.org/join"
    )


def test_editor_publishes_a_release_with_two_contacts_from_the_chooser(page, admin_site):
    from cms_site.demo.newsroom import ensure_contacts
    from newsroom.models import NewsArticlePage, NewsroomPage

    base_url, home = admin_site
    newsroom = home.add_child(instance=NewsroomPage(title="Newsroom", slug="news"))
    first, second = ensure_contacts()[:2]
    log_in(page, base_url)
    page.goto(f"{base_url}/admin/pages/add/newsroom/newsarticlepage/{newsroom.pk}/")

    page.fill("#id_title", "Cities back a new equity fund")
    page.fill("#id_dateline", "Sacramento")
    page.fill("#id_byline", "Press office")
    page.fill("#id_summary", "Member cities launch a fund for community-led equity work.")
    for contact in (first, second):
        page.get_by_role("button", name="Add media contacts").click()
        choose_in_modal(
            page, page.get_by_role("button", name="Choose a media contact").last, contact.name
        )
    publish(page)

    release = NewsArticlePage.objects.get(slug="cities-back-a-new-equity-fund")
    assert release.live
    assert [link.contact_id for link in release.media_contacts.all()] == [first.pk, second.pk]
    public = page.context.new_page()
    public.goto(base_url + release.url)
    text = public.locator("main").inner_text()
    assert text.index(first.name) < text.index(second.name)
    save_screenshot(public, "editor-release")


def test_editor_adds_a_library_resource_and_uses_it_in_a_page(page, admin_site):
    from equity.models import EquityLandingPage, Resource

    base_url, home = admin_site
    landing = home.add_child(
        instance=EquityLandingPage(
            title="Advancing Equity", slug="advancing-equity", hero_heading="Advancing Equity"
        )
    )
    landing.save_revision().publish()
    log_in(page, base_url)

    # Create the resource from the library's snippet listing, and publish it.
    page.goto(base_url + "/admin/snippets/equity/resource/")
    page.get_by_role("link", name="Add resource").first.click()
    page.fill("#id_title", "Listening session toolkit")
    page.select_option("#id_kind", "toolkit")
    page.fill("#id_summary", "How to run community listening sessions.")
    page.fill("#id_url", "https://toolkit.example.org/listening")
    publish(page)
    # The listing, in the resource's language (resources are translatable: ?locale=en).
    page.wait_for_url(re.compile(r"/admin/snippets/equity/resource/(\?locale=\w+)?$"))
    resource = Resource.objects.get(title="Listening session toolkit")

    # Choose it in the landing page through the resource chooser.
    page.goto(f"{base_url}/admin/pages/{landing.pk}/edit/")
    body = field_container(page, "body-count")
    insert_block(page, body, "Resource section")
    page.fill("[name='body-0-value-heading']", "Toolkits")
    items = field_container(page, "body-0-value-items-count")
    insert_block(page, items, "Library resource")
    choose_in_modal(
        page, page.get_by_role("button", name="Choose a library resource"), resource.title
    )
    publish(page)

    public = page.context.new_page()
    public.goto(base_url + "/advancing-equity/")
    link = public.locator("main a", has_text="Listening session toolkit")
    assert link.get_attribute("href") == "https://toolkit.example.org/listening"
