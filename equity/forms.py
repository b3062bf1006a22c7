"""Admin form bases shared by the plugin's page types and snippets (the newsroom's too)."""

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm


def _same_minute(a, b) -> bool:
    # The schedule dialog edits minutes; the stored value may carry seconds.
    return a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)


class UsedUpScheduleMixin:
    """A go-live or expiry time that has already done its job never blocks a save.

    After a scheduled expiry has run (or a scheduled publish went live), the object keeps the
    time, and Wagtail's form refuses every later save with "Expiry date/time must be in the
    future", shown only inside the schedule dialog. A past time that the editor did not change
    is used up: it is cleared instead. A past time the editor typed is still refused."""

    SCHEDULE_FIELDS = ("go_live_at", "expire_at")

    def clean(self):
        cleaned_data = super().clean()
        now = timezone.now()
        for name in self.SCHEDULE_FIELDS:
            if name not in self.fields:
                continue
            value = self.cleaned_data.get(name)
            stored = getattr(self.instance, name, None)
            if value and stored and value <= now and _same_minute(value, stored):
                self.cleaned_data[name] = None
                self._errors.pop(name, None)
                other = "go_live_at" if name == "expire_at" else "expire_at"
                # The "go live must be before expiry" error named both fields.
                if other in self._errors and not self.cleaned_data.get(name):
                    self._errors[other] = self.error_class(
                        [e for e in self._errors[other] if "before expiry" not in str(e)]
                    )
                    if not self._errors[other]:
                        self._errors.pop(other)
        return cleaned_data


class SchedulePageForm(UsedUpScheduleMixin, WagtailAdminPageForm):
    """The page form of the plugin's page types."""


class ScheduleModelForm(UsedUpScheduleMixin, WagtailAdminModelForm):
    """The form of the plugin's snippets with drafts (resources, media contacts)."""
