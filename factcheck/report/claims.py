"""What every output shows of a claim: where it stands, its words, its value and its period.

Derived claims (a growth rule computed them from stated ones) stand nowhere in an article: outputs
show them with the derivation that produced them, never as a location.
"""

from __future__ import annotations

import os


from factcheck.findings import Finding, RunResult
from factcheck.printable import printable
from factcheck.fact_key import describe_period
from factcheck.model import Claim


def is_derived(claim: Claim) -> bool:
    """The same test as ``checks.base.is_derived``, without importing every check kind."""
    return any(relation.startswith("derived") for relation, _ in claim.links)


def derivation_of(claim: Claim) -> str | None:
    return dict(claim.how).get("derivation")


def stated_claims(finding: Finding) -> list[Claim]:
    return [claim for claim in finding.claims if not is_derived(claim)]


def derived_claims(finding: Finding) -> list[Claim]:
    return [claim for claim in finding.claims if is_derived(claim)]


def primary_claim(finding: Finding) -> Claim | None:
    """Where a finding is reported: its first stated outlier, else its first stated claim."""
    stated = stated_claims(finding)
    by_id = {claim.id: claim for claim in stated}
    for claim_id in finding.outliers:
        if claim_id in by_id:
            return by_id[claim_id]
    return stated[0] if stated else None


def derivation_lines(finding: Finding) -> list[str]:
    """The finding's chain of steps, then any other step of its derived claims, each once."""
    lines = list(finding.derivation)
    for claim in derived_claims(finding):
        lines.extend((derivation_of(claim) or "").splitlines())
    return list(dict.fromkeys(line for line in lines if line.strip()))


def article_path(result: RunResult, claim: Claim) -> str:
    """The article's path as given, with forward slashes (the same on every system).

    Only the system's own separator is one: on POSIX a backslash is part of a file name.
    """
    article = result.articles.get(claim.article)
    return (article.path if article else claim.article).replace(os.sep, "/")


def article_title(result: RunResult, claim: Claim) -> str | None:
    article = result.articles.get(claim.article)
    return article.title if article else None


def end_position(claim: Claim) -> tuple[int, int]:
    """Line and column just after the claim's words (columns count code points from 1)."""
    lines = claim.text.split("\n")
    if len(lines) == 1:
        return claim.line, claim.column + len(claim.text)
    return claim.line + len(lines) - 1, len(lines[-1]) + 1


def describe_value(claim: Claim) -> str:
    """The normalised value, the in-practice bounds where a qualifier implies them, and the unit."""
    value = str(claim.value)
    if claim.soft is not None and claim.soft != claim.value:
        value += f" in practice {claim.soft}"
    return f"{value} {claim.unit}" if claim.unit else value


def describe_claim(claim: Claim) -> str:
    """One line: the words as written, what they normalise to, and the period."""
    return f'"{printable(claim.text)}" = {describe_value(claim)}, {describe_period(claim.period)}'


