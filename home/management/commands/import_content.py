"""``manage.py import_content archive.tar.gz``: restore an ``export_content`` archive.

Run it on a freshly migrated database (``manage.py migrate`` first). The rows that migrations
create (the root page and home page, the default site, the root collection, the default
locale, Wagtail's default groups and workflow) are replaced by the archive's: every table the
archive covers is emptied, then the archive is loaded in one transaction — on any error
nothing changes. Media files are written to ``MEDIA_ROOT`` (default storage) and checked
against the manifest's SHA-256; the reference index and search index are rebuilt at the end.

Refuses to run on a database that already holds content beyond what migrations create,
unless ``--replace`` is given.

Webhook endpoints come back **inactive**: a restore into staging must not send signed
webhooks to production receivers. ``--keep-webhooks-active`` keeps each endpoint's own
state (a disaster recovery of production itself). API tokens are restored with their users;
they work only where ``SECRET_KEY`` is the one they were issued under (see export_content).
"""

import contextlib
import hashlib
import json
import tarfile
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.signals import post_delete

from .export_content import FORMAT_VERSION, content_models


@contextlib.contextmanager
def keeping_media_files():
    """Delete image, rendition and document rows without deleting their files.

    Wagtail queues a task to delete a file from storage when its row is deleted; with a queue
    worker (production) that task ran after the restore had written the same file names back,
    and removed the restored media. The archive's files are written below instead (files of
    rows the archive does not hold stay in storage, unused)."""
    from wagtail.documents import get_document_model
    from wagtail.documents import signal_handlers as document_handlers
    from wagtail.images import get_image_model
    from wagtail.images import signal_handlers as image_handlers

    Image = get_image_model()
    connections = [
        (image_handlers.post_delete_file_cleanup, Image),
        (image_handlers.post_delete_file_cleanup, Image.get_rendition_model()),
        (document_handlers.post_delete_file_cleanup, get_document_model()),
    ]
    for handler, sender in connections:
        post_delete.disconnect(handler, sender=sender)
    try:
        yield
    finally:
        for handler, sender in connections:
            post_delete.connect(handler, sender=sender)


class Command(BaseCommand):
    help = "Restore content from an export_content archive into a freshly migrated database."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by export_content.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace existing content (otherwise only a freshly migrated database).",
        )
        parser.add_argument(
            "--keep-webhooks-active",
            action="store_true",
            help="Keep webhook endpoints as active as they were (default: all inactive).",
        )

    def handle(self, *args, archive, replace=False, keep_webhooks_active=False, **options):
        from wagtail.models import Page

        from equity.models import WebhookEndpoint

        with tarfile.open(archive, "r:gz") as tar:
            manifest = json.loads(read_member(tar, "manifest.json"))
            if manifest.get("format") != FORMAT_VERSION:
                raise CommandError(f"Unknown archive format {manifest.get('format')!r}.")
            content = read_member(tar, "content.json")
            if hashlib.sha256(content).hexdigest() != manifest["content_sha256"]:
                raise CommandError("content.json does not match its checksum: archive damaged.")
            files = {}
            for name, digest in manifest["files"].items():
                payload = read_member(tar, f"media/{name}")
                if hashlib.sha256(payload).hexdigest() != digest:
                    raise CommandError(f"{name} does not match its checksum: archive damaged.")
                files[name] = payload

        # More than the root and the home page that migrations create: this is not empty.
        if not replace and Page.objects.filter(depth__gt=2).exists():
            raise CommandError(
                "The database already holds pages. Restore into a freshly migrated database, "
                "or pass --replace to replace its content with the archive's."
            )

        models = content_models(with_users=manifest.get("with_users", True))
        with tempfile.TemporaryDirectory() as directory:
            fixture = Path(directory) / "content.json"
            fixture.write_bytes(content)
            with transaction.atomic(), keeping_media_files():
                for model in reversed(models):
                    # Children before parents; the query-level delete also cascades.
                    model._base_manager.all().delete()
                call_command("loaddata", str(fixture), verbosity=0)
                deactivated = 0
                if not keep_webhooks_active:
                    deactivated = WebhookEndpoint.objects.filter(active=True).update(active=False)

        written = 0
        for name, payload in files.items():
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as handle:
                    if hashlib.sha256(handle.read()).hexdigest() == manifest["files"][name]:
                        continue
                default_storage.delete(name)
            saved = default_storage.save(name, ContentFile(payload))
            if saved != name:
                raise CommandError(f"Storage renamed {name} to {saved}; restore media by hand.")
            written += 1

        call_command("rebuild_references_index", verbosity=0)
        call_command("update_index", verbosity=0)
        rows = sum(manifest["models"].values())
        self.stdout.write(f"Restored {rows} rows and {len(files)} files ({written} written).")
        if deactivated:
            self.stdout.write(
                f"{deactivated} webhook endpoints restored INACTIVE: turn on the ones this "
                "environment should call in the admin (or restore with --keep-webhooks-active)."
            )


def read_member(tar: tarfile.TarFile, name: str) -> bytes:
    try:
        member = tar.getmember(name)
    except KeyError:
        raise CommandError(f"The archive has no {name}.") from None
    if not member.isfile():
        raise CommandError(f"{name} in the archive is not a file.")
    return tar.extractfile(member).read()
