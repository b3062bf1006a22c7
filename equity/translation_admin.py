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
- The same for library resources: a *Translations* column in Library → Resources, **Sync with
  source** in a translated resource's listing menu, and stale resources in the dashboard panel.

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
from .models import Resource

DASHBOARD_LIMIT = 20


def attach_parity(rows: list) -> None:
    """Work out the parity of a listing's default-language rows together (a fixed number of
    queries for the untranslated ones), for ``parity_states`` to find on each row."""
    default = translation.default_locale()
    sources = [row for row in rows if default is not None and row.locale_id == default.pk]
    states = translation.states_for_sources(sources)
    for row in sources:
        row._parity_states = states[row.pk]


def parity_states(page) -> list[translation.TranslationState]:
    """A source's states for every other locale, or a translation's own state."""
    if hasattr(page, "_parity_states"):
        return page._parity_states
    state = translation.state_for_page(page)
    if state is None:
        return translation.states_for_source(page)
    return [state]


def edit_url(obj) -> str:
    """The admin's edit view of a page or resource."""
    if translation.is_page(obj):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    return reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk])


def admin_title(obj) -> str:
    return obj.get_admin_display_title() if translation.is_page(obj) else str(obj)


def sync_url(obj) -> str:
    if translation.is_page(obj):
        return reverse("equity_translation_sync", args=[obj.pk])
    return reverse("equity_resource_translation_sync", args=[obj.pk])


class TranslationParityColumn(Column):
    """Pages' and resources' parity: each other locale's state (a source), or its own."""

    cell_template_name = "equity/admin/translation_parity_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        is_root = translation.is_page(instance) and instance.is_root()
        states = [] if is_root else parity_states(instance)
        is_source = translation.is_in_default_language(instance)
        context["states"] = [
            (state, edit_url(state.page) if is_source and state.page is not None else None)
            for state in states
        ]
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
    """Live translations (pages and resources) whose source has changed since they were last
    synced, oldest first."""
    locale = translation.default_locale()
    if locale is None:
        return []
    states = []
    pages = translation.page_model().objects.live().exclude(locale=locale).select_related("locale")
    resources = Resource.objects.public().exclude(locale=locale).select_related("locale")
    for obj in [*pages.exclude(depth=1), *resources]:
        state = translation.state_for_page(obj)
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
        context["states"] = [(state, sync_url(state.page)) for state in stale_translations()]
        return context


def _editable_translation(request, page_id):
    page = get_object_or_404(translation.page_model(), pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    state = translation.state_for_page(page)
    if state is None or state.source is None:
        raise Http404("This page is not a translation of another page.")
    return page, state


def _editable_resource_translation(request, resource_id):
    resource = get_object_or_404(Resource, pk=resource_id)
    policy = resource.snippet_viewset.permission_policy
    if not policy.user_has_permission_for_instance(request.user, "change", resource):
        raise PermissionDenied
    state = translation.state_for_page(resource)
    if state is None or state.source is None:
        raise Http404("This resource is not a translation of another resource.")
    return resource, state


@require_http_methods(["GET", "POST"])
def sync_view(request, page_id):
    """GET: what changed in the source page since the last sync. POST: record the sync."""
    return _sync(request, *_editable_translation(request, page_id))


@require_http_methods(["GET", "POST"])
def resource_sync_view(request, resource_id):
    """The same for a translated library resource."""
    return _sync(request, *_editable_resource_translation(request, resource_id))


def _sync(request, page, state):
    if request.method == "POST":
        try:
            translation_sync.mark_synced(page, request.user)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("“%(title)s” is marked as synced with its source. Publish it to make it current.")
                % {"title": admin_title(page)},
            )
        return redirect(edit_url(page))
    compare_url = None
    if state.basis_revision_id and state.source.live_revision_id:
        compare_url = reverse(
            "wagtailadmin_pages:revisions_compare"
            if translation.is_page(page)
            else page.snippet_viewset.get_url_name("revisions_compare"),
            args=[state.source.pk, state.basis_revision_id, state.source.live_revision_id],
        )
    return TemplateResponse(
        request,
        "equity/admin/translation_sync.html",
        {
            "page": page,
            "state": state,
            "compare_url": compare_url,
            "title": admin_title(page),
            "edit_url": edit_url(page),
            "source_edit_url": edit_url(state.source),
        },
    )


def admin_urls():
    return [
        path("translations/sync/<int:page_id>/", sync_view, name="equity_translation_sync"),
        path(
            "translations/sync/resource/<int:resource_id>/",
            resource_sync_view,
            name="equity_resource_translation_sync",
        ),
    ]


def sync_label(state: translation.TranslationState) -> str:
    """The "Sync with source" button's label, with since when a stale translation is behind."""
    if state.status != translation.STALE:
        return _("Sync with source")
    since = state.since.date().isoformat() if state.since else "?"
    return _("Sync with source (behind since %(since)s)") % {"since": since}


def header_buttons(page, user, view_name, next_url=None):
    """ "Sync with source" on a translation (its status in the button's label)."""
    if page.is_root() or view_name != "edit":
        return
    state = translation.state_for_page(page)
    if state is None or state.source is None:
        return
    yield wagtailadmin_widgets.Button(
        sync_label(state),
        sync_url(page),
        icon_name="globe",
        priority=85,
    )


def resource_listing_buttons(resource, user):
    """ "Sync with source" in a translated resource's listing menu (its status in the label)."""
    if not isinstance(resource, Resource) or translation.is_in_default_language(resource):
        return
    state = translation.state_for_page(resource)
    if state is None or state.source is None:
        return
    yield wagtailadmin_widgets.ListingButton(
        sync_label(state), sync_url(resource), icon_name="globe", priority=85
    )
