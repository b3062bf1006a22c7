"""Admin wiring: the resource library and publish webhooks in wagtail-modeladmin, and the
resource chooser."""

from wagtail import hooks
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .choosers import resource_chooser_viewset
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
