"""Admin integration: media contacts in wagtail-modeladmin and a chooser for releases."""

from django.db.models import Prefetch
from wagtail import hooks
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from equity.choosers import ChooserViewsWithPermissions

from .models import MediaContact, NewsArticleContact


class MediaContactAdmin(ModelAdmin):
    model = MediaContact
    menu_label = "Media contacts"
    menu_icon = "user"
    menu_order = 300
    add_to_settings_menu = False
    list_display = ("name", "role", "organisation", "phone", "email", "used_in")
    list_filter = ("organisation",)
    search_fields = ("name", "role", "organisation", "email")
    inspect_view_enabled = True
    inspect_view_fields = ["name", "role", "organisation", "phone", "email"]

    def get_queryset(self, request):
        links = NewsArticleContact.objects.select_related("page").order_by("page__title")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("release_links", queryset=links))
        )

    def used_in(self, obj) -> str:
        titles = [link.page.title for link in obj.release_links.all()]
        return "; ".join(titles) if titles else "—"

    used_in.short_description = "Used in releases"


modeladmin_register(MediaContactAdmin)


class MediaContactChooserViewSet(ChooserViewsWithPermissions, ChooserViewSet):
    model = MediaContact
    icon = "user"
    choose_one_text = "Choose a media contact"
    choose_another_text = "Choose another contact"
    edit_item_text = "Edit this contact"
    form_fields = ["name", "role", "organisation", "phone", "email"]


media_contact_chooser_viewset = MediaContactChooserViewSet("newsroom_media_contact_chooser")


@hooks.register("register_admin_viewset")
def register_media_contact_chooser():
    return media_contact_chooser_viewset
