"""Putting back in the queue the tasks a killed worker left half done.

``django_tasks_db`` marks a task RUNNING when a worker claims it and records the result
when it ends. A worker that is killed (out of memory, ``kill -9``, the machine restarted)
records nothing, and the task would stay RUNNING for ever: the e-mail never sent, the
sweep never done. ``manage.py worker`` calls this before it starts serving. Task bodies
are written to be run twice safely (e-mails carry a delivery key, the sweep claims its
alerts in one transaction), so running a task again loses nothing and repeats nothing.
"""

import datetime as dt
import logging

from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


@transaction.atomic
def tasks_orphaned_requeue(
    *, backend_name: str, worker_id: str | None = None, stale_after: dt.timedelta | None = None
) -> int:
    """Put RUNNING tasks back in the queue; return how many.

    A task is orphaned when it was last claimed by ``worker_id`` (a worker starting with
    the id of one that died: one process per id, so that one is no longer running it) or
    when it has been running for longer than ``stale_after`` (its worker, whichever it
    was, is taken to be dead; set it well above the longest task). Only RUNNING rows are
    read, a handful at any time, so the worker ids are compared here rather than by a
    JSON lookup that SQLite lacks.
    """
    cutoff = timezone.now() - stale_after if stale_after is not None else None
    running = (
        DBTaskResult.objects.select_for_update(skip_locked=True)
        .filter(status=TaskResultStatus.RUNNING, backend_name=backend_name)
        .only("id", "worker_ids", "task_path", "started_at")
    )
    orphans = [
        task
        for task in running
        if (worker_id and task.worker_ids and task.worker_ids[-1] == worker_id)
        or (cutoff is not None and task.started_at is not None and task.started_at < cutoff)
    ]
    if not orphans:
        return 0
    DBTaskResult.objects.filter(
        pk__in=[task.pk for task in orphans], status=TaskResultStatus.RUNNING
    ).update(status=TaskResultStatus.READY, started_at=None)
    for task in orphans:
        logger.warning("task %s (%s) put back in the queue", task.pk, task.task_path)
    return len(orphans)
