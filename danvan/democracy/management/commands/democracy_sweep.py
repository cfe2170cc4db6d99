"""``manage.py democracy_sweep [--date YYYY-MM-DD]``: the daily sweep of grassroots democracy.

Run it every morning with the other sweeps (docs/deploy.md, section 5): it marks residents'
proposals whose supports have all lapsed (support is valid 3 months, Law 10/2022/QH15 Art 16)
as expired, and prepares the previous quarter's list of disclosures for every register that
disclosed in it (Art 13(2)). Re-running it is harmless: each proposal expires once and each
quarterly list is prepared once.
"""

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.democracy.services.disclosures_quarterly import quarterly_lists_prepare
from danvan.democracy.services.proposals import proposals_expire


class Command(BaseCommand):
    help = "Expire lapsed residents' proposals and prepare last quarter's disclosure lists."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--date", help="Run as if today were this day (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        on = None
        if options["date"]:
            try:
                on = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}") from error
        expired = proposals_expire(today=on)
        lists = quarterly_lists_prepare(today=on)
        self.stdout.write(
            f"{expired} proposal(s) expired; {len(lists)} quarterly disclosure list(s) ready."
        )
