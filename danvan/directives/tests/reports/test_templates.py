"""Report templates: the standard CT 33 / KL 114 template, copies, sections and indicators,
and the rule that a template used by a round is fixed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.directives.models import Indicator, ReportTemplate, TemplateSection
from danvan.directives.services import reports as services
from danvan.directives.tests.reports.conftest import ReportsWorld, default_template, make_round

pytestmark = pytest.mark.django_db


def test_the_standard_template_has_the_four_sections_and_the_indicators(rw: ReportsWorld) -> None:
    # when the commission creates the standard template
    template = services.template_default_create(unit=rw.commission, actor=rw.officer)
    # then it has the four sections of the CT 33 / KL 114 report, in order
    assert list(template.sections.order_by("position").values_list("title", flat=True)) == [
        "Kết quả thực hiện",
        "Hạn chế, nguyên nhân",
        "Phương hướng, nhiệm vụ thời gian tới",
        "Đề xuất, kiến nghị",
    ]
    # and ten indicators; those danvan counts name their source
    indicators = dict(template.indicators.values_list("label", "source"))
    assert len(indicators) == 10
    assert indicators["Số cuộc đối thoại với Nhân dân"] == ""
    assert indicators["Số lượt công dân được tiếp"] == "citizens_received"
    assert indicators["Số đơn thư tiếp nhận"] == "petitions_received"
    assert indicators["Số đơn thư giải quyết đúng hạn"] == "petitions_on_time"
    assert indicators["Số văn bản lấy ý kiến Nhân dân"] == "consultations_held"
    assert indicators["Số mô hình “Dân vận khéo” đăng ký"] == ""
    assert template.unit == rw.commission
    assert AuditEntry.objects.filter(verb="directives_report_template.default_create").count() == 1


def test_a_unit_that_is_not_directed_cannot_get_a_template(rw: ReportsWorld) -> None:
    with pytest.raises(ApplicationError):
        services.template_default_create(unit=rw.commission, actor=rw.other_province_officer)
    with pytest.raises(ApplicationError):
        services.template_create(unit=rw.commission, actor=rw.commune_officers[0], title="X")
    assert not ReportTemplate.objects.exists()


def test_sections_and_indicators_are_added_edited_moved_and_deleted(rw: ReportsWorld) -> None:
    template = services.template_create(
        unit=rw.commission, actor=rw.officer, title="  Báo cáo chuyên đề  "
    )
    assert template.title == "Báo cáo chuyên đề"
    first = services.section_add(template=template, actor=rw.officer, title="Tình hình")
    second = services.section_add(
        template=template, actor=rw.officer, title="Kết quả", guidance="Nêu số liệu"
    )
    assert (first.position, second.position) == (1, 2)
    # moving the second up swaps them; moving the first (now second) down does nothing
    services.section_move(section=second, actor=rw.officer, up=True)
    assert list(template.sections.order_by("position").values_list("title", flat=True)) == [
        "Kết quả",
        "Tình hình",
    ]
    first.refresh_from_db()
    services.section_move(section=first, actor=rw.officer, up=False)
    first.refresh_from_db()
    assert first.position == 2
    services.section_update(section=first, actor=rw.officer, title="Bối cảnh", guidance="")
    services.section_delete(section=second, actor=rw.officer)
    assert list(template.sections.values_list("title", flat=True)) == ["Bối cảnh"]

    # an indicator without a code gets one from its label, without diacritics
    dialogue = services.indicator_add(
        template=template, actor=rw.officer, label="Số cuộc đối thoại", measure="cuộc"
    )
    again = services.indicator_add(template=template, actor=rw.officer, label="Số cuộc đối thoại")
    assert (dialogue.code, again.code) == ("so-cuoc-doi-thoai", "so-cuoc-doi-thoai-2")
    petitions = services.indicator_add(
        template=template, actor=rw.officer, label="Đơn", code="don", source="petitions_received"
    )
    with pytest.raises(ApplicationError):
        services.indicator_add(template=template, actor=rw.officer, label="Trùng", code="don")
    with pytest.raises(ApplicationError):
        services.indicator_update(
            indicator=dialogue, actor=rw.officer, label="A", measure="", source="", code="don"
        )
    services.indicator_update(
        indicator=petitions, actor=rw.officer, label="Số đơn", measure="đơn", source="", code=""
    )
    petitions.refresh_from_db()
    assert (petitions.label, petitions.code, petitions.source) == ("Số đơn", "don", "")
    services.indicator_move(indicator=petitions, actor=rw.officer, up=True)
    services.indicator_delete(indicator=again, actor=rw.officer)
    assert list(template.indicators.order_by("position").values_list("code", flat=True)) == [
        "so-cuoc-doi-thoai",
        "don",
    ]


def test_an_unknown_source_is_refused_in_words(rw: ReportsWorld) -> None:
    template = services.template_create(unit=rw.commission, actor=rw.officer, title="X")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.indicator_add(template=template, actor=rw.officer, label="A", source="khong-co")
    assert not Indicator.objects.filter(template=template).exists()


def test_a_template_used_by_a_round_is_fixed_but_can_be_copied(rw: ReportsWorld) -> None:
    # given a round made from the standard template
    template = default_template(rw)
    make_round(rw, template=template)
    section = template.sections.first()
    indicator = template.indicators.first()
    assert section is not None
    assert indicator is not None
    # then none of its structure can change
    attempts: list[Callable[[], object]] = [
        lambda: services.section_add(template=template, actor=rw.officer, title="Mới"),
        lambda: services.section_update(section=section, actor=rw.officer, title="X", guidance=""),
        lambda: services.section_delete(section=section, actor=rw.officer),
        lambda: services.section_move(section=section, actor=rw.officer, up=False),
        lambda: services.indicator_add(template=template, actor=rw.officer, label="Mới"),
        lambda: services.indicator_update(
            indicator=indicator, actor=rw.officer, label="X", measure="", source="", code=""
        ),
        lambda: services.indicator_delete(indicator=indicator, actor=rw.officer),
        lambda: services.indicator_move(indicator=indicator, actor=rw.officer, up=False),
    ]
    for attempt in attempts:
        with pytest.raises(ApplicationError, match="copy"):
            attempt()
    assert template.sections.count() == 4
    # but its title may change and it may be retired
    services.template_update(
        template=template, actor=rw.officer, title="Mẫu cũ", description="", is_active=False
    )
    template.refresh_from_db()
    assert (template.title, template.is_active) == ("Mẫu cũ", False)
    # and a copy has the same structure and is editable
    copy = services.template_copy(template=template, unit=rw.commission, actor=rw.officer)
    assert copy.pk != template.pk
    assert copy.sections.count() == 4
    assert list(copy.indicators.order_by("position").values_list("code", "source")) == list(
        template.indicators.order_by("position").values_list("code", "source")
    )
    services.section_add(template=copy, actor=rw.officer, title="Phụ lục")
    assert TemplateSection.objects.filter(template=copy).count() == 5
