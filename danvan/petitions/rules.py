"""Who may do what with petition cases (django-rules; docs/permissions.md has the table).

Roles reach the case's handling unit and every unit below the one where they hold the role
(``has_role_in_unit_or_ancestor``). Staff of any other unit see nothing: access functions
turn a refusal into the same 404 as a missing case.
"""

from rules.permissions import has_perm as rule_allows

from danvan.units.predicates import add_perm, has_role_in_unit_or_ancestor, is_active_person

R = "reception_officer"
is_reception_officer = has_role_in_unit_or_ancestor(R)
is_handler = has_role_in_unit_or_ancestor("handler")
is_head = has_role_in_unit_or_ancestor("head")
is_custodian = has_role_in_unit_or_ancestor("custodian")

# Read the case file (redacted for denunciations) and its history.
add_perm("petitions.view_case", is_active_person & (is_reception_officer | is_handler | is_head))
# Record receptions and paper petitions on someone's behalf.
add_perm("petitions.receive_case", is_active_person & (is_reception_officer | is_handler))
# Classify, check conditions, split, merge, accept, forward, return, draft answers,
# suspend/resume, propose extensions.
add_perm("petitions.handle_case", is_active_person & (is_handler | is_head))
# Approve and sign answers and decisions, grant extensions.
add_perm("petitions.approve_case", is_active_person & is_head)
# Decide a request to open a sealed denouncer identity (Law on Denunciations Art 47).
add_perm("petitions.open_sealed_identity", is_active_person & is_custodian)
# Plan and record the heads' reception days of a unit (target: the Unit; Law TCD Art 24).
add_perm("petitions.manage_reception_schedule", is_active_person & (is_head | is_reception_officer))


def may_open_sealed_identity(user: object, case: object) -> bool:
    """The custodian rule itself, without Django's "a superuser has every permission".

    A denouncer's identity is opened only by a custodian of the case's unit (Law on
    Denunciations Art 47); a technical administrator's superuser flag must not open it.
    Every check on ``petitions.open_sealed_identity`` goes through here.
    """
    return bool(rule_allows("petitions.open_sealed_identity", user, case))  # type: ignore[no-untyped-call]
