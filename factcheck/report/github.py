"""GitHub Actions workflow commands: one annotation per finding, on the line of the claim.

::

    ::error file=articles/b.md,line=3,col=1,endLine=3,endColumn=19,title=same-fact-agrees::figures ...

Errors are ``::error``, warnings ``::warning``, info ``::notice``. The annotation stands at the
finding's first outlier (else its first claim). Article text is untrusted: properties and message
are escaped as the Actions toolkit does, so no newline in a claim can start a command of its own.
A last plain line (not a command) sums the run up in the log.
"""

from __future__ import annotations

from factcheck.findings import Finding, RunResult
from factcheck.report.claims import article_path, derivation_lines, describe_claim, end_position, is_derived, primary_claim
from factcheck.report.text import summary_line

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(result: RunResult) -> str:
    # Accepted findings get no annotation (they would re-open the review on every pull request);
    # the summary line counts them.
    lines = [annotation(finding, result) for finding in result.active]
    if result.coverage is not None and result.coverage.nothing_compared:
        # A run that compared nothing must not pass for a clean one in the checks list.
        lines.append(f"::warning title=factcheck coverage::{escape_data(result.coverage.describe())}")
    lines.append(f"factcheck: {summary_line(result)}")
    return "\n".join(lines) + "\n"


def annotation(finding: Finding, result: RunResult) -> str:
    properties: list[tuple[str, str]] = []
    primary = primary_claim(finding)
    if primary is not None:
        end_line, end_column = end_position(primary)
        properties += [
            ("file", article_path(result, primary)),
            ("line", str(primary.line)),
            ("col", str(primary.column)),
            ("endLine", str(end_line)),
            ("endColumn", str(end_column)),
        ]
    properties.append(("title", finding.rule))
    listed = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{COMMANDS[finding.severity]} {listed}::{escape_data(_message(finding, result))}"


def _message(finding: Finding, result: RunResult) -> str:
    """The message, then every claim with its place, so the annotation stands on its own."""
    lines = [finding.message]
    for claim in finding.claims:
        if is_derived(claim):
            lines.append(f"derived {describe_claim(claim)}")
        else:
            lines.append(f"{article_path(result, claim)}:{claim.line}:{claim.column} {describe_claim(claim)}")
    lines.extend(f"derivation: {step}" for step in derivation_lines(finding))
    return "\n".join(lines)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
