"""Benchmark of the grassroots-democracy module: a commune of 20,000 households voting online,
against "the spreadsheet way" communes count a social-network poll today.

Usage (from the repository root):

    .venv/bin/python bench/democracy.py                      # SQLite (temporary file)
    DATABASE_URL=postgres://danvan:danvan@127.0.0.1:5432/danvan \\
        .venv/bin/python bench/democracy.py                  # SQLite, then PostgreSQL

Options: ``--households`` (default 20,000), ``--villages`` (default 10), ``--http``
(households voting through the web page, default 2,000 of them), ``--runs`` (timed runs of
the count and of the peer, medians reported; default 5), ``--json``.

What it does, for each database (SQLite in a temporary file; PostgreSQL in a database
``danvan_bench_democracy_<pid>`` created next to DATABASE_URL's and dropped at the end):

1. creates the tables from the models, a commune with ``--villages`` villages and
   ``--households`` households, each with its representative's account (bulk inserts);
2. the lawful online vote (Law 10/2022/QH15 Art 17: item 6 only, one decision per village;
   Decree 59/2023 Art 5): the commune's officer prepares one decision per village and asks
   the households whether to vote online; every household answers (78 % agree), through
   the service, one call per household: **consent answers per second**;
3. the officer opens the votes; every household votes, one call per household, each a
   transaction that checks the household's account, the roll, the voting window and the
   one-vote rule and writes the audit record: **votes per second**; ``--http`` of the
   households vote through the resident's page instead (signed in, a real POST through the
   middleware, the form and the view): **votes per second over HTTP**;
4. voting closes; the officer counts every village (Art 21: more than half of ALL
   households), sends the results to the commune, and the commune recognises them:
   **time to the recognised result**, from the close to the last recognition;
5. the peer, "the spreadsheet way": each village's poll answers exported to an .xlsx sheet
   (household code, name, answer, time: what a social-network poll gives) and counted by
   an officer with openpyxl — read every row, keep one answer per household on the register,
   count against all households. The export is written first (not timed); reading and
   counting is timed. Its result must equal danvan's, and the ratio is printed.

The machine is shared and timings are medians: read them as orders of magnitude.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import zoneinfo
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._support import median_time, postgres_database, setup_django  # noqa: E402

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
START = dt.datetime(2026, 11, 2, 8, 0, tzinfo=VN)  # a Monday
AGREE_SHARE = 0.78  # households agreeing to vote online
APPROVE_SHARE = 0.61  # households approving the matter
PASSWORD = "bench-2026"  # noqa: S105 - the benchmark's throwaway accounts
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Ngọc", "Quang")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh",
         "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Yến")  # fmt: skip
VILLAGE_NAMES = ("Đông Tảo", "An Vĩ", "Bình Dân", "Dạ Trạch", "Hàm Tử", "Tứ Dân", "Đông Kết",
                 "Liên Khê", "Ông Đình", "Phùng Hưng", "Tân Dân", "Thuần Hưng")  # fmt: skip


# --------------------------------------------------------------------------- the commune


def _seed(households: int, villages: int, rng: random.Random) -> dict[str, Any]:
    from django.contrib.auth.hashers import make_password

    from danvan.democracy.models import Household
    from danvan.units.models import RoleAssignment, Unit, User

    def make(code: str, name: str, kind: str, parent: Unit | None) -> Unit:
        unit = Unit(code=code, name=name, kind=kind, parent=parent)
        unit.refresh_derived_fields()
        unit.save()
        return unit

    province = make("VN-33", "Tỉnh Hưng Yên", Unit.Kind.PROVINCE, None)
    commune = make("VN-12205", "Xã Khoái Châu", Unit.Kind.COMMUNE, province)
    committee = make("VN-12205-ubnd", "Ủy ban nhân dân xã Khoái Châu",
                     Unit.Kind.PEOPLES_COMMITTEE, commune)  # fmt: skip
    places = [
        make(f"VN-12205-thon-{i}", f"Thôn {VILLAGE_NAMES[i % len(VILLAGE_NAMES)]}"
             + (f" {i // len(VILLAGE_NAMES) + 1}" if i >= len(VILLAGE_NAMES) else ""),
             Unit.Kind.VILLAGE, commune)
        for i in range(villages)
    ]  # fmt: skip
    officer = User.objects.create_user(
        username="canbo", password=PASSWORD, full_name="Trịnh Văn Đức"
    )
    RoleAssignment.objects.create(user=officer, unit=committee, role=RoleAssignment.Role.HANDLER)
    head = User.objects.create_user(
        username="chutich", password=PASSWORD, full_name="Nguyễn Văn An"
    )
    RoleAssignment.objects.create(user=head, unit=committee, role=RoleAssignment.Role.HEAD)

    password = make_password(PASSWORD)  # one hash for every resident: seeding, not timed
    users = [
        User(username=f"ho{i:05d}", password=password,
             full_name=f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}")
        for i in range(households)
    ]  # fmt: skip
    User.objects.bulk_create(users, batch_size=2000)
    users = list(User.objects.filter(username__startswith="ho").order_by("username"))
    rows = [
        Household(village=places[i % villages], code=f"HK-{i:05d}",
                  address=f"Xóm {i % 17 + 1}, {places[i % villages].name}",
                  representative=user.full_name, members=rng.randint(1, 7), account=user)
        for i, user in enumerate(users)
    ]  # fmt: skip
    Household.objects.bulk_create(rows, batch_size=2000)
    return {"commune": commune, "villages": places, "officer": officer, "head": head}


# --------------------------------------------------------------------------- the peer


def _peer_files(folder: Path, answers: dict[int, list[tuple[str, str, str, str]]]) -> list[Path]:
    """One poll export per village: household code, representative, answer, time."""
    import openpyxl

    paths = []
    for village_id, rows in answers.items():
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Bình chọn")
        sheet.append(["Mã hộ", "Người đại diện", "Lựa chọn", "Thời gian"])
        for row in rows:
            sheet.append(list(row))
        path = folder / f"thon-{village_id}.xlsx"
        book.save(path)
        paths.append(path)
    return paths


def _peer_count(paths: list[Path], register: dict[str, int]) -> dict[str, int]:
    """Read every export, keep the first answer of each household on the register, count
    the approvals over all households: what an officer does by hand today."""
    import openpyxl

    totals = {"approve": 0, "passed": 0}
    for path in paths:
        book = openpyxl.load_workbook(path, read_only=True)
        seen: dict[str, str] = {}
        for code, _name, answer, _when in book.active.iter_rows(min_row=2, values_only=True):
            if code in register and code not in seen:
                seen[code] = answer
        book.close()
        approve = sum(1 for answer in seen.values() if answer == "Đồng ý")
        village_total = register[next(iter(seen))] if seen else 0
        totals["approve"] += approve
        totals["passed"] += int(approve * 2 > village_total)
    return totals


# --------------------------------------------------------------------------- one database


def run_one(database_url: str, args: argparse.Namespace) -> dict[str, Any]:
    import time_machine

    traveller = time_machine.travel(START, tick=True)
    traveller.start()
    setup_django(database_url, any_host=True)
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from danvan.democracy.models import Ballot, CommunityDecision, Household
    from danvan.democracy.services import votes

    rng = random.Random(20261126)
    seeded = time.perf_counter()
    world = _seed(args.households, args.villages, rng)
    seed_seconds = time.perf_counter() - seeded
    officer, head = world["officer"], world["head"]

    decisions = [
        votes.decision_create(
            actor=officer, commune=world["commune"], village=village, matter="other",
            form="online", title=f"Lắp đèn năng lượng mặt trời đường làng {village.name}",
        )
        for village in world["villages"]
    ]  # fmt: skip
    decisions = [votes.decision_consent_start(decision=d, actor=officer) for d in decisions]
    by_village = {d.village_id: d for d in decisions}
    households = list(Household.objects.select_related("account").order_by("code"))
    accounts = {h.pk: h.account for h in households if h.account is not None}

    started = time.perf_counter()
    for household in households:
        agree = rng.random() < AGREE_SHARE
        votes.consent_answer(
            decision=by_village[household.village_id], household=household,
            actor=accounts[household.pk], answer="approve" if agree else "disagree",
        )  # fmt: skip
    consent_seconds = time.perf_counter() - started

    closes_at = START + dt.timedelta(days=7)
    decisions = [
        votes.decision_open(decision=d, actor=officer, closes_at=closes_at) for d in decisions
    ]
    by_village = {d.village_id: d for d in decisions}

    http_count = min(args.http, len(households))
    by_service, by_http = households[http_count:], households[:http_count]
    choices = {
        h.pk: ("approve" if rng.random() < APPROVE_SHARE else "disagree") for h in households
    }
    started = time.perf_counter()
    for household in by_service:
        votes.ballot_cast(
            decision=by_village[household.village_id], household=household,
            actor=accounts[household.pk], choice=choices[household.pk], online=True,
        )  # fmt: skip
    vote_seconds = time.perf_counter() - started

    http_seconds = 0.0
    if by_http:
        # Each household is signed in first (not timed): a resident logs in once, then votes.
        # One client (one loaded middleware chain, as in a server process) carries each
        # household's session cookie in turn.
        client = Client()
        sessions = []
        for household in by_http:
            client.cookies = SimpleCookie()  # a new session: logging in again would end the last
            client.force_login(accounts[household.pk])
            sessions.append((copy.deepcopy(client.cookies), household))
        started = time.perf_counter()
        for cookies, household in sessions:
            client.cookies = cookies
            decision = by_village[household.village_id]
            response = client.post(
                reverse("democracy:votes_vote", args=[decision.pk]),
                {"choice": choices[household.pk], "household": household.pk},
            )
            if response.status_code not in (200, 302):
                raise SystemExit(f"the vote page answered {response.status_code}")
        http_seconds = time.perf_counter() - started
    cast = Ballot.objects.count()
    if cast != len(households):
        raise SystemExit(f"{cast} votes recorded for {len(households)} households")

    # Voting closes; the officer counts, sends, and the commune recognises every village.
    traveller.stop()
    traveller = time_machine.travel(closes_at + dt.timedelta(hours=1), tick=True)
    traveller.start()
    started = time.perf_counter()
    for decision in decisions:
        decision = votes.decision_count(decision=decision, actor=officer)
        if decision.status == CommunityDecision.Status.COUNTED:
            decision = votes.decision_submit(decision=decision, actor=officer)
            votes.decision_recognise(decision=decision, actor=head, document_number="")
    result_seconds = time.perf_counter() - started
    recognised = CommunityDecision.objects.filter(
        status=CommunityDecision.Status.RECOGNISED
    ).count()
    approve = Ballot.objects.filter(choice="approve").count()

    register = {h.code: 0 for h in households}
    per_village: dict[int, int] = {}
    for h in households:
        per_village[h.village_id] = per_village.get(h.village_id, 0) + 1
    for h in households:
        register[h.code] = per_village[h.village_id]
    answers: dict[int, list[tuple[str, str, str, str]]] = {}
    for h in households:
        label = "Đồng ý" if choices[h.pk] == "approve" else "Không đồng ý"
        answers.setdefault(h.village_id, []).append(
            (h.code, h.representative, label, "08:00 02/11/2026")
        )
    with tempfile.TemporaryDirectory(prefix="danvan-peer-") as folder:
        paths = _peer_files(Path(folder), answers)
        peer_s, peer = median_time(lambda: _peer_count(paths, register), args.runs)
    if peer["approve"] != approve or peer["passed"] != recognised:
        raise SystemExit(
            f"the peer's count differs: {peer} vs {approve} approvals, {recognised} passed"
        )
    traveller.stop()
    return {
        "database": connection.vendor,
        "households": len(households),
        "villages": len(decisions),
        "seed_s": seed_seconds,
        "consent_per_s": len(households) / consent_seconds,
        "votes_per_s": len(by_service) / vote_seconds,
        "http_votes": len(by_http),
        "http_per_s": len(by_http) / http_seconds if http_seconds else 0.0,
        "result_s": result_seconds,
        "recognised": recognised,
        "peer_s": peer_s,
    }


# --------------------------------------------------------------------------- driver


def _child(database_url: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable, __file__, "--child", database_url, "--households", str(args.households),
        "--villages", str(args.villages), "--http", str(args.http), "--runs", str(args.runs),
    ]  # fmt: skip
    output = subprocess.run(command, check=False, capture_output=True, text=True, cwd=ROOT)
    if output.returncode != 0:
        sys.stderr.write(output.stderr[-4000:])
        raise SystemExit(output.returncode)
    return dict(json.loads(output.stdout.strip().splitlines()[-1]))


def _table(results: list[dict[str, Any]]) -> str:
    first = results[0]
    lines = [
        f"Online vote (Decree 59/2023 Art 5) in a commune of {first['households']:,} households "
        f"in {first['villages']} villages",
        f"{'':44}" + "".join(f"{r['database']:>14}" for r in results),
    ]
    rows = [
        ("consent answers per second (service)", "consent_per_s", "{:,.0f}"),
        ("votes per second (service)", "votes_per_s", "{:,.0f}"),
        (f"votes per second (HTTP, {first['http_votes']:,} households)", "http_per_s", "{:,.0f}"),
        ("close → recognised result (all villages), s", "result_s", "{:.2f}"),
        ("  villages passed and recognised", "recognised", "{:,}"),
        ("peer: read + count the poll exports, s", "peer_s", "{:.2f}"),
    ]
    for label, key, form in rows:
        lines.append(f"{label:44}" + "".join(f"{form.format(r[key]):>14}" for r in results))
    lines.append(
        f"{'peer / danvan (counting to the result)':44}"
        + "".join(f"{r['peer_s'] / r['result_s']:>13.1f}x" for r in results)
    )
    lines.append(
        f"(Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        "shared machine; one process, one vote at a time)"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=20_000)
    parser.add_argument("--villages", type=int, default=10)
    parser.add_argument("--http", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, args)))
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="danvan-bench-") as folder:
        results.append(_child(f"sqlite:///{folder}/bench.sqlite3", args))
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith("postgres"):
        url, drop = postgres_database(base, "danvan_bench_democracy")
        try:
            results.append(_child(url, args))
        finally:
            drop()
    print(json.dumps(results, indent=2) if args.json else _table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
