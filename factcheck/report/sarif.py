"""SARIF 2.1.0 output, as GitHub code scanning and other SARIF viewers read it.

One run; one reporting descriptor per rule (its id is the rule file's stem, stable, so that code
scanning can track a finding from run to run); one result per finding, located at its first
outlier (else its first claim), with the other claims as related locations. Derived claims stand
nowhere in an article: they appear in the message and the result's properties only.
``partialFingerprints["factcheck/v1"]`` is the finding's fingerprint, which does not move when
the text around a claim does.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

import factcheck
from factcheck.fact_key import describe_period
from factcheck.findings import Finding, RuleRef, RunResult
from factcheck.model import Claim
from factcheck.report.claims import (
    article_path,
    derivation_of,
    derivation_lines,
    derived_claims,
    describe_claim,
    describe_value,
    end_position,
    primary_claim,
    stated_claims,
)

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
URI_BASE = "%SRCROOT%"
FINGERPRINT = "factcheck/v1"


def render(result: RunResult) -> str:
    return json.dumps(log(result), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def log(result: RunResult) -> dict[str, Any]:
    rules = _rules(result)
    index = {rule.id: position for position, rule in enumerate(rules)}
    driver: dict[str, Any] = {"name": "factcheck", "version": factcheck.__version__}
    information = _information_uri()
    if information:
        driver["informationUri"] = information
    driver["rules"] = [descriptor(rule) for rule in rules]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": [sarif_result(finding, index[finding.rule], result) for finding in result.findings],
                "properties": {"summary": result.summary()},
            }
        ],
    }


def _rules(result: RunResult) -> list[RuleRef]:
    """The run's rules by id, and any rule a finding names that the run did not list."""
    rules = dict(result.rules)
    for finding in result.findings:
        if finding.rule not in rules:
            rules[finding.rule] = RuleRef(finding.rule, finding.check, finding.severity, finding.rule, "")
    return [rules[rule_id] for rule_id in sorted(rules)]


def descriptor(rule: RuleRef) -> dict[str, Any]:
    where = f" Rule file: {rule.path}." if rule.path else ""
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.description},
        "fullDescription": {"text": f"{rule.description} Check kind: {rule.check}; default severity: {rule.severity}."},
        "help": {
            "text": f"{rule.description}{where} Run `factcheck rules explain {rule.id}` for what the rule checks "
            "and examples that pass and fail."
        },
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"check": rule.check, "tags": ["factcheck", rule.check]},
    }


def sarif_result(finding: Finding, rule_index: int, result: RunResult) -> dict[str, Any]:
    primary = primary_claim(finding)
    entry: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": _message(finding)},
    }
    if primary is not None:
        entry["locations"] = [location(primary, result)]
        others = [claim for claim in stated_claims(finding) if claim.id != primary.id]
        if others:
            entry["relatedLocations"] = [
                {"id": number, **location(claim, result)} for number, claim in enumerate(others, start=1)
            ]
    entry["partialFingerprints"] = {FINGERPRINT: finding.fingerprint}
    if finding.suppressed is not None:
        # SARIF's own way: viewers and code scanning show the result as dismissed, with the reason.
        entry["suppressions"] = [{"kind": "external", "status": "accepted", "justification": finding.suppressed.reason}]
    entry["properties"] = {
        "fact": finding.fact,
        "check": finding.check,
        "consensus": finding.consensus.to_json() if finding.consensus is not None else None,
        "outliers": list(finding.outliers),
        "derivation": derivation_lines(finding),
        "derivedClaims": [_derived_json(claim) for claim in derived_claims(finding)],
        "guessed": list(finding.guessed),
    }
    return entry


def _message(finding: Finding) -> str:
    """The finding's message, then how any derived claim was computed (it has no location)."""
    lines = [finding.message]
    derived = derived_claims(finding)
    if derived:
        lines.append("Derived:")
        lines.extend(f"  {describe_claim(claim)}" for claim in derived)
    steps = derivation_lines(finding)
    if steps:
        lines.append("Derivation:")
        lines.extend(f"  {step}" for step in steps)
    return "\n".join(lines)


def location(claim: Claim, result: RunResult) -> dict[str, Any]:
    end_line, end_column = end_position(claim)
    return {
        "physicalLocation": {
            "artifactLocation": artifact_location(article_path(result, claim)),
            "region": {
                "startLine": claim.line,
                "startColumn": claim.column,
                "endLine": end_line,
                "endColumn": end_column,
            },
        },
        "message": {"text": describe_claim(claim)},
    }


def artifact_location(path: str) -> dict[str, str]:
    """A relative path against %SRCROOT% (the checkout, for code scanning); an absolute one as a file URI.

    Paths come with "/" separators on every system (a Windows one as "C:/news/a.md"), so a
    backslash is part of a file name, percent-encoded like any other reserved character: read as
    a separator, "a\\..\\..\\b.md" would point outside the checkout.
    """
    if _DRIVE.match(path):
        return {"uri": "file:///" + path[:2] + quote(path[2:], safe="/")}
    if path.startswith("/"):
        return {"uri": PurePosixPath(path).as_uri()}
    normal = posixpath.normpath(path)
    if normal.startswith("./"):
        normal = normal[2:]
    return {"uri": quote(normal, safe="/"), "uriBaseId": URI_BASE}


_DRIVE = re.compile(r"[A-Za-z]:/")


def _derived_json(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "text": claim.text,
        "value": describe_value(claim),
        "period": describe_period(claim.period),
        "derivation": derivation_of(claim),
        "links": dict(claim.links),
    }


def _information_uri() -> str | None:
    """The project's home page from the installed package's metadata (pyproject [project.urls])."""
    from importlib import metadata

    try:
        urls = metadata.metadata("factcheck").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    found: dict[str, str] = {}
    for entry in urls:
        label, _, url = str(entry).partition(",")
        found[label.strip().lower()] = url.strip()
    for label in ("homepage", "documentation", "repository", "source"):
        if found.get(label):
            return found[label]
    return None
