"""Run the background worker so that a killed worker loses no task.

django-tasks-db's ``db_worker`` marks a task RUNNING when it claims it. If the worker is then
killed (SIGKILL, a crash, the host going away) the task stays RUNNING for ever and nothing
retries it — a webhook delivery or a front-end cache purge would be lost. This command:

1. names the worker ``<host>:<pid>:<random>``, so a RUNNING task records who runs it;
2. before starting, puts back in the queue (status READY) every RUNNING task whose worker is
   gone: on this host, a worker whose process no longer exists (at once); on another host, a
   task RUNNING for longer than ``--lease`` seconds (default ``TASKS_LEASE_SECONDS``, 900);
3. then runs ``db_worker``.

``run_worker --recover-only`` does step 2 and exits: the cron host runs it every minute with
``publish_scheduled``, so a worker host that died for good is covered too.

A task may therefore run twice (at least once, never zero times): the project's tasks are
safe to repeat — a delivery already SUCCEEDED is skipped, a purge is idempotent — and webhook
receivers can drop duplicates by the ``X-Webhook-Delivery`` id.

Run it instead of ``db_worker`` on every worker host:
``django-admin run_worker``.
"""

import datetime
import os
import secrets
import socket

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

HOST = socket.gethostname()[:40]


def worker_id() -> str:
    return f"{HOST}:{os.getpid()}:{secrets.token_hex(4)}"


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_orphan(task, lease: float, now: datetime.datetime) -> bool:
    """Whether a RUNNING task's worker is gone (see the module docstring)."""
    last = (task.worker_ids or [""])[-1]
    host, _, rest = last.partition(":")
    pid = rest.partition(":")[0]
    if host == HOST and pid.isdigit():
        return not process_alive(int(pid))
    started = task.started_at or task.enqueued_at
    return started is None or (now - started).total_seconds() > lease


def recover(lease: float) -> list[str]:
    """Put orphaned RUNNING tasks back in the queue; returns their ids."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    recovered = []
    with transaction.atomic():
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for task in running:
            if is_orphan(task, lease, now):
                task.status = TaskResultStatus.READY
                task.started_at = None
                task.save(update_fields=["status", "started_at"])
                recovered.append(str(task.id))
    return recovered


class Command(BaseCommand):
    help = "Run the database task worker, first re-queueing tasks of workers that died."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--queue-name", default="default")
        parser.add_argument(
            "--lease",
            type=float,
            default=float(getattr(settings, "TASKS_LEASE_SECONDS", 900)),
            help="seconds after which another host's RUNNING task is taken as abandoned",
        )
        parser.add_argument("--recover-only", action="store_true", help="recover, then exit")

    def handle(self, *args, interval, queue_name, lease, recover_only, **options):
        recovered = recover(lease)
        if recovered:
            self.stdout.write(f"Re-queued {len(recovered)} task(s) of workers that died.")
        if recover_only:
            return
        call_command(
            "db_worker",
            interval=interval,
            queue_name=queue_name,
            worker_id=worker_id(),
            startup_delay=False,
            reload=False,
        )
