"""SQLite configured for concurrent use: an editor's autosave and a preview refresh (which
stores its data in the session) write at the same moment from two connections, and neither
answers "database is locked" (8 of 57 previews did, before WAL and IMMEDIATE transactions).

Runs against a SQLite file (WAL needs one) opened with the project's own ``OPTIONS``, through
Django's ``transaction.atomic`` as the views use it."""

import contextlib
import threading

import pytest
from django.conf import settings
from django.db import connections, transaction

ROUNDS = 10
ALIAS = "concurrency_check"

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite only",
)


@pytest.fixture
def concurrent_database(tmp_path, django_db_blocker):
    configured = connections.configure_settings(
        {
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
            ALIAS: {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(tmp_path / "concurrent.sqlite3"),
                "OPTIONS": dict(settings.DATABASES["default"]["OPTIONS"]),
            },
        }
    )
    connections.settings[ALIAS] = configured[ALIAS]
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE revision (id INTEGER PRIMARY KEY, body TEXT)")
            cursor.execute("CREATE TABLE session (key TEXT PRIMARY KEY, data TEXT)")
        yield ALIAS
        connections[ALIAS].close()
    del connections.settings[ALIAS]


def test_the_settings_configure_sqlite_for_concurrency():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5


def test_autosave_and_preview_write_at_once_without_locking_errors(concurrent_database):
    errors: list[Exception] = []
    start = threading.Barrier(2)
    # Each round, both transactions try to have read before either writes: the interleaving
    # that breaks deferred transactions. With IMMEDIATE ones the second cannot begin while the
    # first holds the lock, so the meeting times out and they simply take turns.
    meet = [threading.Barrier(2) for _ in range(ROUNDS)]

    def writer(table_sql: tuple[str, str], label: str):
        read, write = table_sql
        try:
            start.wait()
            for round_ in range(ROUNDS):
                # A read, then a write, in one transaction: the pattern that failed at once
                # under SQLite's default (deferred) transactions when another writer held
                # the lock, whatever the timeout.
                with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
                    cursor.execute(read)
                    cursor.fetchall()
                    with contextlib.suppress(threading.BrokenBarrierError):
                        meet[round_].wait(timeout=0.3)
                    cursor.execute(write, [f"{label}{round_}"])
        except Exception as error:
            errors.append(error)
        finally:
            connections[ALIAS].close()

    autosave = (
        "SELECT COUNT(*) FROM revision",
        "INSERT INTO revision (body) VALUES (%s)",
    )
    preview = (
        "SELECT data FROM session WHERE key = 'preview'",
        "INSERT OR REPLACE INTO session (key, data) VALUES ('preview', %s)",
    )
    threads = [
        threading.Thread(target=writer, args=(autosave, "r")),
        threading.Thread(target=writer, args=(preview, "p")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM revision")
        assert cursor.fetchone()[0] == ROUNDS
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
