"""Suppressions: reviewed findings accepted with a reason, so CI passes while reports still show them.

A suppressions file (``suppressions.yaml`` by default; ``factcheck baseline`` writes it)::

    suppressions:
      - rule: same-fact-agrees
        fingerprint: 3f2a9c0d1e4b5a6f      # Finding.fingerprint: rule, fact, normalised claims
        reason: The ministry revised the figure; both articles are right for their day.
        expires: 2027-06-30                # optional: the finding fails runs again after this day
        fact: telecom-fraud/prosecuted, person, 2023   # for people reading the file
        claims: ["'over 50,000 people' (a)", "'38,000 people' (b)"]

A suppressed finding is reported as suppressed in every output and fails nothing. An entry that
matches no finding, or whose ``expires`` day has passed, is warned about: a stale suppression is
one nobody will remember to remove.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from factcheck.errors import RuleFileError, UserError
from factcheck.findings import Finding, Suppressed
from factcheck.yamlfile import load_yaml, quoted_yaml, validate

HEADER = (
    "# Reviewed findings accepted with a reason: `factcheck run` reports them as suppressed and they\n"
    "# fail nothing. Written by `factcheck baseline`; edit the reasons, never the fingerprints.\n"
    "# yaml-language-server: $schema=rules/schema/suppressions.schema.json\n"
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Suppression(Strict):
    rule: str = Field(min_length=1, description="the rule id of the finding")
    fingerprint: str = Field(pattern=r"^[0-9a-f]{16}$", description="the finding's fingerprint (factcheck run --format json shows it)")
    reason: str = Field(min_length=1, description="why the finding is accepted: required, shown in every report")
    expires: date | None = Field(default=None, description="after this day (YYYY-MM-DD) the finding fails runs again")
    fact: str | None = Field(default=None, description="what the finding is about; for people, not used in matching")
    claims: list[str] = Field(default_factory=list, description="the claims quoted; for people, not used in matching")


class SuppressionFile(Strict):
    """A suppressions file: reviewed findings that runs report as suppressed."""

    suppressions: list[Suppression] = Field(default_factory=list)


@dataclass(frozen=True)
class Entry:
    suppression: Suppression
    path: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def load_suppressions(path: str) -> list[Entry]:
    """The entries of a suppressions file; a missing file has none. Duplicates are an error."""

    if not os.path.exists(path):
        return []
    located = load_yaml(path, written_by_tool=True)  # `factcheck baseline` writes it, however long
    if located.data is None:
        return []
    if not isinstance(located.data, dict):
        raise located.error((), "expected a mapping with the key 'suppressions', found " + ("a list" if isinstance(located.data, list) else "a plain value"))
    parsed: SuppressionFile = validate(located, SuppressionFile)
    entries: list[Entry] = []
    seen: dict[tuple[str, str], int] = {}
    for index, suppression in enumerate(parsed.suppressions):
        line, column = located.where(("suppressions", index))
        key = (suppression.rule, suppression.fingerprint)
        if key in seen:
            raise RuleFileError(f"expected each rule and fingerprint once, found them again (first on line {seen[key]})", path, line, column)
        seen[key] = line
        entries.append(Entry(suppression, path, line))
    return entries


def apply_suppressions(findings: tuple[Finding, ...], entries: list[Entry], today: date) -> tuple[tuple[Finding, ...], list[str]]:
    """The findings with the suppressed ones marked, and warnings about unused and expired entries."""
    by_key = {(entry.suppression.rule, entry.suppression.fingerprint): entry for entry in entries}
    used: set[tuple[str, str]] = set()
    warnings: list[str] = []
    marked: list[Finding] = []
    for finding in findings:
        key = (finding.rule, finding.fingerprint)
        entry = by_key.get(key)
        if entry is None:
            marked.append(finding)
            continue
        used.add(key)
        expires = entry.suppression.expires
        if expires is not None and expires < today:
            warnings.append(f"{entry.where}: suppression of {finding.rule} {finding.fingerprint} expired on {expires.isoformat()}; the finding counts again")
            marked.append(finding)
            continue
        marked.append(replace(finding, suppressed=Suppressed(entry.suppression.reason, expires, entry.where)))
    for key, entry in by_key.items():
        if key not in used:
            warnings.append(
                f"{entry.where}: suppression of {entry.suppression.rule} {entry.suppression.fingerprint} matched no finding "
                "(fixed, or a claimed value changed): remove it"
            )
    return tuple(marked), warnings


def baseline(findings: tuple[Finding, ...], entries: list[Entry], reason: str, today: date, prune: bool = False) -> tuple[str, dict[str, int]]:
    """A suppressions file accepting every current finding: entries still in force keep their
    reason and expiry; expired ones are replaced, with ``reason``, like new ones.

    An entry that matches no finding is kept as it is: the run may have covered some articles
    only (``factcheck baseline PATHS``), and a reviewed reason is never lost silently. ``prune``
    drops them. Returns the file's text and how many entries were added, kept and dropped.
    """
    if not reason.strip():
        raise UserError("expected a reason for the new suppressions (--reason), found an empty one")
    previous = {
        (entry.suppression.rule, entry.suppression.fingerprint): entry.suppression
        for entry in entries
        if entry.suppression.expires is None or entry.suppression.expires >= today
    }
    records: list[dict[str, Any]] = []
    kept = added = 0
    for finding in findings:
        key = (finding.rule, finding.fingerprint)
        old = previous.get(key)
        if old is not None:
            kept += 1
        else:
            added += 1
        records.append(_record(finding, old, reason))
    found = {(f.rule, f.fingerprint) for f in findings}
    unmatched = {(e.suppression.rule, e.suppression.fingerprint): e.suppression for e in entries if (e.suppression.rule, e.suppression.fingerprint) not in found}
    if not prune:
        records.extend(_kept_record(suppression) for suppression in unmatched.values())
        kept += len(unmatched)
    records.sort(key=lambda record: (record["rule"], record["fingerprint"]))
    dropped = len(unmatched) if prune else 0
    return render_suppressions(records), {"added": added, "kept": kept, "dropped": dropped, "unmatched": len(unmatched)}


def _kept_record(suppression: Suppression) -> dict[str, Any]:
    """An entry written back as it was read."""
    record: dict[str, Any] = {"rule": suppression.rule, "fingerprint": suppression.fingerprint, "reason": suppression.reason}
    if suppression.expires is not None:
        record["expires"] = suppression.expires
    if suppression.fact is not None:
        record["fact"] = suppression.fact
    record["claims"] = list(suppression.claims)
    return record


def _record(finding: Finding, old: Suppression | None, reason: str) -> dict[str, Any]:
    from factcheck.checks.consensus import quote

    record: dict[str, Any] = {
        "rule": finding.rule,
        "fingerprint": finding.fingerprint,
        "reason": old.reason if old else reason,
    }
    if old is not None and old.expires is not None:
        record["expires"] = old.expires
    record["fact"] = finding.fact
    record["claims"] = [quote(claim) for claim in finding.claims]
    return record


def render_suppressions(records: list[dict[str, Any]]) -> str:
    """YAML written by hand: every string double-quoted (JSON's quoting is valid YAML), so that a
    fingerprint such as 123e456789012345 can never be read back as a number."""
    lines = ["suppressions:" if records else "suppressions: []"]
    for record in records:
        first = True
        for key, value in record.items():
            lead = "  - " if first else "    "
            first = False
            if isinstance(value, list):
                lines.append(f"{lead}{key}:" + ("" if value else " []"))
                lines.extend(f"      - {quoted_yaml(item)}" for item in value)
            elif isinstance(value, date):
                lines.append(f"{lead}{key}: {value.isoformat()}")
            else:
                lines.append(f"{lead}{key}: {quoted_yaml(str(value))}")
    return HEADER + "\n".join(lines) + "\n"

