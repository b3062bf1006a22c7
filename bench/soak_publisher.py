"""The editor's half of the soak test (``soak.py``): publish, edit and unpublish releases
through Wagtail's own APIs while the site is under load, then check that nothing was lost.

Run by ``soak.py`` with the soak's environment (``DJANGO_SETTINGS_MODULE``,
``DATABASE_URL``, ``REDIS_URL``…), in three steps, each its own process:

``prepare``
    Creates the editor account, picks a few generated releases to edit all along ("steady":
    they stay live, so the load can request them throughout) and writes the plan: the
    addresses to load (the benchmark's endpoints, ``/api/v2/releases/`` and the steady
    releases' page and API addresses) and the steady releases.
``publish``
    Until the deadline, picks an operation at random and does it as an editor would, with
    Wagtail's actions: create and publish a release (``add_child``, ``save_revision``,
    ``Revision.publish``), edit and publish (``EditPageAction(publish=True)``), save a draft
    (``EditPageAction``), unpublish (``Page.unpublish``) or publish the latest draft again
    (``Revision.publish``). Each operation is recorded in a journal: per page, what must
    now be true (live or not, the live and latest revision, the live title) and every
    revision it made. When the cache is shared by every process (Redis), it reads each
    change back through the running server at once: an anonymous visitor must see it.
    An exception is recorded as an error and the run goes on.
``verify``
    In a fresh process after the load: every page in the journal, from the database (live
    flag, live and latest revision, live title, every revision still there with its
    content, no revision or release more or less than made) and over HTTP (its page and
    API addresses answer 200 with the live title, or 404 once unpublished; the listings'
    totals match the database).

Each step prints nothing but writes its JSON to ``--out``.
"""

import argparse
import html
import json
import math
import os
import random
import sys
import time
import traceback
import urllib.error
import urllib.request
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import django

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms_site.settings.bench")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from endpoints import CEILING, ENDPOINTS  # noqa: E402
from probe import placeholders  # noqa: E402
from wagtail.actions.edit_page import EditPageAction  # noqa: E402

from cms_site.demo.generators import GENERATED_PREFIX  # noqa: E402
from newsroom.feeds import FEED_ITEMS  # noqa: E402
from newsroom.models import (  # noqa: E402
    RELEASES_PER_PAGE,
    NewsArticlePage,
    NewsroomPage,
    release_queryset,
)

EDITOR = "soak-editor"
SOAK_PREFIX = "soak-release-"
STEADY_RELEASES = 4
# Relative weights of the operations; each falls back to another when it has nothing to do.
WEIGHTS = {"create": 3, "edit": 4, "draft": 2, "unpublish": 2, "republish": 2}
HTTP_TIMEOUT = 30


# --- Shared helpers ---------------------------------------------------------------------------


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=HTTP_TIMEOUT) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def addresses(page_id: int, url: str) -> dict[str, str]:
    """The addresses that show one release: its page and its API details."""
    return {
        "page": url,
        "api_v2": f"/api/v2/pages/{page_id}/",
        "api_v2_releases": f"/api/v2/releases/{page_id}/",
        "api_v3": f"/api/v3/pages/{page_id}/",
    }


def shows_title(kind: str, body: bytes, title: str) -> bool:
    if kind == "page":
        return html.escape(title).encode() in body
    return json.loads(body).get("title") == title


def check_address(base: str, kind: str, path: str, record: dict) -> str | None:
    """None when ``path`` shows what ``record`` expects, else what is wrong."""
    try:
        status, body = get(base + path)
        return compare(kind, path, status, body, record)
    except (OSError, ValueError) as error:  # no answer in time, or not the JSON expected
        return f"{path}: {type(error).__name__}: {error}"


def compare(kind: str, path: str, status: int, body: bytes, record: dict) -> str | None:
    if not record["live"]:
        return None if status == 404 else f"{path}: {status}, expected 404 (unpublished)"
    if status != 200:
        return f"{path}: {status}, expected 200"
    if not shows_title(kind, body, record["live_title"]):
        return f"{path}: does not show the live title {record['live_title']!r}"
    # The latest revision is a draft when it is not the live one (a steady release's
    # revision from before the soak has no title in the journal and is the live one).
    draft = record["revisions"].get(str(record["latest_revision"]), record["live_title"])
    if draft != record["live_title"] and shows_title(kind, body, draft):
        return f"{path}: shows the unpublished draft title {draft!r}"
    return None


def percentiles(seconds: list[float]) -> dict:
    ordered = sorted(seconds)
    return {
        "p50": round(ordered[len(ordered) // 2] * 1000, 1),
        "p95": round(ordered[int(len(ordered) * 0.95)] * 1000, 1),
        "max": round(ordered[-1] * 1000, 1),
    }


def write_json(path: str, data: dict) -> None:
    Path(path).write_text(json.dumps(data, indent=2) + "\n")


# --- prepare ----------------------------------------------------------------------------------


def load_paths(steady: list[NewsArticlePage]) -> list[str]:
    """The benchmark's endpoints (less the ceiling), the releases API, and the addresses of
    the releases the publisher edits but never unpublishes."""
    values = placeholders()
    paths = [template.format(**values) for name, template in ENDPOINTS if name != CEILING]
    paths.append("/api/v2/releases/")
    for page in steady:
        paths.extend(addresses(page.pk, page.url).values())
    return list(dict.fromkeys(paths))


def prepare(args) -> None:
    editor, _ = get_user_model().objects.update_or_create(
        username=EDITOR,
        defaults={"is_staff": True, "is_superuser": True, "email": "soak@example.org"},
    )
    newsroom = (
        NewsroomPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).get()
    )
    steady = list(
        NewsArticlePage.objects.child_of(newsroom)
        .live()
        .filter(slug__startswith=GENERATED_PREFIX)
        .order_by("pk")[:STEADY_RELEASES]
    )
    write_json(
        args.out,
        {
            "editor_id": editor.pk,
            "newsroom_id": newsroom.pk,
            "steady_ids": [page.pk for page in steady],
            "paths": load_paths(steady),
        },
    )


# --- publish ----------------------------------------------------------------------------------


class Publisher:
    """Does one editor's operations and keeps the journal of what must be true afterwards."""

    def __init__(self, plan: dict, rng: random.Random, base: str | None):
        self.editor = get_user_model().objects.get(pk=plan["editor_id"])
        self.newsroom_id = plan["newsroom_id"]
        self.rng = rng
        # Every process reads the content version from the database: a publish is visible
        # through every worker at once, whatever the cache.
        self.base = base
        self.sequence = 0
        self.created = 0
        self.operations: Counter = Counter()
        self.errors: list[dict] = []
        self.live_checks = {"passed": 0, "failed": []}
        self.pages: dict[str, dict] = {}
        self.timings: dict[str, list[float]] = defaultdict(list)
        for page in NewsArticlePage.objects.filter(pk__in=plan["steady_ids"]):
            self.pages[str(page.pk)] = self.new_record(page, steady=True)

    def new_record(self, page: NewsArticlePage, steady: bool) -> dict:
        return {
            "id": page.pk,
            "url": page.url,
            "steady": steady,
            "base_title": page.title,
            # Revisions made before the soak: the publisher's own are added to this count.
            "initial_revisions": page.revisions.count() if steady else 0,
            "live": page.live,
            "live_revision": page.live_revision_id,
            "live_title": page.title if page.live else None,
            "latest_revision": page.latest_revision_id,
            "revisions": {},
        }

    def next_title(self, base_title: str) -> str:
        # A fixed-width number: no title is a substring of another, so finding the title in
        # a page proves which revision it shows.
        self.sequence += 1
        return f"{base_title} rev {self.sequence:05d}"

    @staticmethod
    def content(title: str) -> dict:
        marker = uuid.uuid4().hex[:12]
        return {
            "summary": f"Soak test change {marker}: {title}.",
            "body": [
                {
                    "type": "paragraph",
                    "value": f"<p>Revision {marker} of a release edited under load.</p>",
                    "id": str(uuid.uuid4()),
                }
            ],
        }

    # The operations. Each returns the record of the page it changed.

    def create(self) -> dict:
        self.created += 1
        base_title = f"Soak release {self.created:04d}"
        title = self.next_title(base_title)
        page = NewsArticlePage(
            title=title,
            slug=f"{SOAK_PREFIX}{self.created:04d}-{uuid.uuid4().hex[:6]}",
            release_date=timezone.localdate(),
            byline="Soak test",
            dateline="Sacramento",
            **self.content(title),
        )
        # As the admin's create view: a draft first, made live by publishing its revision,
        # all in one transaction.
        page.live = False
        with transaction.atomic():
            newsroom = NewsroomPage.objects.get(pk=self.newsroom_id)
            newsroom.add_child(instance=page)
            revision = page.save_revision(user=self.editor, log_action=True)
            revision.publish(user=self.editor)
        record = self.new_record(page, steady=False)
        record["base_title"] = base_title
        self.pages[str(page.pk)] = record
        self.saved(record, revision.pk, title, published=True)
        return record

    def edit(self, record: dict, publish: bool) -> dict:
        page = NewsArticlePage.objects.get(pk=record["id"])
        # The admin edits the latest draft, not the live row.
        draft = page.get_latest_revision_as_object()
        title = self.next_title(record["base_title"])
        draft.title = title
        for field, value in self.content(title).items():
            setattr(draft, field, value)
        action = EditPageAction(draft, user=self.editor, publish=publish)
        action.execute()
        self.saved(record, action.revision.pk, title, published=publish)
        return record

    def unpublish(self, record: dict) -> dict:
        NewsArticlePage.objects.get(pk=record["id"]).unpublish(user=self.editor)
        record.update(live=False, live_revision=None, live_title=None)
        return record

    def republish(self, record: dict) -> dict:
        revision = NewsArticlePage.objects.get(pk=record["id"]).get_latest_revision()
        revision.publish(user=self.editor)
        record.update(
            live=True,
            live_revision=revision.pk,
            live_title=record["revisions"][str(revision.pk)],
        )
        return record

    @staticmethod
    def saved(record: dict, revision_id: int, title: str, published: bool) -> None:
        record["revisions"][str(revision_id)] = title
        record["latest_revision"] = revision_id
        if published:
            record.update(live=True, live_revision=revision_id, live_title=title)

    # Choosing and running operations.

    def candidates(self, live: bool, steady: bool | None = None) -> list[dict]:
        return [
            record
            for record in self.pages.values()
            if record["live"] == live and (steady is None or record["steady"] == steady)
        ]

    def attempts(self) -> int:
        return sum(self.operations.values()) + len(self.errors)

    def did_each_kind(self) -> bool:
        return self.attempts() >= len(WEIGHTS)

    def choose(self) -> tuple[str, dict | None]:
        """An operation and its page; steady releases are never unpublished. The first
        operations are one of each kind, so that even a short run does them all."""
        if not self.did_each_kind():
            operation = list(WEIGHTS)[self.attempts()]
        else:
            operation = self.rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        pools = {
            "edit": self.candidates(live=True),
            "draft": list(self.pages.values()),
            "unpublish": self.candidates(live=True, steady=False),
            "republish": self.candidates(live=False),
        }
        if operation != "create" and pools[operation]:
            return operation, self.rng.choice(pools[operation])
        return "create", None

    def step(self) -> None:
        operation, record = self.choose()
        started = time.perf_counter()
        try:
            if operation == "create":
                record = self.create()
            elif operation in ("edit", "draft"):
                self.edit(record, publish=operation == "edit")
            else:
                getattr(self, operation)(record)
        except Exception as error:
            self.failed(operation, record, error)
            return
        self.timings[operation].append(time.perf_counter() - started)
        self.operations[operation] += 1
        if self.base:
            started = time.perf_counter()
            self.check_live(operation, record)
            self.timings["read_back"].append(time.perf_counter() - started)

    def failed(self, operation: str, record: dict | None, error: Exception) -> None:
        self.errors.append(
            {
                "operation": operation,
                "page": record["id"] if record else None,
                "error": f"{type(error).__name__}: {error}",
                "traceback": traceback.format_exc(limit=8),
            }
        )
        if record is not None:
            self.resync(record)

    @staticmethod
    def resync(record: dict) -> None:
        """After a failed operation nobody knows what it left: take the database's word for
        the page (the error itself already fails the run)."""
        page = NewsArticlePage.objects.filter(pk=record["id"]).first()
        if page is None:
            record["missing_after_error"] = True
            return
        titles = dict(page.revisions.values_list("id", "content__title"))
        record["revisions"] = {
            key: titles.get(int(key), title) for key, title in record["revisions"].items()
        }
        record.update(
            live=page.live,
            live_revision=page.live_revision_id,
            live_title=page.title if page.live else None,
            latest_revision=page.latest_revision_id,
            resynced_after_error=True,
        )
        record["revisions"].setdefault(str(page.latest_revision_id), page.draft_title)

    def check_live(self, operation: str, record: dict) -> None:
        """Read the change back at once through the server, as an anonymous visitor: its
        page and one of its API addresses in turn, side by side (each read waits behind
        the whole load; ``verify`` reads every address)."""
        every = addresses(record["id"], record["url"])
        api = [kind for kind in every if kind != "page"]
        kinds = ("page", api[sum(self.operations.values()) % len(api)])
        with ThreadPoolExecutor(max_workers=len(kinds)) as pool:
            problems = list(
                pool.map(lambda kind: check_address(self.base, kind, every[kind], record), kinds)
            )
        for problem in problems:
            if problem is None:
                self.live_checks["passed"] += 1
            else:
                self.live_checks["failed"].append(f"after {operation}: {problem}")

    def journal(self, started: float) -> dict:
        return {
            "seconds": round(time.time() - started, 1),
            "live_checks_enabled": self.base is not None,
            "operations": dict(self.operations),
            "operations_total": sum(self.operations.values()),
            "timings_ms": {name: percentiles(values) for name, values in self.timings.items()},
            "errors": self.errors,
            "live_checks": self.live_checks,
            "pages": self.pages,
        }


def publish(args) -> None:
    plan = json.loads(Path(args.plan).read_text())
    publisher = Publisher(plan, random.Random(args.seed), args.base)
    started = time.time()
    try:
        # Past the deadline only to finish the first round of one operation of each kind.
        while time.time() < args.until or not publisher.did_each_kind():
            publisher.step()
            if args.pause:
                time.sleep(args.pause)
    finally:
        write_json(args.out, publisher.journal(started))


# --- verify -----------------------------------------------------------------------------------


class Verifier:
    def __init__(self, journal: dict, base: str):
        self.journal = journal
        self.base = base
        self.checks = 0
        self.failures: list[str] = []
        self.notes: list[str] = []

    def expect(self, condition: bool, message: str) -> None:
        self.checks += 1
        if not condition:
            self.failures.append(message)

    def database(self) -> None:
        pages = self.journal["pages"]
        found = {
            str(page.pk): page
            for page in NewsArticlePage.objects.filter(pk__in=[int(key) for key in pages])
        }
        for key, record in pages.items():
            page = found.get(key)
            self.expect(page is not None, f"page {key}: missing from the database")
            if page is not None:
                self.page_row(page, record)
                self.revisions(page, record)
        created = sum(1 for record in pages.values() if not record["steady"])
        in_database = NewsArticlePage.objects.filter(slug__startswith=SOAK_PREFIX).count()
        self.expect(
            in_database == created,
            f"{in_database} soak releases in the database, the publisher created {created}",
        )

    def page_row(self, page: NewsArticlePage, record: dict) -> None:
        name = f"page {page.pk}"
        self.expect(page.live == record["live"], f"{name}: live={page.live}, expected {record}")
        if record["live"] or page.live_revision_id is None:
            self.expect(
                page.live_revision_id == record["live_revision"],
                f"{name}: live revision {page.live_revision_id}, "
                f"expected {record['live_revision']}",
            )
        else:
            # Wagtail's Page.with_content_json keeps ``live`` from the row but takes
            # ``live_revision`` from the revision's content, and saving a draft of an
            # unpublished page saves that object: the row points again at the revision
            # that was live when the draft's base revision was made. Nothing is live or
            # lost (``live`` is false, the page answers 404): a note, not a failure.
            self.notes.append(
                f"{name}: unpublished, yet live_revision_id={page.live_revision_id} "
                "(restored from a revision by a draft save)"
            )
        self.expect(
            page.latest_revision_id == record["latest_revision"],
            f"{name}: latest revision {page.latest_revision_id}, "
            f"expected {record['latest_revision']}",
        )
        pending = not record["live"] or record["latest_revision"] != record["live_revision"]
        self.expect(
            page.has_unpublished_changes == pending,
            f"{name}: has_unpublished_changes={page.has_unpublished_changes}, expected {pending}",
        )
        if record["live"]:
            self.expect(
                page.title == record["live_title"],
                f"{name}: live title {page.title!r}, expected {record['live_title']!r}",
            )
            live = page.live_revision.as_object() if page.live_revision_id else None
            self.expect(
                live is not None
                and (live.title, live.summary) == (page.title, page.summary)
                and list(live.body.raw_data) == list(page.body.raw_data),
                f"{name}: the live row differs from its live revision",
            )

    def revisions(self, page: NewsArticlePage, record: dict) -> None:
        name = f"page {page.pk}"
        titles = {
            str(pk): title for pk, title in page.revisions.values_list("id", "content__title")
        }
        for revision_id, title in record["revisions"].items():
            self.expect(revision_id in titles, f"{name}: revision {revision_id} was lost")
            self.expect(
                titles.get(revision_id, title) == title,
                f"{name}: revision {revision_id} holds {titles.get(revision_id)!r}, not {title!r}",
            )
        expected = record["initial_revisions"] + len(record["revisions"])
        self.expect(
            len(titles) == expected,
            f"{name}: {len(titles)} revisions, expected {expected}",
        )

    def http(self) -> None:
        for record in self.journal["pages"].values():
            for kind, path in addresses(record["id"], record["url"]).items():
                problem = check_address(self.base, kind, path, record)
                self.expect(problem is None, f"over HTTP: {problem}")
        self.listings()

    def listings(self) -> None:
        """The lists that show releases agree with the database: the newsroom's first and
        last pages, its feed, the home page's latest releases and the APIs' totals (each is
        cached until the next publication)."""
        newsroom = (
            NewsroomPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).get()
        )
        # Straight from the database, never through a cache.
        ordered = release_queryset().child_of(newsroom)
        count = ordered.count()
        last_page = max(1, math.ceil(count / RELEASES_PER_PAGE))
        expected = {
            newsroom.url: ordered[:RELEASES_PER_PAGE],
            f"{newsroom.url}?page={last_page}": [ordered.last()] if last_page > 1 else [],
            newsroom.feed_url("rss"): ordered[:FEED_ITEMS],
            "/": release_queryset().descendant_of(newsroom.get_parent())[:3],
        }
        for path, releases in expected.items():
            status, body = get(self.base + path)
            self.expect(status == 200, f"{path}: {status}, expected 200")
            missing = [r.title for r in releases if html.escape(r.title).encode() not in body]
            self.expect(not missing, f"{path}: does not list {missing}")
        # The APIs list every language; the newsroom above is the default language's.
        language = settings.LANGUAGE_CODE
        for path in (
            f"/api/v2/releases/?locale={language}",
            f"/api/v2/pages/?type=newsroom.NewsArticlePage&locale={language}",
        ):
            status, body = get(self.base + path)
            total = json.loads(body)["meta"]["total_count"] if status == 200 else None
            self.expect(total == count, f"{path}: total_count {total} ({status}), {count} live")

    def report(self) -> dict:
        return {
            "pages": len(self.journal["pages"]),
            "revisions": sum(len(r["revisions"]) for r in self.journal["pages"].values()),
            "checks": self.checks,
            "failures": self.failures,
            "notes": self.notes,
            "passed": not self.failures,
        }


def verify(args) -> None:
    journal = json.loads(Path(args.journal).read_text())
    verifier = Verifier(journal, args.base)
    verifier.database()
    verifier.http()
    write_json(args.out, verifier.report())


# --- Command line -----------------------------------------------------------------------------


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/soak_publisher.py", description=__doc__)
    steps = parser.add_subparsers(dest="step", required=True)
    step = steps.add_parser("prepare", help="create the editor and write the plan")
    step.add_argument("--out", required=True, help="the plan (JSON) to write")
    step = steps.add_parser("publish", help="publish, edit and unpublish until --until")
    step.add_argument("--plan", required=True, help="the plan written by prepare")
    step.add_argument("--until", type=float, required=True, help="deadline (Unix time)")
    step.add_argument("--base", help="the server's address, to read each change back")
    step.add_argument("--seed", type=int, default=1, help="random seed of the operations")
    step.add_argument("--pause", type=float, default=0.0, help="seconds between operations")
    step.add_argument("--out", required=True, help="the journal (JSON) to write")
    step = steps.add_parser("verify", help="check the journal against the database and server")
    step.add_argument("--journal", required=True, help="the journal written by publish")
    step.add_argument("--base", required=True, help="the server's address")
    step.add_argument("--out", required=True, help="the verification (JSON) to write")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    {"prepare": prepare, "publish": publish, "verify": verify}[args.step](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
