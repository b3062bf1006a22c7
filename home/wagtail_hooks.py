"""The moderation round trip in words editors understand (the workflows are set up in
``home.roles``): what the moderator is told after deciding, and the moderator's comment
shown to the author on the edit view, where they will act on it. The emails are the
templates under ``templates/wagtailadmin/notifications``."""

from django.contrib import messages
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.timezone import localtime
from wagtail import hooks
from wagtail.admin.utils import get_user_display_name
from wagtail.models import TaskState, WorkflowState


def latest_change_request(obj) -> TaskState | None:
    """The rejected task state behind ``obj``'s workflow, when it waits for the author's
    changes; ``None`` otherwise."""
    state = obj.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return (
        state.task_states.filter(status=TaskState.STATUS_REJECTED).order_by("-finished_at").first()
    )


def change_request_message(task_state: TaskState) -> str:
    who = get_user_display_name(task_state.finished_by) if task_state.finished_by else "A moderator"
    when = date_format(localtime(task_state.finished_at), "j F Y, H:i")
    comment = task_state.specific.get_comment()
    said = f" Their comment: “{comment}”" if comment else " They left no comment."
    return (
        f"{who} asked for changes on {when} before this goes live.{said} "
        "Make the changes, then submit it again."
    )


@hooks.register("before_edit_page")
def show_change_request_to_the_author(request, page):
    if request.method != "GET":
        return
    task_state = latest_change_request(page)
    if task_state is not None:
        messages.warning(request, change_request_message(task_state))


def replace_queued_message(request, old_text: str, new_text: str) -> None:
    """Reword a message a Wagtail view already queued for this request.

    Wagtail's edit view confirms every workflow decision with its generic "has been updated";
    there is no hook for the wording, so the queued message is changed in place (Django's
    message storage keeps queued messages in ``_queued_messages`` until the response)."""
    old_text = escape(old_text)
    storage = messages.get_messages(request)
    for message in getattr(storage, "_queued_messages", []):
        # Wagtail's admin messages are the text followed by rendered buttons, or just the text.
        if str(message.message).strip().startswith(old_text):
            message.message = new_text


@hooks.register("after_edit_page")
def confirm_the_workflow_decision(request, page):
    if request.method != "POST" or "action-workflow-action" not in request.POST:
        return
    action = request.POST.get("workflow-action-name")
    title = page.get_admin_display_title()
    generic = f"Page '{title}' has been updated."
    if action == "reject":
        author = page.current_workflow_state and page.current_workflow_state.requested_by
        who = get_user_display_name(author) if author else "The author"
        replace_queued_message(
            request,
            generic,
            f"Changes requested on '{title}'. {who} has been told, with your comment; "
            "nothing was published.",
        )
    elif action == "approve":
        page.refresh_from_db(fields=["live", "has_unpublished_changes", "go_live_at"])
        if page.live and not page.has_unpublished_changes:
            outcome = "it is now live"
        elif page.go_live_at:
            outcome = "it goes live when its scheduled date comes"
        else:
            outcome = "it moves on to the next review step"
        replace_queued_message(request, generic, f"'{title}' approved: {outcome}.")
