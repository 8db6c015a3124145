"""Benchmarks for factcheck, run with ``python -m bench`` from the repo root (see bench/README.md).

Benchmarks measure budgets from DESIGN.md "Budgets"; they are not tests and never fail the build:
each prints its measurements and returns its outcomes (a goal and PASS/MISS, or a plain figure),
which ``python -m bench`` gathers into one summary table at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
RULES_DIR = REPO_ROOT / "rules"
SEEDS_DIR = REPO_ROOT.parent / "shared" / "corpus" / "seeds"


class BenchSetupError(Exception):
    """Something a benchmark needs is missing; the message says what and where."""


@dataclass(frozen=True)
class Outcome:
    """One line of the summary: a goal and whether it was met, or a figure without a goal (None)."""

    what: str
    measured: str
    passed: bool | None = None

    @property
    def verdict(self) -> str:
        return "-" if self.passed is None else "PASS" if self.passed else "MISS"


__all__ = ["REPO_ROOT", "RULES_DIR", "SEEDS_DIR", "BenchSetupError", "Outcome"]
