"""A mixed letter split into a petition and a denunciation: nothing ties the two but the vault.

The petition part keeps the sender's name (it is their own petition); the denunciation part
must not be reachable from it, nor it from the denunciation, in pages, history or audit.
"""

from django.db.models import Q
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.petitions import custody
from danvan.petitions.models import Case, SealedIdentity
from danvan.petitions.services.cases import Petitioner, case_receive
from danvan.petitions.services.handling import SplitPart, case_split
from danvan.petitions.tests.sealed.conftest import client_for
from danvan.petitions.tests.sealed.leaks import (
    LEAK_ADDRESS,
    LEAK_CONTENT,
    LEAK_EMAIL,
    LEAK_ID_NUMBER,
    LEAK_NAME,
    LEAK_PHONE,
    assert_no_identity_leak,
)
from danvan.units.models import Unit, User

ROAD = "Đề nghị sửa đoạn đường liên thôn Đông Tảo bị sụt lún."
ACCUSED = "Lê Văn Hưởng"


def _split_letter(unit: Unit, handler: User) -> tuple[Case, Case, Case]:
    mixed, _ = case_receive(
        kind=Case.Kind.MIXED,
        channel=Case.Channel.POST,
        subject=f"Kiến nghị sửa đường và tố cáo ông {ACCUSED}",
        content=f"{ROAD}\n{LEAK_CONTENT}",
        receiving_unit=unit,
        petitioner=Petitioner(
            name=LEAK_NAME,
            address=LEAK_ADDRESS,
            id_number=LEAK_ID_NUMBER,
            phone=LEAK_PHONE,
            email=LEAK_EMAIL,
        ),
    )
    petition, denunciation = case_split(
        case=mixed,
        actor=handler,
        parts=[
            SplitPart(Case.Kind.PETITION, "Sửa đường liên thôn", ROAD),
            SplitPart(Case.Kind.DENUNCIATION, "Tố cáo cán bộ địa chính", LEAK_CONTENT),
        ],
    )
    mixed.refresh_from_db()
    return mixed, petition, denunciation


def test_the_denunciation_part_cannot_be_traced_back_to_the_sender(
    commune_committee: Unit, handler: User
) -> None:
    # given a posted letter with a road petition and a denunciation, split by the handler
    mixed, petition, denunciation = _split_letter(commune_committee, handler)
    client = client_for(handler)
    page = client.get(
        reverse("petitions:handling_case", kwargs={"code": denunciation.tracking_code})
    )
    assert page.status_code == 200
    html = page.content.decode()
    # then the denunciation's page names neither the sender nor the cases that do
    assert_no_identity_leak(html, where="denunciation page")
    assert mixed.tracking_code not in html
    assert petition.tracking_code not in html
    assert mixed.display_code not in html
    assert petition.display_code not in html
    assert ACCUSED in html  # the handler still works on the accusation itself


def test_the_senders_cases_no_longer_hold_the_accusation(
    commune_committee: Unit, handler: User
) -> None:
    # given the same split letter
    mixed, petition, denunciation = _split_letter(commune_committee, handler)
    client = client_for(handler)
    # then the original and the petition part show the road, not the accusation
    for case in (mixed, petition):
        url = reverse("petitions:handling_case", kwargs={"code": case.tracking_code})
        html = client.get(url).content.decode()
        assert ROAD in html
        assert ACCUSED not in html, case.kind
        assert denunciation.tracking_code not in html
        assert denunciation.display_code not in html
    assert ACCUSED not in mixed.subject + mixed.content + mixed.search_text
    # and no history or audit record joins the denunciation to them
    joined = AuditEntry.objects.filter(
        Q(target_id=str(denunciation.pk)) | Q(target_id=str(mixed.pk))
    )
    for entry in joined:
        text = str(entry.data)
        assert mixed.tracking_code not in text or entry.target_id == str(mixed.pk)
        assert denunciation.tracking_code not in text or entry.target_id == str(denunciation.pk)
    for event in mixed.events.all():
        assert denunciation.tracking_code not in str(event.data)


def test_the_vault_keeps_the_letter_as_written(commune_committee: Unit, handler: User) -> None:
    # given the split letter
    mixed, _petition, denunciation = _split_letter(commune_committee, handler)
    # then the custodian's vault holds the sender and the full original text
    opened = custody._decrypt(SealedIdentity.objects.get(case=denunciation))
    assert opened.identity.name == LEAK_NAME
    assert ACCUSED in opened.original_content
    assert ROAD in opened.original_content
    assert mixed.pk not in [c.pk for c in Case.objects.filter(split_from=mixed)]
