"""The audit log in the Django admin can be browsed but not changed."""

import pytest
from django.test import Client
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.audit.services import audit_record
from danvan.audit.tests.factories import UserFactory
from danvan.units.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(db: None) -> Client:
    client = Client()
    client.force_login(UserFactory.create(username="root", is_superuser=True, is_staff=True))
    return client


def test_changelist_and_detail_are_viewable(superuser_client: Client, officer: User) -> None:
    entry = audit_record(actor=officer, verb="unit.update", data={"code": "xa-1"})

    changelist = superuser_client.get(reverse("admin:audit_auditentry_changelist"))
    detail = superuser_client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))

    assert changelist.status_code == 200
    assert "unit.update" in changelist.text
    assert detail.status_code == 200
    assert entry.entry_hash in detail.text
    assert 'name="_save"' not in detail.text


def test_add_change_and_delete_are_refused(superuser_client: Client, officer: User) -> None:
    entry = audit_record(actor=officer, verb="unit.update")

    add = superuser_client.get(reverse("admin:audit_auditentry_add"))
    change = superuser_client.post(
        reverse("admin:audit_auditentry_change", args=[entry.pk]), {"verb": "unit.delete"}
    )
    delete = superuser_client.post(
        reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}
    )

    assert add.status_code == 403
    assert change.status_code == 403
    assert delete.status_code == 403
    assert AuditEntry.objects.get().verb == "unit.update"
