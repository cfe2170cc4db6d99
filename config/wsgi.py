"""WSGI entry point (``granian --interface wsgi config.wsgi:application``).

The ballot's fast lane (``danvan.consultations.fastpath``) sits in front of Django: it
writes well-formed ballots by group commit and hands every other request to Django as is.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

django_application = get_wsgi_application()

from danvan.consultations.fastpath import BallotFastPath  # noqa: E402 (needs Django set up)

application = BallotFastPath(django_application)
