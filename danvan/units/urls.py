from django.urls import path

from danvan.units import views

app_name = "units"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("vai-tro/", views.switch_role, name="switch_role"),
    path("ho-so/", views.profile, name="profile"),
    path("don-vi/<str:code>/", views.unit_detail, name="unit_detail"),
]
