"""The editorial roles and their review workflows, set up idempotently.

Every group's rights are stated here in full; ``setup_roles`` makes the database match (it
adds what is missing and removes what is not listed), so a right granted by hand or by
Wagtail's initial data does not survive a run.

- Equity editors: add and edit pages under the hub, and library resources (publishing goes
  through a Moderator, unless the group publishes directly, see below); all rights on topics.
- Communications: add and edit pages under the newsroom (releases go to a Moderator); all
  rights on media contacts, publishing included; view (so: choose) library resources.
- Moderators: review hub and newsroom pages and library resources: edit, publish (approve),
  lock and unlock them, and add releases; view media contacts.
- Administrators: everything from the root page down; every model of ours; the newsroom
  settings; change and delete any image or document; manage collections.
- Every group: use the admin; upload and choose images and documents (an uploader may edit
  and delete their own uploads, Wagtail's "owner" rule), nothing more on the media libraries.

Review: hub pages and library resources follow the "Equity page review" workflow and
newsrooms the "Press release approval" workflow, both with the one "Moderator approval" task
(Moderators approve or request changes). Who may publish directly, skipping review, is
``ROLES_PUBLISH_DIRECTLY`` (setting) or ``setup_roles --publish-directly GROUP`` (the command
option wins): the names of the section groups ("Equity editors", "Communications") that also
get the publish right on their own section (pages, and for Equity editors resources too).
Default: nobody; Moderators and Administrators always may.

Wagtail's initial data creates sample "Editors" and "Moderators" groups and a "Moderators
approval" workflow on the root page. "Moderators" is ours (its rights are replaced); "Editors"
(easily confused with "Equity editors", and given add/change on the whole tree) is deleted,
or, while it still has members, stripped of every right and renamed so nobody mistakes it for
a working role. The sample workflow is taken off the root page and deactivated.
"""

from collections.abc import Iterable

from django.conf import settings
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
    WorkflowContentType,
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
# The groups that may be allowed to publish their own section without review.
SECTION_GROUPS = (EQUITY_EDITORS, COMMUNICATIONS)

WAGTAIL_SAMPLE_EDITORS = "Editors"
RETIRED_EDITORS_NAME = "Editors (retired Wagtail sample group, no rights)"
WAGTAIL_SAMPLE_WORKFLOW = "Moderators approval"

WORKFLOW_NAME = "Press release approval"
HUB_WORKFLOW_NAME = "Equity page review"
TASK_NAME = "Moderator approval"

ALL_MODEL_ACTIONS = ("add", "change", "delete", "view")
# Image and document rights per collection (the root collection covers every collection).
MEDIA_FOR_EVERYONE = ("add", "choose")
MEDIA_FOR_ADMINISTRATORS = ("add", "change", "delete", "choose")
COLLECTION_FOR_ADMINISTRATORS = ("add", "change", "delete")


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


def collection_permissions(app_label: str, model_name: str, actions) -> list[Permission]:
    return list(
        Permission.objects.filter(
            content_type__app_label=app_label,
            codename__in=[f"{action}_{model_name}" for action in actions],
        )
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


def publish_directly_default() -> list[str]:
    """The ``ROLES_PUBLISH_DIRECTLY`` setting: a list of section group names."""
    return list(getattr(settings, "ROLES_PUBLISH_DIRECTLY", []))


def set_page_permissions(group: Group, grants: list[tuple[Page, tuple[str, ...]]]) -> None:
    """Make the group's page permissions exactly ``grants`` ((page, permission types) pairs)."""
    wanted = {
        (page.pk, permission.pk)
        for page, types in grants
        for permission in page_permission_types(*types)
    }
    existing = GroupPagePermission.objects.filter(group=group)
    for row in existing:
        if (row.page_id, row.permission_id) not in wanted:
            row.delete()
    have = set(existing.values_list("page_id", "permission_id"))
    for page_id, permission_id in wanted - have:
        GroupPagePermission.objects.create(
            group=group, page_id=page_id, permission_id=permission_id
        )


def set_collection_permissions(group: Group, permissions: list[Permission]) -> None:
    """Make the group's collection permissions exactly ``permissions`` on the root collection."""
    root = Collection.get_first_root_node()
    wanted = {(root.pk, permission.pk) for permission in permissions} if root else set()
    existing = GroupCollectionPermission.objects.filter(group=group)
    for row in existing:
        if (row.collection_id, row.permission_id) not in wanted:
            row.delete()
    have = set(existing.values_list("collection_id", "permission_id"))
    for collection_id, permission_id in wanted - have:
        GroupCollectionPermission.objects.create(
            group=group, collection_id=collection_id, permission_id=permission_id
        )


def media_permissions(actions) -> list[Permission]:
    return [
        *collection_permissions("wagtailimages", "image", actions),
        *collection_permissions("wagtaildocs", "document", actions),
    ]


@transaction.atomic
def setup_roles(publish_directly: Iterable[str] | None = None) -> dict[str, Group]:
    """Create or repair the four groups, their rights and the review workflows.

    ``publish_directly``: section group names (from ``SECTION_GROUPS``) that may publish
    their own section without review; ``None`` reads ``ROLES_PUBLISH_DIRECTLY``. An unknown
    name raises ``ValueError``. Returns the groups by name.
    """
    direct = set(publish_directly_default() if publish_directly is None else publish_directly)
    unknown = direct - set(SECTION_GROUPS)
    if unknown:
        raise ValueError(
            f"Only {', '.join(SECTION_GROUPS)} can be allowed to publish directly, "
            f"not {', '.join(sorted(unknown))}."
        )

    retire_wagtail_sample_editors()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    hubs = list(EquityLandingPage.objects.all())
    newsrooms = list(NewsroomPage.objects.all())
    root = Page.get_first_root_node()

    def section(types: tuple[str, ...], group_name: str) -> tuple[str, ...]:
        return (*types, "publish") if group_name in direct else types

    equity_types = section(("add", "change"), EQUITY_EDITORS)
    communications_types = section(("add", "change"), COMMUNICATIONS)
    page_grants = {
        EQUITY_EDITORS: [(hub, equity_types) for hub in hubs],
        COMMUNICATIONS: [(newsroom, communications_types) for newsroom in newsrooms],
        MODERATORS: [
            *[(hub, ("change", "publish", "lock", "unlock")) for hub in hubs],
            *[(n, ("add", "change", "publish", "lock", "unlock")) for n in newsrooms],
        ],
        ADMINISTRATORS: [(root, ("add", "change", "publish", "bulk_delete", "lock", "unlock"))]
        if root is not None
        else [],
    }
    # Library resources are reviewed like hub pages: editors save drafts and submit,
    # Moderators publish; "publish" is the snippet's own permission (DraftStateMixin).
    resource_editing = (*ALL_MODEL_ACTIONS, "lock")
    model_grants = {
        EQUITY_EDITORS: [
            *model_permissions(Resource, section(resource_editing, EQUITY_EDITORS)),
            *model_permissions(Topic, ALL_MODEL_ACTIONS),
            *submit_translation(),
        ],
        COMMUNICATIONS: [
            # Media contacts have drafts and history but no review: Communications publish.
            *model_permissions(MediaContact, (*ALL_MODEL_ACTIONS, "publish")),
            *model_permissions(Resource, ["view"]),
            *submit_translation(),
        ],
        MODERATORS: [
            *model_permissions(MediaContact, ["view"]),
            *model_permissions(Resource, ["view", "change", "publish", "lock", "unlock"]),
        ],
        ADMINISTRATORS: [
            *model_permissions(Resource, (*ALL_MODEL_ACTIONS, "publish", "lock", "unlock")),
            *model_permissions(Topic, ALL_MODEL_ACTIONS),
            *model_permissions(MediaContact, (*ALL_MODEL_ACTIONS, "publish")),
            *model_permissions(NewsroomSettings, ["change"]),
            *submit_translation(),
        ],
    }
    collection_grants = {
        EQUITY_EDITORS: media_permissions(MEDIA_FOR_EVERYONE),
        COMMUNICATIONS: media_permissions(MEDIA_FOR_EVERYONE),
        MODERATORS: media_permissions(MEDIA_FOR_EVERYONE),
        ADMINISTRATORS: [
            *media_permissions(MEDIA_FOR_ADMINISTRATORS),
            *collection_permissions("wagtailcore", "collection", COLLECTION_FOR_ADMINISTRATORS),
        ],
    }

    for name, group in groups.items():
        group.permissions.set([admin_access(), *model_grants[name]])
        set_page_permissions(group, page_grants[name])
        set_collection_permissions(group, collection_grants[name])

    setup_review_workflows(groups[MODERATORS], hubs, newsrooms)
    return groups


def retire_wagtail_sample_editors() -> None:
    """Delete Wagtail's sample "Editors" group, or strip and rename it while it has members."""
    sample = Group.objects.filter(name=WAGTAIL_SAMPLE_EDITORS).first()
    if sample is None:
        return
    if not sample.user_set.exists():
        sample.delete()
        return
    sample.permissions.clear()
    GroupPagePermission.objects.filter(group=sample).delete()
    GroupCollectionPermission.objects.filter(group=sample).delete()
    if not Group.objects.filter(name=RETIRED_EDITORS_NAME).exists():
        sample.name = RETIRED_EDITORS_NAME
        sample.save(update_fields=["name"])


def setup_review_workflows(moderators: Group, hubs, newsrooms) -> tuple[Workflow, Workflow]:
    """Hub pages and releases wait for a Moderator: one approval task, two workflows."""
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([moderators])
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])

    def workflow_named(name: str) -> Workflow:
        workflow, _ = Workflow.objects.get_or_create(name=name)
        if not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        return workflow

    release_workflow = workflow_named(WORKFLOW_NAME)
    hub_workflow = workflow_named(HUB_WORKFLOW_NAME)
    # Wagtail assigns its sample "Moderators approval" workflow to the root page: it would
    # review pages nobody moderates (the home page) with Wagtail's own sample task.
    WorkflowPage.objects.filter(page__depth=1).delete()
    Workflow.objects.filter(name=WAGTAIL_SAMPLE_WORKFLOW).exclude(
        pk__in=[release_workflow.pk, hub_workflow.pk]
    ).update(active=False)
    for hub in hubs:
        WorkflowPage.objects.update_or_create(page=hub, defaults={"workflow": hub_workflow})
    # Library resources (snippets) go through the same review as hub pages.
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Resource),
        defaults={"workflow": hub_workflow},
    )
    for newsroom in newsrooms:
        WorkflowPage.objects.update_or_create(
            page=newsroom, defaults={"workflow": release_workflow}
        )
    return hub_workflow, release_workflow
