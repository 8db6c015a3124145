"""Fixtures of the check-kind tests; the case format is described in casebook.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from factcheck.checks.consensus import show_interval
from factcheck.commands import text_article
from factcheck.engine import run_checks
from factcheck.extract import ClaimExtractor
from factcheck.findings import Finding
from factcheck.model import Claim
from factcheck.vocabulary import load_vocabulary

from casebook import REPO, load_cases, make_rule  # type: ignore[import-not-found]

Documents = list[dict[str, Any]]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrise ``case`` with the cases of the module's kind: test_agree.py -> cases/agree.yaml."""
    if "case" in metafunc.fixturenames:
        kind = metafunc.module.__name__.rpartition(".")[2].removeprefix("test_")
        cases = load_cases(kind)
        metafunc.parametrize("case", cases, ids=[case["name"] for case in cases])


@pytest.fixture(scope="session")
def extractor() -> ClaimExtractor:
    return ClaimExtractor(load_vocabulary([str(REPO / "rules")]))


@pytest.fixture
def extract(extractor: ClaimExtractor) -> Callable[[Documents], list[Claim]]:
    """Claims of documents given as {text, date, id} (id defaults to doc-<n>)."""

    def extract(documents: Documents) -> list[Claim]:
        claims: list[Claim] = []
        for number, document in enumerate(documents, 1):
            published = document.get("date")
            if isinstance(published, str):
                published = date.fromisoformat(published)
            article = text_article(document["text"], published, document.get("id", f"doc-{number}"))
            claims.extend(extractor.extract(article))
        return claims

    return extract


@pytest.fixture
def findings(extract: Callable[[Documents], list[Claim]]) -> Callable[..., list[Finding]]:
    """Findings of one rule of ``kind`` (options as keyword arguments) over documents."""

    def findings(kind: str, documents: Documents, **options: Any) -> list[Finding]:
        return run_checks(extract(documents), [make_rule(kind, **options)])

    return findings


def texts(claims: tuple[Claim, ...] | list[Claim]) -> list[str]:
    return [claim.text for claim in claims]


@pytest.fixture
def check_case(
    extract: Callable[[Documents], list[Claim]], findings: Callable[..., list[Finding]]
) -> Callable[[str, dict[str, Any]], None]:
    def check_case(kind: str, case: dict[str, Any]) -> None:
        for document in case["documents"]:  # a trap only counts when its claims were found
            assert extract([document]), f"no claims in {document['text']!r}"
        found = findings(kind, case["documents"], **case.get("options", {}))
        expected = case["findings"]
        assert len(found) == len(expected), [f"{f.severity}: {f.message}" for f in found]
        for finding, wanted in zip(found, expected):
            assert finding.rule == "x" and finding.check == kind
            assert finding.severity == wanted["severity"], finding.message
            assert finding.fact == wanted["fact"]
            assert texts(finding.claims) == wanted["claims"]
            assert [c.article for c in finding.claims] == sorted(c.article for c in finding.claims)
            if "consensus" in wanted:
                assert finding.consensus is not None and show_interval(finding.consensus) == wanted["consensus"]
            if "outliers" in wanted:
                by_id = {claim.id: claim.text for claim in finding.claims}
                assert [by_id[i] for i in finding.outliers] == wanted["outliers"]
            for part in wanted.get("message", []):
                assert part in finding.message, finding.message
            if "guessed" in wanted:
                assert list(finding.guessed) == wanted["guessed"], finding.message
            for part in wanted.get("derivation", []):
                assert any(part in line for line in finding.derivation), finding.derivation

    return check_case
