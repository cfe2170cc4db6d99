from django.urls import path

from danvan.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/da-doc/", views.notification_mark_read_view, name="mark_read"),
    path("da-doc-tat-ca/", views.notification_mark_all_read_view, name="mark_all_read"),
    path("cai-dat/", views.notification_preferences, name="preferences"),
    path("gui-thu/", views.notification_send_test_view, name="send_test"),
]
