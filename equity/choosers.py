"""The resource library's chooser, used by ``ResourceChooserBlock`` and registered in
``wagtail_hooks``. Editors search, filter by kind and add a resource without leaving the
page they are editing."""

from django import forms
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from wagtail.admin.forms.choosers import BaseFilterForm, LocaleFilterMixin, SearchFilterMixin
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .models.library import ResourceKind


class ChooserPermissionMixin:
    """Choosing an entry needs the model's ``view`` permission.

    Wagtail's chooser views only require admin access, so any editor could list every media
    contact or resource. With this, a role can be allowed to pick an entry without editing it
    (Communications choosing library resources) or not be offered it at all.
    """

    def dispatch(self, request, *args, **kwargs):
        opts = self.model_class._meta
        codename = get_permission_codename("view", opts)
        if not request.user.has_perm(f"{opts.app_label}.{codename}"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ChooserViewsWithPermissions:
    """Chooser view classes for a viewset, each checking ``ChooserPermissionMixin``."""

    choose_view_class = type("ChooseView", (ChooserPermissionMixin, ChooseView), {})
    choose_results_view_class = type(
        "ChooseResultsView", (ChooserPermissionMixin, ChooseResultsView), {}
    )
    chosen_view_class = type("ChosenView", (ChooserPermissionMixin, ChosenView), {})


class KindFilterMixin(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", "All kinds"), *ResourceKind.choices],
        required=False,
        label="Kind",
        # ``data-chooser-modal-search-filter``: Wagtail's chooser modal refreshes the results
        # when such a field changes (without it, only typing a search term did). Its own id,
        # so it never collides with a field of the same name elsewhere in the modal.
        widget=forms.Select(
            attrs={"data-chooser-modal-search-filter": True, "id": "id_resource_filter_kind"}
        ),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        kind = self.cleaned_data.get("kind")
        return objects.filter(kind=kind) if kind else objects


# SearchFilterMixin searches what the mixins after it have filtered: kind and language first,
# then search.
class ResourceFilterForm(SearchFilterMixin, LocaleFilterMixin, KindFilterMixin, BaseFilterForm):
    pass


class ResourceChooseViewMixin:
    filter_form_class = ResourceFilterForm

    @property
    def columns(self):
        return [
            *super().columns,
            Column("kind", label="Kind", accessor="get_kind_label"),
            Column("locale", label="Language"),
        ]


class ResourceChooseView(ChooserPermissionMixin, ResourceChooseViewMixin, ChooseView):
    pass


class ResourceChooseResultsView(ChooserPermissionMixin, ResourceChooseViewMixin, ChooseResultsView):
    pass


class ResourceChooserViewSet(ChooserViewsWithPermissions, ChooserViewSet):
    model = "equity.Resource"
    icon = "folder-inverse"
    choose_one_text = "Choose a library resource"
    choose_another_text = "Choose another resource"
    edit_item_text = "Edit this resource"
    per_page = 20
    # No "create" tab: a resource goes through review (drafts, a Moderator's approval) in
    # Library → Resources; one created in a chooser would go live unreviewed.
    form_fields = None
    choose_view_class = ResourceChooseView
    choose_results_view_class = ResourceChooseResultsView


resource_chooser_viewset = ResourceChooserViewSet("equity_resource_chooser")
