"""Scale-out journeys against the real cluster: object storage, Varnish, two app servers.

Publishing happens in an app host's process (``cluster.manage``: the same settings, database,
Redis, object storage and purge configuration as the gunicorn instances); reads go through
Varnish and straight to each gunicorn. Freshness is waited for (a deadline), never slept.
"""

import re
import time
import urllib.error
import urllib.request
import uuid

import pytest

pytestmark = pytest.mark.scale

NEWS = "/news/california-cities-condemn-anti-asian-violence/"


def get(url: str, headers: dict | None = None) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


def eventually(check, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not hold within {timeout:.0f} s")
        time.sleep(0.2)


def shell(cluster, code: str) -> str:
    """Run Python in an app host's process; its last line of output."""
    result = cluster.manage("shell", "-c", code, check=False)
    if result.returncode:
        pytest.fail(f"shell failed:\n{result.stderr[-3000:]}")
    return result.stdout.strip().splitlines()[-1]


def news_page_id(cluster) -> int:
    return int(
        shell(
            cluster,
            "from wagtail.models import Page; "
            f"print(Page.objects.get(url_path__endswith='{NEWS.split('/')[2]}/').pk)",
        )
    )


def publish_title(cluster, page_id: int, title: str, publish: bool = True) -> None:
    action = "r.publish()" if publish else "None"
    shell(
        cluster,
        "from wagtail.models import Page; "
        f"p = Page.objects.get(pk={page_id}).specific; p.title = {title!r}; "
        f"r = p.save_revision(); {action}; print('ok')",
    )


def test_images_and_renditions_live_in_object_storage_and_are_public(cluster):
    status, headers, html = get(cluster.varnish_url + "/advancing-equity/")
    assert status == 200
    # The Content-Security-Policy lets the browser load them from the bucket's origin.
    img_src = next(d for d in headers["Content-Security-Policy"].split(";") if "img-src" in d)
    assert cluster.s3_url in img_src.split()
    sources = re.findall(r'<img[^>]+src="([^"]+)"', html)
    assert sources, "the landing page shows its banner"
    assert all(src.startswith(f"{cluster.s3_url}/media/") for src in sources), sources
    status, headers, _ = get(sources[0])
    assert status == 200 and headers["Content-Type"].startswith("image/")
    keys = [o["Key"] for o in cluster.s3_client().list_objects_v2(Bucket="media")["Contents"]]
    assert any(k.startswith("original_images/") for k in keys)
    assert any(k.startswith("images/") for k in keys)  # renditions


def test_private_documents_are_not_readable_from_the_bucket(cluster):
    out = shell(
        cluster,
        "from django.core.files.base import ContentFile; "
        "from wagtail.models import Collection, CollectionViewRestriction; "
        "from wagtail.documents import get_document_model; "
        "root = Collection.get_first_root_node(); "
        f"c = root.add_child(name='Board papers {uuid.uuid4().hex[:6]}'); "
        "CollectionViewRestriction.objects.create(collection=c, "
        "restriction_type=CollectionViewRestriction.LOGIN); "
        "D = get_document_model(); "
        "d = D(title='Minutes', collection=c); "
        "d.file.save('minutes.txt', ContentFile(b'board minutes, confidential'), save=True); "
        "print(d.pk, d.file.name)",
    )
    pk, name = out.split()
    assert name.startswith("documents/")
    body = cluster.s3_client().get_object(Bucket="private", Key=name)["Body"].read()
    assert body == b"board minutes, confidential"  # stored in the private bucket
    status, _, _ = get(f"{cluster.s3_url}/private/{name}")
    assert status == 403  # not readable anonymously from the bucket
    status, _, text = get(f"{cluster.varnish_url}/documents/{pk}/{name.split('/')[-1]}")
    assert "confidential" not in text  # and Django asks for a login first


def test_a_publish_is_fresh_through_varnish_and_both_app_servers(cluster):
    page_id = news_page_id(cluster)
    addresses = [
        NEWS,
        "/news/",
        "/news/feed/rss/",
        f"/api/v2/pages/{page_id}/",
        f"/api/v3/pages/{page_id}/",
    ]
    for path in addresses:  # warm Varnish: a second read is a hit
        get(cluster.varnish_url + path)
        status, headers, _ = get(cluster.varnish_url + path)
        assert status == 200 and headers.get("X-Cache") == "HIT", (path, headers.get("X-Cache"))

    title = f"Cities condemn violence {uuid.uuid4().hex[:8]}"
    publish_title(cluster, page_id, title)
    for base in [cluster.varnish_url, *cluster.app_urls]:
        for path in addresses:
            eventually(
                lambda url=base + path: title in get(url)[2], what=f"{title!r} at {base}{path}"
            )

    draft = f"Draft never shown {uuid.uuid4().hex[:8]}"
    publish_title(cluster, page_id, draft, publish=False)
    for base in [cluster.varnish_url, *cluster.app_urls]:
        for path in addresses:
            status, _, body = get(base + path)
            assert draft not in body and title in body, (base, path)


def test_signed_in_and_token_requests_are_never_cached(cluster):
    for headers in ({"Cookie": "sessionid=abc"}, {"Authorization": "Bearer x"}):
        for _ in range(2):
            _, response_headers, _ = get(cluster.varnish_url + NEWS, headers)
            assert response_headers.get("X-Cache") == "PASS", headers
    _, headers, _ = get(cluster.varnish_url + "/api/v3/preview/?content_type=x&token=y")
    assert headers.get("X-Cache") == "PASS"


def test_unpublish_is_gone_through_varnish_at_once(cluster):
    """A release seen (and cached) while live answers 404 at every address once unpublished."""
    code = (
        "from newsroom.models import NewsArticlePage, NewsroomPage; "
        "import datetime; news = NewsroomPage.objects.live().first(); "
        f"p = NewsArticlePage(title='Short-lived {uuid.uuid4().hex[:8]}', "
        f"slug='short-lived-{uuid.uuid4().hex[:8]}', release_date=datetime.date.today(), "
        "summary='Withdrawn soon.'); "
        "news.add_child(instance=p); p.save_revision().publish(); print(p.pk, p.url)"
    )
    page_id, path = shell(cluster, code).split()
    addresses = [path, f"/api/v2/pages/{page_id}/", f"/api/v3/pages/{page_id}/"]
    for address in addresses:
        get(cluster.varnish_url + address)
        assert get(cluster.varnish_url + address)[0] == 200
    shell(cluster, f"from wagtail.models import Page; Page.objects.get(pk={page_id}).unpublish()")
    for base in [cluster.varnish_url, *cluster.app_urls]:
        for address in addresses:
            eventually(lambda url=base + address: get(url)[0] == 404, what=f"404 at {address}")
    assert path not in get(cluster.varnish_url + "/news/")[2]


def test_edit_of_a_shared_resource_is_fresh_through_varnish(cluster):
    """A library resource edited once shows at once on the landing page that uses it."""
    url = cluster.varnish_url + "/advancing-equity/"
    get(url)
    assert get(url)[1].get("X-Cache") == "HIT"
    name = f"Race Forward {uuid.uuid4().hex[:8]}"
    shell(
        cluster,
        "from equity.models import Resource; r = Resource.objects.get(title='Race Forward'); "
        f"r.title = {name!r}; r.save_revision().publish(); print('ok')",
    )
    assert name in get(cluster.app_urls[1] + "/advancing-equity/")[2]  # the app is fresh
    eventually(lambda: name in get(url)[2], timeout=20, what="the edited resource via Varnish")


def test_a_worker_killed_mid_delivery_loses_nothing(cluster):
    """The worker is SIGKILLed while the receiver holds the webhook request; once a worker
    runs again the delivery is made."""
    import json
    import signal
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received, release = [], threading.Event()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(json.loads(body))
            if len(received) == 1:
                release.wait(30)  # the worker dies while waiting for this answer
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        shell(
            cluster,
            "from equity.models import WebhookEndpoint; WebhookEndpoint.objects.create("
            f"name='City site', url='http://127.0.0.1:{server.server_port}/hook'); print('ok')",
        )
        page_id = news_page_id(cluster)
        publish_title(cluster, page_id, f"Delivered once the worker returns {uuid.uuid4().hex}")
        eventually(lambda: received, what="the webhook request reaching the receiver")
        cluster.stop_process("worker", signal.SIGKILL)
        release.set()
        status = shell(
            cluster,
            "from equity.models import WebhookDelivery as D; "
            "print(D.objects.latest('created_at').status)",
        )
        assert status != "succeeded"  # the kill interrupted it
        cluster.start_worker()
        eventually(
            lambda: (
                shell(
                    cluster,
                    "from equity.models import WebhookDelivery as D; "
                    "print(D.objects.latest('created_at').status)",
                )
                == "succeeded"
            ),
            timeout=60,
            what="the delivery after the worker's restart",
        )
        assert len(received) >= 2 and received[-1]["id"] == page_id
    finally:
        server.shutdown()


def test_backup_and_restore_include_the_media_in_object_storage(cluster):
    """export_content reads originals and documents from both buckets; import_content writes
    them back. (Last: the restore replaces the cluster's content.)"""
    import tarfile

    s3 = cluster.s3_client()
    document = shell(
        cluster,
        "from django.core.files.base import ContentFile; "
        "from wagtail.documents import get_document_model; D = get_document_model(); "
        "d = D(title='Annual report'); "
        "d.file.save('annual-report.txt', ContentFile(b'annual report body'), save=True); "
        "print(d.file.name)",
    )
    original = shell(
        cluster,
        "from wagtail.images import get_image_model; "
        "print(get_image_model().objects.first().file.name)",
    )
    archive = cluster.dir / "backup.tar.gz"
    cluster.manage("export_content", "--output", str(archive))
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert f"media/{document}" in names and f"media/{original}" in names

    image_bytes = s3.get_object(Bucket="media", Key=original)["Body"].read()
    s3.delete_object(Bucket="media", Key=original)
    s3.delete_object(Bucket="private", Key=document)
    cluster.manage("import_content", "--replace", str(archive))
    assert s3.get_object(Bucket="media", Key=original)["Body"].read() == image_bytes
    assert s3.get_object(Bucket="private", Key=document)["Body"].read() == b"annual report body"
