"""Admin views of shared records (library resources, media contacts) that differ from
Wagtail's generic snippet views."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from wagtail.models import Revision, WorkflowState
from wagtail.snippets.views.snippets import DeleteView, IndexView

from .translation_admin import attach_parity


class InUseDeleteView(DeleteView):
    """Refuse to delete a shared record that pages use, and say so before any "Yes, delete".

    Deleting a resource a page uses leaves the page's block an empty required chooser, and
    the editor's next, unrelated publish of that page fails; a media contact in use is
    protected by its foreign key. Wagtail's reference index knows every use: the editor is
    shown where it is used and what to do instead (remove it from those pages, or unpublish
    it, which hides it everywhere and keeps the pages valid)."""

    template_name = "equity/admin/confirm_delete_in_use.html"

    def in_use(self) -> bool:
        return self.usage is not None and self.usage.count() > 0

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["in_use"] = self.in_use()
        context["used_on"] = [obj for obj, _references in self.usage] if self.in_use() else []
        return context

    def post(self, request, *args, **kwargs):
        if self.in_use():
            messages.error(
                request,
                f"“{self.object}” was not deleted: pages still use it. Remove it from those "
                "pages first, or unpublish it to hide it everywhere.",
            )
            return redirect(self.get_delete_url())
        return super().post(request, *args, **kwargs)


class StatusPrefetchingIndexView(IndexView):
    """A snippet listing whose status column costs two queries per page, not two per row
    (and whose translation parity column, for translatable records, a few per page).

    The status ("live + scheduled", "in moderation"…) reads each row's scheduled revision and
    workflow states; Wagtail prefetches them for pages only. This reads both for the rows
    shown and hands them to each object where Wagtail's models look for them first
    (``scheduled_revision``, a cached property, and ``_current_workflow_states``)."""

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        rows = list(object_list)
        if rows:
            model = type(rows[0])
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
            keys = [str(row.pk) for row in rows]
            scheduled = {}
            for revision in Revision.objects.filter(
                content_type=content_type, object_id__in=keys, approved_go_live_at__isnull=False
            ).order_by("-id"):
                # Newest first, so the oldest stays: the one ``scheduled_revision`` would get.
                scheduled[revision.object_id] = revision
            states = {}
            for state in (
                WorkflowState.objects.active()
                .filter(base_content_type=content_type, object_id__in=keys)
                .select_related("current_task_state__task")
            ):
                states.setdefault(state.object_id, []).append(state)
            for row in rows:
                row.__dict__["scheduled_revision"] = scheduled.get(str(row.pk))
                row._current_workflow_states = states.get(str(row.pk), [])
            if hasattr(model, "translation_key"):
                attach_parity(rows)
        page.object_list = rows
        return paginator, page, rows, is_paginated
