"""Admin integration: media contacts as snippets and a chooser for releases."""

from django.db.models import Prefetch
from wagtail import hooks
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from equity.admin_views import InUseDeleteView
from equity.choosers import ChooserViewsWithPermissions

from .models import MediaContact, NewsArticleContact


class UsedInReleasesColumn(Column):
    """The releases that list a contact (prefetched by ``MediaContactViewSet.get_queryset``)."""

    def get_value(self, instance):
        titles = [link.page.title for link in instance.release_links.all()]
        return "; ".join(titles) if titles else "—"


class MediaContactViewSet(SnippetViewSet):
    """Media contacts as Wagtail snippets: drafts, history, preview and scheduling; usage on
    the edit view; deletion refused while a release lists the contact (``PROTECT``)."""

    model = MediaContact
    icon = "user"
    menu_label = "Media contacts"
    menu_order = 300
    add_to_admin_menu = True
    list_display = (
        "name",
        "role",
        "organisation",
        "phone",
        "email",
        UsedInReleasesColumn("used_in", label="Used in releases"),
        LiveStatusTagColumn(),
    )
    list_filter = ("organisation", "live")
    list_export = ("name", "role", "organisation", "phone", "email")
    export_filename = "media-contacts"
    copy_view_enabled = False
    delete_view_class = InUseDeleteView
    delete_template_name = InUseDeleteView.template_name

    def get_queryset(self, request):
        links = NewsArticleContact.objects.select_related("page").order_by("page__title")
        return MediaContact.objects.prefetch_related(Prefetch("release_links", queryset=links))


register_snippet(MediaContactViewSet)


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
