"""Accuracy floors on the development corpus (tests/accuracy/, issue 12): accuracy cannot fall silently.

The floors sit a little below the figures measured when they were set (`python -m bench accuracy`
prints them); raise them as the extractor improves, never lower them to make a change pass
without saying why in its commit. A beat without floors here is still scored, so that its answer
key is checked on every run.
"""

from __future__ import annotations

import pytest

from bench.accuracy import BeatScore, Ratio, score_corpus

# Shares (0..1) a beat's figures may not fall below; "most" entries are counts it may not exceed.
# spp, measured 2026-12-03 on branch corpus-spp (22 articles): found 98 % (80/82), value 72 % (58/80),
# unit 80 % (64/80), kind 99 % (79/80), period 44 % (35/80), metric 85 % (68/80), scope 0 % (no
# scopes vocabulary yet), error precision 20 % (1/5), conflict recall 25 % (2/8), not-conflict
# errors 4 of 23, false claims 0.
FLOORS: dict[str, dict[str, float]] = {
    "spp": {"found": 0.95, "value": 0.68, "unit": 0.76, "kind": 0.95, "period": 0.40, "metric": 0.80,
            "scope": 0.0, "error_precision": 0.15, "conflict_recall": 0.20},
}
MOST: dict[str, dict[str, int]] = {
    "spp": {"not_conflict_errors": 4, "false_claims": 1},
}


@pytest.fixture(scope="module")
def scores() -> dict[str, BeatScore]:
    return {score.beat: score for score in score_corpus()}


def test_the_corpus_has_the_spp_beat(scores: dict[str, BeatScore]) -> None:
    assert scores["spp"].articles >= 15
    assert scores["spp"].figures >= 60
    assert len(scores["spp"].pairs) >= 20


@pytest.mark.parametrize(("beat", "name", "floor"), [(b, n, f) for b, floors in FLOORS.items() for n, f in floors.items()])
def test_accuracy_does_not_fall_below_its_floor(scores: dict[str, BeatScore], beat: str, name: str, floor: float) -> None:
    ratio: Ratio = getattr(scores[beat], name)
    share = ratio.share if ratio.share is not None else 1.0  # no error findings: none is false
    assert share >= floor, f"{beat}: {name} fell to {ratio}, below its floor of {floor * 100:.0f} %"


@pytest.mark.parametrize(("beat", "name", "most"), [(b, n, m) for b, counts in MOST.items() for n, m in counts.items()])
def test_wrong_verdicts_do_not_grow(scores: dict[str, BeatScore], beat: str, name: str, most: int) -> None:
    value = getattr(scores[beat], name)
    count = value.hits if isinstance(value, Ratio) else value
    assert count <= most, f"{beat}: {name} rose to {value}, above {most}"
