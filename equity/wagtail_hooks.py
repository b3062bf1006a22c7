"""Admin wiring: the resource library as snippets (drafts, history, review), publish webhooks
in wagtail-modeladmin (a log and a few endpoints: no drafts needed), the resource chooser,
and the reasons behind refused page copies and moves."""

from django.http import Http404
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .admin_views import InUseDeleteView, StatusPrefetchingIndexView
from .choosers import resource_chooser_viewset
from .headless.links import choosable_pages
from .headless.media import is_public_media, may_see_all_media
from .headless.stored_pages import serve_stored
from .models import Resource, Topic, WebhookDelivery, WebhookEndpoint
from .models.mixins import page_count_refusal
from .translation_admin import TranslationParityColumn


@hooks.register("register_admin_viewset")
def register_resource_chooser():
    return resource_chooser_viewset


# Anonymous readers get a public page's stored response (equity.headless.stored_pages). A late
# order puts it innermost: Wagtail's view-restriction check runs before it, on every request.
hooks.register("on_serve_page", serve_stored, order=100)


# --- One-per-site pages: say why a copy or move is refused ----------------------------------


@hooks.register("before_copy_page")
def explain_page_count_refusal_on_copy(request, page):
    """Wagtail refuses to copy a one-per-site page with "You do not have permission to copy
    to page …"; say the real reason, before the editor submits (on the page's own parent,
    the form's default) and instead of Wagtail's error."""
    parent = page.get_parent()
    if request.method == "POST":
        parent_id = request.POST.get("new_parent_page")
        if parent_id and str(parent_id).isdigit():
            parent = Page.objects.filter(pk=parent_id).first() or parent
    refusal = page_count_refusal(page.specific_class, parent)
    if refusal is None:
        return None
    if request.method == "POST":
        messages.error(request, f"This page cannot be copied there. {refusal}")
        return redirect("wagtailadmin_pages:copy", page.pk)
    messages.warning(request, f"A copy cannot go next to this page. {refusal}")
    return None


@hooks.register("before_move_page")
def explain_page_count_refusal_on_move(request, page, destination):
    if page.get_parent().pk == destination.pk:
        return None  # reordering under the same parent
    refusal = page_count_refusal(page.specific_class, destination, page=page)
    if refusal is None:
        return None
    messages.error(request, f"This page cannot be moved there. {refusal}")
    return redirect("wagtailadmin_pages:move", page.pk)


class ResourceViewSet(SnippetViewSet):
    """The library's resources as Wagtail snippets: drafts, revisions and history, preview,
    scheduled publishing, locking, the review workflow, usage (Wagtail's reference index) on
    the edit and delete views, and CSV/XLSX export of the filtered listing."""

    model = Resource
    icon = "folder-inverse"
    menu_label = "Resources"
    list_display = (
        "title",
        "kind",
        "date",
        "href",
        UpdatedAtColumn(),
        LiveStatusTagColumn(),
        TranslationParityColumn("translation_parity", label="Translations"),
    )
    list_filter = ("kind", "topics", "live")
    ordering = ("-date", "title")
    list_per_page = 50
    # CSV (and XLSX) export of the library, from the listing's own filters and search.
    list_export = ("title", "kind", "summary", "href", "date", "host_names", "topic_slugs")
    export_filename = "resource-library"
    copy_view_enabled = False
    index_view_class = StatusPrefetchingIndexView
    delete_view_class = InUseDeleteView
    delete_template_name = InUseDeleteView.template_name

    def get_queryset(self, request):
        return Resource.objects.with_listing_data()


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    list_display = ("name", "slug")
    search_fields = ("name",)
    copy_view_enabled = False


class LibraryViewSetGroup(SnippetViewSetGroup):
    menu_label = "Library"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (ResourceViewSet, TopicViewSet)


register_snippet(LibraryViewSetGroup)


# --- Publish webhooks ---------------------------------------------------------------------


class ReadOnlyPermissionHelper(PermissionHelper):
    """The delivery log is written by the sender only: editors read it, never change it."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class WebhookEndpointAdmin(ModelAdmin):
    model = WebhookEndpoint
    menu_label = "Endpoints"
    menu_icon = "link-external"
    list_display = ("name", "url", "events", "active")
    list_filter = ("active",)
    search_fields = ("name", "url")


class WebhookDeliveryAdmin(ModelAdmin):
    model = WebhookDelivery
    menu_label = "Deliveries"
    menu_icon = "list-ul"
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    inspect_view_fields = (
        "endpoint",
        "event",
        "object_type",
        "object_id",
        "title",
        "status",
        "attempts",
        "response_code",
        "last_error",
        "created_at",
        "delivered_at",
        "payload",
    )
    list_display = (
        "created_at",
        "event",
        "title",
        "endpoint",
        "status",
        "response_code",
        "attempts",
        "last_error",
    )
    list_filter = ("status", "event", "endpoint")
    search_fields = ("title", "object_id", "last_error")
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("endpoint")


class WebhooksAdminGroup(ModelAdminGroup):
    menu_label = "Webhooks"
    menu_icon = "link-external"
    menu_order = 900
    items = (WebhookEndpointAdmin, WebhookDeliveryAdmin)


modeladmin_register(WebhooksAdminGroup)


@hooks.register("construct_page_chooser_queryset")
def only_pages_the_editor_may_see(pages, request):
    """The page chooser lists live pages and the pages the editor may edit
    (equity.headless.links)."""
    return choosable_pages(pages, request.user)


@hooks.register("before_serve_document")
def only_documents_something_public_uses(document, request):
    """``/documents/<id>/<name>`` answers 404 for a document that only hidden pages use (or
    nothing does), unless the visitor may use the admin (equity.headless.media). Collection view
    restrictions are Wagtail's own hook's job: it asks for the login or password."""
    if document.collection.get_view_restrictions().exists():
        return None
    if may_see_all_media(request.user) or is_public_media(document):
        return None
    raise Http404("No such document.")


# --- Translation parity (equity.translation_admin) -------------------------------------------


@hooks.register("register_admin_viewset")
def register_translations_listing():
    from .translation_admin import translations_viewset

    return translations_viewset


@hooks.register("register_admin_urls")
def register_translation_urls():
    from .translation_admin import admin_urls

    return admin_urls()


@hooks.register("construct_homepage_panels")
def add_stale_translations_panel(request, panels):
    from .translation_admin import StaleTranslationsPanel

    panels.append(StaleTranslationsPanel())


@hooks.register("register_page_header_buttons")
def translation_sync_button(page, user, view_name, next_url=None):
    from .translation_admin import header_buttons

    yield from header_buttons(page, user, view_name, next_url)


@hooks.register("register_snippet_listing_buttons")
def resource_translation_sync_button(snippet, user, next_url=None):
    from .translation_admin import resource_listing_buttons

    yield from resource_listing_buttons(snippet, user)
