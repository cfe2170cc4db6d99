from django.urls import path

from danvan.democracy.views import hub as views

urlpatterns = [
    path("", views.hub_index, name="hub_index"),
    path("xa-phuong/", views.hub_public_index, name="hub_public_index"),
    path("xa-phuong/<int:pk>/", views.hub_public_commune, name="hub_public_commune"),
]
