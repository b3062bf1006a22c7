"""Translation parity in the Wagtail admin.

- **Translations** (admin menu): every page, with a *Translations* column saying for each
  other locale whether its translation is up to date, behind its source (since when, which
  fields) or missing (a ``PageListingViewSet``, Wagtail's extension point for page listings).
- A dashboard panel, **Translations behind their source**.
- On a translation's header, **Sync with source**: a page that lists what changed in the
  source since the translation was last synced (fields and StreamField blocks, with a link to
  Wagtail's comparison of the two source revisions) and, once the translation has been
  updated, records the sync (``equity.translation_sync.mark_synced``). Publishing the translation
  then makes it current.

Registered from ``equity.wagtail_hooks``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail.admin import widgets as wagtailadmin_widgets
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet

from . import translation, translation_sync

DASHBOARD_LIMIT = 20


def parity_states(page) -> list[translation.TranslationState]:
    """A source's states for every other locale, or a translation's own state."""
    state = translation.state_for_page(page)
    if state is None:
        return translation.states_for_source(page)
    return [state]


class TranslationParityColumn(Column):
    cell_template_name = "equity/admin/translation_parity_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["states"] = [] if instance.is_root() else parity_states(instance)
        context["is_source"] = translation.state_for_page(instance) is None
        context["page"] = instance
        return context


class TranslationsViewSet(PageListingViewSet):
    """All pages with their translation parity."""

    name = "translations"
    icon = "globe"
    menu_label = _("Translations")
    add_to_admin_menu = True
    menu_order = 250
    columns = [
        *IndexView.base_columns,
        TranslationParityColumn("translation_parity", label=_("Translations"), width="30%"),
    ]


translations_viewset = TranslationsViewSet("translations")


def stale_translations(limit: int = DASHBOARD_LIMIT) -> list[translation.TranslationState]:
    """Live translations whose source has changed since they were last synced, oldest first."""
    locale = translation.default_locale()
    if locale is None:
        return []
    states = []
    pages = translation.page_model().objects.live().exclude(locale=locale).select_related("locale")
    for page in pages.exclude(depth=1):
        state = translation.state_for_page(page)
        if state is not None and state.status == translation.STALE:
            states.append(state)
    states.sort(key=lambda state: (state.since is None, state.since))
    return states[:limit]


class StaleTranslationsPanel(Component):
    name = "stale_translations"
    template_name = "equity/admin/stale_translations_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["states"] = stale_translations()
        return context


def _editable_translation(request, page_id):
    page = get_object_or_404(translation.page_model(), pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    state = translation.state_for_page(page)
    if state is None or state.source is None:
        raise Http404("This page is not a translation of another page.")
    return page, state


@require_http_methods(["GET", "POST"])
def sync_view(request, page_id):
    """GET: what changed in the source since the last sync. POST: record the sync."""
    page, state = _editable_translation(request, page_id)
    if request.method == "POST":
        try:
            translation_sync.mark_synced(page, request.user)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("“%(title)s” is marked as synced with its source. Publish it to make it current.")
                % {"title": page.get_admin_display_title()},
            )
        return redirect("wagtailadmin_pages:edit", page.pk)
    compare_url = None
    if state.basis_revision_id and state.source.live_revision_id:
        compare_url = reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[state.source.pk, state.basis_revision_id, state.source.live_revision_id],
        )
    return TemplateResponse(
        request,
        "equity/admin/translation_sync.html",
        {"page": page, "state": state, "compare_url": compare_url},
    )


def admin_urls():
    return [path("translations/sync/<int:page_id>/", sync_view, name="equity_translation_sync")]


def header_buttons(page, user, view_name, next_url=None):
    """ "Sync with source" on a translation (its status in the button's label)."""
    if page.is_root() or view_name != "edit":
        return
    state = translation.state_for_page(page)
    if state is None or state.source is None:
        return
    label = _("Sync with source")
    if state.status == translation.STALE:
        label = _("Sync with source (behind since %(since)s)") % {
            "since": state.since.date().isoformat() if state.since else "?"
        }
    yield wagtailadmin_widgets.Button(
        label,
        reverse("equity_translation_sync", args=[page.pk]),
        icon_name="globe",
        priority=85,
    )
