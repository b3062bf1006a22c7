"""Admin wiring: the resource library and publish webhooks in wagtail-modeladmin, and the
resource chooser."""

from django.http import Http404
from wagtail import hooks
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .choosers import resource_chooser_viewset
from .headless.links import choosable_pages
from .headless.media import is_public_media, may_see_all_media
from .models import Resource, Topic, WebhookDelivery, WebhookEndpoint


@hooks.register("register_admin_viewset")
def register_resource_chooser():
    return resource_chooser_viewset


class ResourceAdmin(ModelAdmin):
    model = Resource
    menu_label = "Resources"
    menu_icon = "folder-inverse"
    list_display = ("title", "kind", "date", "href", "updated_at")
    list_filter = ("kind", "topics")
    search_fields = ("title", "summary")
    ordering = ("-date", "title")
    list_per_page = 50
    # CSV (and XLSX) export of the library, from the listing's own filters and search.
    list_export = ("title", "kind", "summary", "href", "date", "host_names", "topic_slugs")
    export_filename = "resource-library"

    def get_queryset(self, request):
        return super().get_queryset(request).with_listing_data()


class TopicAdmin(ModelAdmin):
    model = Topic
    menu_label = "Topics"
    menu_icon = "tag"
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class LibraryAdminGroup(ModelAdminGroup):
    menu_label = "Library"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (ResourceAdmin, TopicAdmin)


modeladmin_register(LibraryAdminGroup)


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
