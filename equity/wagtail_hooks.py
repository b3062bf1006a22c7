"""Admin wiring: the resource library in wagtail-modeladmin, and its chooser."""

from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .choosers import resource_chooser_viewset
from .models import Resource, Topic


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
