"""Recompute the live per-article tallies of consultations from their vote and comment rows.

    python manage.py tallies_rebuild                 # every consultation
    python manage.py tallies_rebuild du-thao-luat-1  # the ones named by public code

For repairs (a restored backup, rows changed by hand) and after changing ``TALLY_SHARDS``.
The tallies are kept exact by every vote, comment and moderation decision; this is not part
of normal running.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.consultations.models import Consultation
from danvan.consultations.services.participation import tallies_rebuild


class Command(BaseCommand):
    help = "Recompute the per-article tallies of consultations from the vote and comment rows."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slugs", nargs="*", help="public codes (all consultations if none)")

    def handle(self, *args: Any, **options: Any) -> None:
        slugs: list[str] = options["slugs"]
        consultations = Consultation.objects.order_by("pk")
        if slugs:
            consultations = consultations.filter(slug__in=slugs)
            missing = sorted(set(slugs) - set(consultations.values_list("slug", flat=True)))
            if missing:
                raise CommandError(f"no consultation with code {', '.join(missing)}")
        for consultation in consultations:
            rows = tallies_rebuild(consultation=consultation)
            self.stdout.write(f"{consultation.slug}: {rows} tally rows")
