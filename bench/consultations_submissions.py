"""Benchmark: consultation submissions through the real HTTP stack, against the database alone.

Usage (from the repository root; DATABASE_URL names a PostgreSQL server and a role that may
create databases; the benchmark makes its own database next to it and drops it at the end):

    DATABASE_URL=postgres://danvan:danvan@127.0.0.1:5432/danvan \\
        .venv/bin/python bench/consultations_submissions.py                  # 20,000 submissions
    ... bench/consultations_submissions.py --submissions 100000 --concurrency 32 --json

A submission is one participant sending their answers on 8 articles at once: the "send all
my answers" form of the ballot page (``consultations:participation_ballot``, POST), which is
also what the VNeID flow sends. Every submission is a different participant (a retried one
would change nothing, so it would measure nothing). Two articles (Điều 1, Điều 2) are in
every submission, the six others are drawn from six bands of the remaining 118: the worst
case for the tally rows, which every submission touches.

What it does, in order:

1. creates ``danvan_bench_consult_<pid>``, migrates it (and creates the tables of any
   consultations model that has no migration yet);
2. makes a drafting agency, three open consultations with the same 120-article draft (one
   for the HTTP run, one for each ceiling), and the participants (one per submission);
3. signs every participant in, in bulk: rows written with COPY into ``django_session``, each
   encoded by Django's own ``SessionStore`` — the project's session engine. Every request
   carries what the ballot page gives that participant: a CSRF cookie and token and the
   ballot token bound to their session (``services.ballots``); the fast lane checks the
   session, the account and the consultation in the group's own statement;
4. starts granian as in production (``config.wsgi``: the ballot's fast lane in front of
   Django; ``--workers`` processes x ``--threads`` threads, ``--writers`` ballot writers),
   warms it up, measures a signed-in GET /healthz through Django (the floor of the ordinary
   path), then sends the submissions with a small C load generator compiled here (epoll,
   one new connection per request, the worst case; ``hey`` cannot send a different
   participant in each request). Reports submissions per second, p50/p99;
5. sends the first 1,000 submissions again (retries): no vote and no tally may change;
6. checks the tallies: per article, the tally rows add up to the vote rows;
7. the ceiling, same run, same machine: (a) ``pgbench`` running, per submission, the very
   two statements the vote service runs (the votes' ``INSERT … ON CONFLICT … RETURNING``
   and the tally upsert) in one transaction, from ``--concurrency`` clients, prepared
   statements — the database alone, no HTTP, no Django; (b) the same vote rows loaded with
   one COPY (a bulk load, no per-submission transaction: an upper bound nobody serving
   participants one by one can reach);
8. stops the server and drops the database, also on Ctrl-C or an error.

Targets (issue 4): ≥ 2,000 submissions/s through HTTP on 2 cores, and ≥ 50% of the ceiling.
The figures are what this machine measured; the load generator, granian and PostgreSQL
share its cores (the table says how many).
"""

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

ARTICLES = 120
VOTES_PER_SUBMISSION = 8
HOT_ARTICLES = 2
TARGET_PER_SECOND = 2000.0
TARGET_SHARE = 0.5
RETRIES = 1000

LOADGEN_C = r"""
/* One request per connection (the worst case for the server). Reads
   length-prefixed requests, keeps CONCURRENCY connections busy with epoll, writes
   "elapsed" then one "latency_ms status" line per request. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct { int fd; long req; size_t sent; double start; char head[16]; int headlen; } conn_t;

static double now(void) {
  struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 6) { fprintf(stderr, "usage: loadgen HOST PORT CONCURRENCY FILE OUT\n"); return 2; }
  int port = atoi(argv[2]), conc = atoi(argv[3]);
  FILE *f = fopen(argv[4], "rb"); if (!f) { perror("requests"); return 2; }
  fseek(f, 0, SEEK_END); long size = ftell(f); fseek(f, 0, SEEK_SET);
  char *data = malloc(size);
  if (fread(data, 1, size, f) != (size_t)size) { perror("read"); return 2; }
  fclose(f);
  long n = 0;
  for (long off = 0; off < size; n++) {
    unsigned int len; memcpy(&len, data + off, 4); off += 4 + len;
  }
  char **reqs = malloc(n * sizeof(char *)); unsigned int *lens = malloc(n * sizeof(unsigned int));
  long i = 0;
  for (long off = 0; off < size; i++) {
    memcpy(&lens[i], data + off, 4); reqs[i] = data + off + 4; off += 4 + lens[i];
  }
  double *lat = calloc(n, sizeof(double)); int *codes = calloc(n, sizeof(int));
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET; addr.sin_port = htons(port);
  inet_pton(AF_INET, argv[1], &addr.sin_addr);
  int ep = epoll_create1(0);
  conn_t *conns = calloc(conc, sizeof(conn_t));
  long next = 0, done = 0; char buf[65536];
  for (int c = 0; c < conc; c++) conns[c].fd = -1;
  double begin = now();
  while (done < n) {
    for (int c = 0; c < conc && next < n; c++) {
      if (conns[c].fd != -1) continue;
      int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      conns[c] = (conn_t){ .fd = fd, .req = next++, .start = now() };
      if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0 && errno != EINPROGRESS) {
        lat[conns[c].req] = now() - conns[c].start; close(fd); conns[c].fd = -1; done++; continue;
      }
      struct epoll_event ev = { .events = EPOLLOUT | EPOLLIN | EPOLLRDHUP, .data.u32 = c };
      epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }
    if (done >= n) break;
    struct epoll_event evs[256];
    int k = epoll_wait(ep, evs, 256, 60000);
    if (k <= 0) { fprintf(stderr, "no answer for 60 s\n"); return 3; }
    for (int e = 0; e < k; e++) {
      conn_t *cn = &conns[evs[e].data.u32];
      if (cn->fd == -1) continue;
      int finished = 0;
      if ((evs[e].events & EPOLLOUT) && cn->sent < lens[cn->req]) {
        ssize_t w = write(cn->fd, reqs[cn->req] + cn->sent, lens[cn->req] - cn->sent);
        if (w > 0) cn->sent += w; else if (w < 0 && errno != EAGAIN) finished = 1;
        if (cn->sent >= lens[cn->req]) {
          struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP, .data.u32 = evs[e].data.u32 };
          epoll_ctl(ep, EPOLL_CTL_MOD, cn->fd, &ev);
        }
      }
      if (!finished && (evs[e].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))) {
        for (;;) {
          ssize_t r = read(cn->fd, buf, sizeof buf);
          if (r > 0) {
            if (cn->headlen < 12) {
              int m = r < 12 - cn->headlen ? (int)r : 12 - cn->headlen;
              memcpy(cn->head + cn->headlen, buf, m); cn->headlen += m;
            }
            continue;
          }
          if (r == 0 || errno != EAGAIN) finished = 1;
          break;
        }
      }
      if (finished) {
        codes[cn->req] = cn->headlen >= 12 ? atoi(cn->head + 9) : 0;
        lat[cn->req] = now() - cn->start;
        epoll_ctl(ep, EPOLL_CTL_DEL, cn->fd, NULL); close(cn->fd); cn->fd = -1; done++;
      }
    }
  }
  double elapsed = now() - begin;
  FILE *out = fopen(argv[5], "w");
  fprintf(out, "%f\n", elapsed);
  for (long j = 0; j < n; j++) fprintf(out, "%.3f %d\n", lat[j] * 1000.0, codes[j]);
  fclose(out);
  return 0;
}
"""


def log(message: str) -> None:
    print(
        f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", file=sys.stderr, flush=True
    )


def database_url(base: str, name: str) -> str:
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def bands() -> list[tuple[int, int]]:
    """Article number ranges: the hot ones alone, then six bands over the rest."""
    rest = VOTES_PER_SUBMISSION - HOT_ARTICLES
    first = HOT_ARTICLES + 1
    size = (ARTICLES - HOT_ARTICLES) // rest
    result = [(number, number) for number in range(1, HOT_ARTICLES + 1)]
    for index in range(rest):
        low = first + index * size
        high = ARTICLES if index == rest - 1 else low + size - 1
        result.append((low, high))
    return result


def pick_articles(rng: random.Random) -> list[int]:
    return [rng.randint(low, high) for low, high in bands()]


class Bench:
    """Owns the database, the server and the scratch folder; ``close()`` always cleans up."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.admin_url = os.environ.get("DATABASE_URL", "")
        if not self.admin_url.startswith(("postgres://", "postgresql://")):
            raise SystemExit("DATABASE_URL must point at PostgreSQL (postgres://user:pw@host/db)")
        self.name = f"danvan_bench_consult_{os.getpid()}"
        self.url = database_url(self.admin_url, self.name)
        self.server: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.created = False
        self.scratch = Path(tempfile.mkdtemp(prefix="danvan-bench-consult-"))
        self.env: dict[str, str] = {}
        self.rng = random.Random(args.seed)

    # ------------------------------------------------------------------ lifecycle

    def create_database(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
            conn.execute(f'CREATE DATABASE "{self.name}"')
        self.created = True
        log(f"database {self.name} created")

    def close(self) -> None:
        if self.server is not None:
            with suppress(ProcessLookupError):
                os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait(timeout=15)
            self.server = None
            log("server stopped")
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if self.created and not self.args.keep_database:
            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self.created = False
            log(f"database {self.name} dropped")
        elif self.created:
            log(f"database kept: {self.url}")
        shutil.rmtree(self.scratch, ignore_errors=True)

    def setup_django(self) -> None:
        self.env = {
            "DATABASE_URL": self.url,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DJANGO_DEBUG": "False",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_CONN_MAX_AGE": "600",
        }
        os.environ.update(self.env)
        import django

        django.setup()

    def migrate(self) -> None:
        from django.apps import apps
        from django.core.management import call_command
        from django.db import connection

        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        existing = set(connection.introspection.table_names())
        missing = [
            model
            for model in apps.get_app_config("consultations").get_models()
            if model._meta.db_table not in existing and model._meta.managed
        ]
        if missing:
            with connection.schema_editor() as editor:
                for model in missing:
                    editor.create_model(model)
            log(f"created {len(missing)} consultations tables that have no migration yet")
        log(f"migrated in {time.perf_counter() - started:.1f} s")

    # ------------------------------------------------------------------ data

    def seed(self, participants: int) -> dict[str, Any]:
        from django.contrib.auth.hashers import make_password
        from django.utils import timezone

        from danvan.consultations.models import Consultation, DraftVersion, Provision
        from danvan.units.models import Unit, User

        started = time.perf_counter()
        unit = Unit.objects.create(
            code="VN-bench-qh", name="Ủy ban soạn thảo (đo hiệu năng)", kind=Unit.Kind.MINISTRY
        )
        now = timezone.now()
        consultations = {}
        for role in ("http", "pgbench", "copy"):
            consultation = Consultation.objects.create(
                title=f"Dự thảo sửa đổi, bổ sung Hiến pháp ({role})",
                slug=f"bench-{role}",
                unit=unit,
                status=Consultation.Status.OPEN,
                opens_at=now - dt.timedelta(days=1),
                closes_at=now + dt.timedelta(days=20),
            )
            version = DraftVersion.objects.create(consultation=consultation, number=1)
            Provision.objects.bulk_create(
                Provision(
                    version=version,
                    level=Provision.Level.ARTICLE,
                    label=f"Điều {number}",
                    heading=f"Nội dung điều {number}",
                    text=f"Nội dung quy định tại Điều {number} của dự thảo.",
                    anchor=f"dieu-{number}",
                    position=number,
                )
                for number in range(1, ARTICLES + 1)
            )
            consultations[role] = consultation.pk
        password = make_password(None)
        batch = 5000
        for first in range(0, participants, batch):
            User.objects.bulk_create(
                User(
                    username=f"nguoi-dan-{index:08d}",
                    password=password,
                    full_name=f"Người dân {index}",
                    is_active=True,
                )
                for index in range(first, min(participants, first + batch))
            )
        ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
        log(
            f"seeded 3 consultations x {ARTICLES} articles and {len(ids):,} participants "
            f"in {time.perf_counter() - started:.1f} s"
        )
        return {"consultations": consultations, "participants": ids, "password": password}

    def sessions(self, ids: Sequence[int]) -> list[str]:
        """Sign every participant in: one ``django_session`` row each, written with COPY."""
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
        from django.contrib.sessions.backends.db import SessionStore
        from django.utils import timezone
        from django.utils.crypto import get_random_string

        from danvan.units.models import User

        started = time.perf_counter()
        sample = User.objects.get(pk=ids[0])  # every bench participant has the same password
        auth_hash = sample.get_session_auth_hash()
        store = SessionStore()
        expire = timezone.now() + dt.timedelta(days=1)
        keys = []
        with psycopg.connect(self.url) as conn, conn.cursor() as cursor:
            with cursor.copy(
                "COPY django_session (session_key, session_data, expire_date) FROM STDIN"
            ) as copy:
                for user_id in ids:
                    key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
                    data = store.encode(
                        {
                            SESSION_KEY: str(user_id),
                            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                            HASH_SESSION_KEY: auth_hash,
                        }
                    )
                    copy.write_row((key, data, expire))
                    keys.append(key)
            conn.commit()
        log(f"{len(keys):,} sessions written in {time.perf_counter() - started:.1f} s")
        return keys

    def floor_file(self, session_keys: Sequence[str]) -> Path:
        """Signed-in GET /healthz: the stack alone (session, user, roles, one SELECT 1)."""
        from django.conf import settings

        target = self.scratch / "floor"
        with target.open("wb") as out:
            for key in session_keys:
                request = (
                    "GET /healthz HTTP/1.1\r\n"
                    f"Host: 127.0.0.1:{self.port}\r\n"
                    f"Cookie: {settings.SESSION_COOKIE_NAME}={key}\r\n"
                    "Connection: close\r\n\r\n"
                ).encode()
                out.write(struct.pack("<I", len(request)) + request)
        return target

    def requests_file(
        self,
        name: str,
        slug: str,
        session_keys: Sequence[str],
        articles: Sequence[list[int]],
        participants: Sequence[int],
        password: str,
    ) -> Path:
        """Length-prefixed raw HTTP requests, one participant each.

        Each carries what the ballot page gives a signed-in participant: the CSRF token and
        the ballot token (``services.ballots.ballot_token_issue``, for that session).
        """
        from django.conf import settings
        from django.urls import reverse

        from danvan.consultations.models import Consultation
        from danvan.consultations.services.ballots import ballot_token_issue
        from danvan.units.models import User

        consultation = Consultation.objects.get(slug=slug)
        path = reverse("consultations:participation_ballot", args=[slug])
        csrf = secrets.token_hex(16)  # a 32-character CSRF secret: cookie and form field
        target = self.scratch / name
        with target.open("wb") as out:
            for index, key in enumerate(session_keys):
                token = ballot_token_issue(
                    consultation=consultation,
                    participant=User(pk=participants[index], password=password),
                    session_key=key,
                )
                fields = [("csrfmiddlewaretoken", csrf), ("ballot-token", token)]
                fields += [
                    (f"vote-dieu-{number}", "agree" if (index + number) % 3 else "disagree")
                    for number in articles[index]
                ]
                body = urllib.parse.urlencode(fields).encode()
                head = (
                    f"POST {path} HTTP/1.1\r\n"
                    f"Host: 127.0.0.1:{self.port}\r\n"
                    f"Cookie: {settings.SESSION_COOKIE_NAME}={key}; "
                    f"{settings.CSRF_COOKIE_NAME}={csrf}\r\n"
                    "Content-Type: application/x-www-form-urlencoded\r\n"
                    f"Content-Length: {len(body)}\r\n"
                    "Connection: close\r\n\r\n"
                ).encode()
                request = head + body
                out.write(struct.pack("<I", len(request)) + request)
        return target

    # ------------------------------------------------------------------ server and load

    def start_server(self) -> None:
        """The production server: granian (WSGI), ``--workers`` processes, threads each."""
        granian = shutil.which("granian", path=str(ROOT / ".venv" / "bin")) or shutil.which(
            "granian"
        )
        if granian is None:
            raise SystemExit("granian is not installed in .venv")
        self.port = free_port()
        self.server = subprocess.Popen(
            [
                granian,
                "--interface",
                "wsgi",
                "config.wsgi:application",
                "--workers",
                str(self.args.workers),
                "--blocking-threads",
                str(self.args.threads),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--backlog",
                "4096",
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            cwd=ROOT,
            env={**os.environ, **self.env, "DANVAN_BALLOT_WRITERS": str(self.args.writers)},
            start_new_session=True,
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise SystemExit("granian stopped at start")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock:
                    sock.sendall(
                        b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    )
                    if sock.recv(12)[9:12] == b"200":
                        log(
                            f"granian: {self.args.workers} workers x {self.args.threads} "
                            f"threads on :{self.port}"
                        )
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("granian did not answer within 60 s")

    def loadgen(self) -> Path:
        binary = self.scratch / "loadgen"
        if not binary.exists():
            compiler = shutil.which("cc") or shutil.which("gcc")
            if compiler is None:
                raise SystemExit("a C compiler (cc) is needed to build the load generator")
            source = self.scratch / "loadgen.c"
            source.write_text(LOADGEN_C)
            subprocess.run([compiler, "-O2", "-o", str(binary), str(source)], check=True)
        return binary

    def send(self, requests: Path, concurrency: int) -> tuple[float, list[float], list[int]]:
        out = self.scratch / (requests.name + ".out")
        subprocess.run(
            [
                str(self.loadgen()),
                "127.0.0.1",
                str(self.port),
                str(concurrency),
                str(requests),
                str(out),
            ],
            check=True,
            timeout=1800,
        )
        lines = out.read_text().split("\n")
        elapsed = float(lines[0])
        latencies, statuses = [], []
        for line in lines[1:]:
            if line:
                ms, status = line.split()
                latencies.append(float(ms))
                statuses.append(int(status))
        return elapsed, latencies, statuses

    # ------------------------------------------------------------------ ceiling

    def pgbench(
        self, consultation_id: int, first_id: int, transactions: int, concurrency: int
    ) -> dict[str, Any]:
        """The service's two statements per submission, straight into PostgreSQL."""
        from danvan.consultations.models import TALLY_SHARDS

        binary = shutil.which("pgbench")
        if binary is None:
            return {"error": "pgbench is not installed"}
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute("DROP SEQUENCE IF EXISTS bench_participant")
            conn.execute(f"CREATE SEQUENCE bench_participant START {first_id}")
        lines = [f"\\set a{i} random({low}, {high})" for i, (low, high) in enumerate(bands())]
        lines.append("SELECT nextval('bench_participant')::bigint AS p \\gset")
        lines.append("BEGIN;")
        votes = ", ".join(
            f"({consultation_id}, 'dieu-' || :a{i}::int, :p::bigint, "
            f"CASE WHEN (:p::bigint + :a{i}::int) % 3 = 0 THEN 'disagree' ELSE 'agree' END, "
            "1, now(), now())"
            for i in range(len(bands()))
        )
        lines.append(
            "INSERT INTO consultations_articlevote (consultation_id, anchor, participant_id, "  # noqa: S608
            f"choice, revision, created_at, updated_at) VALUES {votes} "
            "ON CONFLICT (consultation_id, participant_id, anchor) DO UPDATE SET "
            "choice = EXCLUDED.choice, revision = consultations_articlevote.revision + 1, "
            "updated_at = EXCLUDED.updated_at "
            "WHERE consultations_articlevote.choice <> EXCLUDED.choice "
            "RETURNING anchor, choice, revision;"
        )
        tallies = ", ".join(
            f"({consultation_id}, 'dieu-' || :a{i}::int, :p::bigint % {TALLY_SHARDS}, "
            f"CASE WHEN (:p::bigint + :a{i}::int) % 3 = 0 THEN 0 ELSE 1 END, "
            f"CASE WHEN (:p::bigint + :a{i}::int) % 3 = 0 THEN 1 ELSE 0 END, 0)"
            for i in range(len(bands()))
        )
        lines.append(
            "INSERT INTO consultations_articletally (consultation_id, anchor, shard, agree, "  # noqa: S608
            f"disagree, comments) VALUES {tallies} "
            "ON CONFLICT (consultation_id, anchor, shard) DO UPDATE SET "
            "agree = consultations_articletally.agree + EXCLUDED.agree, "
            "disagree = consultations_articletally.disagree + EXCLUDED.disagree, "
            "comments = consultations_articletally.comments + EXCLUDED.comments;"
        )
        lines.append("COMMIT;")
        script = self.scratch / "submission.sql"
        script.write_text("\n".join(lines) + "\n")
        per_client = max(1, transactions // concurrency)
        parts = urllib.parse.urlsplit(self.url)
        env = {
            **os.environ,
            "PGHOST": parts.hostname or "127.0.0.1",
            "PGPORT": str(parts.port or 5432),
            "PGUSER": urllib.parse.unquote(parts.username or ""),
            "PGPASSWORD": urllib.parse.unquote(parts.password or ""),
        }
        result = subprocess.run(
            [
                binary,
                "-n",
                "-M",
                "prepared",
                "-f",
                str(script),
                "-c",
                str(concurrency),
                "-j",
                str(min(concurrency, os.cpu_count() or 2)),
                "-t",
                str(per_client),
                self.name,
            ],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=1800,
        )
        if result.returncode != 0:
            return {"error": (result.stderr or result.stdout).strip()[-500:]}
        tps = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", result.stdout)
        latency = re.search(r"latency average = ([0-9.]+) ms", result.stdout)
        failed = re.search(r"number of failed transactions: (\d+)", result.stdout)
        return {
            "transactions": per_client * concurrency,
            "per_second": round(float(tps.group(1)), 1) if tps else None,
            "latency_average_ms": float(latency.group(1)) if latency else None,
            "failed": int(failed.group(1)) if failed else 0,
        }

    def copy_ceiling(
        self, consultation_id: int, ids: Sequence[int], articles: Sequence[list[int]]
    ) -> dict[str, Any]:
        """The same vote rows in one COPY (and the tallies in one statement after it)."""
        started = time.perf_counter()
        rows = 0
        with psycopg.connect(self.url) as conn, conn.cursor() as cursor:
            stamp = dt.datetime.now(dt.UTC)
            with cursor.copy(
                "COPY consultations_articlevote (consultation_id, anchor, participant_id, "
                "choice, revision, created_at, updated_at) FROM STDIN"
            ) as copy:
                for index, user_id in enumerate(ids):
                    for number in articles[index]:
                        choice = "agree" if (index + number) % 3 else "disagree"
                        copy.write_row(
                            (consultation_id, f"dieu-{number}", user_id, choice, 1, stamp, stamp)
                        )
                        rows += 1
            cursor.execute(
                "INSERT INTO consultations_articletally "
                "(consultation_id, anchor, shard, agree, disagree, comments) "
                "SELECT consultation_id, anchor, participant_id %% 8, "
                "count(*) FILTER (WHERE choice = 'agree'), "
                "count(*) FILTER (WHERE choice = 'disagree'), 0 "
                "FROM consultations_articlevote WHERE consultation_id = %s "
                "GROUP BY 1, 2, 3",
                [consultation_id],
            )
            conn.commit()
        seconds = time.perf_counter() - started
        return {
            "rows": rows,
            "seconds": round(seconds, 2),
            "rows_per_second": round(rows / seconds),
            "submissions_per_second": round(rows / VOTES_PER_SUBMISSION / seconds, 1),
        }

    # ------------------------------------------------------------------ checks

    def counts(self, consultation_id: int) -> dict[str, Any]:
        with psycopg.connect(self.url) as conn:
            votes = conn.execute(
                "SELECT anchor, count(*) FILTER (WHERE choice = 'agree'), "
                "count(*) FILTER (WHERE choice = 'disagree') FROM consultations_articlevote "
                "WHERE consultation_id = %s GROUP BY anchor",
                [consultation_id],
            ).fetchall()
            tallies = conn.execute(
                "SELECT anchor, sum(agree), sum(disagree) FROM consultations_articletally "
                "WHERE consultation_id = %s GROUP BY anchor",
                [consultation_id],
            ).fetchall()
            revisions = conn.execute(
                "SELECT count(*) FROM consultations_articlevote "
                "WHERE consultation_id = %s AND revision > 1",
                [consultation_id],
            ).fetchone()
        from_rows = {anchor: (int(a), int(d)) for anchor, a, d in votes}
        from_tallies = {anchor: (int(a), int(d)) for anchor, a, d in tallies}
        return {
            "vote_rows": sum(a + d for a, d in from_rows.values()),
            "tallies_match_rows": from_rows == from_tallies,
            "changed_rows": int(revisions[0]) if revisions else 0,
        }


def _server_version(url: str) -> str:
    with psycopg.connect(url) as conn:
        row = conn.execute("SHOW server_version").fetchone()
        commit = conn.execute("SHOW synchronous_commit").fetchone()
    return f"{row[0] if row else '?'} (synchronous_commit={commit[0] if commit else '?'})"


def run(args: argparse.Namespace) -> dict[str, Any]:
    bench = Bench(args)
    begin = time.perf_counter()
    load_start = list(os.getloadavg())
    try:
        bench.create_database()
        bench.setup_django()
        bench.migrate()
        total = args.warmup + args.submissions
        seeded = bench.seed(total)
        ids: list[int] = seeded["participants"]
        keys = bench.sessions(ids)
        articles = [pick_articles(bench.rng) for _ in ids]
        bench.start_server()
        bench.loadgen()
        password = seeded["password"]
        warm = bench.requests_file(
            "warm", "bench-http", keys[: args.warmup], articles, ids, password
        )
        measured_keys = keys[args.warmup :]
        measured_ids = ids[args.warmup :]
        measured_articles = articles[args.warmup :]
        main = bench.requests_file(
            "main", "bench-http", measured_keys, measured_articles, measured_ids, password
        )
        retry = bench.requests_file(
            "retry",
            "bench-http",
            measured_keys[:RETRIES],
            measured_articles,
            measured_ids,
            password,
        )

        _elapsed, _lat, warm_statuses = bench.send(warm, min(4, args.concurrency))
        bad = [s for s in warm_statuses if s != 302]
        if bad:
            raise SystemExit(f"warm-up: {len(bad)} answers other than 302, e.g. {bad[:5]}")
        floor_keys = measured_keys[: min(len(measured_keys), 5000)]
        elapsed, latencies, statuses = bench.send(bench.floor_file(floor_keys), args.concurrency)
        floor = {
            "requests": len(statuses),
            "ok": statuses.count(200),
            "per_second": round(statuses.count(200) / elapsed, 1),
            "p50_ms": round(percentile(latencies, 0.50), 1),
            "p99_ms": round(percentile(latencies, 0.99), 1),
        }
        log(f"floor (signed-in GET /healthz): {floor}")
        log(
            f"HTTP: {args.submissions:,} submissions x {VOTES_PER_SUBMISSION} votes, "
            f"{args.concurrency} connections"
        )
        elapsed, latencies, statuses = bench.send(main, args.concurrency)
        ok = sum(1 for s in statuses if s == 302)
        http: dict[str, Any] = {
            "submissions": len(statuses),
            "ok": ok,
            "errors": {str(s): statuses.count(s) for s in set(statuses) if s != 302},
            "seconds": round(elapsed, 2),
            "per_second": round(ok / elapsed, 1),
            "votes_per_second": round(ok * VOTES_PER_SUBMISSION / elapsed, 1),
            "p50_ms": round(percentile(latencies, 0.50), 1),
            "p99_ms": round(percentile(latencies, 0.99), 1),
            "mean_ms": round(statistics.fmean(latencies), 1),
        }
        log(
            f"  {http['per_second']:,.0f} submissions/s, p50 {http['p50_ms']} ms, "
            f"p99 {http['p99_ms']} ms, errors {http['errors']}"
        )
        before = bench.counts(seeded["consultations"]["http"])
        _elapsed, _lat, retry_statuses = bench.send(retry, args.concurrency)
        after = bench.counts(seeded["consultations"]["http"])
        retried = {
            "submissions": len(retry_statuses),
            "ok": sum(1 for s in retry_statuses if s == 302),
            "vote_rows_before": before["vote_rows"],
            "vote_rows_after": after["vote_rows"],
            "changed_rows_after": after["changed_rows"],
            "nothing_counted_twice": before["vote_rows"] == after["vote_rows"]
            and after["changed_rows"] == 0
            and after["tallies_match_rows"],
        }
        expected_rows = (args.warmup + ok) * VOTES_PER_SUBMISSION
        integrity = {
            "vote_rows": after["vote_rows"],
            "expected_rows": expected_rows,
            "tallies_match_rows": after["tallies_match_rows"],
        }
        log(f"  retries: {retried}; integrity: {integrity}")
        # Stop the server before the ceiling: the database gets the cores to itself.
        if bench.server is not None:
            os.killpg(bench.server.pid, signal.SIGTERM)
            bench.server.wait(timeout=15)
            bench.server = None
        log(f"ceiling: pgbench, {args.submissions:,} transactions, {args.concurrency} clients")
        ceiling = bench.pgbench(
            seeded["consultations"]["pgbench"], ids[0], args.submissions, args.concurrency
        )
        ceiling_counts = bench.counts(seeded["consultations"]["pgbench"])
        ceiling["tallies_match_rows"] = ceiling_counts["tallies_match_rows"]
        log(f"  {ceiling}")
        copy = bench.copy_ceiling(seeded["consultations"]["copy"], ids, articles)
        log(f"  COPY: {copy}")
        share = http["per_second"] / ceiling["per_second"] if ceiling.get("per_second") else None
        return {
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "postgres": _server_version(bench.url),
            "workers": args.workers,
            "threads": args.threads,
            "writers": args.writers,
            "concurrency": args.concurrency,
            "participants": len(ids),
            "articles": ARTICLES,
            "votes_per_submission": VOTES_PER_SUBMISSION,
            "http": http,
            "floor": floor,
            "retries": retried,
            "integrity": integrity,
            "ceiling_pgbench": ceiling,
            "ceiling_copy": copy,
            "share_of_pgbench": round(share, 3) if share else None,
            "share_of_copy": round(http["per_second"] / copy["submissions_per_second"], 3),
            "targets": {
                "per_second": TARGET_PER_SECOND,
                "share": TARGET_SHARE,
                "per_second_met": http["per_second"] >= TARGET_PER_SECOND,
                "share_met": bool(share and share >= TARGET_SHARE),
            },
            "load_average": {"start": load_start, "end": list(os.getloadavg())},
            "total_seconds": round(time.perf_counter() - begin, 1),
        }
    finally:
        bench.close()


def print_table(result: dict[str, Any]) -> None:
    http, pg, copy = result["http"], result["ceiling_pgbench"], result["ceiling_copy"]
    print("danvan consultations: submissions (8 article votes each, one participant each)")
    print(
        f"Python {result['python']} ({result['machine']}, {result['cpus']} CPUs shared by "
        f"load generator, granian and PostgreSQL), PostgreSQL {result['postgres']}"
    )
    print(
        f"granian {result['workers']} worker(s) x {result['threads']} threads, "
        f"{result['writers']} ballot writers, {result['concurrency']} connections, "
        f"{result['participants']:,} participants, {result['articles']} articles"
    )
    rows = [
        ("", "submissions/s", "votes/s", "p50 ms", "p99 ms"),
        (
            "HTTP (ballot POST, real stack)",
            f"{http['per_second']:,.0f}",
            f"{http['votes_per_second']:,.0f}",
            f"{http['p50_ms']}",
            f"{http['p99_ms']}",
        ),
        (
            "floor: signed-in GET /healthz (no work)",
            f"{result['floor']['per_second']:,.0f}",
            "",
            f"{result['floor']['p50_ms']}",
            f"{result['floor']['p99_ms']}",
        ),
        (
            "ceiling: pgbench, same 2 statements/tx",
            f"{pg.get('per_second') or 0:,.0f}",
            f"{(pg.get('per_second') or 0) * VOTES_PER_SUBMISSION:,.0f}",
            f"{pg.get('latency_average_ms')} (avg)",
            "",
        ),
        (
            "bulk bound: one COPY of the vote rows",
            f"{copy['submissions_per_second']:,.0f}",
            f"{copy['rows_per_second']:,.0f}",
            "",
            "",
        ),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
    share = result["share_of_pgbench"]
    targets = result["targets"]
    print(
        f"HTTP / pgbench ceiling: {share:.0%}" if share else "HTTP / pgbench ceiling: n/a",
        f"(target {TARGET_SHARE:.0%}: {'met' if targets['share_met'] else 'NOT met'}); "
        f"HTTP / COPY bound: {result['share_of_copy']:.0%}",
    )
    print(
        f"target {TARGET_PER_SECOND:,.0f} submissions/s: "
        f"{'met' if targets['per_second_met'] else 'NOT met'}; errors: {http['errors'] or 'none'}"
    )
    retries = result["retries"]
    print(
        f"retries: {retries['submissions']:,} submissions sent again -> vote rows "
        f"{retries['vote_rows_before']:,} -> {retries['vote_rows_after']:,}, changed rows "
        f"{retries['changed_rows_after']}: "
        f"{'nothing counted twice' if retries['nothing_counted_twice'] else 'COUNTED TWICE'}"
    )
    integrity = result["integrity"]
    print(
        f"integrity: {integrity['vote_rows']:,} vote rows (expected "
        f"{integrity['expected_rows']:,}); tallies add up to the rows: "
        f"{integrity['tallies_match_rows']}; pgbench tallies too: "
        f"{pg.get('tallies_match_rows')}"
    )
    start, end = result["load_average"]["start"], result["load_average"]["end"]
    print(
        f"load average (1 min) before {start[0]:.2f}, after {end[0]:.2f}; "
        f"total {result['total_seconds']} s"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--submissions", type=int, default=20_000)
    parser.add_argument("--warmup", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=80, help="connections at once")
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes")
    parser.add_argument("--threads", type=int, default=40, help="granian threads per worker")
    parser.add_argument("--writers", type=int, default=1, help="ballot writer threads per worker")
    parser.add_argument("--seed", type=int, default=20260310)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args(argv)
    if args.submissions < RETRIES:
        parser.error(f"--submissions must be at least {RETRIES}")
    result = run(args)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_table(result)
    ok = result["http"]["ok"] == result["http"]["submissions"]
    return 0 if ok and result["retries"]["nothing_counted_twice"] else 1


if __name__ == "__main__":
    with suppress(KeyboardInterrupt):
        sys.exit(main())
