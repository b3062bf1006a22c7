"""``manage.py export_content --output archive.tar.gz``: all content in one archive.

The archive holds ``content.json`` (Django's serialisation, with natural keys for content
types and permissions so it loads into any freshly migrated database), ``manifest.json``
(what was exported, with each file's SHA-256) and ``media/…`` (the original image and
document files; renditions are regenerated on demand). Restore with ``import_content``.

Exported: pages of every type with all their revisions, view restrictions and workflows;
sites, locales and collections; images and documents (rows and files); the resource library
(resources, topics); media contacts; site settings (``NewsroomSettings``); tags; redirects;
webhook endpoints (with their signing secrets); users (with password hashes), groups,
permissions and API tokens (``--without-users`` leaves people and their tokens out and clears
references to them: page owners, revision authors).

The archive holds secrets — webhook signing secrets, page and collection passwords, password
and API-token hashes — so it is written readable by its owner only (mode 0600), whatever the
umask; keep it like a database dump. Tokens are stored as keyed hashes: they work after a
restore only where ``SECRET_KEY`` is the same (or the old key is in ``SECRET_KEY_FALLBACKS``);
elsewhere they must be issued again.
"""

import hashlib
import io
import json
import os
import tarfile
import time

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

FORMAT_VERSION = 1

# Models whose rows are content. Everything else (sessions, search index, renditions,
# reference index, task results, webhook delivery logs, editing sessions) is derived or
# transient and rebuilt after a restore.
CONTENT_MODELS = [
    "auth.Group",
    "auth.User",
    "wagtailusers.UserProfile",
    "wagtailcore.Locale",
    "wagtailcore.Collection",
    "wagtailcore.CollectionViewRestriction",
    "wagtailcore.GroupCollectionPermission",
    "wagtailcore.Page",
    "wagtailcore.Site",
    "wagtailcore.GroupSitePermission",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Revision",
    "wagtailcore.Task",
    "wagtailcore.GroupApprovalTask",
    "wagtailcore.Workflow",
    "wagtailcore.WorkflowTask",
    "wagtailcore.WorkflowPage",
    "wagtailcore.WorkflowContentType",
    "wagtailcore.WorkflowState",
    "wagtailcore.TaskState",
    "wagtailcore.Comment",
    "wagtailcore.CommentReply",
    "wagtailcore.PageSubscription",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.APIToken",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailembeds.Embed",
    "wagtailredirects.Redirect",
    "wagtailforms.FormSubmission",
    "taggit.Tag",
    "home.HomePage",
    "equity.Topic",
    "equity.Resource",
    "equity.ResourceHost",
    "equity.ResourceReadingListItem",
    "equity.EquityLandingPage",
    "equity.EquityContentPage",
    "equity.EquityRoadmapPage",
    "equity.ResourceLibraryPage",
    "equity.WebhookEndpoint",
    "newsroom.MediaContact",
    "newsroom.NewsroomSettings",
    "newsroom.NewsroomPage",
    "newsroom.NewsArticlePage",
    "newsroom.NewsArticleTag",
    "newsroom.NewsArticleContact",
    "newsroom.NewsArticleRelatedPage",
    "taggit.TaggedItem",
]
USER_MODELS = {"auth.User", "wagtailusers.UserProfile"}
# Rows that only make sense with their user (audit log, subscriptions, comments).
USER_BOUND_MODELS = {
    "wagtailcore.PageSubscription",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.Comment",
    "wagtailcore.CommentReply",
    "wagtailcore.APIToken",
}


def content_models(with_users: bool = True) -> list:
    labels = [
        label
        for label in CONTENT_MODELS
        if with_users or (label not in USER_MODELS and label not in USER_BOUND_MODELS)
    ]
    found = []
    for label in labels:
        try:
            found.append(apps.get_model(label))
        except LookupError:
            continue  # an optional app that this project does not install
    return found


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def media_files() -> list[str]:
    """Names (in default storage) of every original image and document file."""
    names = []
    for label in ("wagtailimages.Image", "wagtaildocs.Document"):
        model = apps.get_model(label)
        names += [name for name in model.objects.values_list("file", flat=True) if name]
    return sorted(set(names))


class Command(BaseCommand):
    help = "Export all content (pages with revisions, library, contacts, media, settings)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Path of the .tar.gz to write.")
        parser.add_argument(
            "--without-users",
            action="store_true",
            help="Leave users out; page owners and revision authors become empty.",
        )

    def handle(self, *args, output, without_users=False, **options):
        with_users = not without_users
        models = content_models(with_users)
        objects = []
        for model in models:
            queryset = model._base_manager.order_by("pk")
            if model._meta.label == "wagtailcore.Page":
                queryset = model._base_manager.order_by("path")
            objects.extend(queryset.iterator())
        data = json.loads(
            serializers.serialize(
                "json", objects, use_natural_foreign_keys=True, use_natural_primary_keys=False
            )
        )
        if not with_users:
            user_label = settings.AUTH_USER_MODEL.lower()
            for item in data:
                model = apps.get_model(item["model"])
                for field in model._meta.concrete_fields:
                    remote = getattr(field, "related_model", None)
                    if remote is not None and remote._meta.label_lower == user_label:
                        item["fields"][field.name] = None
        content = json.dumps(data, ensure_ascii=False, indent=1).encode()

        files = {}
        with owner_only(output) as handle, tarfile.open(fileobj=handle, mode="w:gz") as archive:
            for name in media_files():
                if not default_storage.exists(name):
                    self.stderr.write(f"missing file, not exported: {name}")
                    continue
                with default_storage.open(name, "rb") as handle:
                    payload = handle.read()
                files[name] = sha256(payload)
                add_bytes(archive, f"media/{name}", payload)
            manifest = {
                "format": FORMAT_VERSION,
                "exported_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "with_users": with_users,
                "models": {m._meta.label: m._base_manager.count() for m in models},
                "content_sha256": sha256(content),
                "files": files,
            }
            add_bytes(archive, "content.json", content)
            add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
        if not files and media_files():
            raise CommandError("No media file could be read from storage.")
        self.stdout.write(
            f"Exported {len(data)} rows and {len(files)} files to {output}.",
        )


def owner_only(path: str):
    """``path`` opened for writing with mode 0600 (also when it already existed)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "wb")


def add_bytes(archive: tarfile.TarFile, name: str, payload: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(payload)
    info.mtime = int(time.time())
    archive.addfile(info, io.BytesIO(payload))
