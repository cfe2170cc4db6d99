"""List the deadline rules in force on a date, as a readable table."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from danvan.deadlines.config import CalendarNotSetUpError, deadline_config

UNIT_SHORT = {"calendar_day": "days", "working_day": "working days"}


class Command(BaseCommand):
    help = "List the deadline rules (code, count, unit, remote-area variant, legal basis)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--on",
            metavar="YYYY-MM-DD",
            help="Show the versions in force on this date (default: today).",
        )
        parser.add_argument(
            "--all-versions",
            action="store_true",
            help="Show every version of every rule, whatever its effective period.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on = timezone.localdate()
        if options["on"]:
            try:
                on = dt.date.fromisoformat(options["on"])
            except ValueError:
                raise CommandError(f"--on: {options['on']!r} is not a date (YYYY-MM-DD).") from None
        try:
            book = deadline_config().rule_book
        except CalendarNotSetUpError as error:
            raise CommandError(str(error)) from None
        rules = book.all() if options["all_versions"] else book.in_force(on)
        header = ("code", "count", "unit", "remote", "from", "until", "status", "legal basis")
        rows = [header]
        for rule in rules:
            rows.append(
                (
                    rule.code,
                    str(rule.count),
                    UNIT_SHORT[rule.unit],
                    str(rule.remote_area_count) if rule.remote_area_count else "-",
                    rule.effective_from.isoformat() if rule.effective_from else "-",
                    rule.effective_to.isoformat() if rule.effective_to else "-",
                    f"[{rule.status}]" + ("*" if rule.overridden_from else ""),
                    rule.legal_basis,
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
        for n, row in enumerate(rows):
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  ".join([*cells, row[-1]]).rstrip())
            if n == 0:
                self.stdout.write("  ".join("-" * w for w in [*widths, len(header[-1])]))
        if not options["all_versions"]:
            self.stdout.write(f"\n{len(rules)} rules in force on {on.isoformat()}.")
        self.stdout.write(
            "[V] verified, [R] official 2026 text (check Gazette), [S] secondary source, "
            "[M] must be verified, [U] uncertain; * changed by an administrator."
        )
