"""``manage.py seed_demo``: load the map and build the demo world (idempotent)."""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from danvan.core.exceptions import ApplicationError
from danvan.demo import cast, world
from danvan.demo.consultations import demo_consultations_seed
from danvan.demo.democracy import demo_democracy_seed
from danvan.demo.directives import demo_directives_seed
from danvan.demo.emulation import demo_emulation_seed
from danvan.demo.petitions import PetitionsSeedReport, demo_petitions_seed
from danvan.demo.selectors import demo_cast_rows, demo_places_get
from danvan.demo.services import demo_world_reset, demo_world_seed
from danvan.democracy.services.dialogues import demo_dialogues_seed
from danvan.democracy.services.households import demo_households_seed
from danvan.democracy.services.supervision import demo_supervision_seed


class Command(BaseCommand):
    help = (
        "Load the administrative map and create the demo world: bodies of the demo province "
        "and commune, and a fixed cast of people who all sign in with the published demo "
        "password. Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo cast and bodies first (real places are kept).",
        )
        parser.add_argument(
            "--minimal",
            action="store_true",
            help="Load only the demo province (104 communes) instead of the whole map of 3,321 "
            "(fast; used by the tests).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. The demo accounts have a published password: "
            "never use this on a server that real people use.",
        )
        parser.add_argument(
            "--quiet-cast", action="store_true", help="Do not print the cast table at the end."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates accounts with a published password and refuses to run with "
                "DEBUG off. Use it on a demo or development machine, or pass --force."
            )
        try:
            if options["reset"]:
                reset = demo_world_reset()
                self.stdout.write(f"Reset: removed {reset.removed} demo rows.")
                if reset.kept_people or reset.kept_units:
                    self.stdout.write(
                        "Kept because other data refers to them (the audit log is append-only): "
                        + ", ".join(reset.kept_people + reset.kept_units)
                    )
            self._load_places(minimal=options["minimal"], verbosity=options["verbosity"])
            report = demo_world_seed()
            # The petitions workload only with the whole map: --minimal is what tests use.
            petitions = None if options["minimal"] else demo_petitions_seed()
            consultations = (
                None if options["minimal"] else demo_consultations_seed(places=demo_places_get())
            )
            directives = None if options["minimal"] else demo_directives_seed()
            households = None if options["minimal"] else demo_households_seed()
            boards = 0 if options["minimal"] else demo_supervision_seed()
            dialogues = 0 if options["minimal"] else demo_dialogues_seed()
            democracy = None if options["minimal"] else demo_democracy_seed()
            emulation = None if options["minimal"] else demo_emulation_seed()
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo world ready: {report.units_created} units, {report.users_created} people, "
                f"{report.roles_created} roles, {report.notifications_created} notifications "
                f"created; {report.units_updated} units and {report.users_updated} people "
                "corrected."
            )
        )
        if petitions is not None:
            self._write_petitions(petitions)
        if consultations is not None and consultations.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo consultation ready: {consultations.participants} participants."
                )
            )
        if directives is not None and directives.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo directive ready: {directives.documents} documents, "
                    f"{directives.tasks} tasks, {directives.reports} unit reports."
                )
            )
        if households is not None and households.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo households ready: {households.created} households in "
                    f"{households.villages} villages."
                )
            )
        if boards or dialogues:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo supervision and dialogues ready: {boards} boards, "
                    f"{dialogues} dialogue with its commitments."
                )
            )
        if democracy is not None and (democracy.disclosures or democracy.decisions):
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo grassroots democracy ready: {democracy.disclosures} disclosures, "
                    f"{democracy.proposals} proposals, {democracy.decisions} community "
                    f"decisions, {democracy.conferences} staff conference."
                )
            )
        if emulation is not None and emulation.exemplars:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo “Dân vận khéo” ready: {emulation.exemplars} models and examples, "
                    f"{emulation.evaluations} evaluations, {emulation.recognitions} "
                    f"recognitions, {emulation.removed} removed, {emulation.photos} cover photos."
                )
            )
        if not options["quiet_cast"]:
            # Role names in the site's default language (Vietnamese), as people will see them.
            with translation.override(settings.LANGUAGE_CODE):
                self._write_cast_table()

    def _load_places(self, *, minimal: bool, verbosity: int) -> None:
        """Load the official map and every place's standard bodies (``load_units``)."""
        provinces = [int(world.DEMO_PROVINCE_ADMIN_CODE)] if minimal else None
        call_command(
            "load_units",
            with_bodies=True,
            provinces=provinces,
            verbosity=verbosity,
            stdout=self.stdout,
            stderr=self.stderr,
        )

    def _write_petitions(self, report: PetitionsSeedReport) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo petitions ready: {report.cases_created} cases from "
                f"{report.stories_created} stories created ({report.stories_present} already "
                f"there), {report.visits_recorded} visits in the reception book, "
                f"{report.reception_days_created} reception days"
                + (", a routing table" if report.routing_table_created else "")
                + "."
            )
        )
        for note in report.notes:
            self.stdout.write(self.style.WARNING(note))

    def _write_cast_table(self) -> None:
        rows = demo_cast_rows()
        width = max(len(row.username) for row in rows)
        self.stdout.write("")
        self.stdout.write(f"Demo cast — every account's password is: {cast.DEMO_PASSWORD}")
        for row in rows:
            first, *rest = row.roles or ("",)
            self.stdout.write(f"  {row.username:<{width}}  {row.full_name}: {first}")
            for role in rest:
                self.stdout.write(f"  {'':<{width}}  {'':<{len(row.full_name)}}  {role}")
