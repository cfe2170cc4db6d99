"""A stand-in for the sealed helper's hooks, so handling can be tested on its own."""

from typing import Any

from danvan.petitions.models import Case


class FakeSealed:
    """Records the calls; sealing blanks the identity on the case row like the vault would."""

    def __init__(self) -> None:
        self.sealed: list[tuple[int, int]] = []
        self.notified: list[tuple[int, str, str]] = []
        self.redacted: list[int] = []

    def denouncer_seal_from_case(self, *, case: Case, source: Case, actor: Any) -> None:
        self.sealed.append((case.pk, source.pk))
        if case.pk == source.pk:
            Case.objects.filter(pk=case.pk).update(
                petitioner_name="",
                petitioner_address="",
                petitioner_id_number="",
                petitioner_phone="",
                petitioner_email="",
                submitted_by=None,
            )

    def denouncer_notify(self, *, case: Case, title: str, body: str) -> None:
        self.notified.append((case.pk, title, body))

    def denouncer_redact(self, *, case: Case, text: str) -> str:
        self.redacted.append(case.pk)
        return text.replace("Người tố cáo X", "[đã che]")

    def hook(self, name: str) -> Any:
        return getattr(self, name, None)
