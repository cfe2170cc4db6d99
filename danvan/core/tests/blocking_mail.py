"""Test-only mail settings for the killed-worker test: the first send hangs until killed.

The worker process runs with ``DJANGO_SETTINGS_MODULE=danvan.core.tests.blocking_mail``.
E-mails are written as files in ``DANVAN_TEST_MAIL_DIR``; the first attempt creates
``DANVAN_TEST_MAIL_HOLD`` (so the test knows the worker is inside the task) and then waits,
which is where the test kills the worker with SIGKILL.
"""

import os
import time
from collections.abc import Sequence
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileEmailBackend
from django.core.mail.message import EmailMessage

from config.settings.local import *  # noqa: F403

MAILERS = {
    "default": {
        "BACKEND": "danvan.core.tests.blocking_mail.EmailBackend",
        "OPTIONS": {"file_path": os.environ["DANVAN_TEST_MAIL_DIR"]},
    }
}


class EmailBackend(FileEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        hold = Path(os.environ["DANVAN_TEST_MAIL_HOLD"])
        if not hold.exists():
            hold.touch()
            time.sleep(300)  # the test kills the process here
        return super().send_messages(email_messages)
