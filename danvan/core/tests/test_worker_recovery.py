"""A killed task worker loses nothing and repeats nothing.

``django_tasks_db`` leaves a task RUNNING for ever when its worker dies mid-task;
``manage.py worker`` puts such tasks back in the queue when it starts, and task bodies
send each e-mail once by the delivery key given when the task was queued.
"""

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from config.env import BASE_DIR
from danvan.core.tasks_recovery import tasks_orphaned_requeue
from danvan.notifications.models import EmailDelivery
from danvan.notifications.tests.test_multiprocess import (
    ON_POSTGRES,
    Processes,
    _wait_for,
    database,  # noqa: F401 - a fixture
)
from danvan.petitions.models import Case
from danvan.petitions.services.cases import Petitioner, case_receive
from danvan.petitions.services.handling import petitioner_notify
from danvan.units.models import Unit

DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "notifications"],
    }
}
ADDRESS = "nguyen.thi.hoa@example.com"
EMAIL_TASK = "danvan.petitions.tasks.send_petitioner_email"


def _worker(*args: str) -> None:
    call_command(
        "worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--no-reload",
        *args, verbosity=0,
    )  # fmt: skip


def _petition() -> Case:
    unit = Unit.objects.create(
        code="VN-12205-ubnd", name="Ủy ban nhân dân xã Khoái Châu", kind=Unit.Kind.PEOPLES_COMMITTEE
    )
    case, _ = case_receive(
        kind=Case.Kind.PETITION,
        channel=Case.Channel.POST,
        subject="Đèn đường thôn Đông Tảo hỏng",
        content="Ba cột đèn đầu thôn Đông Tảo không sáng từ đầu tháng.",
        receiving_unit=unit,
        petitioner=Petitioner(name="Nguyễn Thị Hoa", address="Thôn Đông Tảo", email=ADDRESS),
    )
    return case


def _claimed_by(worker_id: str, *, started: dt.datetime) -> "DBTaskResult[..., Any]":
    """Put the e-mail task in the state a worker killed mid-task leaves it in."""
    task = DBTaskResult.objects.get(task_path=EMAIL_TASK)
    task.claim(worker_id)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=started)
    return task


@override_settings(TASKS=DATABASE_TASKS)
@pytest.mark.django_db(transaction=True)
def test_a_restarted_worker_finishes_what_it_was_killed_in() -> None:
    # given a petitioner e-mail queued and claimed by worker-1, which then died
    with override_settings(TASKS=DATABASE_TASKS):
        petitioner_notify(case=_petition(), message="split")
    task = _claimed_by("worker-1", started=timezone.now())
    # when a plain db_worker runs, the task is not picked up: it looks RUNNING
    call_command(
        "db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--no-reload",
        verbosity=0,
    )  # fmt: skip
    assert DBTaskResult.objects.get(pk=task.pk).status == "RUNNING"
    assert mail.outbox == []
    # when worker-1 starts again
    _worker("--worker-id", "worker-1")
    # then the task ran once: one e-mail, with a stable Message-ID, and the delivery kept
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert task.return_value == "sent"
    assert [m.to for m in mail.outbox] == [[ADDRESS]]
    key = task.args_kwargs["kwargs"]["key"]
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<{key}@")
    assert EmailDelivery.objects.filter(key=key).exists()


@override_settings(TASKS=DATABASE_TASKS)
@pytest.mark.django_db(transaction=True)
def test_a_task_run_twice_sends_its_email_once() -> None:
    # given a petitioner e-mail that was sent, then its task put back (as after a crash
    # between the hand-over to the mail server and the recording of the result)
    petitioner_notify(case=_petition(), message="split")
    _worker()
    task = DBTaskResult.objects.get(task_path=EMAIL_TASK)
    DBTaskResult.objects.filter(pk=task.pk).update(status="READY", finished_at=None)
    # when a worker runs it again
    _worker()
    # then nothing more was sent
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert task.return_value == "already_sent"
    assert len(mail.outbox) == 1


@override_settings(TASKS=DATABASE_TASKS)
@pytest.mark.django_db(transaction=True)
def test_other_workers_tasks_are_taken_back_only_when_stale() -> None:
    # given a task claimed by worker-2 at 08:00
    petitioner_notify(case=_petition(), message="split")
    with time_machine.travel(dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC), tick=False):
        task = _claimed_by("worker-2", started=timezone.now())
        # when another worker starts at 08:30 with the default one hour: it stays
        with time_machine.travel(dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC), tick=False):
            assert tasks_orphaned_requeue(backend_name="default", worker_id="worker-3") == 0
            assert (
                tasks_orphaned_requeue(backend_name="default", stale_after=dt.timedelta(hours=1))
                == 0
            )
        # then at 09:01 it is taken to be dead and its task goes back in the queue
        with time_machine.travel(dt.datetime(2026, 12, 1, 9, 1, tzinfo=dt.UTC), tick=False):
            assert (
                tasks_orphaned_requeue(backend_name="default", stale_after=dt.timedelta(hours=1))
                == 1
            )
    task.refresh_from_db()
    assert (task.status, task.started_at, task.worker_ids) == ("READY", None, ["worker-2"])


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="needs DATABASE_URL pointing at PostgreSQL")
def test_kill_9_in_the_middle_of_an_email_loses_and_repeats_nothing(
    database: str,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    # given a migrated database with one petitioner e-mail queued, and a worker whose
    # mail server hangs on the first e-mail
    mail_dir, hold = tmp_path / "mail", tmp_path / "hold"
    logs = tmp_path / "logs"
    logs.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "danvan.core.tests.blocking_mail",
        "DATABASE_URL": database,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DANVAN_TEST_MAIL_DIR": str(mail_dir),
        "DANVAN_TEST_MAIL_HOLD": str(hold),
        "PYTHONUNBUFFERED": "1",
    }
    processes = Processes(env, logs)
    queue_one = (
        "from danvan.core.tests.test_worker_recovery import _petition; "
        "from danvan.petitions.services.handling import petitioner_notify; "
        "from django.db import transaction\n"
        "with transaction.atomic(): petitioner_notify(case=_petition(), message='split')"
    )
    worker_args = (
        "manage.py", "worker", "--queue-name", "*", "--worker-id", "worker-1",
        "--interval", "0.2", "--no-startup-delay", "--no-reload",
    )  # fmt: skip
    try:
        processes.run("manage.py", "migrate", "--noinput", timeout=300)
        processes.run("manage.py", "shell", "-c", queue_one, timeout=120)
        worker = processes.start("worker-first", *worker_args)
        _wait_for(hold.exists, timeout=60, what="the worker to start sending the e-mail")
        # when the worker is killed with SIGKILL in the middle of sending
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        assert not mail_dir.exists() or not any(mail_dir.iterdir())
        status = _task_status(env)
        assert status == "RUNNING"
        # and started again under its id, until the queue is empty
        processes.run(*worker_args, "--batch", timeout=120)
        # then the e-mail went out exactly once and the task is done
        assert _task_status(env) == "SUCCESSFUL"
        sent = list(mail_dir.iterdir())
        assert len(sent) == 1
        assert ADDRESS in sent[0].read_text()
        # and a further run finds nothing to do
        processes.run(*worker_args, "--batch", timeout=120)
        assert len(list(mail_dir.iterdir())) == 1
    except BaseException:
        processes.stop_all()
        print(processes.output())  # noqa: T201 - shown by pytest only when the test fails
        raise
    finally:
        processes.stop_all()


def _task_status(env: dict[str, str]) -> str:
    script = (
        "from django_tasks_db.models import DBTaskResult; "
        f"print(DBTaskResult.objects.get(task_path={EMAIL_TASK!r}).status)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]
