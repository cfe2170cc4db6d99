"""``manage.py reports_sweep [--date YYYY-MM-DD]``: the daily sweep of periodic reports.

Run it every morning (cron or a scheduler): it opens the next round of periodic tasks and
sends the reminders before and after due dates. Re-running it is harmless: each round opens
once and each reminder goes once. On a day off only rounds are opened.
"""

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.directives.services.reports_sweep import reports_sweep


class Command(BaseCommand):
    help = "Open the next reporting rounds of periodic tasks and remind units of due reports."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--date", help="Run as if today were this day (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        on = None
        if options["date"]:
            try:
                on = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}") from error
        result = reports_sweep(on=on)
        if not result.working_day:
            self.stdout.write(
                f"{result.on.isoformat()}: day off, {result.rounds_opened} round(s) opened, "
                "no reminders."
            )
            return
        self.stdout.write(
            f"{result.on.isoformat()}: {result.rounds_opened} round(s) opened, "
            f"{result.before_due} reminder(s) before the due date, {result.overdue} overdue, "
            f"{result.notifications} notification(s)."
        )
