"""``manage.py opinion_map DIR [--json]``: the opinion map of an exported Polis conversation.

DIR holds ``comments.csv`` and ``votes.csv`` (or ``votes_long_from_pv.csv``). With ``--json``
the command prints exactly ``{"k", "groups", "repness", "consensus"}``: ``groups`` maps each
clustered participant id to its group index (participants with too few votes are left
out), ``repness`` maps each group index to its representative statements and ``consensus``
lists the consensus statements. Without it, a short readable summary.
"""

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from danvan.consultations.opinion import (
    OpinionParams,
    PolisExportError,
    compute_opinion_map,
    load_polis_export,
)


class Command(BaseCommand):
    help = "Compute the opinion map (Polis method) of an exported Polis conversation."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("directory", help="Directory of the Polis export.")
        parser.add_argument("--json", action="store_true", help="Print the map as JSON.")
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default 0).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            export = load_polis_export(options["directory"])
        except PolisExportError as error:
            raise CommandError(
                _("Cannot read the Polis export: %(error)s") % {"error": error}
            ) from error
        result = compute_opinion_map(
            export.matrix,
            moderated_out=export.moderated_out,
            params=OpinionParams(random_state=options["seed"]),
        )
        if options["json"]:
            self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False))
            return
        self.stdout.write(
            _("%(participants)d participants, %(clustered)d clustered into %(k)d group(s).")
            % {
                "participants": export.matrix.n_participants,
                "clustered": result.n_clustered,
                "k": result.k,
            }
        )
        for group, size in enumerate(result.group_sizes):
            self.stdout.write(
                _("Group %(group)d: %(size)d participants") % {"group": group, "size": size}
            )
            for entry in result.repness.get(group, []):
                text = export.comments.get(int(entry["tid"]), "")
                self.stdout.write(f"  [{entry['repful-for']}] #{entry['tid']}: {text[:100]}")
        for shared in result.consensus:
            text = export.comments.get(int(shared["tid"]), "")
            self.stdout.write(
                _("Consensus (%(direction)s) #%(tid)s: %(text)s")
                % {"direction": shared["cons-for"], "tid": shared["tid"], "text": text[:100]}
            )
