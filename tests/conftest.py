"""Shared fixtures: small, focused content built in each test's own database, or once for a
module that asks for it (``tests/built_once.py``)."""

import io
import os
import shutil
import socket
import uuid
from urllib.parse import urlparse

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Site

from equity.models import EquityLandingPage, ResourceLibraryPage
from home.models import HomePage
from newsroom.models import NewsroomPage, NewsroomSettings

# Content built once per module (``content_built_once``): its fixtures, hook and marker. The
# plugin is imported here first, so pytest is told to rewrite its asserts before that.
pytest.register_assert_rewrite("tests.built_once")
pytest_plugins = ["tests.built_once"]
from tests.built_once import builds, shared  # noqa: E402


def pytest_report_header(config):
    """Say up front whether the browser tests will run (the header is read on laptops)."""
    from tests.browser.conftest import CHROMIUM, missing_requirements

    missing = missing_requirements()
    if missing:
        return f"browser tests: WILL BE SKIPPED, missing {'; '.join(missing)}"
    return f"browser tests: will run with Chromium at {CHROMIUM}"


@pytest.fixture(scope="session", autouse=True)
def remove_test_media():
    """Remove the session's upload folder (the test settings' per-process ``MEDIA_ROOT``)
    when the tests end, so test runs leave no temporary media folders behind."""
    from django.conf import settings

    yield
    media_root = settings.MEDIA_ROOT
    if media_root.name.startswith("equity-cms-test-media-"):
        shutil.rmtree(media_root, ignore_errors=True)


def is_serialized(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return marker is not None and bool(marker.kwargs.get("serialized_rollback"))


LONG_SUITES = ("slow", "browser", "bench", "node")


def database_use(item) -> int:
    """0 for a test without the database, 1 for one rolled back, 2 for a transactional one
    (pytest-django's groups: a transactional test flushes the database after itself)."""
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    transactional = bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or fixtures & {"transactional_db", "live_server"}
    )
    if transactional:
        return 2
    return 1 if marker or "db" in fixtures else 0


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="deselect the tests that do not use the database (CI's second database pass: "
        "they ran on the first, and no database can change what they see)",
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The order tests are handed out in (after pytest-django's own ordering):

    - ``serialized_rollback`` tests first: their set-up reloads the snapshot Django took of
      the migrated database, which clashes with the content types a plain transactional
      test's flush recreates under new ids;
    - then tests without the database (they may run anywhere), rolled-back ones, and
      transactional ones last, as pytest-django orders them;
    - within each group the long suites first, so that no worker is left with a minute-long
      test while the other has finished.

    With ``--database-tests-only`` the tests without the database are deselected."""
    if config.getoption("database_tests_only"):
        kept = [item for item in items if database_use(item)]
        config.hook.pytest_deselected(items=[item for item in items if not database_use(item)])
        items[:] = kept
    items.sort(
        key=lambda item: (
            not is_serialized(item),
            database_use(item),
            not any(item.get_closest_marker(name) for name in LONG_SUITES),
        )
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a ``serialized_rollback`` test, put the migrated data back.

    Django flushes such a test's database without recreating anything (the next serialized
    test would reload it), so the transactional tests after it found no content types, and
    the next serialized test clashed with the content types a plain flush recreates under
    new ids. Reloading the snapshot Django took at set-up leaves every later test the
    database a fresh run has."""
    yield
    if not is_serialized(item):
        return
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    snapshot = getattr(connection, "_test_serialized_contents", None)
    if snapshot is None:
        return
    with item.config.stash[blocking_manager_key].unblock():
        connection.creation.deserialize_db_from_string(snapshot)
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def clear_caches():
    """Each test starts with empty caches: Wagtail caches renditions by image id, and ids
    are reused once a test's transaction is rolled back."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


def block(block_type: str, value) -> dict:
    """One StreamField item in the JSON form Wagtail stores."""
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


@builds("home")
def build_home() -> HomePage:
    """The site root created by home's data migration."""
    return HomePage.objects.get()


@pytest.fixture
def home(db, content_built_once) -> HomePage:
    """``build_home``: built for this test, or a copy of the module's (see ``shared``)."""
    return shared(content_built_once, "home", build_home)


ABOUT = "<p>Established long ago, the Example League speaks up for cities.</p>"


@builds("newsroom", "home")
def build_newsroom(home) -> NewsroomPage:
    """A published newsroom at /news/, and the site's About paragraph for its releases."""
    page = NewsroomPage(title="Newsroom", slug="news", intro="<p>Our statements.</p>")
    home.add_child(instance=page)
    page.save_revision().publish()
    settings = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
    settings.about_heading = "About the Example League"
    settings.about_text = ABOUT
    settings.save()
    return page


@pytest.fixture
def newsroom(home, content_built_once) -> NewsroomPage:
    """``build_newsroom``: built for this test, or a copy of the module's (see ``shared``)."""
    return shared(content_built_once, "newsroom", lambda: build_newsroom(home))


@builds("image")
def build_image():
    """A small generated PNG in the image library, with a description (its alt text)."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 120), (29, 79, 145)).save(buffer, format="PNG")
    image = get_image_model()(title="Test banner", description="A plain blue banner")
    image.file = ImageFile(buffer, name="test-banner.png")
    image.save()
    return image


@pytest.fixture
def image(db, content_built_once):
    """``build_image``: built for this test, or a copy of the module's (see ``shared``)."""
    return shared(content_built_once, "image", build_image)


@builds("landing_page", "home", "image")
def build_landing_page(home, image) -> EquityLandingPage:
    """A published landing page with one block of each kind and an internal rich-text link."""
    page = EquityLandingPage(
        title="Advancing Equity",
        slug="advancing-equity",
        hero_heading="Advancing Equity",
        hero_image=image,
        intro=f'<p>Start at <a linktype="page" id="{home.pk}">the home page</a>.</p>',
    )
    home.add_child(instance=page)
    page.body = [
        block(
            "rich_text_section",
            {"heading": "Why it matters", "body": "<p>Cities shape who thrives.</p>"},
        ),
        block(
            "community_callout",
            {
                "heading": "Join the community",
                "text": "<p>Members share resources.</p>",
                "call_to_action": {
                    "label": "Sign up now",
                    "page": None,
                    "url": "https://community.example.org/join",
                },
                "contact_name": "Sam Lee",
                "contact_email": "sam@example.org",
            },
        ),
        block(
            "featured_page_card",
            {"page": home.pk, "heading": "", "summary": "Back to the start.", "label": "Go"},
        ),
        block(
            "resource_section",
            {
                "heading": "Learning",
                "intro": f'<p>See <a linktype="page" id="{home.pk}">home</a>.</p>',
                "items": [
                    block(
                        "webinar",
                        {
                            "title": "Equity 101",
                            "summary": "An introduction.",
                            "first_offered_on": "2020-08-27",
                            "host_organisations": ["League", "Institute"],
                            "watch_url": "https://video.example.org/101",
                            "free_to_watch": True,
                        },
                    ),
                    block(
                        "publication",
                        {
                            "title": "Magazine, November 2020",
                            "publisher": "Western City magazine",
                            "issue_date": "2020-11-01",
                            "url": "https://magazine.example.org/2020-11",
                            "summary": "",
                        },
                    ),
                    block(
                        "organisation",
                        {
                            "name": "Equity Institute",
                            "acronym": "EI",
                            "description": "A network of governments.",
                            "website": "https://institute.example.org/",
                            "reading_list": [
                                {
                                    "title": "Resolution template",
                                    "url": "https://institute.example.org/resolution",
                                    "description": "Talking points.",
                                },
                                {
                                    "title": "Compass",
                                    "url": "https://institute.example.org/compass",
                                    "description": "Steps for cities.",
                                },
                            ],
                        },
                    ),
                ],
            },
        ),
    ]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def landing_page(home, image, content_built_once) -> EquityLandingPage:
    """``build_landing_page``: built for this test, or a copy of the module's (see ``shared``)."""
    return shared(content_built_once, "landing_page", lambda: build_landing_page(home, image))


@builds("library_page", "landing_page")
def build_library_page(landing_page) -> ResourceLibraryPage:
    """A published resource library under the landing page, five resources a page."""
    page = ResourceLibraryPage(title="Resource library", slug="resources", per_page=5)
    landing_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def library_page(landing_page, content_built_once) -> ResourceLibraryPage:
    """``build_library_page``: built for this test, or a copy of the module's (see ``shared``)."""
    return shared(content_built_once, "library_page", lambda: build_library_page(landing_page))


# A test that runs a second process on the test database: on SQLite the test database lives
# in this process's memory, so such tests run on PostgreSQL (CI's second stage), before any
# database set-up here.
ANOTHER_PROCESS_CAN_OPEN_THE_DATABASE = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="another process cannot open SQLite's in-memory test database (CI runs it)",
)


REDIS_URL_FOR_TESTS = os.environ.get("REDIS_URL_FOR_TESTS", "redis://127.0.0.1:6379/15")


def redis_is_up(url: str = REDIS_URL_FOR_TESTS) -> bool:
    address = urlparse(url)
    try:
        with socket.create_connection((address.hostname, address.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def production_caches():
    """The caches production runs: Redis (``REDIS_URL_FOR_TESTS``, a key prefix of this test's
    own), the anonymous response cache, the site lookup cache and the content cache. Fails in
    CI, and skips elsewhere, when no Redis answers."""
    from django.core.cache import caches
    from django.test import override_settings

    if not redis_is_up():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL_FOR_TESTS} in CI")
        pytest.skip(f"no Redis at {REDIS_URL_FOR_TESTS}")
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL_FOR_TESTS,
        "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }
    with override_settings(
        CACHES={"default": redis},
        ANONYMOUS_CACHE={"ENABLED": True},
        SITE_LOOKUP_CACHE=True,
        EQUITY_CONTENT_CACHE={"ENABLED": True},
    ):
        # Entries are left to expire: clear() would empty the whole Redis database, which
        # other test processes share.
        yield caches["default"]


@pytest.fixture(params=["locmem", "redis"])
def store(request):
    """The representation, page and route stores on, the anonymous response cache off: on a
    process-local cache, or on Redis with the production caches (skipped without Redis)."""
    if request.param == "redis":
        request.getfixturevalue("production_caches")
    from django.test import override_settings

    with override_settings(
        EQUITY_CONTENT_CACHE={"ENABLED": True}, ANONYMOUS_CACHE={"ENABLED": False}
    ):
        yield request.param
