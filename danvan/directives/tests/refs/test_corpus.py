"""Quality on the annotated corpus (issue 5 acceptance): P and R ≥ 0.95 on symbols, ≥ 0.9 on
dates, per language and overall, with at least 100 references of which 30 in English."""

import pytest

from danvan.directives.refs.evaluate import Report, Text, engine, evaluate, load_corpus, peer

SYMBOL_TARGET = 0.95
DATE_TARGET = 0.90


@pytest.fixture(scope="module")
def corpus() -> list[Text]:
    return load_corpus()


@pytest.fixture(scope="module")
def engine_reports(corpus: list[Text]) -> dict[str, Report]:
    return evaluate(corpus, engine)


def test_corpus_is_large_enough(corpus: list[Text]) -> None:
    # given the annotated texts
    # when the distinct references are counted per text
    per_language = {"vi": 0, "en": 0}
    for text in corpus:
        per_language[text.language] += len(text.gold.symbols)
    # then there are at least 100, at least 30 of them in English texts
    assert sum(per_language.values()) >= 100
    assert per_language["en"] >= 30


@pytest.mark.parametrize("language", ["vi", "en", "all"])
def test_symbols_meet_the_target(engine_reports: dict[str, Report], language: str) -> None:
    # given the engine's answers on the corpus
    report = engine_reports[language]
    # then precision and recall on symbols reach 0.95
    assert report.symbols.precision >= SYMBOL_TARGET, report.misses
    assert report.symbols.recall >= SYMBOL_TARGET, report.misses


@pytest.mark.parametrize("language", ["vi", "en", "all"])
def test_dates_meet_the_target(engine_reports: dict[str, Report], language: str) -> None:
    # given the engine's answers on the corpus
    report = engine_reports[language]
    # then precision and recall on (symbol, date) pairs reach 0.9
    assert report.dates.precision >= DATE_TARGET, report.misses
    assert report.dates.recall >= DATE_TARGET, report.misses


def test_types_and_warnings_follow_the_annotation(engine_reports: dict[str, Report]) -> None:
    # given the engine's answers on the corpus
    report = engine_reports["all"]
    # then the types of the symbols it found are right and the warnings are those expected
    assert report.types_right / report.types_checked >= 0.95
    assert report.warnings_right >= 0.9 * report.texts


def test_engine_beats_the_peer_regex(corpus: list[Text], engine_reports: dict[str, Report]) -> None:
    # given the single regex of DOMAIN.md §7.3 run on the same texts
    peer_reports = evaluate(corpus, peer)
    # then it finds far fewer references (nothing in English texts), the engine more
    assert peer_reports["en"].symbols.true_positive == 0
    assert peer_reports["all"].symbols.recall < engine_reports["all"].symbols.recall
    assert peer_reports["all"].dates.recall < engine_reports["all"].dates.recall
