"""Adding, editing and taking households off the register; the counts votes use."""

from collections.abc import Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.democracy.models import Household
from danvan.democracy.selectors.households import (
    commune_of,
    communes_managed,
    household_count,
    household_counts_by_village,
    households_of,
)
from danvan.democracy.services.households import (
    household_create,
    household_deactivate,
    household_update,
    normalise_phone,
)
from danvan.democracy.tests.conftest import Commune

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def add(commune: Commune, village: int, code: str, name: str = "Nguyễn Văn Hùng") -> Household:
    return household_create(
        village=commune.villages[village],
        code=code,
        representative=name,
        members=3,
        actor=commune.handler,
    )


def test_a_household_is_added_and_audited(commune: Commune) -> None:
    # given a village
    # when a household is added with a phone typed with spaces
    household = household_create(
        village=commune.villages[0],
        code=" DT-001 ",
        representative="  Nguyễn   Văn Hùng ",
        address="Xóm 1",
        phone="0912 345 678",
        members=4,
        actor=commune.handler,
    )
    # then it is stored cleaned, and audited
    household.refresh_from_db()
    assert (household.code, household.representative, household.phone) == (
        "DT-001",
        "Nguyễn Văn Hùng",
        "0912345678",
    )
    assert household.created_by == commune.handler
    assert AuditEntry.objects.filter(verb="households.create").count() == 1


def test_the_same_code_twice_in_a_village_is_refused(commune: Commune) -> None:
    # given a household DT-001
    add(commune, 0, "DT-001")
    # when the same code is added again (a retried form)
    with pytest.raises(ApplicationError) as error:
        add(commune, 0, "DT-001", "Lê Thị Mai")
    # then it is refused with a clear message, and another village may use the code
    assert "DT-001" in error.value.message
    assert Household.objects.count() == 1
    add(commune, 1, "DT-001")
    assert Household.objects.count() == 2


@pytest.mark.parametrize(
    ("kwargs", "field_word"),
    [({"phone": "12345"}, "phone"), ({"members": 0}, "greater"), ({"representative": ""}, "")],
)
def test_bad_values_are_refused(
    commune: Commune, kwargs: dict[str, object], field_word: str
) -> None:
    # given values a household cannot have
    values: dict[str, object] = {"code": "X", "representative": "A", "members": 1, **kwargs}
    # when added
    with pytest.raises(ApplicationError) as error:
        household_create(village=commune.villages[0], actor=commune.head, **values)  # type: ignore[arg-type]
    # then nothing is stored
    assert field_word in error.value.message
    assert not Household.objects.exists()


def test_households_belong_to_villages_only(commune: Commune) -> None:
    # given the commune itself (not a village)
    # when a household is added to it
    with pytest.raises(ApplicationError):
        household_create(village=commune.commune, code="X", representative="A", actor=commune.head)
    # then nothing is stored
    assert not Household.objects.exists()


def test_an_update_changes_and_audits_only_what_changed(commune: Commune) -> None:
    # given a household
    household = add(commune, 0, "DT-001")
    # when it is saved unchanged, then with a new representative
    household_update(
        household=household,
        code="DT-001",
        representative="Nguyễn Văn Hùng",
        members=3,
        actor=commune.head,
    )
    household_update(
        household=household,
        code="DT-001",
        representative="Nguyễn Thị Lan",
        members=3,
        actor=commune.head,
    )
    # then one update is audited, naming the field
    entries = AuditEntry.objects.filter(verb="households.update")
    assert entries.count() == 1
    assert entries.get().data["changed"] == ["representative"]
    household.refresh_from_db()
    assert household.representative == "Nguyễn Thị Lan"


def test_an_update_to_a_taken_code_is_refused(commune: Commune) -> None:
    # given two households
    add(commune, 0, "DT-001")
    second = add(commune, 0, "DT-002")
    # when the second takes the first one's code
    with pytest.raises(ApplicationError) as error:
        household_update(
            household=second, code="DT-001", representative="A", members=1, actor=commune.head
        )
    # then it is refused
    assert "DT-001" in error.value.message
    assert Household.objects.filter(code="DT-001").count() == 1


def test_deactivated_households_are_kept_but_not_counted(commune: Commune) -> None:
    # given three households in Đông Tảo and one in An Vĩ
    first = add(commune, 0, "DT-001")
    add(commune, 0, "DT-002")
    add(commune, 0, "DT-003")
    add(commune, 1, "AV-001")
    # when one moves away
    household_deactivate(household=first, actor=commune.head, reason="Chuyển đi")
    # then it stays on file but is counted nowhere
    assert Household.objects.filter(pk=first.pk).exists()
    assert household_count(commune.villages[0]) == 2
    assert list(households_of(commune.villages[0]).values_list("code", flat=True)) == [
        "DT-002",
        "DT-003",
    ]
    assert households_of(commune.villages[0], include_inactive=True).count() == 3
    counts = {v.pk: v.household_count for v in household_counts_by_village(commune.commune)}  # type: ignore[attr-defined]
    assert counts == {
        commune.villages[0].pk: 2,
        commune.villages[1].pk: 1,
        commune.villages[2].pk: 0,
    }
    # and it cannot be taken off twice
    with pytest.raises(ApplicationError):
        household_deactivate(household=first, actor=commune.head)


def test_counts_per_village_take_one_query(commune: Commune) -> None:
    # given households in two villages
    add(commune, 0, "DT-001")
    add(commune, 1, "AV-001")
    # when the counts are read
    with CaptureQueriesContext(connection) as queries:
        villages = household_counts_by_village(commune.commune)
    # then one query answers
    assert len(queries.captured_queries) == 1
    assert [v.name for v in villages] == ["Thôn An Vĩ", "Thôn Bình Dân", "Thôn Đông Tảo"]


def test_search_finds_names_without_diacritics_and_codes(commune: Commune) -> None:
    # given two households
    add(commune, 0, "DT-001", "Nguyễn Văn Hùng")
    add(commune, 0, "DT-002", "Lê Thị Mai")
    village = commune.villages[0]
    # when searched
    # then names match without diacritics, codes without case
    assert [h.code for h in households_of(village, search="nguyen van hung")] == ["DT-001"]
    assert [h.code for h in households_of(village, search="dt-002")] == ["DT-002"]
    assert households_of(village, search="Trần").count() == 0


def test_managed_communes_and_the_commune_of_a_village(commune: Commune) -> None:
    # given the fixture's officers
    # then each keeps only their own commune's register
    assert communes_managed(commune.handler) == [commune.commune]
    assert communes_managed(commune.other_handler) == [commune.other_commune]
    assert communes_managed(commune.citizen) == []
    assert commune_of(commune.villages[0]) == commune.commune


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        (912345678.0, "0912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("0243.826.1234", "02438261234"),
    ],
)
def test_phone_numbers_are_normalised(raw: object, expected: str) -> None:
    assert normalise_phone(raw) == expected
