"""``manage.py petitions_sweep [--date YYYY-MM-DD]``: the daily deadline alerts.

Run it every working morning (cron or a scheduler). Re-running it is harmless: each alert
goes out once. On a day off it does nothing; the next working day catches up.
"""

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.petitions.services.handling import case_alerts_sweep


class Command(BaseCommand):
    help = "Warn handlers before due dates and escalate overdue cases to the heads."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--date", help="Run as if today were this day (YYYY-MM-DD).")
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args: Any, **options: Any) -> None:
        on = None
        if options["date"]:
            try:
                on = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}") from error
        result = case_alerts_sweep(on=on, batch_size=options["batch_size"])
        if not result.working_day:
            self.stdout.write(f"{result.on.isoformat()}: day off, nothing sent.")
            return
        self.stdout.write(
            f"{result.on.isoformat()}: {result.warnings} warning(s), "
            f"{result.escalations} escalation(s), {result.notifications} notification(s)."
        )
