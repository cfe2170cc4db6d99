import os
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from danvan.audit.tests.factories import RoleAssignmentFactory, UserFactory
from danvan.units.models import RoleAssignment, User

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@pytest.fixture
def officer(db: None) -> User:
    """An ordinary official: Nguyễn Văn An, petition handler."""
    return UserFactory.create(username="an.nv", full_name="Nguyễn Văn An")


@pytest.fixture
def administrator(db: None) -> User:
    """Trần Thị Bình, system administrator of a commune."""
    assignment = RoleAssignmentFactory.create(
        user=UserFactory.create(username="binh.tt", full_name="Trần Thị Bình"),
        role=RoleAssignment.Role.ADMINISTRATOR,
    )
    return assignment.user


@pytest.fixture
def tamper() -> Callable[..., None]:
    """Run raw SQL against the audit table the way an intruder with database rights would.

    On PostgreSQL the append-only trigger is switched off first (as a table owner can),
    so what is tested is the chain's detection, not the trigger.
    """

    def run(sql: str, params: Any = None) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Pending deferred foreign-key checks would block ALTER TABLE; run them now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(
                    "ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only"
                )
            cursor.execute(sql, params)
            if connection.vendor == "postgresql":
                cursor.execute(
                    "ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only"
                )

    return run
