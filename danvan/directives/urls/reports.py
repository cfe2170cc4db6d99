"""URLs of the reports area (names prefixed "reports_"), under /chi-dao/bao-cao/."""

from django.urls import URLPattern, path

from danvan.directives.views import reports as views

urlpatterns: list[URLPattern] = [
    # the unit's side
    path("bao-cao/", views.reports_inbox, name="reports_inbox"),
    path("bao-cao/cua-don-vi/<int:pk>/", views.reports_fill, name="reports_fill"),
    path("bao-cao/cua-don-vi/<int:pk>/dem-lai/", views.reports_recount, name="reports_recount"),
    # templates
    path("bao-cao/mau/", views.reports_templates, name="reports_templates"),
    path("bao-cao/mau/tao-moi/", views.reports_template_create, name="reports_template_create"),
    path("bao-cao/mau/mac-dinh/", views.reports_template_default, name="reports_template_default"),
    path("bao-cao/mau/<int:pk>/", views.reports_template_detail, name="reports_template_detail"),
    path("bao-cao/mau/<int:pk>/sua/", views.reports_template_edit, name="reports_template_edit"),
    path(
        "bao-cao/mau/<int:pk>/sao-chep/", views.reports_template_copy, name="reports_template_copy"
    ),
    path("bao-cao/mau/<int:pk>/phan/them/", views.reports_section_add, name="reports_section_add"),
    path(
        "bao-cao/mau/<int:pk>/phan/<int:section_pk>/sua/",
        views.reports_section_edit,
        name="reports_section_edit",
    ),
    path(
        "bao-cao/mau/<int:pk>/phan/<int:section_pk>/xoa/",
        views.reports_section_delete,
        name="reports_section_delete",
    ),
    path(
        "bao-cao/mau/<int:pk>/phan/<int:section_pk>/di-chuyen/",
        views.reports_section_move,
        name="reports_section_move",
    ),
    path(
        "bao-cao/mau/<int:pk>/chi-tieu/them/",
        views.reports_indicator_add,
        name="reports_indicator_add",
    ),
    path(
        "bao-cao/mau/<int:pk>/chi-tieu/<int:indicator_pk>/sua/",
        views.reports_indicator_edit,
        name="reports_indicator_edit",
    ),
    path(
        "bao-cao/mau/<int:pk>/chi-tieu/<int:indicator_pk>/xoa/",
        views.reports_indicator_delete,
        name="reports_indicator_delete",
    ),
    path(
        "bao-cao/mau/<int:pk>/chi-tieu/<int:indicator_pk>/di-chuyen/",
        views.reports_indicator_move,
        name="reports_indicator_move",
    ),
    # rounds, review, synthesis
    path("bao-cao/dot/", views.reports_rounds, name="reports_rounds"),
    path("bao-cao/dot/tao-moi/", views.reports_round_create, name="reports_round_create"),
    path("bao-cao/dot/<int:pk>/", views.reports_round_detail, name="reports_round_detail"),
    path("bao-cao/dot/<int:pk>/dong/", views.reports_round_close, name="reports_round_close"),
    path("bao-cao/xem/<int:pk>/", views.reports_review, name="reports_review"),
    path("bao-cao/xem/<int:pk>/tra-lai/", views.reports_return, name="reports_return"),
    path("bao-cao/xem/<int:pk>/chap-nhan/", views.reports_accept, name="reports_accept"),
    path("bao-cao/dot/<int:pk>/tong-hop/", views.reports_synthesis, name="reports_synthesis"),
    path(
        "bao-cao/dot/<int:pk>/tong-hop/du-thao.<str:fmt>",
        views.reports_synthesis_draft,
        name="reports_synthesis_draft",
    ),
    path(
        "bao-cao/dot/<int:pk>/tong-hop/ban-hanh/",
        views.reports_synthesis_issue,
        name="reports_synthesis_issue",
    ),
    path(
        "bao-cao/dot/<int:pk>/tong-hop/van-ban.<str:fmt>",
        views.reports_synthesis_file,
        name="reports_synthesis_file",
    ),
]
