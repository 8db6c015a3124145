"""The JSON output of `factcheck run`: the stable machine contract of DESIGN.md.

::

    {"findings": [{"rule", "severity", "message", "fact", "check", "fingerprint", "consensus",
                   "outliers", "derivation", "claims": [CLAIM + "article" + "path"],
                   "suppressed": null | {"reason", "expires", "where"}, "guessed"}],
     "summary": {"articles", "claims", "error", "warning", "info", "suppressed",
                 "compared", "not_compared", "not_compared_by_reason"}}

``consensus`` is an interval (``{"low", "high", "low_open", "high_open"}``) or null, ``outliers``
the ids of the claims that leave it, ``derivation`` how derived claims were computed, one step an
item, ``guessed`` the identity fields (period, unit, metric, scope) a claim of the finding only
guessed (such a finding is a warning at most). ``compared`` counts the claims compared with
another claim of their fact, ``not_compared_by_reason`` the others by reason. Suppressed findings are listed too; the severity counts of ``summary`` leave them out. Keys beyond the contract are only ever added, never renamed.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck.findings import Finding, RunResult
from factcheck.model import Claim
from factcheck.report.claims import article_path, derivation_lines


def render(result: RunResult) -> str:
    return json.dumps(payload(result), indent=2, ensure_ascii=False, sort_keys=False, allow_nan=False) + "\n"


def payload(result: RunResult) -> dict[str, Any]:
    return {
        "findings": [finding_json(finding, result) for finding in result.findings],
        "summary": result.summary(),
    }


def finding_json(finding: Finding, result: RunResult) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "fact": finding.fact,
        "check": finding.check,
        "fingerprint": finding.fingerprint,
        "consensus": finding.consensus.to_json() if finding.consensus is not None else None,
        "outliers": list(finding.outliers),
        "derivation": derivation_lines(finding),
        "claims": [claim_json(claim, result) for claim in finding.claims],
        "suppressed": _suppressed_json(finding),
        "guessed": list(finding.guessed),
    }


def _suppressed_json(finding: Finding) -> dict[str, Any] | None:
    """null, or why a reviewed suppression accepts the finding (it then counts for nothing)."""
    if finding.suppressed is None:
        return None
    expires = finding.suppressed.expires
    return {"reason": finding.suppressed.reason, "expires": expires.isoformat() if expires else None, "where": finding.suppressed.where}


def claim_json(claim: Claim, result: RunResult) -> dict[str, Any]:
    """CLAIM of the contract, with the id and path of the article it stands in."""
    fields = claim.to_json()
    return {"id": fields.pop("id"), "article": claim.article, "path": article_path(result, claim), **fields}
