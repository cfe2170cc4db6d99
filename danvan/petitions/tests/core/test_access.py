import pytest
from django.http import Http404

from danvan.petitions.access import access_case_for_staff
from danvan.petitions.models import Case
from danvan.petitions.services.cases import Petitioner, case_receive
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(commune_committee: Unit) -> Case:
    case, _ = case_receive(
        kind=Case.Kind.PETITION,
        channel=Case.Channel.WEB,
        subject="Đèn đường hỏng",
        content="Đèn đường thôn An Vĩ hỏng hai tuần nay.",
        receiving_unit=commune_committee,
        petitioner=Petitioner(name="Trần Thị Bình"),
    )
    return case


def test_staff_of_the_unit_reach_the_case(
    case: Case, handler: User, head: User, reception_officer: User
) -> None:
    for user in (handler, head, reception_officer):
        assert access_case_for_staff(user, code=case.tracking_code) == case
    approved = access_case_for_staff(
        head, code=case.display_code.lower(), perm="petitions.approve_case"
    )
    assert approved == case


def test_other_units_citizens_and_bad_codes_get_the_same_404(
    case: Case, other_handler: User, citizen: User, handler: User
) -> None:
    for user, code in [
        (other_handler, case.tracking_code),
        (citizen, case.tracking_code),
        (handler, "DV0000000000"),
        (handler, "not a code"),
    ]:
        with pytest.raises(Http404):
            access_case_for_staff(user, code=code)
    with pytest.raises(Http404):
        access_case_for_staff(handler, code=case.tracking_code, perm="petitions.approve_case")
