"""URLs of the books of typical models ("sổ tay"), under the emulation namespace."""

from django.urls import path

from danvan.emulation.views import books as views

urlpatterns = [
    path("so-tay/", views.books_index, name="books_index"),
    path("so-tay/tao/", views.books_create, name="books_create"),
    path("so-tay/<int:pk>/", views.books_detail, name="books_detail"),
    path("so-tay/<int:pk>/sua/", views.books_edit, name="books_edit"),
    path("so-tay/<int:pk>/them/", views.books_entry_add, name="books_entry_add"),
    path(
        "so-tay/<int:pk>/muc/<int:entry_pk>/bo/",
        views.books_entry_remove,
        name="books_entry_remove",
    ),
    path(
        "so-tay/<int:pk>/muc/<int:entry_pk>/chuyen/",
        views.books_entry_move,
        name="books_entry_move",
    ),
    path(
        "so-tay/<int:pk>/muc/<int:entry_pk>/cau-chuyen/",
        views.books_entry_story,
        name="books_entry_story",
    ),
    path("so-tay/<int:pk>/bien-soan/", views.books_compile, name="books_compile"),
    path("so-tay/<int:pk>/tai/<str:fmt>/", views.books_download, name="books_download"),
]
