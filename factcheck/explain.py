"""`factcheck explain ID`: every step from the words in an article to the verdict.

A claim id (``article:hash``, as every output prints it) shows how each field of the claim was
decided and which vocabulary entry decided it, then which rules look at it and what they found.
A finding id (``F-`` and its fingerprint) shows the rule, the arithmetic, the suppression if any,
and each of its claims the same way.
"""

from __future__ import annotations

import difflib

from factcheck.checks.base import LoadedRule, is_derived
from factcheck.fact_key import describe_period, fact_key, unknown_identity
from factcheck.checks.consensus import quote
from factcheck.errors import UserError
from factcheck.findings import Finding, RunResult
from factcheck.claim_codec import REVIEWED
from factcheck.model import Claim, Decision
from factcheck.printable import printable
from factcheck.report.claims import article_path
from factcheck.vocabulary import Vocabulary

# The fields of Claim.how from the number outwards (value: number, qualifier and rounding), with
# the vocabulary kind whose entry decided each.
STEPS = (("value", "qualifier"), ("unit", "unit"), ("kind", None), ("period", None), ("metric", None), ("scope", None), ("source", "source"))
# What each basis of an identity decision means, for the line under the field.
BASIS_TEXT = {
    "stated": "stated in the claim's sentence",
    "carried": "carried from",
    "implied": "implied by the vocabulary",
    "guessed": "guessed",
    "unknown": "unknown: the claim is the same fact as nothing",
}


def explain(target: str, result: RunResult, rules: list[LoadedRule], vocabulary: Vocabulary) -> str:
    """The explanation of the claim or finding ``target`` of this run, or a UserError naming what exists."""
    wanted = target.strip()
    findings = [f for f in result.findings if wanted in (f.anchor, f.fingerprint)]
    if not findings and len(wanted.removeprefix("F-")) >= 6:
        findings = [f for f in result.findings if f.fingerprint.startswith(wanted.removeprefix("F-"))]
    if len(findings) == 1:
        return explain_finding(findings[0], result, rules, vocabulary)
    if len(findings) > 1:
        raise UserError(f"expected one finding, found {len(findings)} whose fingerprint starts with '{wanted}': give more of it")
    claims = {claim.id: claim for claim in result.claims}
    for finding in result.findings:
        claims.update((claim.id, claim) for claim in finding.claims)
    if wanted in claims:
        return explain_claim(claims[wanted], result, rules, vocabulary)
    known = sorted(claims) + [f.anchor for f in result.findings]
    close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else " (`factcheck run --format json` lists them)"
    raise UserError(f"expected the id of a claim (article:hash) or a finding (F-...) of this run, found '{target}'{hint}")


def explain_claim(claim: Claim, result: RunResult, rules: list[LoadedRule], vocabulary: Vocabulary) -> str:
    lines = [f"claim {claim.id}"] + claim_steps(claim, result, vocabulary)
    lines.append("")
    reason = unknown_identity(claim)
    if reason is None:
        lines.append(f"  fact      {fact_key(claim).describe()}")
    else:
        lines.append(f"  fact      none: not compared with any claim ({reason})")
    selecting = [rule.id for rule in rules if rule.rule.select.accepts(claim)]
    lines.append(f"  rules     looked at by {', '.join(selecting)}" if selecting else "  rules     no rule selects it" + _why_unselected(claim))
    verdicts = [finding for finding in result.findings if any(c.id == claim.id for c in finding.claims)]
    if not verdicts:
        lines.append("  verdict   no finding: no rule found a problem with it")
    for finding in verdicts:
        lines.append(f"  verdict   {_headline(finding)}")
        lines.append(f"            {printable(finding.message)}")
    return "\n".join(lines) + "\n"


def explain_finding(finding: Finding, result: RunResult, rules: list[LoadedRule], vocabulary: Vocabulary) -> str:
    rule = next((r for r in rules if r.id == finding.rule), None)
    state = " (suppressed)" if finding.suppressed is not None else ""
    lines = [f"finding {finding.anchor}: {finding.severity} {finding.rule}{state}"]
    if rule is not None:
        lines.append(f"  rule      {rule.id}: {rule.rule.description}")
        lines.append(f"            check kind {rule.check}, severity {rule.rule.severity}, defined in {rule.path.replace(chr(92), '/')}")
    lines.append(f"  fact      {printable(finding.fact)}")
    lines.append(f"  message   {printable(finding.message)}")
    if finding.consensus is not None:
        lines.append(f"  consensus {finding.consensus}: the value most of its claims allow")
    if finding.outliers:
        by_id = {c.id: c for c in finding.claims}
        lines.append("  outliers  " + ", ".join(quote(by_id[i]) if i in by_id else i for i in finding.outliers))
    if finding.derivation:
        lines.append("  derivation")
        lines.extend(f"            {printable(step)}" for step in finding.derivation)
    if finding.suppressed is not None:
        expires = f", until {finding.suppressed.expires.isoformat()}" if finding.suppressed.expires else ""
        lines.append(f"  suppressed {printable(finding.suppressed.reason)} ({finding.suppressed.where}{expires}): reported, fails nothing")
    if rule is not None and rule.rule.help:
        lines.append(f"  help      {printable(rule.rule.help)}")
    for claim in finding.claims:
        lines.append("")
        lines.append(f"  claim {claim.id}")
        lines.extend("  " + line for line in claim_steps(claim, result, vocabulary))
    return "\n".join(lines) + "\n"


def claim_steps(claim: Claim, result: RunResult, vocabulary: Vocabulary) -> list[str]:
    """Where the claim stands, its words, then each decision with the vocabulary entry behind it."""
    how = dict(claim.how)
    lines: list[str] = []
    if is_derived(claim):
        lines.append("  derived   computed by a rule, not written in an article")
        lines.extend(f"            {printable(step)}" for step in (how.get("derivation") or "").splitlines() if step.strip())
    else:
        article = result.articles.get(claim.article)
        where = f"{article_path(result, claim)}:{claim.line}:{claim.column}"
        about = []
        if article is not None and article.title:
            about.append(f'"{printable(article.title)}"')
        about.append(f"published {article.published.isoformat()}" if article is not None and article.published else "no publication date")
        lines.append(f"  in        {where} ({', '.join(about)})")
        lines.append(f"  sentence  {printable(claim.sentence)}")
        lines.append(f'  words     "{printable(claim.text)}"')
    value = str(claim.value) + (f", in practice {claim.soft}" if claim.soft is not None else "")
    decided = {
        "unit": claim.unit or "no unit",
        "kind": claim.kind,
        "value": value + (f" (qualifier '{claim.qualifier}')" if claim.qualifier else ""),
        "period": describe_period(claim.period) + (f" ({claim.period})" if claim.period is not None else ""),
        "metric": claim.metric + ("" if claim.metric_matched else " (no vocabulary entry matched)"),
        "source": (claim.source or "") + (f", covering {describe_period(claim.source_period)}" if claim.source_period else ""),
        "scope": claim.scope or "no scope",
    }
    decisions = dict(zip(claim.identity._fields, claim.identity))
    number = 0
    for field, kind in STEPS:
        if field == "source" and not claim.source:
            continue
        number += 1
        lines.append(f"  {number} {field:<8} {printable(decided[field])}{_origin(claim, field, kind, vocabulary)}")
        if field in how:
            lines.append(f"             {printable(how[field])}")
        if field in decisions:
            lines.append(f"             decided: {printable(describe_decision(decisions[field], field))}")
        if field == "period" and claim.dated is not None and claim.period is not None:
            # The date its relative words ("last year", "as of Tuesday") resolve against.
            lines.append(f"             anchor date {claim.dated.isoformat()}")
    for relation, other in claim.links:
        lines.append(f"  link      {relation.replace('_', ' ')} {other}")
    if claim.corrected:
        lines.append("  reviewed  corrected by hand in its claim file (corrected: true)")
    return lines


def describe_decision(decision: Decision, field: str) -> str:
    """"stated in the claim's sentence ('in 2023')", "carried from source", "guessed (...)"."""
    if field == "scope" and decision.basis == "unknown":
        return "not decided: no scope, the default (it keeps the claim from no comparison)"
    text = BASIS_TEXT[decision.basis]
    if decision.origin is None:
        return text
    if decision.basis == "carried":
        return f"{text} {decision.origin}"
    if decision.basis == "stated":
        return f"{text} ('{decision.origin}')" if decision.origin != REVIEWED else f"stated: {decision.origin}"
    return f"{text} ({decision.origin})"


def _origin(claim: Claim, field: str, kind: str | None, vocabulary: Vocabulary) -> str:
    """Where the vocabulary entry that decided ``field`` is defined."""
    places: list[str] = []
    if field == "metric" and claim.metric_matched:
        topic, _, action = claim.metric.partition("/")
        places += [f"topic {topic} {vocabulary.origins[f'topic:{topic}']}"] if f"topic:{topic}" in vocabulary.origins else []
        places += [f"action {action} {vocabulary.origins[f'action:{action}']}"] if f"action:{action}" in vocabulary.origins else []
    elif kind is not None:
        name = {"unit": claim.unit, "qualifier": claim.qualifier, "source": claim.source.split()[0] if claim.source else None}[kind]
        if name and f"{kind}:{name}" in vocabulary.origins:
            places.append(vocabulary.origins[f"{kind}:{name}"])
    return f"  [{'; '.join(places)}]" if places else ""


def _why_unselected(claim: Claim) -> str:
    if not claim.metric_matched:
        return ": its metric matched no vocabulary entry (rules with select.matched_only: true leave such claims out)"
    return ""


def _headline(finding: Finding) -> str:
    state = " (suppressed)" if finding.suppressed is not None else ""
    return f"{finding.severity} {finding.rule} {finding.anchor}{state}"
