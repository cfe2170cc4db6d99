"""The ballot's fast lane: a WSGI layer in front of Django for the one request that comes by
the million (``services.ballots`` explains the design).

It takes a ballot POST (``consultations:participation_ballot``) only when everything about it
is in order: a ballot token issued for the session cookie that comes with it, a consultation
open to everyone right now, answers that are "agree" or "disagree" on articles of the current
draft. It then hands the ballot to the process's group-commit writer, waits until it is
committed and answers with the same redirect as the Django view, carrying a signed receipt
that makes the next page say "your answers on N articles were recorded".

Anything else (no or an old token, a closed consultation, a wrong answer, a logout a moment
ago, the database away) goes to Django untouched, body included, and the ordinary view gives
its usual answer, message and kept input. So this layer may only ever make a correct ballot
faster; it never decides a refusal.
"""

from __future__ import annotations

import io
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from django.conf import settings
from django.db import connection
from django.http.cookie import parse_cookie
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from danvan.consultations.forms.participation import VOTE_FIELD_PREFIX
from danvan.consultations.models import Consultation
from danvan.consultations.selectors.participation import articles_of, consultation_by_slug
from danvan.consultations.services.ballots import (
    Ballot,
    BallotWriter,
    Outcome,
    ballot_receipt_issue,
    ballot_token_read,
    group_commit_available,
    writer,
)
from danvan.consultations.services.participation import CHOICES, VOTE_BATCH_MAX

logger = logging.getLogger(__name__)

TOKEN_FIELD = "ballot-token"  # noqa: S105 (a form field name)
RECEIPT_PARAMETER = "ghi-nhan"
# Larger bodies are not ballots anyone fills in: Django answers them.
BODY_MAX = 64 * 1024
# How long a consultation's state is trusted before it is read again. Only for choosing the
# fast lane: the writer re-reads it inside the transaction that writes.
SNAPSHOT_SECONDS = 1.0

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


@dataclass(frozen=True)
class _Snapshot:
    consultation: Consultation | None
    version_id: int | None
    anchors: frozenset[str]
    read_at: float


class BallotFastPath:
    """WSGI middleware: ``application = BallotFastPath(get_wsgi_application())``."""

    def __init__(self, app: WSGIApp, *, ballot_writer: BallotWriter = writer) -> None:
        self.app = app
        self.writer = ballot_writer
        self._pattern: re.Pattern[str] | None = None
        self._snapshots: dict[str, _Snapshot] = {}
        self._lock = threading.Lock()

    # -------------------------------------------------------------- WSGI

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            return self.app(environ, start_response)
        match = self.pattern.match(environ.get("PATH_INFO", ""))
        if match is None or not group_commit_available():
            return self.app(environ, start_response)
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return self.app(environ, start_response)
        if not 0 < length <= BODY_MAX:
            return self.app(environ, start_response)
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        try:
            location = self._take(environ, match["slug"], body)
        except Exception:
            logger.exception("ballot fast lane failed; the Django view answers")
            connection.close()
            location = None
        if location is None:
            return self.app(environ, start_response)
        headers = [
            ("Location", location),
            ("Content-Length", "0"),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
        ]
        if settings.SECURE_REFERRER_POLICY:
            headers.append(("Referrer-Policy", str(settings.SECURE_REFERRER_POLICY)))
        if settings.SECURE_HSTS_SECONDS and environ.get("wsgi.url_scheme") == "https":
            headers.append(("Strict-Transport-Security", f"max-age={settings.SECURE_HSTS_SECONDS}"))
        start_response("302 Found", headers)
        return [b""]

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            marker = "ballot-slug-marker"
            path = reverse("consultations:participation_ballot", args=[marker])
            prefix, suffix = (re.escape(part) for part in path.split(marker))
            self._pattern = re.compile(f"^{prefix}(?P<slug>[-a-zA-Z0-9_]+){suffix}$")
        return self._pattern

    # -------------------------------------------------------------- the ballot

    def _take(self, environ: dict[str, Any], slug: str, body: bytes) -> str | None:
        """Write the ballot and return where to send the browser, or None for Django."""
        if not environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
            return None
        try:
            fields = parse_qsl(
                body.decode(), keep_blank_values=True, max_num_fields=VOTE_BATCH_MAX + 8
            )
        except (UnicodeDecodeError, ValueError):
            return None
        session_key = parse_cookie(environ.get("HTTP_COOKIE", "")).get(
            settings.SESSION_COOKIE_NAME, ""
        )
        posted = dict(fields)
        token = ballot_token_read(posted.get(TOKEN_FIELD, ""), session_key=session_key)
        if token is None:
            return None
        snapshot = self._snapshot(slug)
        consultation = snapshot.consultation
        if (
            consultation is None
            or snapshot.version_id is None
            or consultation.pk != token.consultation_id
            or consultation.audience != Consultation.Audience.EVERYONE
            or not consultation.is_open_at(timezone.now())
        ):
            return None
        choices = {
            key.removeprefix(VOTE_FIELD_PREFIX): value
            for key, value in fields
            if key.startswith(VOTE_FIELD_PREFIX) and value
        }
        if (
            not choices
            or len(choices) > VOTE_BATCH_MAX
            or not CHOICES.issuperset(choices.values())
            or not snapshot.anchors.issuperset(choices)
        ):
            return None
        outcome = self.writer.write(
            Ballot(
                consultation_id=consultation.pk,
                version_id=snapshot.version_id,
                participant_id=token.participant_id,
                session_key=session_key,
                auth_digest=token.auth_digest,
                choices=choices,
            )
        )
        if outcome is not Outcome.WRITTEN:
            return None
        target = posted.get("next", "")
        if not target.startswith("/") or not url_has_allowed_host_and_scheme(
            target, allowed_hosts=set()
        ):
            target = reverse("consultations:drafts_read", args=[slug])
        target = target.split("#", 1)[0]
        receipt = ballot_receipt_issue(participant_id=token.participant_id, count=len(choices))
        separator = "&" if "?" in target else "?"
        return f"{target}{separator}{RECEIPT_PARAMETER}={receipt}"

    def _snapshot(self, slug: str) -> _Snapshot:
        now = time.monotonic()
        snapshot = self._snapshots.get(slug)
        if snapshot is not None and now - snapshot.read_at < SNAPSHOT_SECONDS:
            return snapshot
        consultation = consultation_by_slug(slug)
        version_id = None
        anchors: frozenset[str] = frozenset()
        if consultation is not None:
            version_id = getattr(consultation, "current_version_id", None)
            if snapshot is not None and snapshot.version_id == version_id:
                anchors = snapshot.anchors
            elif version_id is not None:
                anchors = frozenset(
                    articles_of(version_id=version_id).values_list("anchor", flat=True)
                )
        snapshot = _Snapshot(consultation, version_id, anchors, now)
        with self._lock:
            if len(self._snapshots) > 1000:  # many slugs probed: forget them all
                self._snapshots.clear()
            self._snapshots[slug] = snapshot
        return snapshot
