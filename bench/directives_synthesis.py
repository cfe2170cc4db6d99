"""Benchmark of the periodic-report synthesis: 3,321 communes' reports rolled up, in Word and
Excel, against "the spreadsheet way" agencies use today.

Usage (from the repository root):

    .venv/bin/python bench/directives_synthesis.py                 # SQLite (temporary file)
    DATABASE_URL=postgres://danvan:danvan@127.0.0.1:5432/danvan \\
        .venv/bin/python bench/directives_synthesis.py             # SQLite, then PostgreSQL

Options: ``--units`` (default 3,321, the commune-level units since 1 July 2025), ``--runs``
(timed runs, medians reported; default 5), ``--peer-runs`` (default: ``--runs``),
``--json``.

What it does, for each database (SQLite in a temporary file; PostgreSQL in a database
``danvan_bench_reports_<pid>`` created next to DATABASE_URL's and dropped at the end):

1. creates the tables from the models (no migrations needed), a country with 34 provinces,
   ``--units`` communes with their People's Committees, and the national commission (a
   Party body, so the Word report is in the Party format);
2. creates the standard report template (4 sections, 10 indicators) and a round asking every
   commune's committee (``round_create``: one bulk insert), then fills the reports with
   bulk inserts: 10 figures and 4 texts of 300–900 characters of Vietnamese each; 95% of
   the reports are submitted or accepted, 5% are still being written;
3. times, ``--runs`` times each: the roll-up (``synthesis_rollup``: totals per indicator,
   status counts, units missing), the Word report (``synthesis_docx``: the Party frame,
   the table of indicators and every unit's text, about 13,000 paragraphs), the Excel
   workbook (``synthesis_xlsx``: a row per unit, a totals row, every text);
4. the peer, "the spreadsheet way agencies use today": each commune sends its figures as an
   .xlsx file (STT, indicator, unit of measure, figure) and an officer adds them up. The
   3,321 files are written to a temporary folder first (not timed); the timed part reads
   every file with openpyxl (read-only) and sums the figures per indicator. The sums are
   checked against the roll-up (they must be equal), and the ratio is printed.

The machine is shared and timings are medians of a few runs: read them as orders of
magnitude.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._support import median_time, postgres_database, setup_django  # noqa: E402

PROVINCES = 34
SUBMITTED_SHARE = 0.95
SENTENCES = [
    "Tổ chức đối thoại trực tiếp với Nhân dân về bồi thường, hỗ trợ, tái định cư khi Nhà "
    "nước thu hồi đất.",
    "Duy trì tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân vào ngày 15 hằng tháng.",
    "Giải quyết dứt điểm các vụ việc khiếu nại tồn đọng, kéo dài liên quan đến đất đai.",
    "Công khai, minh bạch các thủ tục hành chính tại Trung tâm phục vụ hành chính công.",
    "Triển khai mô hình “Dân vận khéo” trong xây dựng nông thôn mới nâng cao.",
    "Phối hợp với Ủy ban Mặt trận Tổ quốc xã lấy ý kiến Nhân dân về dự thảo quy chế.",
    "Một số cán bộ, công chức chưa thực sự gần dân, trọng dân, có lúc còn thiếu kiên nhẫn.",
    "Tiếp tục nâng cao chất lượng tiếp công dân và xử lý đơn thư đúng quy định pháp luật.",
    "Đề nghị cấp trên bố trí kinh phí tập huấn kỹ năng dân vận cho cán bộ cơ sở.",
]


def _text(rng: random.Random) -> str:
    parts: list[str] = []
    while sum(len(p) for p in parts) < rng.randint(300, 900):
        parts.append(rng.choice(SENTENCES))
    return " ".join(parts)


# --------------------------------------------------------------------------- one database


def _seed(units: int, rng: random.Random) -> Any:
    from danvan.directives.models import IndicatorValue, SectionAnswer, UnitReport
    from danvan.directives.services.reports import round_create, template_default_create
    from danvan.units.folding import fold_for_search
    from danvan.units.models import Unit

    def make(code: str, name: str, kind: str, parent: Unit | None) -> Unit:
        unit = Unit(code=code, name=name, kind=kind, parent=parent)
        unit.refresh_derived_fields()
        return unit

    country = make("VN", "Việt Nam", Unit.Kind.COUNTRY, None)
    country.save()
    party = make("VN-DCS", "Ban Chấp hành Trung ương", Unit.Kind.PARTY_COMMITTEE, country)
    party.save()
    commission = make(
        "VN-BTGDVTW", "Ban Tuyên giáo và Dân vận Trung ương", Unit.Kind.PARTY_COMMISSION, party
    )
    commission.save()
    provinces = [
        make(f"P{p:02d}", f"Tỉnh Số {p:02d}", Unit.Kind.PROVINCE, country)
        for p in range(1, PROVINCES + 1)
    ]
    Unit.objects.bulk_create(provinces)
    provinces = list(Unit.objects.filter(kind=Unit.Kind.PROVINCE).order_by("code"))
    communes = [
        make(f"C{c:05d}", f"Xã Số {c:05d}", Unit.Kind.COMMUNE, provinces[c % PROVINCES])
        for c in range(units)
    ]
    Unit.objects.bulk_create(communes, batch_size=1000)
    by_code = {u.code: u for u in Unit.objects.filter(kind=Unit.Kind.COMMUNE)}
    committees = []
    for code, commune in by_code.items():
        committee = make(
            f"{code}-UBND",
            f"Ủy ban nhân dân {commune.name}",
            Unit.Kind.PEOPLES_COMMITTEE,
            commune,
        )
        committee.search_name = fold_for_search(committee.name)
        committees.append(committee)
    Unit.objects.bulk_create(committees, batch_size=1000)
    committees = list(Unit.objects.filter(kind=Unit.Kind.PEOPLES_COMMITTEE))

    import datetime as dt

    template = template_default_create(unit=commission, actor=None)
    started = time.perf_counter()
    reporting_round = round_create(
        unit=commission,
        template=template,
        title="Báo cáo kết quả công tác dân vận chính quyền quý III năm 2026",
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 9, 30),
        due_on=dt.date(2026, 10, 9),
        units=committees,
        actor=None,
    )
    create_seconds = time.perf_counter() - started
    indicators = list(template.indicators.order_by("position"))
    sections = list(template.sections.order_by("position"))
    reports = list(UnitReport.objects.filter(round=reporting_round).values_list("pk", flat=True))
    values, answers = [], []
    for report_id in reports:
        for indicator in indicators:
            values.append(
                IndicatorValue(
                    report_id=report_id, indicator=indicator, value=Decimal(rng.randint(0, 250))
                )
            )
        for section in sections:
            answers.append(SectionAnswer(report_id=report_id, section=section, text=_text(rng)))
    IndicatorValue.objects.bulk_create(values, batch_size=2000)
    SectionAnswer.objects.bulk_create(answers, batch_size=1000)
    sent = rng.sample(reports, int(len(reports) * SUBMITTED_SHARE))
    half = len(sent) // 2
    for start in range(0, len(sent), 900):
        chunk = sent[start : start + 900]
        status = UnitReport.Status.ACCEPTED if start < half else UnitReport.Status.SUBMITTED
        UnitReport.objects.filter(pk__in=chunk).update(status=status)
    return reporting_round, create_seconds


def _peer_files(folder: Path, reporting_round: Any) -> list[Path]:
    """One .xlsx per commune, as a commune sends its figures today (not timed)."""
    from openpyxl import Workbook

    from danvan.directives.models import Indicator, IndicatorValue, UnitReport
    from danvan.directives.selectors.reports import INCLUDED

    indicators = list(
        Indicator.objects.filter(template=reporting_round.template).order_by("position")
    )
    figures: dict[int, dict[int, Decimal | None]] = {}
    for report_id, indicator_id, value in IndicatorValue.objects.filter(
        report__round=reporting_round, report__status__in=INCLUDED
    ).values_list("report_id", "indicator_id", "value"):
        figures.setdefault(report_id, {})[indicator_id] = value
    paths = []
    for report_id, code, name in UnitReport.objects.filter(
        round=reporting_round, status__in=INCLUDED
    ).values_list("pk", "unit__code", "unit__name"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Biểu số liệu"
        sheet.append([name])
        sheet.append([reporting_round.title])
        sheet.append(["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"])
        for index, indicator in enumerate(indicators, start=1):
            value = figures.get(report_id, {}).get(indicator.pk)
            sheet.append([index, indicator.label, indicator.measure, int(value or 0)])
        path = folder / f"{code}.xlsx"
        workbook.save(path)
        paths.append(path)
    return paths


def _peer_sum(paths: list[Path]) -> dict[str, float]:
    """The spreadsheet way: open every commune's file and add the figures per indicator."""
    from openpyxl import load_workbook

    totals: dict[str, float] = {}
    for path in paths:
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(min_row=4, values_only=True):
            label, value = row[1], row[3]
            if label is None:
                continue
            totals[str(label)] = totals.get(str(label), 0.0) + float(value or 0)
        workbook.close()
    return totals


def run_one(database_url: str, args: argparse.Namespace) -> dict[str, Any]:
    setup_django(database_url)
    from django.db import connection

    from danvan.directives.selectors.reports import synthesis_rollup
    from danvan.directives.services.reports_synthesis import synthesis_docx, synthesis_xlsx

    rng = random.Random(20261009)
    seeded = time.perf_counter()
    reporting_round, create_seconds = _seed(args.units, rng)
    seed_seconds = time.perf_counter() - seeded

    rollup_s, rollup = median_time(lambda: synthesis_rollup(reporting_round), args.runs)
    docx_s, docx_bytes = median_time(
        lambda: synthesis_docx(reporting_round=reporting_round, rollup=rollup), args.runs
    )
    xlsx_s, xlsx_bytes = median_time(
        lambda: synthesis_xlsx(reporting_round=reporting_round, rollup=rollup), args.runs
    )
    with tempfile.TemporaryDirectory(prefix="danvan-peer-") as folder:
        paths = _peer_files(Path(folder), reporting_round)
        peer_s, peer_totals = median_time(lambda: _peer_sum(paths), args.peer_runs or args.runs)
    expected = {i.label: float(i.total) for i in rollup.indicators}
    if peer_totals != expected:
        raise SystemExit(f"the peer's sums differ from the roll-up: {peer_totals} {expected}")
    return {
        "database": connection.vendor,
        "units": rollup.asked,
        "reported": rollup.reported,
        "round_create_s": create_seconds,
        "seed_s": seed_seconds,
        "rollup_s": rollup_s,
        "docx_s": docx_s,
        "docx_kib": len(docx_bytes) // 1024,
        "xlsx_s": xlsx_s,
        "xlsx_kib": len(xlsx_bytes) // 1024,
        "peer_files": len(paths),
        "peer_s": peer_s,
    }


# --------------------------------------------------------------------------- driver


def _child(database_url: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable, __file__, "--child", database_url, "--units", str(args.units),
        "--runs", str(args.runs), "--peer-runs", str(args.peer_runs or args.runs),
    ]  # fmt: skip
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    return dict(json.loads(output.stdout.strip().splitlines()[-1]))


def _table(results: list[dict[str, Any]]) -> str:
    lines = [
        f"Synthesis of {results[0]['units']:,} units' reports "
        f"({results[0]['reported']:,} sent; 10 indicators, 4 sections each) — medians",
        f"{'':38}" + "".join(f"{r['database']:>14}" for r in results),
    ]
    rows = [
        ("round creation (reports + notify), s", "round_create_s", "{:.2f}"),
        ("roll-up query, s", "rollup_s", "{:.3f}"),
        ("Word report, s", "docx_s", "{:.2f}"),
        ("  size, KiB", "docx_kib", "{:,}"),
        ("Excel workbook, s", "xlsx_s", "{:.2f}"),
        ("  size, KiB", "xlsx_kib", "{:,}"),
        ("peer: read + sum .xlsx files, s", "peer_s", "{:.2f}"),
    ]
    for label, key, form in rows:
        lines.append(f"{label:38}" + "".join(f"{form.format(r[key]):>14}" for r in results))
    lines.append(
        f"{'peer / danvan roll-up':38}"
        + "".join(f"{r['peer_s'] / r['rollup_s']:>13.0f}x" for r in results)
    )
    lines.append(
        f"{'peer / (roll-up + Word + Excel)':38}"
        + "".join(
            f"{r['peer_s'] / (r['rollup_s'] + r['docx_s'] + r['xlsx_s']):>13.1f}x" for r in results
        )
    )
    lines.append(f"(peer files: {results[0]['peer_files']:,}; Python {platform.python_version()}, "
                 f"{platform.machine()}, {os.cpu_count()} CPUs, shared machine)")  # fmt: skip
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--peer-runs", type=int, default=0)
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
        url, drop = postgres_database(base, "danvan_bench_reports")
        try:
            results.append(_child(url, args))
        finally:
            drop()
    print(json.dumps(results, indent=2) if args.json else _table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
