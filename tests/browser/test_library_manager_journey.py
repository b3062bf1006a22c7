"""A library manager in Chromium: edits a resource as a draft (the public and the API keep the
published version), previews it, publishes it, and is warned before deleting a resource a page
uses."""

import json

from tests.browser.test_editor_journey import PASSWORD, admin_site, log_in, publish  # noqa: F401


def api_titles(page, base_url: str) -> list[str]:
    page.goto(base_url + "/api/v3/resources/")
    return [item["title"] for item in json.loads(page.inner_text("body"))["items"]]


def test_library_manager_drafts_previews_publishes_and_is_warned_before_deleting(
    page,
    admin_site,  # noqa: F811
):
    from equity.models import EquityLandingPage, Resource

    base_url, home = admin_site
    resource = Resource.objects.create(
        title="Listening toolkit",
        kind="toolkit",
        summary="How to listen.",
        url="https://toolkit.example.org/",
    )
    landing = home.add_child(
        instance=EquityLandingPage(
            title="Advancing Equity",
            slug="advancing-equity",
            hero_heading="Advancing Equity",
            body=[
                {
                    "type": "resource_section",
                    "value": {
                        "heading": "Toolkits",
                        "intro": "",
                        "items": [{"type": "library_resource", "value": {"resource": resource.pk}}],
                    },
                }
            ],
        )
    )
    landing.save_revision().publish()
    log_in(page, base_url)

    # A draft edit: saved, previewable, not public.
    page.goto(f"{base_url}/admin/snippets/equity/resource/edit/{resource.pk}/")
    page.fill("#id_title", "Listening toolkit (2025 edition)")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    public = page.context.new_page()
    public.goto(base_url + "/advancing-equity/")
    assert public.locator("main a", has_text="Listening toolkit").count() == 1
    assert "2025 edition" not in public.inner_text("main")
    assert api_titles(public, base_url) == ["Listening toolkit"]

    # The draft previews as the library shows it (the revision preview of its history).
    from django.urls import reverse

    resource.refresh_from_db()
    preview = page.context.new_page()
    preview.goto(
        base_url
        + reverse(
            "wagtailsnippets_equity_resource:revisions_view",
            args=[resource.pk, resource.latest_revision_id],
        )
    )
    assert "2025 edition" in preview.inner_text("body")

    publish(page)
    public.goto(base_url + "/advancing-equity/")
    assert "Listening toolkit (2025 edition)" in public.inner_text("main")
    assert api_titles(public, base_url) == ["Listening toolkit (2025 edition)"]

    # Deleting it is refused while the hub uses it, before any "Yes, delete".
    page.goto(f"{base_url}/admin/snippets/equity/resource/delete/{resource.pk}/")
    text = page.inner_text("main")
    assert "cannot be deleted while a page uses it" in text and "Advancing Equity" in text
    assert page.get_by_role("button", name="Yes, delete").count() == 0
    assert Resource.objects.filter(pk=resource.pk).exists()
