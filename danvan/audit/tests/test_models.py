"""Small behaviours of the audit models and predicates."""

import pytest
from django.contrib.auth.models import AnonymousUser

from danvan.audit.models import AuditChainHead
from danvan.audit.predicates import is_administrator
from danvan.audit.services import audit_record
from danvan.units.models import User

pytestmark = pytest.mark.django_db


def test_entry_and_head_describe_themselves(officer: User) -> None:
    entry = audit_record(actor=officer, verb="unit.update", data={"tên": "Xã Tân Phú"})

    assert str(entry) == "#1 unit.update"
    assert str(AuditChainHead.objects.get()) == f"#1 {entry.entry_hash[:12]}"
    assert entry.data_display == '{"tên": "Xã Tân Phú"}'


def test_entry_without_details_displays_nothing(officer: User) -> None:
    assert audit_record(actor=officer, verb="unit.update").data_display == ""


def test_visitors_are_never_administrators() -> None:
    assert is_administrator(AnonymousUser()) is False


def test_an_official_without_the_role_is_not_an_administrator(officer: User) -> None:
    assert is_administrator(officer) is False


def test_administrator_role_holder_is_an_administrator(administrator: User) -> None:
    assert is_administrator(administrator) is True
