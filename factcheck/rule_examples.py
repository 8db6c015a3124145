"""Run the examples inside rule files: documents that must, or must not, give a finding.

A fail example's text may mark claims with ``[[...]]``: the rule's findings must then name each
marked claim (as an outlier, where the finding has outliers), not merely exist: "38,000 is the
outlier", not "something somewhere disagrees".
When an example fails, the result says what was expected, what was found and which claims the
examples' documents gave, since a rule that does not fire is most often a claim that was read
differently (another metric, period or unit) than its author thought.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.checks.base import Example, LoadedRule, is_derived
from factcheck.commands import text_article
from factcheck.engine import run_checks
from factcheck.extract import ClaimExtractor
from factcheck.findings import Finding
from factcheck.model import Claim
from factcheck.printable import printable
from factcheck.fact_key import describe_period
from factcheck.report.claims import describe_value
from factcheck.vocabulary import Vocabulary

MARK = re.compile(r"\[\[(.+?)\]\]", re.DOTALL)


@dataclass(frozen=True)
class Mark:
    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    expected: str  # "fail" (a finding of the rule) or "pass" (none)
    number: int
    note: str | None
    findings: tuple[Finding, ...]
    claims: tuple[Claim, ...] = ()  # every claim the example's documents gave
    marks: tuple[Mark, ...] = ()  # claims a fail example's findings must name

    @property
    def missing(self) -> list[Mark]:
        """Marked claims no finding names: as an outlier where the finding has outliers."""
        named = [claim for finding in self.findings for claim in _named(finding)]
        return [m for m in self.marks if not any(c.article == m.article and c.start < m.end and m.start < c.end for c in named)]

    @property
    def ok(self) -> bool:
        if self.expected == "pass":
            return not self.findings
        return bool(self.findings) and not self.missing

    def describe(self) -> str:
        what = f"{self.rule}: {self.expected} example {self.number}" + (f" ({self.note})" if self.note else "")
        if self.ok:
            return f"ok    {what}"
        lines = [f"FAIL  {what}"]
        if self.expected == "pass":
            lines.append("      - expected  no finding")
        elif self.marks:
            lines.append("      - expected  a finding naming " + ", ".join(f"'{printable(m.text)}' ({m.article})" for m in self.marks))
        else:
            lines.append("      - expected  a finding")
        if not self.findings:
            lines.append("      + found     none")
        for finding in self.findings:
            lines.append(f"      + found     {finding.severity}: {printable(finding.message)}")
        if self.expected == "fail" and self.findings and self.missing:
            lines.append("                  not naming " + ", ".join(f"'{printable(m.text)}' ({m.article})" for m in self.missing))
        lines.append("      claims the documents gave:" if self.claims else "      the documents gave no claims")
        for claim in self.claims:
            matched = "" if claim.metric_matched else " (no vocabulary entry matched)"
            lines.append(
                f"        {claim.article} {claim.line}:{claim.column} '{printable(claim.text)}'  "
                f"{describe_value(claim)}  ({describe_period(claim.period)})  {claim.metric}{matched}"
            )
        return "\n".join(lines)


def _named(finding: Finding) -> list[Claim]:
    """The claims a finding blames: its stated outliers, else (a tie, a derived outlier) all."""
    outliers = [claim for claim in finding.claims if claim.id in finding.outliers and not is_derived(claim)]
    return outliers or list(finding.claims)


def run_examples(loaded: LoadedRule, vocabulary: Vocabulary) -> list[ExampleResult]:
    extractor = ClaimExtractor(vocabulary)
    parents = vocabulary.parents
    results = []
    for expected, examples in (("fail", loaded.rule.examples.fail), ("pass", loaded.rule.examples.pass_)):
        for number, example in enumerate(examples, 1):
            claims, marks = _claims(example, extractor)
            findings = [f for f in run_checks(claims, [loaded], parents, vocabulary.scope_parents) if f.rule == loaded.id]
            results.append(ExampleResult(loaded.id, expected, number, example.note, tuple(findings), tuple(claims), tuple(marks)))
    return results


def _claims(example: Example, extractor: ClaimExtractor) -> tuple[list[Claim], list[Mark]]:
    claims: list[Claim] = []
    marks: list[Mark] = []
    for index, document in enumerate(example.documents, 1):
        article_id = document.id or f"example-{index}"
        text, spans = unmark(document.text)
        marks.extend(Mark(article_id, start, end, text[start:end]) for start, end in spans)
        claims.extend(extractor.extract(text_article(text, document.date, article_id)))
    return claims, marks


def unmark(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without its [[...]] marks, and the marked spans in it."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    position = length = 0
    for match in MARK.finditer(text):
        parts.append(text[position : match.start()])
        length += match.start() - position
        spans.append((length, length + len(match.group(1))))
        parts.append(match.group(1))
        length += len(match.group(1))
        position = match.end()
    parts.append(text[position:])
    return "".join(parts), spans
