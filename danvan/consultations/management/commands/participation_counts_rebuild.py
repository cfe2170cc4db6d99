"""``manage.py participation_counts_rebuild``: repair the participation dashboard's counts."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.consultations.models import Consultation
from danvan.consultations.services.dashboard import (
    participants_backfill,
    participation_counts_rebuild,
)


class Command(BaseCommand):
    help = (
        "Recompute the participation counts of consultations from their participant records "
        "(after a repair or a change of PARTICIPATION_SHARDS). With --backfill, first record "
        "the people who took part before the dashboard existed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slugs", nargs="*", help="Public codes of the consultations.")
        parser.add_argument("--all", action="store_true", help="Every consultation.")
        parser.add_argument(
            "--backfill",
            action="store_true",
            help="Record voters and commenters that have no participant record yet.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slugs: list[str] = options["slugs"]
        if options["all"] == bool(slugs):
            raise CommandError("Name consultations by their public code, or pass --all.")
        consultations = Consultation.objects.select_related("unit").order_by("pk")
        if slugs:
            consultations = consultations.filter(slug__in=slugs)
            missing = sorted(set(slugs) - set(consultations.values_list("slug", flat=True)))
            if missing:
                raise CommandError(f"No consultation with the code {', '.join(missing)}.")
        for consultation in consultations:
            added = participants_backfill(consultation=consultation) if options["backfill"] else 0
            rows = participation_counts_rebuild(consultation=consultation)
            self.stdout.write(
                f"{consultation.slug}: {added} participants recorded, {rows} count rows written."
            )
