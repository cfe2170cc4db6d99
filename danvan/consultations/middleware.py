"""Say "your answers were recorded" after a ballot written by the fast lane.

The fast lane (``danvan.consultations.fastpath``) answers before Django's session and
message machinery run, so it cannot leave a message; it adds a signed receipt to the
redirect instead, and this middleware turns a valid receipt of the signed-in participant
into the same message the Django view gives. It looks at nothing else.
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext

from danvan.consultations.fastpath import RECEIPT_PARAMETER
from danvan.consultations.services.ballots import ballot_receipt_read


class BallotReceiptMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.marker = f"{RECEIPT_PARAMETER}="

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET" and self.marker in request.META.get("QUERY_STRING", ""):
            user = request.user
            count = ballot_receipt_read(
                request.GET.get(RECEIPT_PARAMETER, ""),
                participant_id=user.pk if user.is_authenticated else None,
            )
            if count:
                messages.success(
                    request,
                    gettext("Your answers on %(count)s articles were recorded.") % {"count": count},
                )
        return self.get_response(request)
