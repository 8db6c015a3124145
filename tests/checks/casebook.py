"""Check-kind tests: claims come from the real extractor run on short invented documents.

Each kind has a YAML case file, cases/<kind>.yaml, that its test module runs through the
``case`` parameter: documents in, the findings expected out (or none). A case is

    name: what it shows             # the test id
    options: {severity: error}      # the rule's own fields (defaults: description, severity)
    documents: [{text, date, id}]   # id defaults to doc-1, doc-2...
    findings:                       # every finding, in the engine's order; [] for a trap
      - severity: error
        fact: telecom-fraud/prosecuted, person, 2023
        claims: [more than 50,000 people, Some 38,000 people]   # texts, by article then position
        consensus: "[50,500, 51,500)"                          # optional, as findings show it
        outliers: [Some 38,000 people]                          # optional, texts
        message: [substrings the message must contain]          # optional
        derivation: [substrings the derivation must contain]    # optional
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from factcheck.checks import CHECKS
from factcheck.checks.base import LoadedRule

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CASES = HERE / "cases"


def load_cases(kind: str) -> list[dict[str, Any]]:
    with open(CASES / f"{kind}.yaml", encoding="utf-8") as handle:
        return list(yaml.safe_load(handle))


def make_rule(kind: str, rule_id: str = "x", **options: Any) -> LoadedRule:
    """A rule of ``kind``, as a rule file would give it; description and severity have defaults."""
    fields = {"check": kind, "description": f"test rule of {kind}", "severity": "error", **options}
    return LoadedRule(id=rule_id, path=f"{rule_id}.yaml", rule=CHECKS[kind].Rule.model_validate(fields))
