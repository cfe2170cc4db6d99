"""``manage.py participation_counts_rebuild``: repairs from the command line."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danvan.consultations.models import (
    ArticleVote,
    Consultation,
    ConsultationParticipant,
    ParticipationCount,
)
from danvan.consultations.services.dashboard import participants_note
from danvan.consultations.tests.dashboard.conftest import NOW
from danvan.units.models import User


def run(*args: str) -> str:
    out = StringIO()
    call_command("participation_counts_rebuild", *args, stdout=out)
    return out.getvalue()


def test_rebuild_by_code_repairs_the_counts(consultation: Consultation, citizen: User) -> None:
    # given
    participants_note(consultation=consultation, participant=citizen, now=NOW)
    ParticipationCount.objects.update(participants=7)
    # when
    output = run(consultation.slug)
    # then
    assert output == f"{consultation.slug}: 0 participants recorded, 2 count rows written.\n"
    assert sorted(ParticipationCount.objects.values_list("participants", flat=True)) == [1, 1]


def test_backfill_of_every_consultation(consultation: Consultation, citizen: User) -> None:
    # given: a vote from before the dashboard
    ArticleVote.objects.create(
        consultation=consultation,
        anchor="dieu-1",
        participant=citizen,
        choice="agree",
        created_at=NOW,
        updated_at=NOW,
    )
    # when
    output = run("--all", "--backfill")
    # then
    assert "1 participants recorded" in output
    assert ConsultationParticipant.objects.filter(participant=citizen).exists()


@pytest.mark.parametrize("args", [(), ("--all", "x")])
def test_either_codes_or_all(db: None, args: tuple[str, ...]) -> None:
    with pytest.raises(CommandError, match="--all"):
        run(*args)


def test_an_unknown_code_is_named(consultation: Consultation) -> None:
    with pytest.raises(CommandError, match="khong-co"):
        run(consultation.slug, "khong-co")
