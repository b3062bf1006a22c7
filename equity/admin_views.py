"""Admin views of shared records (library resources, media contacts) that differ from
Wagtail's generic snippet views."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail.snippets.views.snippets import DeleteView


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
