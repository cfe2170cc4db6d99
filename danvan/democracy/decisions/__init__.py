"""The decision rules of "dân bàn, dân quyết" (Law 10/2022/QH15 Arts 15–23, Decree 59/2023
Arts 3–5), in plain Python: which forms are allowed, the Art 21 thresholds, the 10%
proposals and the recognition deadline. No models and no queries: the vote registers
count, this package decides."""

from danvan.democracy.decisions.errors import DecisionInputError
from danvan.democracy.decisions.forms_allowed import (
    FormsAllowed,
    forms_allowed,
    meeting_lacked_households,
    online_voting_agreed,
)
from danvan.democracy.decisions.matters import DecisionForm, Matter, Rule, Scope
from danvan.democracy.decisions.proposals import (
    ProposalCount,
    add_months,
    proposal_reaches_threshold,
    proposal_threshold,
    support_valid_until,
)
from danvan.democracy.decisions.recognition import RECOGNITION_RULE, recognition_due_date
from danvan.democracy.decisions.thresholds import (
    ClusterCount,
    CommuneResult,
    VillageResult,
    clusters_sum,
    commune_result,
    majority_threshold,
    two_thirds_threshold,
    village_result,
)

__all__ = [
    "RECOGNITION_RULE",
    "ClusterCount",
    "CommuneResult",
    "DecisionForm",
    "DecisionInputError",
    "FormsAllowed",
    "Matter",
    "ProposalCount",
    "Rule",
    "Scope",
    "VillageResult",
    "add_months",
    "clusters_sum",
    "commune_result",
    "forms_allowed",
    "majority_threshold",
    "meeting_lacked_households",
    "online_voting_agreed",
    "proposal_reaches_threshold",
    "proposal_threshold",
    "recognition_due_date",
    "support_valid_until",
    "two_thirds_threshold",
    "village_result",
]
