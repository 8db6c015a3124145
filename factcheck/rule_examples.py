"""Run the examples inside rule files: documents that must, or must not, give a finding."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.checks.base import Example, LoadedRule
from factcheck.commands import text_article
from factcheck.engine import run_checks
from factcheck.extract import ClaimExtractor
from factcheck.findings import Finding
from factcheck.vocabulary import Vocabulary


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    expected: str  # "fail" (a finding of the rule) or "pass" (none)
    number: int
    note: str | None
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return bool(self.findings) == (self.expected == "fail")

    def describe(self) -> str:
        what = f"{self.rule}: {self.expected} example {self.number}" + (f" ({self.note})" if self.note else "")
        if self.ok:
            return f"ok    {what}"
        if self.expected == "fail":
            return f"FAIL  {what}: expected a finding, found none"
        found = "; ".join(f"{f.severity}: {f.message}" for f in self.findings)
        return f"FAIL  {what}: expected no finding, found {found}"


def run_examples(loaded: LoadedRule, vocabulary: Vocabulary) -> list[ExampleResult]:
    extractor = ClaimExtractor(vocabulary)
    parents = vocabulary.parents
    results = []
    for expected, examples in (("fail", loaded.rule.examples.fail), ("pass", loaded.rule.examples.pass_)):
        for number, example in enumerate(examples, 1):
            findings = _findings(example, loaded, extractor, parents)
            results.append(ExampleResult(loaded.id, expected, number, example.note, tuple(findings)))
    return results


def _findings(example: Example, loaded: LoadedRule, extractor: ClaimExtractor, parents: dict[str, str]) -> list[Finding]:
    claims = []
    for index, document in enumerate(example.documents, 1):
        article = text_article(document.text, document.date, document.id or f"example-{index}")
        claims.extend(extractor.extract(article))
    return [f for f in run_checks(claims, [loaded], parents) if f.rule == loaded.id]
