"""The HTML discrepancy report: one self-contained file a reviewer opens in a browser.

Inline CSS, one small inline script for the filters only (its sha256 is in the
Content-Security-Policy, so no other script can run), no network, no fonts. Everything that
comes from articles and rule files is escaped by jinja2's autoescape; URLs become links only when
they are http or https. The same RunResult gives the same bytes: no timestamp, everything sorted.

jinja2 is imported inside ``render_html`` so that ``factcheck --help`` stays fast.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import MAXYEAR, date
from typing import Any
from urllib.parse import urlsplit

import factcheck
from factcheck.fact_key import FactKey, describe_period, fact_key, unknown_identity
from factcheck.findings import SEVERITIES, Finding, RunResult
from factcheck.model import Claim
from factcheck.report.claims import (
    article_path,
    derivation_lines,
    describe_value,
    is_derived,
)

# Findings per rule group above which the group starts collapsed: thousands of open cards are
# more than a browser (and a person) wants to lay out at once.
COLLAPSE_ABOVE = 50
# Facts and Articles list every claim up to this many; beyond, only the claims of findings.
ALL_CLAIMS_UP_TO = 2000

# The one script of the page: filters toggle ``hidden``; printing opens every group.
SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.hidden = false;
  var cards = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".rule-group"));
  var counter = document.getElementById("shown-count");
  function checkedSeverities() {
    var boxes = form.querySelectorAll("input[name=severity]");
    var on = {};
    for (var i = 0; i < boxes.length; i++) { if (boxes[i].checked) { on[boxes[i].value] = true; } }
    return on;
  }
  function apply() {
    var severities = checkedSeverities();
    var rule = form.elements.rule.value;
    var metric = form.elements.metric.value;
    var article = form.elements.article.value;
    var withSuppressed = form.elements.suppressed.checked;
    var shown = 0;
    cards.forEach(function (card) {
      var ok = severities[card.getAttribute("data-severity")] === true &&
        (rule === "" || card.getAttribute("data-rule") === rule) &&
        (metric === "" || JSON.parse(card.getAttribute("data-metrics")).indexOf(metric) >= 0) &&
        (article === "" || JSON.parse(card.getAttribute("data-articles")).indexOf(article) >= 0) &&
        (withSuppressed || !card.hasAttribute("data-suppressed"));
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = group.querySelector(".finding:not([hidden])") === null;
    });
    if (counter) { counter.textContent = String(shown); }
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  function openTarget() {
    var id = window.location.hash.slice(1);
    if (!id) { return; }
    var target = document.getElementById(id);
    if (!target) { return; }
    var group = target.closest("details");
    if (group && !group.open) { group.open = true; target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  if (form.querySelector("input[type=checkbox]:not(:checked)") || form.elements.rule.value ||
      form.elements.metric.value || form.elements.article.value) { apply(); }
})();
"""

SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
CSP = f"default-src 'none'; style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'; img-src data:"


def safe_url(url: str | None) -> str | None:
    """The URL when it may be a link (http or https with a host), else None."""
    if not url:
        return None
    stripped = url.strip()
    try:
        parts = urlsplit(stripped)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(ord(c) < 32 for c in stripped):
        return stripped
    return None


def split_sentence(claim: Claim) -> tuple[str, str, str]:
    """The sentence around the claim's words: before, the words, after (not found: all before)."""
    sentence = claim.sentence or ""
    at = sentence.find(claim.text) if claim.text else -1
    if at < 0:
        return sentence, "", ""
    return sentence[:at], claim.text, sentence[at + len(claim.text):]


@dataclass
class Bar:
    x: float
    width: float
    y: float
    label: str
    outlier: bool
    open_start: bool


@dataclass
class Timeline:
    metric: str
    width: int
    height: int
    axis: list[tuple[float, str]]
    bars: list[Bar]
    undated: list[str] = field(default_factory=list)


CHART_WIDTH = 960
LABEL_WIDTH = 0
ROW = 22
TOP = 24


def _claim_view(result: RunResult, claim: Claim, outliers: set[str]) -> dict[str, Any]:
    article = result.articles.get(claim.article)
    before, words, after = split_sentence(claim)
    return {
        "id": claim.id,
        "article_id": claim.article,
        "title": (article.title if article else None) or claim.article,
        "publisher": article.publisher if article else None,
        "published": article.published.isoformat() if article and article.published else None,
        "path": article_path(result, claim),
        "url": article.url if article else None,
        "link": safe_url(article.url if article else None),
        "line": claim.line,
        "column": claim.column,
        "text": claim.text,
        "before": before,
        "words": words,
        "after": after,
        "value": describe_value(claim),
        "unit": claim.unit,
        "metric": claim.metric,
        "period": describe_period(claim.period),
        "kind": claim.kind,
        "source": claim.source,
        "qualifier": claim.qualifier,
        "how": sorted(dict(claim.how).items()),
        "identity": [(name, decision.basis, decision.origin) for name, decision in zip(claim.identity._fields, claim.identity)],
        "derived": is_derived(claim),
        "outlier": claim.id in outliers,
    }


def _listed_claims(result: RunResult) -> list[Claim]:
    """The claims the Facts and Articles sections show: every claim of the run while that stays
    readable, else those of the findings (the sections say which)."""
    if len(result.claims) <= ALL_CLAIMS_UP_TO:
        return [claim for claim in result.claims if not is_derived(claim)]
    return []


def _timelines(result: RunResult, outliers: set[str]) -> list[Timeline]:
    by_metric: dict[str, dict[str, Claim]] = {}
    for claim in _listed_claims(result):
        by_metric.setdefault(claim.metric, {})[claim.id] = claim
    for finding in result.findings:
        for claim in finding.claims:
            by_metric.setdefault(claim.metric, {})[claim.id] = claim
    charts = []
    for metric in sorted(by_metric):
        claims = sorted(by_metric[metric].values(), key=lambda c: (c.period.end if c.period else date.max, c.article, c.id))
        dated = [c for c in claims if c.period is not None]
        undated = [f"{c.text} ({c.article})" for c in claims if c.period is None]
        bars: list[Bar] = []
        axis: list[tuple[float, str]] = []
        if dated:
            first = min((c.period.start or c.period.end) for c in dated if c.period)
            last = max(c.period.end for c in dated if c.period)
            lo = _year_start(first.year)
            hi = _year_start(last.year + 1)
            span = max(hi - lo, 1)

            def x_of(day: int) -> float:
                return round((day - lo) / span * (CHART_WIDTH - 20) + 10, 1)

            for year in range(first.year, last.year + 2):
                axis.append((x_of(_year_start(year)), str(year) if year <= last.year else ""))
            for row, claim in enumerate(dated):
                assert claim.period is not None
                start = claim.period.start
                x0 = x_of(start.toordinal() if start else lo)
                x1 = x_of(claim.period.end.toordinal() + 1)
                outlier = claim.id in outliers
                label = f"{claim.text} = {claim.value} {claim.unit or ''} ({claim.article})"
                if outlier:
                    label = "OUTLIER: " + label
                bars.append(Bar(x0, max(x1 - x0, 2.0), TOP + row * (ROW * 2), label, outlier, start is None))
        height = TOP + len(bars) * ROW * 2 + 8
        charts.append(Timeline(metric, CHART_WIDTH, height, axis, bars, undated))
    return charts


def _year_start(year: int) -> int:
    """The day number of 1 January of ``year``; the year after 9999 starts the day after 9999-12-31."""
    return date(year, 1, 1).toordinal() if year <= MAXYEAR else date.max.toordinal() + 1


def _view(result: RunResult) -> dict[str, Any]:
    outliers = {claim_id for finding in result.findings for claim_id in finding.outliers}
    findings = []
    groups: dict[str, list[dict[str, Any]]] = {}
    used_by: dict[str, list[tuple[str, str, str]]] = {}
    # Each claim under the one fact its key names; a claim of no fact is listed under "Not compared".
    facts: dict[FactKey, dict[str, dict[str, Any]]] = {}
    listed_claims = _listed_claims(result)
    for claim in listed_claims:
        if unknown_identity(claim) is None:
            facts.setdefault(fact_key(claim), {})[claim.id] = _claim_view(result, claim, outliers)
    for finding in result.findings:
        view = _finding_view(result, finding, set(finding.outliers))
        findings.append(view)
        groups.setdefault(finding.rule, []).append(view)
        for claim in finding.claims:
            refs = used_by.setdefault(claim.id, [])
            if finding.anchor not in [ref[0] for ref in refs]:
                refs.append((finding.anchor, finding.severity, finding.rule))
            if unknown_identity(claim) is None:
                facts.setdefault(fact_key(claim), {})[claim.id] = _claim_view(result, claim, outliers)
    collapse = len(findings) > COLLAPSE_ABOVE
    rule_groups = [
        {"rule": rule, "findings": items, "open": not collapse, "rule_ref": result.rules.get(rule),
         "counts": {s: sum(1 for f in items if f["severity"] == s) for s in SEVERITIES}}
        for rule, items in groups.items()
    ]
    articles = []
    claims_of: dict[str, dict[str, dict[str, Any]]] = {}
    for claim in listed_claims:
        claims_of.setdefault(claim.article, {})[claim.id] = _claim_view(result, claim, outliers)
    for finding in result.findings:
        for claim in finding.claims:
            if not is_derived(claim):
                claims_of.setdefault(claim.article, {})[claim.id] = _claim_view(result, claim, outliers)
    for number, article_id in enumerate(sorted(result.articles), start=1):
        article = result.articles[article_id]
        listed = sorted(claims_of.get(article_id, {}).values(), key=lambda c: (c["line"], c["column"], c["id"]))
        for view in listed:
            view["used_by"] = used_by.get(view["id"], [])
        articles.append({
            "anchor": f"article-{number}",
            "id": article_id,
            "title": article.title or article_id,
            "publisher": article.publisher,
            "published": article.published.isoformat() if article.published else None,
            "path": article.path.replace(os.sep, "/"),  # on POSIX a backslash is part of a name
            "url": article.url,
            "link": safe_url(article.url),
            "claims": listed,
        })
    metrics = sorted({claim.metric for finding in result.findings for claim in finding.claims})
    summary = result.summary()
    errors, warnings = summary["error"], summary["warning"]
    if errors:
        verdict = f"FAIL: {errors} error{'s' if errors != 1 else ''} — figures in the corpus contradict each other."
        verdict_class = "error"
    elif warnings:
        verdict = f"REVIEW: no errors, {warnings} warning{'s' if warnings != 1 else ''} to check."
        verdict_class = "warning"
    elif result.coverage is not None and result.coverage.nothing_compared:
        verdict = "NOTHING COMPARED: no two claims were about one fact, so no figure was checked against another."
        verdict_class = "warning"
    else:
        verdict = "PASS: no contradicting figures found."
        verdict_class = "pass"
    return {
        "csp": CSP,
        "script": SCRIPT,
        "version": factcheck.__version__,
        "summary": summary,
        "severities": SEVERITIES,
        "verdict": verdict,
        "verdict_class": verdict_class,
        "rules": [result.rules[rule_id] for rule_id in sorted(result.rules)],
        "rule_ids": sorted({f.rule for f in result.findings} | set(result.rules)),
        "metrics": metrics,
        "article_ids": sorted(result.articles),
        "finding_count": len(findings),
        "rule_groups": rule_groups,
        "facts": [
            {"fact": key.describe(), "outliers": sum(1 for c in claims.values() if c["outlier"]), "claims": sorted(claims.values(), key=_claim_order)}
            for key, claims in sorted(facts.items(), key=lambda item: (item[0].describe(), item[0].canonical()))
        ],
        "coverage": result.coverage.describe() if result.coverage is not None else None,
        "compared": result.coverage.compared if result.coverage is not None else None,
        "not_compared": _not_compared(result, outliers),
        "facts_open": len(facts) <= COLLAPSE_ABOVE,
        "all_claims_listed": bool(listed_claims) or not result.claims,
        "claim_limit": ALL_CLAIMS_UP_TO,
        "timelines": _timelines(result, outliers),
        "articles": articles,
        "warnings": list(result.warnings),
    }


def _claim_order(view: dict[str, Any]) -> tuple[str, int, int, str]:
    return (view["article_id"], view["line"], view["column"], view["id"])


def _not_compared(result: RunResult, outliers: set[str]) -> list[dict[str, Any]]:
    """The claims no other claim was compared with, by reason (at most ALL_CLAIMS_UP_TO a reason)."""
    if result.coverage is None:
        return []
    reasons = []
    for reason, claims in result.coverage.left_out.items():
        shown = sorted(claims[:ALL_CLAIMS_UP_TO] if len(claims) > ALL_CLAIMS_UP_TO else claims, key=lambda c: (c.article, c.start, c.id))
        reasons.append({
            "reason": reason,
            "count": len(claims),
            "claims": [_claim_view(result, claim, outliers) for claim in shown],
        })
    return reasons


def _finding_view(result: RunResult, finding: Finding, outliers: set[str]) -> dict[str, Any]:
    claims = [_claim_view(result, claim, outliers) for claim in finding.claims]
    return {
        "anchor": finding.anchor,
        "rule": finding.rule,
        "check": finding.check,
        "severity": finding.severity,
        "message": finding.message,
        "fact": finding.fact,
        "rule_ref": result.rules.get(finding.rule),
        "claims": claims,
        "consensus": str(finding.consensus) if finding.consensus is not None else None,
        "derivation": derivation_lines(finding),
        "suppressed": finding.suppressed,
        "guessed": list(finding.guessed),
        "metrics_json": json.dumps(sorted({c.metric for c in finding.claims}), allow_nan=False),
        "articles_json": json.dumps(sorted({c.article for c in finding.claims}), allow_nan=False),
    }


def render_html(result: RunResult) -> str:
    """The report as one HTML document; the same result gives the same text."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("factcheck.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("report.html.j2").render(**_view(result))
