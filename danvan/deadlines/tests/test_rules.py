"""Rules as data: validation, versions, overrides."""

import datetime as dt

import pytest

from danvan.deadlines.engine import (
    RULE_BOOK,
    RULES,
    Anchor,
    CountOverride,
    Extension,
    ResumeMode,
    Rule,
    RuleBook,
    RuleNotInForceError,
    Status,
    TimeUnit,
    UnknownRuleError,
)

D = dt.date


def _rule(**changes: object) -> Rule:
    values: dict[str, object] = {
        "code": "x",
        "count": 5,
        "unit": TimeUnit.WORKING_DAY,
        "anchor": Anchor.RECEIVED,
        "legal_basis": "Điều 1",
        "status": Status.VERIFIED,
        "description_vi": "x",
        "description_en": "x",
        **changes,
    }
    return Rule(**values)  # type: ignore[arg-type]


def test_required_codes_ship_with_domain_values() -> None:
    on = D(2026, 11, 26)
    expected = {
        "complaint_accept": (7, TimeUnit.WORKING_DAY, None, Status.UNCERTAIN),
        "complaint_first": (30, TimeUnit.CALENDAR_DAY, 45, Status.VERIFIED),
        "complaint_first_complex": (45, TimeUnit.CALENDAR_DAY, 60, Status.VERIFIED),
        "complaint_second": (45, TimeUnit.CALENDAR_DAY, 60, Status.VERIFIED),
        "complaint_second_complex": (60, TimeUnit.CALENDAR_DAY, 70, Status.VERIFIED),
        "complaint_second_file": (30, TimeUnit.CALENDAR_DAY, 45, Status.VERIFIED),
        "complaint_decision_send": (3, TimeUnit.WORKING_DAY, None, Status.VERIFIED),
        "denunciation_accept": (7, TimeUnit.WORKING_DAY, None, Status.VERIFIED),
        "denunciation_accept_several_places": (10, TimeUnit.WORKING_DAY, None, Status.VERIFIED),
        "denunciation_transfer": (5, TimeUnit.WORKING_DAY, None, Status.VERIFIED),
        "denunciation_resolve": (30, TimeUnit.CALENDAR_DAY, None, Status.VERIFIED),
        "denunciation_publish": (7, TimeUnit.WORKING_DAY, None, Status.VERIFIED),
        "petition_process": (10, TimeUnit.WORKING_DAY, None, Status.BACKGROUND),
        "disclosure_posting": (5, TimeUnit.WORKING_DAY, None, Status.VERIFIED),
        "consultation_posting": (20, TimeUnit.CALENDAR_DAY, None, Status.UNCERTAIN),
        "refusal_notice": (3, TimeUnit.WORKING_DAY, None, Status.REPOSITORY),
    }
    for code, (count, unit, remote, status) in expected.items():
        rule = RULE_BOOK.get(code, on=on)
        assert (rule.count, rule.unit, rule.remote_area_count, rule.status) == (
            count,
            unit,
            remote,
            status,
        ), code
        assert rule.legal_basis
        assert rule.description_vi
        assert rule.description_en


def test_complaints_restart_and_denunciations_continue() -> None:
    on = D(2026, 11, 26)
    for code in (
        "complaint_first",
        "complaint_first_complex",
        "complaint_second",
        "complaint_second_complex",
    ):
        assert RULE_BOOK.get(code, on=on).resume_mode is ResumeMode.RESTART
    assert RULE_BOOK.get("denunciation_resolve", on=on).resume_mode is ResumeMode.CONTINUE


def test_denunciation_extensions_follow_art_30() -> None:
    rule = RULE_BOOK.get("denunciation_resolve", on=D(2026, 1, 1))
    complex_, especially = rule.extensions
    assert (complex_.code, complex_.count, complex_.max_times) == ("complex", 30, 1)
    assert (especially.code, especially.count, especially.max_times) == (
        "especially_complex",
        30,
        2,
    )
    assert rule.max_extensions == 2


def test_complaint_acceptance_changes_on_1_july_2026() -> None:
    before = RULE_BOOK.get("complaint_accept", on=D(2026, 6, 30))
    after = RULE_BOOK.get("complaint_accept", on=D(2026, 7, 1))
    assert (before.count, before.unit) == (10, TimeUnit.CALENDAR_DAY)
    assert (after.count, after.unit) == (7, TimeUnit.WORKING_DAY)
    assert after.needs_verification
    assert not before.needs_verification


def test_lookup_errors() -> None:
    with pytest.raises(UnknownRuleError):
        RULE_BOOK.get("nope", on=D(2026, 1, 1))
    with pytest.raises(RuleNotInForceError):
        RULE_BOOK.get("refusal_notice", on=D(2026, 6, 30))
    assert "nope" not in RULE_BOOK
    assert "complaint_first" in RULE_BOOK
    assert len(list(RULE_BOOK)) == len(RULES)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"count": 0}, "count must be positive"),
        ({"remote_area_count": 3}, "remote-area limit is shorter"),
        ({"effective_from": D(2026, 2, 1), "effective_to": D(2026, 1, 1)}, "before effective_from"),
        (
            {"extensions": (Extension("a", 1, TimeUnit.WORKING_DAY, 1, "b"),) * 2},
            "duplicate extension",
        ),
        ({"extensions": (Extension("a", 1, TimeUnit.CALENDAR_DAY, 1, "b"),)}, "changes unit"),
    ],
)
def test_invalid_rules_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _rule(**changes)


def test_extension_needs_positive_values() -> None:
    with pytest.raises(ValueError, match="positive"):
        Extension("a", 0, TimeUnit.WORKING_DAY, 1, "b")


def test_overlapping_versions_are_refused() -> None:
    with pytest.raises(ValueError, match="overlap"):
        RuleBook([_rule(effective_to=D(2026, 6, 30)), _rule(effective_from=D(2026, 6, 30))])
    with pytest.raises(ValueError, match="overlap"):
        RuleBook([_rule(), _rule(effective_from=D(2026, 6, 30))])


def test_count_override_applies_only_in_its_period() -> None:
    book = RuleBook(
        [_rule()],
        [
            CountOverride("x", 8, None, D(2026, 1, 1), D(2026, 12, 31), "Văn bản A"),
            CountOverride("x", 9, 12, D(2027, 1, 1), None, "Văn bản B"),
        ],
    )
    assert book.get("x", on=D(2025, 12, 31)).count == 5
    assert book.get("x", on=D(2026, 6, 1)).count == 8
    later = book.get("x", on=D(2030, 1, 1))
    assert (later.count, later.remote_area_count, later.legal_basis) == (9, 12, "Văn bản B")
    assert later.overridden_from is not None
    assert [r.count for r in book.in_force(D(2026, 6, 1))] == [8]
    with pytest.raises(UnknownRuleError):
        RuleBook([_rule()], [CountOverride("y", 1, None, D(2026, 1, 1), None, "V")])


def test_in_force_skips_rules_not_yet_in_force() -> None:
    codes = [rule.code for rule in RULE_BOOK.in_force(D(2026, 6, 30))]
    assert "refusal_notice" not in codes  # ND 154/2026, from 1/7/2026
    assert RULE_BOOK.get("complaint_accept", on=D(2026, 6, 30)) in RULE_BOOK.in_force(
        D(2026, 6, 30)
    )


def test_book_lists_its_overrides() -> None:
    override = CountOverride("x", 8, None, D(2026, 1, 1), None, "Văn bản A")
    assert RuleBook([_rule()], [override]).overrides() == (override,)
