"""run_worker re-queues the tasks of workers that died (the end-to-end kill is in tests/scale)."""

import datetime
import os

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from home.management.commands.run_worker import HOST, recover, worker_id

pytestmark = pytest.mark.django_db


def running(worker: str, started_minutes_ago: float = 0) -> DBTaskResult:
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        task_path="equity.webhooks.deliver_webhook",
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        run_after=now,
        started_at=now - datetime.timedelta(minutes=started_minutes_ago),
        worker_ids=[worker],
        exception_class_path="",
        traceback="",
    )


def dead_pid() -> int:
    pid = 2**22 - 1
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        pid -= 1


def test_a_task_of_a_dead_worker_on_this_host_is_requeued_at_once():
    orphan = running(f"{HOST}:{dead_pid()}:abcd")
    alive = running(worker_id())  # this process: alive
    assert recover(lease=900) == [str(orphan.pk)]
    orphan.refresh_from_db()
    alive.refresh_from_db()
    assert orphan.status == TaskResultStatus.READY and orphan.started_at is None
    assert alive.status == TaskResultStatus.RUNNING
    assert orphan in DBTaskResult.objects.ready()


def test_a_task_of_another_host_is_requeued_only_after_the_lease():
    recent = running("other-host:123:abcd", started_minutes_ago=1)
    stale = running("other-host:456:abcd", started_minutes_ago=20)
    assert recover(lease=900) == [str(stale.pk)]
    recent.refresh_from_db()
    assert recent.status == TaskResultStatus.RUNNING
