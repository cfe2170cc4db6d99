"""Who may do what with consultations (django-rules; docs/permissions.md has the table).

The target is the consultation (its ``unit`` is the drafting agency) or a Unit. Roles reach
their unit and every unit below it. Taking part (voting, commenting) needs only a signed-in,
active account: who may take part in which consultation (everyone, one household per vote
for commune matters, staff of the agency for internal drafts) is the consultation's own
audience rule, checked by the participation services, not a role.
"""

from danvan.units.predicates import add_perm, has_role_in_unit_or_ancestor, is_active_person

is_head = has_role_in_unit_or_ancestor("head")
is_handler = has_role_in_unit_or_ancestor("handler")
is_commission_staff = has_role_in_unit_or_ancestor("commission_staff")

# Create a consultation, import and revise its draft, open and close it, moderate statements
# and comments, read the tallies, the opinion map and the campaign groups, write dispositions.
add_perm(
    "consultations.manage_consultation",
    is_active_person & (is_head | is_handler | is_commission_staff),
)
# Approve and publish the synthesis-and-explanation report (bản tổng hợp, tiếp thu, giải trình).
add_perm("consultations.approve_report", is_active_person & is_head)
