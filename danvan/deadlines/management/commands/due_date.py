"""Print the due date of a rule for an anchor date: only the ISO date, for scripts."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.deadlines.config import CalendarNotSetUpError, deadline_config
from danvan.deadlines.engine import DeadlineError


class Command(BaseCommand):
    help = (
        "Print the due date (YYYY-MM-DD) under RULE for an anchor event on DATE, using the "
        "legal calendar with the administrators' corrections."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("rule", help="Rule code, e.g. complaint_first (see deadline_rules).")
        parser.add_argument("date", help="Anchor date, YYYY-MM-DD (that day is not counted).")
        parser.add_argument(
            "--remote-area",
            action="store_true",
            help="Use the remote or difficult-access area limit where the law gives one.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            start = dt.date.fromisoformat(options["date"])
        except ValueError:
            raise CommandError(
                f"{options['date']!r} is not a valid date; use YYYY-MM-DD, e.g. 2026-02-12."
            ) from None
        try:
            config = deadline_config()
        except CalendarNotSetUpError as error:
            raise CommandError(str(error)) from None
        code = options["rule"]
        if code not in config.rule_book:
            raise CommandError(
                f"Unknown rule {code!r}. Run 'manage.py deadline_rules' to list the codes."
            )
        try:
            rule = config.rule(code, on=start)
            if options["remote_area"] and rule.remote_area_count is None:
                self.stderr.write(
                    f"Note: rule {code} has no remote-area variant; using {rule.count}."
                )
            due = config.due_date(code, start, remote_area=options["remote_area"])
        except DeadlineError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(due.isoformat())
