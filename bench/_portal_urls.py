"""danvan's URLs plus the benchmark's peer: the API page the way a typical REST framework
pages it (``COUNT(*)`` for the total, then ``OFFSET``/``LIMIT``), on the same public rows
(``danvan.portal.records``: same filter, same columns, same order) as danvan's API."""

from typing import cast

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import URLPattern, URLResolver, path

from config.urls import urlpatterns as danvan_urlpatterns
from danvan.portal.records import dataset_get


def offset_page(request: HttpRequest, dataset: str) -> JsonResponse:
    """Page ``?offset=`` of ``dataset``'s public rows, ``?limit=`` a page, with the total."""
    found = dataset_get(dataset)
    if found is None:
        raise Http404
    offset = int(request.GET.get("offset", "0"))
    limit = int(request.GET.get("limit", "50"))
    queryset = found.queryset()
    total = queryset.count()
    page = queryset.values("pk", *found.values)[offset : offset + limit]
    return JsonResponse(
        {"count": total, "offset": offset, "results": [found.row(values) for values in page]},
        json_dumps_params={"ensure_ascii": False},
    )


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench-peer/offset/<slug:dataset>", offset_page),
    *cast(list[URLPattern | URLResolver], danvan_urlpatterns),
]
