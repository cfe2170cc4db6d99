"""Benchmark of the public portal and its API under concurrent load, on a national-scale
demo database: 34 provinces, 3,321 communes, 100,000 "Dân vận khéo" models and 1,000,000
public records (issue 7).

Usage (from the repository root):

    .venv/bin/python bench/portal.py --scale 0.02          # SQLite (temporary file)
    DATABASE_URL=postgres://danvan:danvan@127.0.0.1:5432/danvan \\
        .venv/bin/python bench/portal.py --scale 0.02      # SQLite, then PostgreSQL
    DATABASE_URL=... .venv/bin/python bench/portal.py --only postgresql   # national scale

Options: ``--scale`` (1 = the national database; 0.01 = 1,000 models and 10,000 records;
the map, agencies and communes are always whole), ``--duration`` (seconds of load per URL,
default 10), ``--concurrency`` (clients at once, default 16), ``--workers`` and
``--threads`` (app server processes and threads each, default 2 × 4: the machine has 2
cores), ``--deep`` (page number of the deep API page, default 200), ``--only``
(``sqlite`` or ``postgresql``), ``--json``.

What it does, for each database (SQLite in a temporary file; PostgreSQL in a database
``danvan_bench_portal_<pid>`` created next to DATABASE_URL's and dropped at the end):

1. creates the tables from the models and seeds the demo database in bulk
   (``bench/_portal_seed.py``: ``COPY`` on PostgreSQL, ``bulk_create`` on SQLite): the
   official map with each place's People's Committee, Party committee and Fatherland Front
   and four departments per province, the models (most recognised, with their recognition
   decisions) and the public records split over the portal's datasets (disclosures with
   their portal posting, published answers to petitions with their cases, reception
   days, consultations); prints **the seed time**;
2. starts a real app server, granian (the server ``config/wsgi.py`` is written for) with
   production's settings but no TLS (``bench/_portal_settings.py``), on a free port;
3. loads each URL in turn with ``hey`` (``/usr/bin/hey``, ``--concurrency`` connections
   for ``--duration`` seconds, the requests still in flight then included; after two
   warm-up requests per server thread, and once the server is idle again; a Python
   thread-pool client where ``hey`` is missing) and computes **p50, p95, p99 and requests
   per second** (over the whole run) from its per-request latencies: the portal home, a
   commune's page, the public models list with a filter, a province's statistics page,
   the first page and a deep page (page
   ``--deep``, reached by following the ``next_cursor`` of each page) of the biggest
   dataset in the API (50 rows a page), and the open-data CSV of the biggest dataset, where
   **time to first byte** is measured by a Python client (a quarter of the connections)
   that reads the first byte and hangs up (a client reading the whole export would measure
   the network, not the server). The URLs are looked up by name (the issue's paths where
   a name is missing); a URL answering 404 is skipped and listed;
4. the peer, in the same run and on the same server: each page's HTML saved once and
   served as a static file through WhiteNoise (the ceiling: no database, no template),
   and for the API the pagination a typical REST framework does, ``COUNT(*)`` plus
   ``OFFSET``/``LIMIT`` over the same public rows at the same depth (a small view in
   ``bench/_portal_urls.py``). The table shows danvan's p95 over the peer's.

The machine is shared (2 cores, other work running): read the figures as orders of
magnitude, and compare danvan with its peer within one run. Nothing here is timed in tests.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import http.client
import io
import json
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._support import postgres_database, setup_django  # noqa: E402

HEY = shutil.which("hey") or "/usr/bin/hey"
GRANIAN = str(Path(sys.executable).with_name("granian"))
PEER_DIR = "bench-peer"
CSV_PEER_BYTES = 1 << 20


@dataclass
class Target:
    """One URL under load and the peer it is compared with."""

    name: str
    path: str
    kind: str  # "page", "api" or "csv"
    peer_path: str = ""
    peer_label: str = ""
    alternatives: list[str] = field(default_factory=list)  # tried in turn where path is 404


@dataclass
class Figures:
    """Latencies (milliseconds) of one URL under load."""

    requests: int = 0
    errors: int = 0
    p50: float = 0.0
    p95: float = 0.0
    p99: float = 0.0
    per_second: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------- the URLs


def _reverse(name: str, *args: Any, query: str = "") -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return None
    return f"{url}?{query}" if query else url


def _first(
    candidates: list[tuple[str, tuple[Any, ...]]], fallbacks: list[str], query: str = ""
) -> list[str]:
    """The URL of the first name that exists (the portal is being built: names may change),
    then the paths the issue gives; the first that does not answer 404 is loaded."""
    for name, args in candidates:
        url = _reverse(name, *args, query=query)
        if url is not None:
            return [url]
    return [f"{fallback}?{query}" if query else fallback for fallback in fallbacks]


def _targets(world: Any, skipped: list[str]) -> list[Target]:
    """The URLs to load: looked up by name, else the issue's paths (404 → skipped later)."""
    from bench._portal_seed import biggest_dataset

    commune, province = world.communes[0], world.communes[0].parent
    dataset = biggest_dataset()
    slug = dataset.replace("_", "-")
    api = _first(
        [("portal:api_list", (slug,)), ("portal:api_dataset", (slug,)), ("api:list", (slug,))],
        [f"/api/v1/{slug}", f"/api/v1/{slug}/", f"/cong-thong-tin/api/v1/{slug}",
         f"/cong-thong-tin/api/v1/{slug}/"],
        query="limit=50",
    )  # fmt: skip
    models = _reverse("emulation:registry_public_list")
    statistics = _reverse("emulation:statistics_index")
    wanted: list[tuple[str, str, list[str]]] = [
        (
            "portal home",
            "page",
            _first([("portal:site_home", ())], ["/cong-thong-tin/"]),
        ),
        (
            f"commune page {commune.code}",
            "page",
            _first(
                [("portal:site_unit", (commune.code,))],
                [f"/cong-thong-tin/don-vi/{commune.code}/"],
            ),
        ),
        (
            "models list, field + level filter",
            "page",
            [f"{models}?field=economy&recognised_level=provincial"] if models else [],
        ),
        (
            f"statistics, province {province.code}",
            "page",
            [f"{statistics}?province={province.code}&year=2025"] if statistics else [],
        ),
        (f"API {slug}, first page", "api", api),
        (f"API {slug}, deep page", "api", api),
        (
            f"open data CSV {slug} (TTFB)",
            "csv",
            _first(
                [("portal:data_download", (slug, "csv"))],
                [
                    f"/cong-thong-tin/du-lieu-mo/{slug}.csv",
                    f"/cong-thong-tin/du-lieu-mo/{slug}/csv/",
                ],
            ),
        ),
    ]
    targets = []
    for name, kind, paths in wanted:
        if not paths:
            skipped.append(f"{name}: no such URL name yet")
            continue
        targets.append(Target(name=name, path=paths[0], kind=kind, alternatives=paths[1:]))
    return targets


# --------------------------------------------------------------------------- the server


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """granian serving danvan (``config.wsgi``) with the benchmark's settings."""

    def __init__(self, database_url: str, static_root: Path, args: argparse.Namespace) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.probe = "/static/css/danvan.css"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench._portal_settings",
            "DATABASE_URL": database_url,
            "DANVAN_STATIC_ROOT": str(static_root),
            "PYTHONPATH": str(ROOT),
        }
        command = [
            GRANIAN, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(self.port),
            "--workers", str(args.workers), "--blocking-threads", str(args.threads),
            "--no-ws", "--log-level", "warning", "config.wsgi:application",
        ]  # fmt: skip
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the app server stopped:\n{self.output()}")
            try:
                self.get("/")
                return
            except (OSError, http.client.HTTPException):
                time.sleep(0.3)
        self.stop()
        raise SystemExit("the app server did not answer within 60 s")

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=120) as response:  # noqa: S310
                return int(response.status), response.read()
        except urllib.error.HTTPError as error:
            return int(error.code), error.read()

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


# --------------------------------------------------------------------------- load


def _percentile(sorted_values: list[float], share: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(share * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def _figures(latencies: list[float], statuses: dict[str, int], seconds: float) -> Figures:
    ok = sorted(latencies)
    return Figures(
        requests=sum(statuses.values()),
        errors=sum(n for status, n in statuses.items() if status != "200"),
        p50=_percentile(ok, 0.50) * 1000,
        p95=_percentile(ok, 0.95) * 1000,
        p99=_percentile(ok, 0.99) * 1000,
        per_second=sum(statuses.values()) / seconds,
        statuses=statuses,
    )


def load_hey(url: str, args: argparse.Namespace) -> Figures:
    """``hey -z <duration>s -c <concurrency> -o csv``: one line per request."""
    command = [HEY, "-z", f"{args.duration}s", "-c", str(args.concurrency), "-t", "300"]
    command += ["-o", "csv", url]
    started = time.perf_counter()
    output = subprocess.run(command, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - started  # with the requests in flight at the end
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    for row in csv.DictReader(io.StringIO(output.stdout)):
        status = row["status-code"]
        statuses[status] = statuses.get(status, 0) + 1
        if status == "200":
            latencies.append(float(row["response-time"]))
    return _figures(latencies, statuses, seconds)


def _fetch(host: str, port: int, path: str, first_byte: bool) -> tuple[str, float]:
    """One GET on a new connection: its status and seconds to the first byte of the body
    (then hang up: the rest of an export is not wanted) or to the end of the body."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=120)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read(1) if first_byte else response.read()
        return str(response.status), time.perf_counter() - started
    finally:
        connection.close()


def load_python(
    server: Server, path: str, args: argparse.Namespace, *, first_byte: bool, clients: int
) -> Figures:
    """``clients`` threads requesting ``path`` in a loop for ``--duration`` seconds: the
    client for the CSV's first byte, and the stand-in for ``hey`` where it is missing."""
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    stop_at = time.perf_counter() + args.duration

    def client() -> list[tuple[str, float]]:
        done = []
        while time.perf_counter() < stop_at:
            done.append(_fetch("127.0.0.1", server.port, path, first_byte))
        return done

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        results = [future.result() for future in [pool.submit(client) for _ in range(clients)]]
    seconds = time.perf_counter() - started
    for status, latency in (item for done in results for item in done):
        statuses[status] = statuses.get(status, 0) + 1
        if status == "200":
            latencies.append(latency)
    return _figures(latencies, statuses, seconds)


def _warm(server: Server, target: Target, args: argparse.Namespace) -> None:
    """Every worker thread opens its database connection and fills its caches first: two
    requests per server thread, as many at once as the server has threads."""
    threads = args.workers * args.threads
    for path in (target.path, target.peer_path):
        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            list(
                pool.map(
                    lambda _n, path=path: _fetch("127.0.0.1", server.port, path, True),
                    range(2 * threads),
                )
            )


def _settle(server: Server, probe: str) -> None:
    """Wait until requests left running by the last load are done (a static file answers
    in under 50 ms), so that they do not slow the next measurement."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        started = time.perf_counter()
        server.get(probe)
        if time.perf_counter() - started < 0.05:
            return
        time.sleep(0.5)


def _load(server: Server, target_path: str, kind: str, args: argparse.Namespace) -> Figures:
    _settle(server, server.probe)
    if kind == "csv":
        # A quarter of the clients: each export hung up on still costs the server its query.
        clients = max(1, args.concurrency // 4)
        return load_python(server, target_path, args, first_byte=True, clients=clients)
    if not Path(HEY).exists():
        return load_python(server, target_path, args, first_byte=False, clients=args.concurrency)
    return load_hey(server.base + target_path, args)


# --------------------------------------------------------------------------- one database


def _follow(server: Server, first: str, pages: int) -> tuple[str, int]:
    """The path of page ``pages`` of an API list (or of its last page, if fewer) and its
    number, found by following the ``next_cursor`` (or ``next`` link) of each page."""
    path, page = first, 1
    while page < pages:
        status, body = server.get(path)
        if status != 200:
            break  # reported by the caller, which asks for the page again
        document = json.loads(body)
        following = document.get("next")
        if document.get("next_cursor"):
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(first).query)
            query["cursor"] = [str(document["next_cursor"])]
            following = f"{first.split('?', 1)[0]}?{urllib.parse.urlencode(query, doseq=True)}"
        if not following:
            break
        path = following.split(server.base, 1)[-1]
        page += 1
    return path, page


def _prepare_peers(
    server: Server,
    targets: list[Target],
    static_root: Path,
    skipped: list[str],
    args: argparse.Namespace,
) -> list[Target]:
    """Check each URL answers, find the deep cursor, and save the static peers' files."""
    from bench._portal_seed import biggest_dataset

    folder = static_root / PEER_DIR
    folder.mkdir(parents=True, exist_ok=True)
    dataset = biggest_dataset()
    kept = []
    for index, target in enumerate(targets):
        deep = target.kind == "api" and "deep" in target.name
        status, head, reached = 404, b"", 1
        tried = [target.path, *target.alternatives]
        for path in tried:
            target.path, reached = _follow(server, path, args.deep) if deep else (path, 1)
            status, head = _head(server, target.path, CSV_PEER_BYTES if target.kind == "csv" else 0)
            if status != 404:
                break
        if deep:
            target.name = target.name.replace("deep page", f"page {reached:,}")
        if status == 404:
            skipped.append(f"{target.name}: 404 ({', '.join(tried)})")
            continue
        if status != 200:
            raise SystemExit(f"{target.name}: {target.path} answered {status}\n{server.output()}")
        if target.kind == "api":
            offset = (reached - 1) * 50
            target.peer_path = f"/bench-peer/offset/{dataset}?limit=50&offset={offset}"
            target.peer_label = "COUNT+OFFSET"
        else:
            suffix = ".csv" if target.kind == "csv" else ".html"
            (folder / f"{index}{suffix}").write_bytes(head)
            target.peer_path = f"/static/{PEER_DIR}/{index}{suffix}"
            target.peer_label = "static 1 MiB" if target.kind == "csv" else "static"
        kept.append(target)
    return kept


def _head(server: Server, path: str, size: int) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return int(response.status), response.read(size) if size else response.read()
    finally:
        connection.close()


def run_one(database_url: str, args: argparse.Namespace) -> dict[str, Any]:
    setup_django(database_url)
    from django.db import connection

    from bench import _portal_seed

    sizes = _portal_seed.Sizes.scaled(args.scale)
    started = time.perf_counter()
    world = _portal_seed.seed(sizes, random.Random(20261126))
    seed_seconds = time.perf_counter() - started
    _portal_seed.analyse()
    print(
        f"{connection.vendor}: seeded {sum(world.counts.values()):,} rows in {seed_seconds:.0f} s "
        f"{world.counts}",
        file=sys.stderr,
    )
    connection.close()
    skipped: list[str] = []
    targets = _targets(world, skipped)
    load_before = os.getloadavg()[:1]
    rows = []
    with tempfile.TemporaryDirectory(prefix="danvan-bench-static-") as static:
        static_root = Path(static)
        server = Server(database_url, static_root, args)
        try:
            targets = _prepare_peers(server, targets, static_root, skipped, args)
        finally:
            server.stop()
        # Restarted so that WhiteNoise, which lists its files at start-up, serves the peers.
        server = Server(database_url, static_root, args)
        try:
            for target in targets:
                _warm(server, target, args)
                danvan = _load(server, target.path, target.kind, args)
                peer = _load(server, target.peer_path, target.kind, args)
                rows.append(
                    {"target": asdict(target), "danvan": asdict(danvan), "peer": asdict(peer)}
                )
        finally:
            server.stop()
    return {
        "load_average": load_before + os.getloadavg()[:1],
        "database": connection.vendor,
        "scale": args.scale,
        "counts": world.counts,
        "seed_s": seed_seconds,
        "seed_parts_s": world.seconds,
        "rows": rows,
        "skipped": skipped,
        "server": f"granian {args.workers} workers × {args.threads} threads",
        "load": f"{args.concurrency} connections, {args.duration} s per URL",
    }


# --------------------------------------------------------------------------- driver


def _child(database_url: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable, __file__, "--child", database_url, "--scale", str(args.scale),
        "--duration", str(args.duration), "--concurrency", str(args.concurrency),
        "--workers", str(args.workers), "--threads", str(args.threads), "--deep", str(args.deep),
    ]  # fmt: skip
    output = subprocess.run(command, check=False, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    if output.returncode != 0:
        raise SystemExit(output.returncode)
    return dict(json.loads(output.stdout.strip().splitlines()[-1]))


def _table(results: list[dict[str, Any]]) -> str:
    from bench._portal_seed import RECORD_DATASETS

    lines = []
    for result in results:
        counts = result["counts"]
        records = sum(counts.get(name, 0) for name in RECORD_DATASETS)
        lines += [
            "",
            f"{result['database']}: {counts['units']:,} units, {counts['models']:,} models, "
            f"{records:,} public records; seeded in {result['seed_s']:.0f} s "
            f"({sum(counts.values()) / result['seed_s']:,.0f} rows/s, all tables); "
            f"{result['server']}; {result['load']}; load average "
            f"{result['load_average'][0]:.1f} before, {result['load_average'][1]:.1f} after",
            f"{'URL':44} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>7}  "
            f"{'peer':>12} {'n':>6} {'peer p95':>9} {'ratio':>6}",
        ]
        for row in result["rows"]:
            danvan, peer, target = row["danvan"], row["peer"], row["target"]
            errors = f"  ({danvan['errors']} errors)" if danvan["errors"] else ""
            ratio = danvan["p95"] / peer["p95"] if peer["p95"] else 0.0
            lines.append(
                f"{target['name'][:44]:44} {danvan['requests']:6} {danvan['p50']:8.1f} "
                f"{danvan['p95']:8.1f} {danvan['p99']:8.1f} {danvan['per_second']:7.1f}  "
                f"{target['peer_label']:>12} {peer['requests']:6} {peer['p95']:9.1f} "
                f"{ratio:5.2f}x{errors}"
            )
        lines += [f"  skipped: {reason}" for reason in result["skipped"]]
    lines.append(
        f"(Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs "
        "shared with other work; the load generator runs on the same machine)"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--deep", type=int, default=200)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, args), default=str))
        return 0
    results = []
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory(prefix="danvan-bench-") as folder:
            results.append(_child(f"sqlite:///{folder}/bench.sqlite3", args))
    base = os.environ.get("DATABASE_URL", "")
    if args.only != "sqlite" and base.startswith("postgres"):
        url, drop = postgres_database(base, "danvan_bench_portal")
        try:
            results.append(_child(url, args))
        finally:
            drop()
    print(json.dumps(results, indent=2) if args.json else _table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
