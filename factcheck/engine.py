"""Run the checks: derive implied claims, then let each rule look at the grouped claims."""

from __future__ import annotations

import gc
from collections import Counter

from factcheck.checks import CHECKS
from factcheck.checks.base import ClaimIndex, LoadedRule, Selector
from factcheck.findings import SEVERITY_RANK, Finding
from factcheck.model import Claim


def run_checks(
    claims: list[Claim],
    rules: list[LoadedRule],
    parents: dict[str, str] | None = None,
    scope_parents: dict[str, str] | None = None,
    notes: list[str] | None = None,
) -> list[Finding]:
    """Findings of every rule, in a deterministic order (severity, rule, fact, fingerprint).

    Derive, then agree: rules that derive claims (growth) add them to the index first, with their
    provenance in ``links`` and ``how``, so that every check sees them and every finding can show
    the chain that produced a number. A finding two rules both make is reported once (see
    ``merge_duplicates``); ``notes``, when given, receives a line saying so per pair of rules.
    """
    # A million small objects make the cyclic garbage collector rescan them again and again while
    # nothing here creates cycles worth collecting: pause it for the run.
    collecting = gc.isenabled()
    gc.disable()
    try:
        found, merged = merge_duplicates(_run(claims, rules, parents, scope_parents), rules)
    finally:
        if collecting:
            gc.enable()
    if notes is not None:
        notes.extend(merged)
    return found


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


Statement = tuple[str, object, object, frozenset[str], frozenset[str], object, tuple[str, ...]]


def statement(finding: Finding) -> Statement:
    """What a finding says, whichever rule made it: its check kind, fact, claims, outliers, consensus and derivation."""
    claims = frozenset(claim.id for claim in finding.claims)
    return (finding.check, finding.key, finding.whole, claims, frozenset(finding.outliers), finding.consensus, finding.derivation)


def merge_duplicates(findings: list[Finding], rules: list[LoadedRule]) -> tuple[list[Finding], list[str]]:
    """Each statement once, and a note per pair of rules that made the same ones.

    Rule files are layered (a beat's rules over the shipped ones), and two rules of one check kind
    that select the same claims find the same things: "1 conflict" must not print as 2 errors.
    The engine, not the user, merges them, since only the run shows which findings coincide. The
    one kept is the most severe; of equally severe ones, that of the rule written for the claims
    (a rule with a ``select``) over a rule that selects every claim, then the first by rule id.
    The other rules' findings are dropped, and the note names them; a suppression must name the
    rule kept.
    """
    specific = {loaded.id: loaded.rule.select != Selector() for loaded in rules}

    def preference(finding: Finding) -> tuple[int, int, str]:
        return (-SEVERITY_RANK[finding.severity], 0 if specific.get(finding.rule, True) else 1, finding.rule)

    groups: dict[Statement, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(statement(finding), []).append(finding)
    if all(len(group) == 1 for group in groups.values()):
        return findings, []
    kept: set[int] = set()
    merged: Counter[tuple[str, str, str]] = Counter()
    for group in groups.values():
        best = min(group, key=preference)
        kept.add(id(best))
        for other in group:
            if other is not best:
                merged[(best.rule, other.rule, best.check)] += 1
    notes = [
        f"rules '{kept_rule}' and '{dropped}' (check {check}) made "
        + ("the same finding; it is" if count == 1 else f"the same {count:,} findings; each is")
        + f" reported once, as {kept_rule}'s"
        for (kept_rule, dropped, check), count in sorted(merged.items())
    ]
    return [finding for finding in findings if id(finding) in kept], notes
