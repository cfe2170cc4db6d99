"""Who may read the audit log: system administrators only."""

from rules.permissions import add_perm
from rules.predicates import is_active, is_superuser

from danvan.audit.predicates import is_administrator

add_perm("audit.view_audit_log", is_active & (is_superuser | is_administrator))  # type: ignore[no-untyped-call]
