"""Check that the audit chain is intact: ``OK: N entries`` or the first broken entry."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.audit.chain import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the audit log hash chain; exit 1 at the first entry that was tampered with."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        if not report.ok:
            raise CommandError(f"BROKEN at seq {report.broken_seq}: {report.reason}", returncode=1)
        self.stdout.write(f"OK: {report.count} entries")
        if options["verbosity"] > 1:
            # Publishing this hash elsewhere (a report, a ticket) lets a later check prove
            # that nothing before it was rewritten, not even by someone who recomputes hashes.
            self.stdout.write(f"head: {report.head_hash}")
