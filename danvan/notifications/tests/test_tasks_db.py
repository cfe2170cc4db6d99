"""The e-mail task through the real database queue (django_tasks_db) and its worker."""

from collections.abc import Iterator

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from danvan.notifications.models import Notification
from danvan.notifications.services import notify
from danvan.notifications.tests.factories import UserFactory

DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "notifications"],
    }
}


@pytest.fixture
def database_queue() -> Iterator[None]:
    with override_settings(TASKS=DATABASE_TASKS):
        yield


@pytest.mark.usefixtures("database_queue")
@pytest.mark.django_db(transaction=True)  # the worker commits, as in production
def test_worker_sends_the_queued_email() -> None:
    # given a notification committed with its e-mail task queued
    an = UserFactory.create(full_name="Nguyễn Văn An", email="an.nv@xatanphu.gov.vn")
    (notification,) = notify(
        recipients=[an], kind="petition.accepted", title="Đơn đã được thụ lý", body=""
    )

    # then nothing is sent until a worker runs
    task = DBTaskResult.objects.get()
    assert (task.status, task.queue_name) == ("READY", "notifications")
    assert mail.outbox == []

    # when one worker processes the queue once
    call_command(
        "db_worker",
        "--batch",
        "--queue-name",
        "notifications",
        "--no-startup-delay",
        "--no-reload",
        "--worker-id",
        "test-worker",
        verbosity=0,
    )

    # then the e-mail was sent, the task succeeded and the notification knows it
    assert [m.to for m in mail.outbox] == [["an.nv@xatanphu.gov.vn"]]
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert task.return_value == "sent"
    assert Notification.objects.get(pk=notification.pk).emailed_at is not None


@pytest.mark.usefixtures("database_queue")
@pytest.mark.django_db(transaction=True)
def test_a_worker_on_the_default_queue_leaves_notification_email_alone() -> None:
    an = UserFactory.create(email="an.nv@xatanphu.gov.vn")
    notify(recipients=[an], kind="petition.accepted", title="Đơn đã được thụ lý", body="")

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert mail.outbox == []
    assert DBTaskResult.objects.get().status == "READY"
