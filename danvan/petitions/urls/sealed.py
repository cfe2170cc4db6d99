"""URLs of the sealed area: the denouncer's follow-up (public), requests to open an identity
(handlers, heads, custodians) and anonymous reports (handlers, heads)."""

from django.urls import URLPattern, URLResolver, path

from danvan.petitions.views import sealed as views

urlpatterns: list[URLPattern | URLResolver] = [
    # Public: the denouncer follows the case with the receipt code (POST only).
    path("to-cao/theo-doi/", views.follow_up, name="sealed_follow_up"),
    # Handlers and heads: ask to open the identity of a sealed case.
    path("bao-mat/<str:code>/yeu-cau-mo/", views.open_request, name="sealed_request"),
    path(
        "bao-mat/<str:code>/khong-xu-ly-to-cao/",
        views.treat_as_anonymous,
        name="sealed_treat_as_anonymous",
    ),
    # Custodians: the queue, the decision, the identity (after approval), a new code.
    path("bao-mat/yeu-cau/", views.custodian_queue, name="sealed_custodian_queue"),
    path("bao-mat/yeu-cau/<int:pk>/", views.request_decide, name="sealed_request_decide"),
    path("bao-mat/yeu-cau/<int:pk>/danh-tinh/", views.identity_view, name="sealed_identity"),
    path(
        "bao-mat/yeu-cau/<int:pk>/ma-theo-doi-moi/",
        views.receipt_reissue,
        name="sealed_receipt_reissue",
    ),
    # Handlers and heads: information with denunciation content (Art 25).
    path("tin-to-cao/", views.anonymous_list, name="sealed_anonymous_list"),
    path("tin-to-cao/<str:code>/", views.anonymous_detail, name="sealed_anonymous_detail"),
    path(
        "tin-to-cao/<str:code>/<slug:action>/",
        views.anonymous_action,
        name="sealed_anonymous_action",
    ),
]
