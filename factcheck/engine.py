"""Run the checks: derive implied claims, then let each rule look at the grouped claims."""

from __future__ import annotations

import gc

from factcheck.checks import CHECKS
from factcheck.checks.base import ClaimIndex, LoadedRule
from factcheck.findings import Finding
from factcheck.model import Claim


def run_checks(
    claims: list[Claim], rules: list[LoadedRule], parents: dict[str, str] | None = None, scope_parents: dict[str, str] | None = None
) -> list[Finding]:
    """Findings of every rule, in a deterministic order (severity, rule, fact, fingerprint).

    Derive, then agree: rules that derive claims (growth) add them to the index first, with their
    provenance in ``links`` and ``how``, so that every check sees them and every finding can show
    the chain that produced a number.
    """
    # A million small objects make the cyclic garbage collector rescan them again and again while
    # nothing here creates cycles worth collecting: pause it for the run.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(claims, rules, parents, scope_parents)
    finally:
        if collecting:
            gc.enable()


def _run(claims: list[Claim], rules: list[LoadedRule], parents: dict[str, str] | None, scope_parents: dict[str, str] | None) -> list[Finding]:
    index = ClaimIndex(list(claims), parents=dict(parents or {}), scope_parents=dict(scope_parents or {}))
    for loaded in rules:
        derive = getattr(CHECKS[loaded.check], "derive", None)
        if derive is not None:
            index.add_derived(derive(index, loaded))
    findings: list[Finding] = []
    for loaded in rules:
        findings.extend(CHECKS[loaded.check].check(index, loaded))
    return sorted(findings, key=Finding.sort_key)
