"""Who may do what with units and roles (django-rules, loaded by AutodiscoverRulesConfig).

The table in docs/permissions.md lists the same rules role by role; tests/test_rules.py
checks every cell of it.
"""

from danvan.units.predicates import (
    add_perm,
    has_any_role_in_unit_or_ancestor,
    is_active_person,
    is_administrator,
    is_head_of_unit,
)

# See a unit's page: people working in it or above it, and administrators.
add_perm("units.view_unit", is_active_person & has_any_role_in_unit_or_ancestor)
# Rename a unit, mark it remote, deactivate it; add a sub-unit; move it elsewhere.
add_perm("units.change_unit", is_active_person & is_administrator)
add_perm("units.add_child_unit", is_active_person & is_administrator)
add_perm("units.move_unit", is_active_person & is_administrator)
# See who holds which role in a unit, give and end ordinary roles.
add_perm("units.view_unit_people", is_active_person & (is_administrator | is_head_of_unit))
add_perm("units.assign_role", is_active_person & (is_administrator | is_head_of_unit))
# Administrator and custodian roles open the whole system or sealed identities.
add_perm("units.assign_privileged_role", is_active_person & is_administrator)
