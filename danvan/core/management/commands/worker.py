"""``manage.py worker``: the task worker, which first takes back a dead worker's tasks.

The same as ``django_tasks_db``'s ``db_worker`` (every option is the same), plus a start-up
step: tasks left RUNNING by a worker with this ``--worker-id`` (it was killed; the service
manager is starting it again) or running for longer than ``--recover-after`` seconds go
back in the queue (``danvan.core.tasks_recovery``). Give every worker a fixed, unique id
(``--worker-id worker-1``) so that a restarted worker recovers its own tasks at once.
"""

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from danvan.core.tasks_recovery import tasks_orphaned_requeue


class Command(DatabaseWorkerCommand):
    help = (
        "Run the background task worker; tasks a killed worker left running are put back "
        "in the queue first."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--recover-after",
            type=int,
            default=int(settings.DANVAN.get("TASK_RECOVER_AFTER_SECONDS", 3600)),
            help=(
                "Also put back tasks of any worker running for longer than this many seconds "
                "(default: %(default)s; 0 turns it off)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        recover_after = int(options.pop("recover_after"))
        requeued = tasks_orphaned_requeue(
            backend_name=options["backend_name"],
            worker_id=options["worker_id"],
            stale_after=dt.timedelta(seconds=recover_after) if recover_after > 0 else None,
        )
        if requeued and options["verbosity"] > 0:
            self.stdout.write(f"{requeued} task(s) left running by a stopped worker requeued.")
        super().handle(*args, **options)
