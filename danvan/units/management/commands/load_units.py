"""Load the official administrative map (34 provinces, 3,321 communes) into the unit tree."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from danvan.units.models import Unit
from danvan.units.services import units_load_official


class Command(BaseCommand):
    help = (
        "Create or update the country, the 34 provinces and centrally-run cities and the "
        "3,321 communes, wards and special zones from the vietnam-provinces package. "
        "Safe to run again: units are matched by their official code."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--with-bodies",
            action="store_true",
            help="Also create each place's People's Committee, Party committee and Fatherland "
            "Front committee, and each province's Mass Mobilization Commission.",
        )
        parser.add_argument(
            "--province",
            type=int,
            action="append",
            dest="provinces",
            metavar="NUMBER",
            help="Load only this province (official number, e.g. 33); may be repeated.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        report = units_load_official(
            provinces=options["provinces"], with_bodies=options["with_bodies"]
        )
        elapsed = time.perf_counter() - started
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            _("Official list: vietnam-provinces data of %(version)s")
            % {"version": report.data_version}
        )
        labels = dict(Unit.Kind.choices)
        for kind in sorted(set(report.created) | set(report.updated)):
            self.stdout.write(
                "  "
                + _("%(kind)s: %(created)d created, %(updated)d updated")
                % {
                    "kind": labels.get(kind, kind),
                    "created": report.created[kind],
                    "updated": report.updated[kind],
                }
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Units: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
                    "%(deactivated)d deactivated (%(seconds).1f s)."
                )
                % {
                    "created": report.total_created,
                    "updated": report.total_updated,
                    "unchanged": report.unchanged,
                    "deactivated": report.deactivated,
                    "seconds": elapsed,
                }
            )
        )
        active = Unit.objects.filter(is_active=True)
        self.stdout.write(
            _(
                "In the database now: %(provinces)d provinces and centrally-run cities, "
                "%(communes)d communes, wards and special zones."
            )
            % {
                "provinces": active.filter(kind__in=Unit.PROVINCE_KINDS).count(),
                "communes": active.filter(kind__in=Unit.COMMUNE_KINDS).count(),
            }
        )
