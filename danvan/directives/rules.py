"""Who may do what with directives (django-rules; docs/permissions.md has the table).

Targets are Units or objects with a ``unit`` attribute (a directive's managing unit, a
report's unit, a delegation's organising unit). Roles reach their unit and every unit below.

- ``directives.manage``: commission staff and heads of the managing unit or a unit above
  it — register documents, split directives into tasks, ask for reports and review them,
  send urging letters, run delegations.
- ``directives.act_for_unit``: anyone holding a staff role in the unit itself (not above,
  not below) — update its own task assignments, fill and submit its own reports, report
  on recommendations made to it. A unit sees only its own tasks and reports.
- ``directives.read_register``: any active staff member (documents are public instruments).
"""

from danvan.units.models import RoleAssignment
from danvan.units.predicates import (
    add_perm,
    has_role_anywhere,
    has_role_in_unit_or_ancestor,
    is_active_person,
    is_role_in_unit,
)

Role = RoleAssignment.Role
STAFF_ROLES = (
    Role.HEAD,
    Role.HANDLER,
    Role.COMMISSION_STAFF,
    Role.RECEPTION_OFFICER,
    Role.CUSTODIAN,
    Role.ADMINISTRATOR,
)

is_manager = has_role_in_unit_or_ancestor(Role.COMMISSION_STAFF) | has_role_in_unit_or_ancestor(
    Role.HEAD
)
is_unit_staff = (
    is_role_in_unit(Role.HEAD)
    | is_role_in_unit(Role.HANDLER)
    | is_role_in_unit(Role.COMMISSION_STAFF)
    | is_role_in_unit(Role.RECEPTION_OFFICER)
)
is_staff_anywhere = (
    has_role_anywhere(Role.HEAD)
    | has_role_anywhere(Role.HANDLER)
    | (has_role_anywhere(Role.COMMISSION_STAFF))
    | has_role_anywhere(Role.RECEPTION_OFFICER)
    | has_role_anywhere(Role.ADMINISTRATOR)
)

add_perm("directives.manage", is_active_person & is_manager)
add_perm("directives.act_for_unit", is_active_person & is_unit_staff)
add_perm("directives.read_register", is_active_person & is_staff_anywhere)
