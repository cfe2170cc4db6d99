from django.contrib.auth import views as auth_views
from django.urls import path

from danvan.units import views

app_name = "units"

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(template_name="units/login.html"), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("vai-tro/", views.switch_role, name="switch_role"),
]
