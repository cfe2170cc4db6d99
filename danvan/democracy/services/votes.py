"""Writes on community decisions (Law 10/2022/QH15 Arts 15–23): the votes area owns this."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.democracy.decisions.matters import DecisionForm, Matter, Scope
from danvan.democracy.models.votes import CommunityDecision
from danvan.units.models import PATH_SEPARATOR, Unit, User


@transaction.atomic
def decision_create(
    *,
    actor: User,
    commune: Unit,
    village: Unit | None,
    matter: Matter | str,
    form: DecisionForm | str,
    title: str,
    content: str = "",
) -> CommunityDecision:
    """Prepare a matter for the community (a draft: nothing is sent to households yet).

    ``village`` None means the whole commune, which the law allows only for items 1 and 2
    (Art 21(1)(b)).
    """
    matter = Matter(matter)
    if village is None:
        if not matter.needs_two_thirds:
            raise ApplicationError(
                _(
                    "Only contributions and community funds (Article 15, items 1 and 2) are "
                    "decided by the whole commune; choose a village."
                )
            )
        scope = Scope.COMMUNE
    else:
        if village.kind != Unit.Kind.VILLAGE or not village.path.startswith(
            commune.path + PATH_SEPARATOR
        ):
            raise ApplicationError(_("Choose a village or residential group of this commune."))
        scope = Scope.VILLAGE
    decision = CommunityDecision(
        commune=commune,
        village=village,
        scope=scope,
        matter=matter,
        form=DecisionForm(form),
        title=" ".join(title.split()),
        content=content.strip(),
        created_by=actor,
    )
    decision.full_clean()
    decision.save()
    audit_record(
        actor=actor,
        verb="democracy_decision.create",
        target=decision,
        data={"matter": str(matter), "scope": str(scope), "form": str(decision.form)},
    )
    return decision
