"""The editorial roles and the press-release workflow, set up idempotently.

- Equity editors: add, change and publish pages under the hub; all rights on library
  resources and topics.
- Communications: add and change pages under the newsroom (no publish: releases go to a
  Moderator); all rights on media contacts; view (so: choose) library resources.
- Moderators: add, change, publish, lock and unlock under the newsroom (they approve
  releases); view media contacts and resources.
- Administrators: everything from the root page down; every model of ours; the newsroom
  settings.

A press release goes live only after a Moderator approves it ("Press release approval"
workflow on each newsroom); equity pages publish directly (Wagtail's default workflow on the
root page is removed). Everyone in these groups may use the admin, images and documents.
Running ``setup_roles`` again changes nothing but what drifted.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from equity.models import EquityLandingPage, Resource, Topic
from newsroom.models import MediaContact, NewsroomPage, NewsroomSettings

EQUITY_EDITORS = "Equity editors"
COMMUNICATIONS = "Communications"
MODERATORS = "Moderators"
ADMINISTRATORS = "Administrators"
ROLES = (EQUITY_EDITORS, COMMUNICATIONS, MODERATORS, ADMINISTRATORS)

WORKFLOW_NAME = "Press release approval"
TASK_NAME = "Moderator approval"

ALL_MODEL_ACTIONS = ("add", "change", "delete", "view")


def model_permissions(model, actions) -> list[Permission]:
    content_type = ContentType.objects.get_for_model(model)
    return list(
        Permission.objects.filter(
            content_type=content_type,
            codename__in=[f"{action}_{model._meta.model_name}" for action in actions],
        )
    )


def page_permission_types(*types: str) -> list[Permission]:
    page_type = ContentType.objects.get_for_model(Page)
    model_name = Page._meta.model_name
    return list(
        Permission.objects.filter(
            content_type=page_type, codename__in=[f"{kind}_{model_name}" for kind in types]
        )
    )


def grant_pages(group: Group, pages, *types: str) -> None:
    for page in pages:
        for permission in page_permission_types(*types):
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_media_libraries(group: Group) -> None:
    """Upload and choose images and documents in the root collection."""
    root = Collection.get_first_root_node()
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for action in ("add", "choose"):
            permission = Permission.objects.filter(
                content_type__app_label=app, codename=f"{action}_{model}"
            ).first()
            if permission is not None and root is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root, permission=permission
                )


def submit_translation() -> list[Permission]:
    """The "Translate" action on pages (Wagtail's simple_translation)."""
    return list(
        Permission.objects.filter(
            content_type__app_label="simple_translation", codename="submit_translation"
        )
    )


def admin_access() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


@transaction.atomic
def setup_roles() -> dict[str, Group]:
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    hubs = list(EquityLandingPage.objects.all())
    newsrooms = list(NewsroomPage.objects.all())

    for group in groups.values():
        group.permissions.add(admin_access())
        grant_media_libraries(group)

    equity = groups[EQUITY_EDITORS]
    grant_pages(equity, hubs, "add", "change", "publish")
    equity.permissions.add(
        *model_permissions(Resource, ALL_MODEL_ACTIONS),
        *model_permissions(Topic, ALL_MODEL_ACTIONS),
        *submit_translation(),
    )

    communications = groups[COMMUNICATIONS]
    grant_pages(communications, newsrooms, "add", "change")
    communications.permissions.add(
        *model_permissions(MediaContact, ALL_MODEL_ACTIONS),
        *model_permissions(Resource, ["view"]),
        *submit_translation(),
    )

    moderators = groups[MODERATORS]
    # Wagtail's initial data gives its sample "Moderators" group rights over the whole tree;
    # ours moderate the newsroom only.
    GroupPagePermission.objects.filter(group=moderators, page__depth=1).delete()
    grant_pages(moderators, newsrooms, "add", "change", "publish", "lock", "unlock")
    moderators.permissions.add(
        *model_permissions(MediaContact, ["view"]),
        *model_permissions(Resource, ["view"]),
    )

    administrators = groups[ADMINISTRATORS]
    root = Page.get_first_root_node()
    if root is not None:
        grant_pages(
            administrators, [root], "add", "change", "publish", "bulk_delete", "lock", "unlock"
        )
    administrators.permissions.add(
        *model_permissions(Resource, ALL_MODEL_ACTIONS),
        *model_permissions(Topic, ALL_MODEL_ACTIONS),
        *model_permissions(MediaContact, ALL_MODEL_ACTIONS),
        *model_permissions(NewsroomSettings, ["change"]),
        *submit_translation(),
    )

    setup_release_workflow(moderators, newsrooms)
    return groups


def setup_release_workflow(moderators: Group, newsrooms) -> Workflow:
    """Releases wait for a Moderator; nothing else goes through a workflow."""
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # Wagtail assigns its sample "Moderators approval" workflow to the root page; equity
    # pages publish directly, so only the newsrooms keep a workflow.
    WorkflowPage.objects.filter(page__depth=1).delete()
    for newsroom in newsrooms:
        WorkflowPage.objects.update_or_create(page=newsroom, defaults={"workflow": workflow})
    return workflow
