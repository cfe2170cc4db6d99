"""``manage.py tasks_reminders_send [--date YYYY-MM-DD] [--enqueue]``: the daily task reminders.

Run it every morning (a systemd timer or cron). Re-running it is harmless: each reminder
goes once per assignment, kind and due date. On a day off nothing is sent; the next working
day catches up. ``--enqueue`` hands the work to the task workers (``task_reminders_send``)
instead of doing it in this process.
"""

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.directives.services.tasks_reminders import task_reminders_send, task_reminders_sweep


class Command(BaseCommand):
    help = "Remind responsible units of their tasks due soon or overdue."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--date", help="Run as if today were this day (YYYY-MM-DD).")
        parser.add_argument(
            "--enqueue", action="store_true", help="Enqueue the task for a worker instead."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on = None
        if options["date"]:
            try:
                on = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}") from error
        if options["enqueue"]:
            result = task_reminders_send.enqueue(on=on.isoformat() if on else None)
            self.stdout.write(f"Enqueued: {result.id}")
            return
        outcome = task_reminders_sweep(on=on)
        if not outcome.working_day:
            self.stdout.write(f"{outcome.on.isoformat()}: day off, nothing sent.")
            return
        self.stdout.write(
            f"{outcome.on.isoformat()}: {outcome.due_soon} due soon, {outcome.overdue} overdue, "
            f"{outcome.notifications} notification(s)."
        )
