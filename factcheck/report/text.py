"""The text output: findings grouped by the fact they are about, for a person at a terminal.

::

    telecom-fraud/prosecuted, person, 2023
      error same-fact-agrees: figures for telecom-fraud/prosecuted, person, 2023 disagree (hard): ...
        articles/a.md:9:10  "more than 50,000 people"  (50,000, inf) in practice [50,000, 60,000) person  (2023)  in "Title A"
        articles/b.md:3:1   "Some 38,000 people"  [35,600, 40,400) person  (2023)  in "Title B"  outlier
        consensus [50,000, 60,000)

    3 articles, 9 claims: 1 error, 0 warnings, 0 info; 7 compared, 2 not compared (2 no period)

Colour (severities, outliers, fact headers) only when asked: ``use_color`` says when the command
line should ask.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from factcheck.fact_key import describe_period
from factcheck.findings import Finding, RunResult
from factcheck.model import Claim
from factcheck.printable import printable
from factcheck.report.claims import (
    article_path,
    article_title,
    derivation_of,
    describe_value,
    is_derived,
)

RESET = "\033[0m"
STYLES = {
    "error": "\033[31m",  # red
    "warning": "\033[33m",  # yellow
    "info": "\033[36m",  # cyan
    "outlier": "\033[31m",
    "fact": "\033[1m",  # bold
}

Paint = Callable[[str, str], str]


def use_color(stream: object, environ: Mapping[str, str]) -> bool:
    """Colour for a terminal only, and never when NO_COLOR is set to anything (no-color.org)."""
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    if isatty is None:
        return False
    try:
        return bool(isatty())
    except (ValueError, OSError):  # a closed or detached stream
        return False


def render(result: RunResult, color: bool = False) -> str:
    paint = _painter(color)
    lines: list[str] = []
    for fact, findings in group_by_fact(result.active):
        lines.append(paint("fact", printable(fact)))
        for finding in findings:
            lines.extend("  " + line for line in finding_lines(finding, result, paint))
        lines.append("")
    if result.suppressed:
        # One line each: reviewed findings are listed so nobody forgets them, not argued again.
        lines.append(paint("fact", "suppressed (reviewed and accepted)"))
        for finding in result.suppressed:
            assert finding.suppressed is not None
            lines.append(f"  {finding.severity} {finding.rule} {finding.anchor}: {printable(finding.message)}")
            lines.append(f"    reason: {printable(finding.suppressed.reason)}" + _expiry(finding))
        lines.append("")
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def group_by_fact(findings: tuple[Finding, ...]) -> list[tuple[str, list[Finding]]]:
    """Facts in the order their first finding comes (the most severe first), findings in theirs."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.fact, []).append(finding)
    return list(groups.items())


def finding_lines(finding: Finding, result: RunResult, paint: Paint | None = None) -> list[str]:
    """One finding: severity, rule and message, then its claims, consensus and derivation."""
    paint = paint or _painter(False)
    lines = [f"{paint(finding.severity, finding.severity)} {finding.rule}: {printable(finding.message)}"]
    if finding.guessed:
        lines.append(f"  rests on a guessed {', '.join(finding.guessed)}: a warning at most")
    stated = [claim for claim in finding.claims if not is_derived(claim)]
    places = {claim.id: f"{article_path(result, claim)}:{claim.line}:{claim.column}" for claim in stated}
    width = max((len(place) for place in places.values()), default=0)
    outliers = set(finding.outliers)
    chain = set(finding.derivation)
    for claim in finding.claims:
        if claim.id in places:
            lines.append("  " + _stated_line(claim, places[claim.id].ljust(width), result, claim.id in outliers, paint))
            continue
        lines.append("  " + "derived".ljust(width) + "  " + _claim_fields(claim))
        # A step of the finding's own chain is shown there, in its place in the chain.
        lines.extend("      " + printable(step) for step in _steps(derivation_of(claim)) if step not in chain)
    if finding.consensus is not None:
        lines.append(f"  consensus {finding.consensus}")
    if finding.derivation:
        lines.append("  derivation:")
        lines.extend("    " + printable(step) for step in finding.derivation)
    return lines


def _steps(derivation: str | None) -> list[str]:
    return [step for step in (derivation or "").splitlines() if step.strip()]


def _stated_line(claim: Claim, place: str, result: RunResult, outlier: bool, paint: Paint) -> str:
    line = f"{place}  {_claim_fields(claim)}"
    title = article_title(result, claim)
    if title:
        line += f'  in "{printable(title)}"'
    if outlier:
        line += "  " + paint("outlier", "outlier")
    return line


def _claim_fields(claim: Claim) -> str:
    fields = f'"{printable(claim.text)}"  {describe_value(claim)}  ({describe_period(claim.period)})'
    if claim.source:
        fields += f"  source {printable(claim.source)}"
    return fields


def _expiry(finding: Finding) -> str:
    assert finding.suppressed is not None
    expires = finding.suppressed.expires
    return f"  (until {expires.isoformat()}; {finding.suppressed.where})" if expires else f"  ({finding.suppressed.where})"


def summary_line(result: RunResult) -> str:
    counts = result.summary()
    line = (
        f"{_plural(counts['articles'], 'article')}, {_plural(counts['claims'], 'claim')}: "
        f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, {counts['info']} info"
    )
    line += f", {counts['suppressed']} suppressed" if counts["suppressed"] else ""
    if result.coverage is not None:
        line += f"; {result.coverage.describe()}"
    return line


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _painter(color: bool) -> Paint:
    if not color:
        return lambda style, text: text
    return lambda style, text: f"{STYLES[style]}{text}{RESET}" if style in STYLES else text
