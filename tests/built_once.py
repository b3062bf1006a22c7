"""Content built once per test module, as Django's ``TestCase.setUpTestData`` builds it once per
class: a module marked ``content_built_once(*names)`` gets the content fixtures of those
names built once, inside one transaction around the module, and each of its tests a copy.

A content fixture registers its builder with ``builds`` and hands tests ``shared(...)``::

    @builds("landing_page", "home", "image")
    def build_landing_page(home, image): ...

    @pytest.fixture
    def landing_page(home, image, content_built_once):
        return shared(content_built_once, "landing_page", lambda: build_landing_page(home, image))

Loaded by the root conftest (``pytest_plugins``).
"""

import copy

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Refuse a transactional test in a module whose content is built once: its flush would
    empty the module's content for the tests after it."""
    from tests.conftest import database_use

    mixed = [
        item.nodeid
        for item in items
        if database_use(item) == 2
        and (
            "module_db" in getattr(item, "fixturenames", ())
            or item.get_closest_marker("content_built_once")
        )
    ]
    if mixed:
        raise pytest.UsageError(f"transactional tests cannot share module_db content: {mixed}")


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """Content built once for every test of a module, as Django's ``TestCase.setUpTestData``
    builds it once per class: one transaction around the module, rolled back after its last
    test. Each test still runs in a savepoint of its own inside it (pytest-django's ``db``),
    so what a test writes is rolled back after that test.

    A module-scoped fixture builds inside ``with module_db.unblock():``. Only for modules
    whose tests all roll back (``db``, not ``transactional_db``: a flush would empty the
    module's content); ``pytest_collection_modifyitems`` refuses the mix. Tests receive the
    shared Python objects: fixtures below hand each test a copy (``shared``)."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        # As Django's own test-case atomics: a durable atomic block may open inside it.
        atomic._from_testcase = True
        atomic.__enter__()
    try:
        yield django_db_blocker
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# The suite's content builders, by module, then by fixture name: (builder, the names of what
# it is built from). A module marked ``content_built_once(*names)`` gets those built once
# (``module_db``), and the fixtures of the same names hand each of its tests a copy;
# elsewhere each test builds its own. Names resolve as fixtures do: the test module's own
# builders first, then its packages' conftest modules, nearest first.
BUILDERS: dict[str, dict[str, tuple]] = {}


def builds(name: str, *needs: str):
    """Register a content builder for the fixture ``name`` (its arguments: ``needs``)."""

    def register(function):
        BUILDERS.setdefault(function.__module__, {})[name] = (function, needs)
        return function

    return register


def builder(module: str, name: str) -> tuple:
    """The builder ``name`` visible from the test module ``module`` (see ``BUILDERS``)."""
    parts = module.split(".")
    for scope in [module] + [
        ".".join([*parts[:i], "conftest"]) for i in range(len(parts) - 1, 0, -1)
    ]:
        if name in BUILDERS.get(scope, {}):
            return BUILDERS[scope][name]
    raise pytest.UsageError(f"{module}: no content builder named {name!r}")


@pytest.fixture(scope="module", autouse=True)
def content_built_once(request) -> dict:
    """What the module's ``content_built_once`` marker names, built once (``{}`` without
    the marker)."""
    marker = request.node.get_closest_marker("content_built_once")
    if marker is None:
        return {}
    module_db = request.getfixturevalue("module_db")
    built: dict = {}

    def build(name):
        if name not in built:
            function, needs = builder(request.module.__name__, name)
            built[name] = function(*(build(need) for need in needs))
        return built[name]

    with module_db.unblock():
        for name in marker.args:
            build(name)
    return built


def shared(content_built_once: dict, name: str, build):
    """A copy of the module's ``name`` if it was built once (a copy, so that what one test
    changes in memory never reaches the next, as ``setUpTestData`` copies), else ``build()``."""
    if name in content_built_once:
        return copy.deepcopy(content_built_once[name])
    return build()
