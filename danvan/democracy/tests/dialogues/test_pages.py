"""Dialogue pages: staff only (the same 404 otherwise), the public page logged out, and
the acceptance case: a commitment tracked to done through the pages."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from danvan.democracy.models import Commitment, Dialogue, DialogueQuestion
from danvan.democracy.services.dialogues import commitment_add, question_add
from danvan.democracy.tests.conftest import Commune
from danvan.democracy.tests.dialogues.conftest import vi
from danvan.units.models import RoleAssignment, Unit, User

pytestmark = pytest.mark.django_db
APRIL = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def commitment(commune: Commune, dialogue: Dialogue) -> Commitment:
    return commitment_add(
        dialogue=dialogue,
        content="Sửa 500 m đường thôn Đông Tảo",
        responsible="Phòng Kinh tế xã",
        due_on=dt.date(2026, 6, 30),
        actor=commune.handler,
    )


@time_machine.travel(APRIL, tick=False)
def test_staff_pages_are_404_for_other_communes_citizens_and_strangers(
    commune: Commune, dialogue: Dialogue, commitment: Commitment
) -> None:
    get = [
        reverse("democracy:dialogues_unit", kwargs={"pk": commune.commune.pk}),
        reverse("democracy:dialogues_create", kwargs={"pk": commune.commune.pk}),
        reverse("democracy:dialogues_detail", kwargs={"pk": dialogue.pk}),
        reverse("democracy:dialogues_commitment", kwargs={"pk": commitment.pk}),
        reverse("democracy:dialogues_evidence", kwargs={"pk": commitment.pk}),
    ]
    post = [
        reverse("democracy:dialogues_question_add", kwargs={"pk": dialogue.pk}),
        reverse("democracy:dialogues_commitment_add", kwargs={"pk": dialogue.pk}),
        reverse("democracy:dialogues_commitment", kwargs={"pk": commitment.pk}),
        reverse("democracy:dialogues_create", kwargs={"pk": commune.commune.pk}),
    ]
    for user in (commune.other_handler, commune.citizen, None):
        client = client_for(user)
        for url in get:
            assert client.get(url).status_code == 404, (user, url)
        for url in post:
            assert client.post(url, {"question": "x", "content": "x"}).status_code == 404, (
                user,
                url,
            )
    for user in (commune.citizen, None):
        assert client_for(user).get(reverse("democracy:dialogues_index")).status_code == 404
    assert DialogueQuestion.objects.count() == 0
    assert Commitment.objects.count() == 1
    # the handler sees the staff pages (no evidence file yet: 404 for it)
    handler = client_for(commune.handler)
    for url in get[:-1]:
        assert handler.get(url).status_code == 200, url
    assert handler.get(get[-1]).status_code == 404
    assert handler.get(reverse("democracy:dialogues_index")).status_code == 200


@time_machine.travel(APRIL, tick=False)
def test_acceptance_a_commitment_is_tracked_to_done_and_shown_publicly(commune: Commune) -> None:
    client = client_for(commune.handler)
    # given the commune has held no dialogue with residents this year: flagged
    page = client.get(reverse("democracy:dialogues_unit", kwargs={"pk": commune.commune.pk}))
    assert page.context["missing_yearly"] is True
    # when the dialogue of 20/3/2026 is recorded
    response = client.post(
        reverse("democracy:dialogues_create", kwargs={"pk": commune.commune.pk}),
        {
            "kind": "residents",
            "title": "Đối thoại với Nhân dân năm 2026",
            "held_on": "2026-03-20",
            "place": "Hội trường UBND xã",
            "chair": "Nguyễn Văn An",
            "participants": "180",
            "with_front": "on",
        },
    )
    dialogue = Dialogue.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("democracy:dialogues_unit", kwargs={"pk": commune.commune.pk}))
    assert page.context["missing_yearly"] is False
    # and a question (the asker did not agree to show the name) with a commitment
    assert (
        client.post(
            reverse("democracy:dialogues_question_add", kwargs={"pk": dialogue.pk}),
            {
                "question": "Đường thôn Đông Tảo xuống cấp",
                "answer": "Sẽ sửa trong quý II",
                "asked_by": "Phạm Văn Long",
                "village": commune.villages[0].pk,
            },
        ).status_code
        == 302
    )
    question = DialogueQuestion.objects.get()
    assert (
        client.post(
            reverse("democracy:dialogues_commitment_add", kwargs={"pk": dialogue.pk}),
            {
                "content": "Sửa 500 m đường thôn Đông Tảo",
                "responsible": "Phòng Kinh tế xã",
                "due_on": "2026-06-30",
                "question": question.pk,
            },
        ).status_code
        == 302
    )
    commitment = Commitment.objects.get()
    url = reverse("democracy:dialogues_commitment", kwargs={"pk": commitment.pk})
    # open → in progress
    assert (
        client.post(
            url, {"status": "in_progress", "note": "Đã lập dự toán", "on": "2026-04-15"}
        ).status_code
        == 302
    )
    # done without evidence is refused, with what was typed kept
    refused = client.post(url, {"status": "done", "note": "Xong", "on": "2026-06-25"})
    assert refused.status_code == 400
    assert vi("A commitment is done with its evidence: describe it or attach a file.") in (
        refused.content.decode()
    )
    # in progress → done with evidence (a file)
    done = client.post(
        url,
        {
            "status": "done",
            "note": "Đã nghiệm thu",
            "on": "2026-06-25",
            "evidence_note": "Biên bản nghiệm thu",
            "evidence_file": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test"),
        },
    )
    assert done.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DONE
    evidence = client.get(reverse("democracy:dialogues_evidence", kwargs={"pk": commitment.pk}))
    assert evidence.status_code == 200
    assert b"".join(evidence.streaming_content) == b"%PDF-1.4 test"  # type: ignore[attr-defined]
    # then the public page, logged out, shows it done, without the asker's name
    with time_machine.travel(dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        public = Client().get(
            reverse("democracy:dialogues_public", kwargs={"pk": commune.commune.pk})
        )
    body = public.content.decode()
    assert public.status_code == 200
    assert "Sửa 500 m đường thôn Đông Tảo" in body
    assert vi("Done", "commitment") in body
    assert "Biên bản nghiệm thu" in body
    assert "Phạm Văn Long" not in body
    assert "Thôn Đông Tảo" in body
    assert commune.handler.username not in body
    assert vi("Overdue", "commitment") not in body


@time_machine.travel(dt.datetime(2026, 8, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_public_page_names_only_who_agreed_and_marks_overdue(
    commune: Commune, dialogue: Dialogue, commitment: Commitment
) -> None:
    question_add(
        dialogue=dialogue,
        question="Hỏi về trường học",
        asked_by="Lê Thị Mai",
        village=commune.villages[1],
        show_name=True,
        actor=commune.handler,
    )
    question_add(dialogue=dialogue, question="Hỏi về chợ", actor=commune.handler)
    body = (
        Client()
        .get(reverse("democracy:dialogues_public", kwargs={"pk": commune.commune.pk}))
        .content.decode()
    )
    assert "Lê Thị Mai" in body
    assert vi("A resident") in body
    # the commitment due on 30/6 is not done on 1/8: overdue
    assert vi("Overdue", "commitment") in body
    # a staff page lists it too
    page = client_for(commune.head).get(
        reverse("democracy:dialogues_unit", kwargs={"pk": commune.commune.pk})
    )
    assert page.context["overdue"] == [commitment]
    # the public page of a village or a missing commune is 404
    assert (
        Client()
        .get(reverse("democracy:dialogues_public", kwargs={"pk": commune.villages[0].pk}))
        .status_code
        == 404
    )
    assert (
        Client().get(reverse("democracy:dialogues_public", kwargs={"pk": 999_999})).status_code
        == 404
    )


@time_machine.travel(APRIL, tick=False)
def test_bad_input_is_refused_with_what_was_typed(commune: Commune, dialogue: Dialogue) -> None:
    client = client_for(commune.handler)
    duplicate = client.post(
        reverse("democracy:dialogues_create", kwargs={"pk": commune.commune.pk}),
        {
            "kind": "residents",
            "title": dialogue.title,
            "held_on": "2026-03-20",
            "place": "Hội trường mới",
            "chair": "Nguyễn Văn An",
            "participants": "10",
        },
    )
    assert duplicate.status_code == 200
    assert "Hội trường mới" in duplicate.content.decode()
    assert (
        vi("A dialogue with this topic is already recorded that day.") in duplicate.content.decode()
    )
    bad_question = client.post(
        reverse("democracy:dialogues_question_add", kwargs={"pk": dialogue.pk}),
        {"question": "Hỏi về nước sạch", "show_name": "on"},
    )
    assert bad_question.status_code == 400
    assert "Hỏi về nước sạch" in bad_question.content.decode()
    bad_commitment = client.post(
        reverse("democracy:dialogues_commitment_add", kwargs={"pk": dialogue.pk}),
        {"content": "Cam kết", "responsible": "UBND", "due_on": "2026-03-01"},
    )
    assert bad_commitment.status_code == 400
    assert vi("The deadline cannot be before the dialogue.") in bad_commitment.content.decode()
    commitment = commitment_add(
        dialogue=dialogue,
        content="Cam kết",
        responsible="UBND",
        due_on=dt.date(2026, 5, 1),
        actor=commune.handler,
    )
    too_big = client.post(
        reverse("democracy:dialogues_commitment", kwargs={"pk": commitment.pk}),
        {
            "status": "done",
            "note": "x",
            "on": "2026-04-01",
            "evidence_file": SimpleUploadedFile("a.pdf", b"0" * (10 * 1024 * 1024 + 1)),
        },
    )
    assert too_big.status_code == 400
    assert vi("The evidence file is larger than 10 MB.") in too_big.content.decode()


def test_an_officer_of_two_communes_sees_the_yearly_flags(commune: Commune) -> None:
    RoleAssignment.objects.create(
        user=commune.handler,
        unit=Unit.objects.get(code="VN-11953-ubnd"),
        role=RoleAssignment.Role.HANDLER,
    )
    response = client_for(commune.handler).get(reverse("democracy:dialogues_index"))
    assert response.status_code == 200
    # both communes are flagged; their committees (agencies) are not under Art 32
    flags = {unit.kind: missing for unit, missing in response.context["communes"]}
    assert [missing for _unit, missing in response.context["communes"]] == [
        True,
        True,
        False,
        False,
    ]
    assert flags[Unit.Kind.PEOPLES_COMMITTEE] is False


@time_machine.travel(dt.datetime(2026, 8, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_the_dashboard_panel_shows_what_is_late(
    commune: Commune, dialogue: Dialogue, commitment: Commitment
) -> None:
    # given a commitment due on 30/6 not done on 1/8, and a board below its minimum
    from danvan.democracy.models import SupervisionBoard
    from danvan.democracy.services.supervision import board_create

    board_create(
        unit=commune.commune,
        kind=SupervisionBoard.Kind.INSPECTION,
        name="Ban TTND",
        term_start=dt.date(2026, 1, 1),
        actor=commune.handler,
    )
    # when the commune's handler opens the dashboard
    page = client_for(commune.handler).get(reverse("core:dashboard"))
    body = page.content.decode()
    # then the panel lists the commune with an overdue commitment and a board to fix
    assert vi("Supervision and dialogues") in body
    assert "Xã Khoái Châu" in body
    assert "dialogues_unit" not in body
    assert reverse("democracy:supervision_unit", kwargs={"pk": commune.commune.pk}) in body
    assert vi("No dialogue with residents this year") not in body  # held on 20/3/2026
    # and a citizen sees no such panel
    citizen = client_for(commune.citizen).get(reverse("core:dashboard")).content.decode()
    assert vi("Supervision and dialogues") not in citizen
