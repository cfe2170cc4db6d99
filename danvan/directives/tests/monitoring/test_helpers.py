"""Small pieces of the monitoring area: names of rows, the default signer, file names, charts."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.directives.models import Document, NumberCounter, UnitReport
from danvan.directives.selectors.monitoring import Filters, Row, dashboard_figures, scope_for
from danvan.directives.services.monitoring import urging_letters_generate
from danvan.directives.services.monitoring_docx import (
    default_signer,
    document_citation,
    lower_first,
)
from danvan.directives.tests.monitoring.conftest import (
    TODAY,
    Seed,
    make_directive,
    make_document,
    make_round,
)
from danvan.directives.views.monitoring import bar_chart, file_slug, late_units_chart

pytestmark = pytest.mark.django_db


def test_rows_are_named(seed: Seed) -> None:
    (letter,) = urging_letters_generate(
        directive=seed.directive,
        actor=seed.world.commission_officer,
        per_unit=False,
        working_days=5,
        key="names",
    )
    counter = NumberCounter.objects.get()
    assert str(letter) == "01-CV/BTGDVTU"
    assert str(counter) == f"CV {counter.scope}: 1"


def test_without_a_head_nobody_signs_by_default(seed: Seed) -> None:
    assert default_signer(seed.world.committees[0]) is None
    signer = default_signer(seed.people_committee)
    assert signer is not None
    assert signer.title == "Chủ tịch"


def test_file_names_are_ascii() -> None:
    assert file_slug("07-CV/ĐU") == "07-cv-du"
    assert file_slug("Ủy ban nhân dân Xã Tiên Lữ") == "uy-ban-nhan-dan-xa-tien-lu"


def test_a_directive_with_reports_only_is_named_in_the_table(seed: Seed) -> None:
    # given a directive that asks for a report and gives no task
    directive = make_directive(
        make_document("15-HD/BTGDVTU", issued_on=dt.date(2026, 2, 1)),
        seed.world.commission,
        "Hướng dẫn báo cáo",
    )
    make_round(
        directive,
        seed.world.commission,
        "Báo cáo chuyên đề",
        dt.date(2026, 4, 1),
        {seed.world.committees[0]: UnitReport.Status.DRAFT},
    )
    figures = dashboard_figures(
        scope=scope_for(seed.world.commission_officer), filters=Filters(), today=TODAY
    )
    row = next(row for row in figures.directives if row.key == directive.pk)
    assert row.label == "Hướng dẫn báo cáo"
    assert row.reports_pending == 1


def test_charts_scale_to_the_largest_row_and_list_late_units_only() -> None:
    chart = bar_chart(
        chart_id="c",
        title="T",
        rows=[("A", [("tasks_done", "Xong", 4)]), ("B", [("tasks_done", "Xong", 2)])],
    )
    assert [row.segments[0].width for row in chart.rows] == ["360.0", "180.0"]
    assert chart.desc == "A: Xong 4; B: Xong 2"
    long_name = "Ủy ban nhân dân " * 4
    rows = [Row(key=1, label=long_name, tasks_overdue=2), Row(key=2, label="B")]
    late = late_units_chart(rows)
    assert len(late.rows) == 1
    assert late.rows[0].short_label.endswith("…")
    assert late.rows[0].text == "2"


@pytest.mark.parametrize(
    ("text", "lowered"),
    [
        ("Thực hiện Chỉ thị số 33/CT-TTg", "thực hiện Chỉ thị số 33/CT-TTg"),
        ("Ủy ban nhân dân", "ủy ban nhân dân"),
        ("HĐND tỉnh giám sát", "HĐND tỉnh giám sát"),  # an acronym keeps its capitals
        ("QĐ 23", "QĐ 23"),
        ("công tác dân vận", "công tác dân vận"),
        ("A", "A"),
        ("", ""),
    ],
)
def test_only_a_capitalised_word_is_lowered(text: str, lowered: str) -> None:
    assert lower_first(text) == lowered


@pytest.mark.parametrize(
    ("title", "tail"),
    [
        ("Thực hiện Chỉ thị số 33/CT-TTg", "của Tỉnh ủy về thực hiện Chỉ thị số 33/CT-TTg"),
        ("Về công tác dân vận.", "của Tỉnh ủy về công tác dân vận"),
        ("về công tác dân vận", "của Tỉnh ủy về công tác dân vận"),
        ("HĐND các cấp", "của Tỉnh ủy về HĐND các cấp"),
    ],
)
def test_a_cited_title_reads_as_part_of_the_sentence(title: str, tail: str) -> None:
    # given a registered document whose title was typed as a heading
    document = Document(
        doc_type=Document.Type.PLAN,
        symbol="18-KH/TU",
        issuer_name="Tỉnh ủy",
        issued_on=dt.date(2026, 3, 10),
        title=title,
    )
    # when it is cited mid-sentence, then its first letter follows "về" in lower case
    assert document_citation(document) == f"Kế hoạch số 18-KH/TU ngày 10 tháng 3 năm 2026 {tail}"
