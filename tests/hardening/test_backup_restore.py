"""Backup and restore: ``export_content`` then ``import_content`` gives back every page's live
revision, every revision, the library, contacts, settings and every file, byte for byte."""

import hashlib
import json
import tarfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision, Site

from equity.models import Resource, Topic
from newsroom.models import MediaContact, NewsArticlePage, NewsroomSettings

pytestmark = pytest.mark.django_db(transaction=False)


def snapshot() -> dict:
    pages = {}
    for page in Page.objects.order_by("path"):
        live = page.live_revision
        pages[page.url_path] = {
            "title": page.title,
            "type": page.specific_class._meta.label if page.specific_class else None,
            "live": page.live,
            "live_revision": json.dumps(live.content, sort_keys=True, cls=DjangoJSONEncoder)
            if live
            else None,
            "revisions": Revision.page_revisions.filter(object_id=str(page.pk)).count(),
        }
    files = {}
    for model in (get_image_model(), get_document_model()):
        for item in model.objects.all():
            with default_storage.open(item.file.name, "rb") as handle:
                files[item.file.name] = hashlib.sha256(handle.read()).hexdigest()
    settings = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
    return {
        "pages": pages,
        "files": files,
        "resources": sorted(
            (r.title, r.kind, r.summary, r.href, tuple(r.topic_slugs))
            for r in Resource.objects.prefetch_related("topics")
        ),
        "topics": sorted(Topic.objects.values_list("name", "slug")),
        "contacts": sorted(MediaContact.objects.values_list("name", "role", "phone", "email")),
        "settings": (settings.about_heading, settings.about_text),
        "sites": sorted(Site.objects.values_list("hostname", "port", "root_page__url_path")),
        "collections": sorted(Collection.objects.values_list("name", "path")),
        "tags": sorted(
            (page.url_path, tuple(sorted(t.name for t in page.tags.all())))
            for page in NewsArticlePage.objects.all()
        ),
    }


def test_round_trip_of_demo_content_and_100_releases(tmp_path):
    call_command("load_demo_content", articles=100, verbosity=0)
    assert NewsArticlePage.objects.count() >= 100
    assert get_image_model().objects.exists()
    # A second revision on one page, so "every revision" is more than one per page.
    release = NewsArticlePage.objects.live().first()
    release.title = release.title + " (updated)"
    release.save_revision().publish()
    before = snapshot()
    assert before["files"], "the demo content has images"

    archive = tmp_path / "archive.tar.gz"
    call_command("export_content", output=str(archive), verbosity=0)
    assert archive.stat().st_size > 0

    # Refuses to overwrite a database that holds content, unless told to.
    with pytest.raises(CommandError, match="already holds pages"):
        call_command("import_content", str(archive), verbosity=0)

    # Lose everything: files on disk and every page but the root.
    for name in before["files"]:
        default_storage.delete(name)
    NewsArticlePage.objects.all().delete()
    Resource.objects.all().delete()
    MediaContact.objects.all().delete()
    assert not any(default_storage.exists(name) for name in before["files"])

    call_command("import_content", str(archive), replace=True, verbosity=0)
    after = snapshot()
    assert after["files"] == before["files"]
    assert after["pages"].keys() == before["pages"].keys()
    for url_path, page in before["pages"].items():
        assert after["pages"][url_path] == page, url_path
    assert after == before
    # The restored site serves.
    from django.test import Client

    client = Client()
    assert client.get(release.url).status_code == 200
    assert client.get("/news/feed/rss/").status_code == 200


def test_a_damaged_archive_changes_nothing(tmp_path):
    archive = tmp_path / "broken.tar.gz"
    archive.write_bytes(b"not a tar file")
    with pytest.raises(tarfile.ReadError):
        call_command("import_content", str(archive), verbosity=0)
    assert Page.objects.filter(depth=2).exists()
