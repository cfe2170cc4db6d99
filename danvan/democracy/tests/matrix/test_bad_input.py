"""Bad input on the staff forms: a clear Vietnamese message, what was typed kept, nothing
written; and a form sent twice (a retried submission) records one row."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import time_machine
from django.apps import apps
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from django.utils import translation

from danvan.audit.models import AuditEntry
from danvan.democracy.models import DialogueQuestion, Household, ResidentProposal
from danvan.democracy.tests.conftest import Commune
from danvan.democracy.tests.matrix.scene import CODE, NOW, Scene, build_scene
from danvan.units.models import User

pytestmark = pytest.mark.django_db

VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]")
ENGLISH = ("This field", "Enter a", "Select a valid", "Ensure this", "already exists")
ERRORS = re.compile(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.S)


@pytest.fixture
def scene(commune: Commune) -> Iterator[Scene]:
    with translation.override("vi"), time_machine.travel(NOW, tick=False) as clock:
        built = build_scene(commune, clock)
        clock.move_to(NOW)
        yield built


def counts() -> dict[str, int]:
    models: list[type[Model]] = [*apps.get_app_config("democracy").get_models(), AuditEntry]
    return {model._meta.label: model._default_manager.count() for model in models}


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# (route, whose page: a Scene attribute path, posted data, a typed value the page keeps)
CASES = {
    "duplicate household code": (
        "households_create",
        "commune.villages.0",
        {"code": CODE, "representative": "Người Gõ Lại", "members": "3"},
        "Người Gõ Lại",
    ),
    "household members not a number": (
        "households_create",
        "commune.villages.0",
        {"code": "MOI-01", "representative": "Người Gõ Lại", "members": "ba"},
        "Người Gõ Lại",
    ),
    "household edited to no members": (
        "households_edit",
        "household",
        {"code": CODE, "representative": "Tên Sửa Dở", "members": "0"},
        "Tên Sửa Dở",
    ),
    "disclosure without a category": (
        "disclosures_create",
        "commune.commune",
        {"category": "", "title": "Tiêu đề gõ dở", "decided_on": "2026-11-20"},
        "Tiêu đề gõ dở",
    ),
    "dialogue with negative participants": (
        "dialogues_create",
        "commune.commune",
        {
            "kind": "residents",
            "title": "Đối thoại gõ dở",
            "held_on": "2026-11-20",
            "place": "Hội trường",
            "chair": "Nguyễn Văn An",
            "participants": "-5",
        },
        "Đối thoại gõ dở",
    ),
    "proposal of an unknown household": (
        "proposals_create",
        "commune.villages.0",
        {
            "title": "Đề xuất gõ dở",
            "content": "Nội dung đề xuất",
            "matter": "contributions",
            "proposer_name": "Nguyễn Văn Hùng",
            "proposer_household": "KHONG-CO",
            "submission_key": "k-bad",
        },
        "Đề xuất gõ dở",
    ),
    "board of an unknown kind": (
        "supervision_board_create",
        "commune.commune",
        {"kind": "nope", "name": "Ban gõ dở", "term_start": "2026-01-01"},
        "Ban gõ dở",
    ),
}


def target(scene: Scene, path: str) -> object:
    value: object = scene
    for part in path.split("."):
        value = value[int(part)] if part.isdigit() else getattr(value, part)  # type: ignore[index]
    return value


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_in_vietnamese_keeping_what_was_typed(scene: Scene, case: str) -> None:
    # given the commune's handler on a form, and bad input
    name, path, data, typed = CASES[case]
    url = reverse(f"democracy:{name}", kwargs={"pk": target(scene, path).pk})  # type: ignore[attr-defined]
    before = counts()
    # when it is sent
    response = signed_in(scene.commune.handler).post(url, data)
    body = response.content.decode()
    # then the form comes back with what was typed
    assert response.status_code == 200, (case, response.status_code)
    assert typed in body, case
    # and a message in Vietnamese (no English left untranslated)
    messages = " ".join(ERRORS.findall(body))
    assert messages, case
    assert VIETNAMESE.search(messages), (case, messages)
    assert not [word for word in ENGLISH if word in messages], (case, messages)
    # and nothing was written
    assert counts() == before, case


def test_a_household_form_sent_twice_adds_one_household(scene: Scene) -> None:
    # given the form of a new household
    url = reverse("democracy:households_create", kwargs={"pk": scene.commune.villages[0].pk})
    data = {"code": "DT-100", "representative": "Lý Văn Hai", "members": "2"}
    client = signed_in(scene.commune.handler)
    # when it is sent twice (a double click, a retried request)
    client.post(url, data)
    second = client.post(url, data)
    # then one household is registered, and the second answer says why
    assert Household.objects.filter(code="DT-100").count() == 1
    assert second.status_code in (200, 302)


def test_a_proposal_form_sent_twice_records_one_proposal(scene: Scene) -> None:
    # given the proposal form with its one-time key
    url = reverse("democracy:proposals_create", kwargs={"pk": scene.commune.villages[0].pk})
    data = {
        "title": "Lắp đèn ngõ 5",
        "content": "Đề nghị lắp đèn chiếu sáng ngõ 5.",
        "matter": "contributions",
        "proposer_name": "Nguyễn Văn Hùng",
        "proposer_household": CODE,
        "submission_key": "mot-lan",
    }
    client = signed_in(scene.commune.handler)
    # when it is sent twice
    client.post(url, data)
    client.post(url, data)
    # then one proposal is recorded
    assert ResidentProposal.objects.filter(title="Lắp đèn ngõ 5").count() == 1


def test_a_dialogue_question_sent_twice_is_recorded_once(scene: Scene) -> None:
    # given a question typed at the dialogue
    url = reverse("democracy:dialogues_question_add", kwargs={"pk": scene.dialogue.pk})
    data = {"question": "Bao giờ nạo vét mương?", "asked_by": "", "answer": ""}
    client = signed_in(scene.commune.handler)
    # when it is sent twice
    client.post(url, data)
    client.post(url, data)
    # then it is recorded once
    assert DialogueQuestion.objects.filter(question="Bao giờ nạo vét mương?").count() == 1
