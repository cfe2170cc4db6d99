"""Administrators' corrections change computed due dates at once (cache invalidation)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from danvan.deadlines import config as config_module
from danvan.deadlines import services
from danvan.deadlines.config import VERSION_KEY, deadline_config
from danvan.deadlines.models import CalendarSetting, HolidayOverride, RuleOverride
from danvan.deadlines.selectors import due_date_compute, rules_in_force
from danvan.units.models import User

pytestmark = pytest.mark.django_db
D = dt.date


def test_admin_adds_a_day_off_and_the_due_date_moves(admin_client: Client) -> None:
    # given 5 working days after Mon 7/9/2026 → Mon 14/9, computed (and cached) once
    assert due_date_compute(code="denunciation_transfer", start=D(2026, 9, 7)) == D(2026, 9, 14)
    # when the administrator makes Thu 10/9/2026 a day off through the admin
    response = admin_client.post(
        reverse("admin:deadlines_holidayoverride_add"),
        {
            "date": "10/09/2026",
            "kind": "day_off",
            "name": "Ngày nghỉ thử nghiệm",
            "legal_basis": "Thông báo 99/TB-BNV ngày 01/9/2026",
            "note": "",
        },
    )
    # then it is saved with its year and author, and the due date moves by one working day
    assert response.status_code == 302, response.content.decode()[:2000]
    row = HolidayOverride.objects.get(date=D(2026, 9, 10))
    assert row.year == 2026
    assert row.created_by is not None
    assert due_date_compute(code="denunciation_transfer", start=D(2026, 9, 7)) == D(2026, 9, 15)


def test_admin_deletes_the_2026_swap_and_the_due_date_moves_back(
    admin_client: Client, admin_user: User
) -> None:
    # given the seeded override making Fri 2/1/2026 a day off
    row = HolidayOverride.objects.get(date=D(2026, 1, 2))
    assert due_date_compute(code="denunciation_transfer", start=D(2025, 12, 31)) == D(2026, 1, 9)
    # when the administrator deletes it
    response = admin_client.post(
        reverse("admin:deadlines_holidayoverride_delete", args=[row.pk]), {"post": "yes"}
    )
    # then Fri 2/1 counts again
    assert response.status_code == 302
    assert due_date_compute(code="denunciation_transfer", start=D(2025, 12, 31)) == D(2026, 1, 8)


def test_admin_bulk_delete_invalidates_too(admin_client: Client) -> None:
    ids = list(HolidayOverride.objects.values_list("pk", flat=True))
    assert due_date_compute(code="complaint_decision_send", start=D(2026, 1, 8)) == D(2026, 1, 12)
    response = admin_client.post(
        reverse("admin:deadlines_holidayoverride_changelist"),
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert not HolidayOverride.objects.exists()
    # without the working Saturday 10/1: Fri 9 (1), Mon 12 (2), Tue 13 (3)
    assert due_date_compute(code="complaint_decision_send", start=D(2026, 1, 8)) == D(2026, 1, 13)


def test_admin_changes_a_rule_count_with_its_legal_basis(admin_client: Client) -> None:
    # given petition processing [M]: 10 working days after Fri 6/2/2026 → Fri 27/2
    assert due_date_compute(code="petition_process", start=D(2026, 2, 6)) == D(2026, 2, 27)
    # when the administrator records a text setting 15 working days from 1/1/2026
    response = admin_client.post(
        reverse("admin:deadlines_ruleoverride_add"),
        {
            "rule_code": "petition_process",
            "count": "15",
            "remote_area_count": "",
            "effective_from": "01/01/2026",
            "effective_to": "",
            "legal_basis": "Thông tư 01/2026/TT-TTCP, Điều 7",
            "note": "",
        },
    )
    # then the rule uses 15: after 27/2 (10) come Mon 2/3 … Fri 6/3 (15)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert due_date_compute(code="petition_process", start=D(2026, 2, 6)) == D(2026, 3, 6)
    rule = deadline_config().rule("petition_process", on=D(2026, 2, 6))
    assert rule.legal_basis == "Thông tư 01/2026/TT-TTCP, Điều 7"
    assert rule.overridden_from is not None
    assert rule.overridden_from.count == 10
    # and cases anchored before the override keep the code's value
    assert due_date_compute(code="petition_process", start=D(2025, 12, 1)) == D(2025, 12, 15)


def test_admin_reads_dates_day_first(admin_client: Client) -> None:
    # Vietnamese write 02/01/2026 for 2 January; Django's global default would read 1 February.
    response = admin_client.post(
        reverse("admin:deadlines_holidayoverride_add"),
        {"date": "03/02/2027", "kind": "day_off", "name": "Thử", "legal_basis": "Văn bản"},
    )
    assert response.status_code == 302
    assert HolidayOverride.objects.filter(date=D(2027, 2, 3)).exists()


def test_admin_rule_override_form_rejects_unknown_code(admin_client: Client) -> None:
    response = admin_client.post(
        reverse("admin:deadlines_ruleoverride_add"),
        {
            "rule_code": "no_such_rule",
            "count": "5",
            "effective_from": "01/01/2026",
            "legal_basis": "X",
        },
    )
    assert response.status_code == 200
    assert not RuleOverride.objects.exists()


def test_admin_pages_show_the_uncertainty_help(admin_client: Client) -> None:
    add_rule = admin_client.get(reverse("admin:deadlines_ruleoverride_add")).content.decode()
    assert "complaint_accept [U]" in add_rule
    assert "petition_process [M]" in add_rule
    assert "consultation_posting [U]" in add_rule
    add_day = admin_client.get(reverse("admin:deadlines_holidayoverride_add")).content.decode()
    assert "Bộ Nội vụ" in add_day  # "enter the MOHA announcement each year", in Vietnamese
    setting = admin_client.get(reverse("admin:deadlines_calendarsetting_add")).content.decode()
    assert "[U]" in setting


def test_culture_day_setting_through_the_service(admin_user: User) -> None:
    # given the default: 24/11 off → 5 working days after Thu 19/11/2026 = Fri 27/11
    assert due_date_compute(code="denunciation_transfer", start=D(2026, 11, 19)) == D(2026, 11, 27)
    # when the administrator records that 24/11 is a working day
    services.calendar_setting_set(
        key=CalendarSetting.Key.CULTURE_DAY_OFF,
        enabled=False,
        legal_basis="Văn bản thử nghiệm",
        updated_by=admin_user,
    )
    # then Tue 24/11 counts: Thu 26/11
    assert due_date_compute(code="denunciation_transfer", start=D(2026, 11, 19)) == D(2026, 11, 26)
    assert deadline_config().culture_day_off is False
    # and switching back restores the default result (update path of the service)
    services.calendar_setting_set(
        key=CalendarSetting.Key.CULTURE_DAY_OFF,
        enabled=True,
        legal_basis="Văn bản thử nghiệm 2",
        updated_by=admin_user,
    )
    assert CalendarSetting.objects.count() == 1
    assert due_date_compute(code="denunciation_transfer", start=D(2026, 11, 19)) == D(2026, 11, 27)


def test_admin_sets_and_deletes_the_culture_day_setting(admin_client: Client) -> None:
    # when the administrator records through the admin that 24/11 is worked
    response = admin_client.post(
        reverse("admin:deadlines_calendarsetting_add"),
        {"key": "culture_day_off", "legal_basis": "Văn bản thử nghiệm", "note": ""},
    )  # an unchecked box is absent from the form data: enabled = False
    assert response.status_code == 302, response.content.decode()[:2000]
    assert due_date_compute(code="denunciation_transfer", start=D(2026, 11, 19)) == D(2026, 11, 26)
    # when the row is deleted, the default (day off) applies again
    setting = CalendarSetting.objects.get()
    admin_client.post(
        reverse("admin:deadlines_calendarsetting_delete", args=[setting.pk]), {"post": "yes"}
    )
    assert not CalendarSetting.objects.exists()
    assert due_date_compute(code="denunciation_transfer", start=D(2026, 11, 19)) == D(2026, 11, 27)


def test_service_update_and_delete_of_a_holiday_override(admin_user: User) -> None:
    row = services.holiday_override_create(
        date=D(2026, 9, 10),
        kind=HolidayOverride.Kind.DAY_OFF,
        name="Nghỉ",
        legal_basis="Văn bản A",
        created_by=admin_user,
    )
    assert due_date_compute(code="denunciation_transfer", start=D(2026, 9, 7)) == D(2026, 9, 15)
    services.holiday_override_update(
        override=row,
        date=D(2027, 9, 10),
        kind=HolidayOverride.Kind.DAY_OFF,
        name="Nghỉ",
        legal_basis="Văn bản A",
    )
    row.refresh_from_db()
    assert row.year == 2027
    assert due_date_compute(code="denunciation_transfer", start=D(2026, 9, 7)) == D(2026, 9, 14)
    services.holiday_override_delete(override=row)
    assert not HolidayOverride.objects.filter(pk=row.pk).exists()


def test_holiday_override_needs_a_legal_basis(admin_user: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.holiday_override_create(
            date=D(2026, 9, 10),
            kind=HolidayOverride.Kind.DAY_OFF,
            name="Nghỉ",
            legal_basis="   ",
            created_by=admin_user,
        )
    assert "legal_basis" in error.value.message_dict


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"rule_code": "nope"}, "rule_code"),
        ({"count": 10, "remote_area_count": 5}, "remote_area_count"),
        ({"effective_to": D(2025, 1, 1)}, "effective_to"),
        ({"legal_basis": " "}, "legal_basis"),
    ],
)
def test_rule_override_validation(admin_user: User, fields: dict[str, object], field: str) -> None:
    values: dict[str, object] = {
        "rule_code": "petition_process",
        "count": 12,
        "remote_area_count": None,
        "effective_from": D(2026, 1, 1),
        "effective_to": None,
        "legal_basis": "Văn bản",
        **fields,
    }
    with pytest.raises(ValidationError) as error:
        services.rule_override_create(created_by=admin_user, **values)  # type: ignore[arg-type]
    assert field in error.value.message_dict


def test_overlapping_rule_overrides_are_refused(admin_user: User) -> None:
    first = services.rule_override_create(
        rule_code="petition_process",
        count=12,
        effective_from=D(2026, 1, 1),
        effective_to=D(2026, 12, 31),
        legal_basis="Văn bản 1",
        created_by=admin_user,
    )
    with pytest.raises(ValidationError) as error:
        services.rule_override_create(
            rule_code="petition_process",
            count=15,
            effective_from=D(2026, 6, 1),
            legal_basis="Văn bản 2",
            created_by=admin_user,
        )
    assert "effective_from" in error.value.message_dict
    # a later, non-overlapping period is fine; then update and delete through services
    second = services.rule_override_create(
        rule_code="petition_process",
        count=15,
        effective_from=D(2027, 1, 1),
        legal_basis="Văn bản 2",
        created_by=admin_user,
    )
    services.rule_override_update(
        override=first,
        count=11,
        remote_area_count=None,
        effective_from=D(2026, 1, 1),
        effective_to=D(2026, 12, 31),
        legal_basis="Văn bản 1",
    )
    assert deadline_config().rule("petition_process", on=D(2026, 5, 1)).count == 11
    assert deadline_config().rule("petition_process", on=D(2027, 5, 1)).count == 15
    services.rule_override_delete(override=second)
    assert deadline_config().rule("petition_process", on=D(2027, 5, 1)).count == 10


def test_config_is_built_once_until_something_changes(
    django_assert_num_queries: object, admin_user: User
) -> None:
    # given a built configuration
    first = deadline_config()
    # when read again with the version still cached
    second = deadline_config()
    # then it is the same object (no rebuild)
    assert second is first
    # and a write elsewhere (e.g. a fixture loaded without services) still invalidates it
    HolidayOverride.objects.create(
        date=D(2026, 10, 5), kind="day_off", name="X", legal_basis="Y", year=2026
    )
    assert deadline_config() is not first


def test_expired_version_rebuilds_only_when_the_tables_changed() -> None:
    # given a built configuration whose version key then expires (TTL) with no change
    first = deadline_config()
    cache.delete(VERSION_KEY)
    # when read again, the fingerprint is recomputed and equals the old one
    again = deadline_config()
    # then nothing is rebuilt
    assert again is first
    # but another process's write (simulated: a row changed, local state kept) is seen
    # once the version expires, even without an invalidation reaching this process
    HolidayOverride.objects.filter(date=D(2026, 1, 2)).update(
        updated_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    )
    assert deadline_config() is first  # the version is still cached…
    cache.delete(VERSION_KEY)
    assert deadline_config() is not first  # …and after its expiry the change is seen
    assert config_module.VERSION_TTL <= 60


def test_rules_in_force_selector_applies_overrides(admin_user: User) -> None:
    services.rule_override_create(
        rule_code="petition_process",
        count=12,
        effective_from=D(2026, 1, 1),
        legal_basis="Văn bản",
        created_by=admin_user,
    )
    rules = {rule.code: rule for rule in rules_in_force(on=D(2026, 11, 26))}
    assert rules["petition_process"].count == 12
    assert rules["complaint_accept"].count == 7


def test_admin_changelists_and_change_forms(admin_client: Client, admin_user: User) -> None:
    # the changelist shows the weekday of each override
    changelist = admin_client.get(reverse("admin:deadlines_holidayoverride_changelist"))
    assert "Thứ 6" in changelist.content.decode()  # Fri 2/1/2026, in Django's Vietnamese
    # changing an override goes through the update service
    row = HolidayOverride.objects.get(date=D(2026, 1, 2))
    response = admin_client.post(
        reverse("admin:deadlines_holidayoverride_change", args=[row.pk]),
        {
            "date": "02/01/2026",
            "kind": "day_off",
            "name": "Nghỉ Tết Dương lịch",
            "legal_basis": row.legal_basis,
            "note": "Đã đối chiếu",
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.note == "Đã đối chiếu"
    # a rule override's code cannot be changed after creation; its count can
    override = services.rule_override_create(
        rule_code="petition_process",
        count=12,
        effective_from=D(2026, 1, 1),
        legal_basis="Văn bản",
        created_by=admin_user,
    )
    url = reverse("admin:deadlines_ruleoverride_change", args=[override.pk])
    assert 'name="rule_code"' not in admin_client.get(url).content.decode()
    response = admin_client.post(
        url,
        {"count": "14", "effective_from": "01/01/2026", "legal_basis": "Văn bản", "note": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    # 14 working days after Fri 6/2/2026: 9–13/2 (5), 23–27/2 (10), Mon 2 … Thu 5/3 (14)
    assert due_date_compute(code="petition_process", start=D(2026, 2, 6)) == D(2026, 3, 5)
    # bulk deletion of rule overrides goes through the service too
    response = admin_client.post(
        reverse("admin:deadlines_ruleoverride_changelist"),
        {"action": "delete_selected", "_selected_action": [override.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert due_date_compute(code="petition_process", start=D(2026, 2, 6)) == D(2026, 2, 27)


def test_calendar_corrections_are_audited_with_their_legal_basis(
    admin_client: Client, admin_user: User
) -> None:
    from danvan.audit.models import AuditEntry

    # when an administrator adds, changes and deletes a day off through the admin
    admin_client.post(
        reverse("admin:deadlines_holidayoverride_add"),
        {
            "date": "11/09/2026",
            "kind": "day_off",
            "name": "Nghỉ bù",
            "legal_basis": "Thông báo 98/TB-BNV",
            "note": "",
        },
    )
    row = HolidayOverride.objects.get(date=D(2026, 9, 11))
    admin_client.post(
        reverse("admin:deadlines_holidayoverride_change", args=[row.pk]),
        {
            "date": "11/09/2026",
            "kind": "day_off",
            "name": "Nghỉ bù (sửa)",
            "legal_basis": "Thông báo 98/TB-BNV",
            "note": "",
        },
    )
    admin_client.post(
        reverse("admin:deadlines_holidayoverride_delete", args=[row.pk]), {"post": "yes"}
    )
    # then each change is in the audit chain, by that administrator, with the legal basis
    entries = list(AuditEntry.objects.filter(verb__startswith="calendar.").order_by("seq"))
    assert [e.verb for e in entries] == [
        "calendar.override_create",
        "calendar.override_update",
        "calendar.override_delete",
    ]
    assert all(e.actor_id == admin_user.pk for e in entries)
    assert entries[0].data["legal_basis"] == "Thông báo 98/TB-BNV"
    assert entries[1].data["name"] == "Nghỉ bù (sửa)"
