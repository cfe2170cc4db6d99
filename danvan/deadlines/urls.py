from django.urls import path

from danvan.deadlines import views

app_name = "deadlines"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("thoi-han/", views.rules, name="rules"),
]
