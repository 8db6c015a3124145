"""Whether a run's findings say that an annotated pair of figures disagree.

A finding *asserts* that two figures disagree when it names both (one of its claims overlaps each
figure's token) and, where it marks outliers (claims outside its consensus, a part above its
whole, a change its levels contradict), one is an outlier and the other is not: a finding that
lists every claim of a fact does not say that two of its agreeing claims conflict.

A pair is judged through restatements: the figures annotated as the same fact (metric, unit,
kind, period and scope, none of metric, unit and period unknown) with the same value ("51,000" in
three outlets). A conflict between 15,000 and 51,000 is then found by a finding that asserts that
15,000 and any of the 51,000s disagree, so that an answer key need not list every pair; likewise a
not-conflict is named by a finding that asserts it of restatements of its two figures. Only equal
values count: "more than 50,000" overlaps both 51,000 and 78,000, and chaining through it would
make 51,000 and 78,000 the same statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.accuracy_answers import Beat, Figure, Pair, Span
from factcheck.findings import Finding


@dataclass(frozen=True)
class Facts:
    """The annotated figures of a beat, each with its restatements (itself first)."""

    same: dict[Span, tuple[Figure, ...]]

    @classmethod
    def of(cls, beat: Beat) -> Facts:
        figures = [figure for figure in beat.figures if figure.claim]
        by_fact: dict[tuple[str | None, ...], list[Figure]] = {}
        for figure in figures:
            if figure.metric and figure.unit and figure.period:
                by_fact.setdefault(_fact(figure), []).append(figure)
        same: dict[Span, tuple[Figure, ...]] = {}
        for figure in figures:
            group = by_fact.get(_fact(figure), []) if figure.metric and figure.unit and figure.period else []
            same[figure.spans[0]] = (figure, *(other for other in group if other is not figure and other.value == figure.value))
        return cls(same)

    def names(self, finding: Finding, pair: Pair) -> bool:
        return any(asserts(finding, x, y) for x in self.same[pair.a] for y in self.same[pair.b])


def _fact(figure: Figure) -> tuple[str | None, ...]:
    return (figure.metric, figure.unit, figure.kind, figure.period, figure.scope)


def asserts(finding: Finding, x: Figure, y: Figure) -> bool:
    on_x = [claim for claim in finding.claims if x.spans[0].overlaps(claim.article, claim.start, claim.end)]
    on_y = [claim for claim in finding.claims if y.spans[0].overlaps(claim.article, claim.start, claim.end)]
    if not on_x or not on_y:
        return False
    if not finding.outliers:
        return True
    x_out = any(claim.id in finding.outliers for claim in on_x)
    y_out = any(claim.id in finding.outliers for claim in on_y)
    x_in = any(claim.id not in finding.outliers for claim in on_x)
    y_in = any(claim.id not in finding.outliers for claim in on_y)
    return (x_out and y_in) or (y_out and x_in)
