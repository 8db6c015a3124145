"""The test corpus (tests/corpus/): four invented articles that together trip every check kind
once, beside traps that must stay quiet (a consistent growth chain, a forecast, a restatement,
the same number for another fact, a half year within its year)."""

from __future__ import annotations

from pathlib import Path

from factcheck.documents import read_documents
from factcheck.engine import run_checks
from factcheck.extract import ClaimExtractor
from factcheck.vocabulary import load_vocabulary

from casebook import REPO, make_rule  # type: ignore[import-not-found]

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

SEVERITIES = {
    "agree": "error",
    "restatement": "info",
    "report_period": "warning",
    "part_within_whole": "error",
    "growth": "error",
    "unit_clash": "warning",
    "future_period": "warning",
}

EXPECTED = {
    ("agree", "error", "ip-infringement/prosecuted, person, 2023, in china"),
    ("restatement", "info", "environmental-crimes/prosecuted, person, 2023, in china"),
    ("report_period", "warning", "corruption/arrested, person, 2023, in china"),
    ("part_within_whole", "error", "financial-fraud/prosecuted, person, January–October 2023 within 2023"),
    ("part_within_whole", "error", "telecom-fraud/prosecuted, person, 2023 within cybercrime/prosecuted, 2023"),
    ("growth", "error", "environmental-crimes/prosecuted, person, 2022, in china"),
    ("unit_clash", "warning", "justifiable-defence/not-prosecuted, case or person, 2023, in china"),
    ("future_period", "warning", "environmental-crimes/prosecuted, person, 2024, in china"),
}


def test_corpus_findings() -> None:
    vocabulary = load_vocabulary([str(REPO / "rules")])
    articles, errors = read_documents([str(CORPUS)])
    assert errors == [] and len(articles) == 4
    extractor = ClaimExtractor(vocabulary)
    claims = [claim for article in articles for claim in extractor.extract(article)]
    rules = [make_rule(kind, kind, severity=severity) for kind, severity in SEVERITIES.items()]
    parents = {topic.id: topic.parent for topic in vocabulary.topic_entries.values() if topic.parent}
    findings = run_checks(claims, rules, parents)
    assert {(f.rule, f.severity, f.fact) for f in findings} == EXPECTED
    assert len(findings) == len(EXPECTED)
    assert {f.check for f in findings} == set(SEVERITIES)
    # Deterministic: the same input gives the same findings in the same order.
    assert run_checks(list(reversed(claims)), rules, parents) == findings
