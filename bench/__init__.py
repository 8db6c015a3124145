"""Benchmarks for factcheck, run with ``python -m bench`` from the repo root (see bench/README.md).

Benchmarks measure budgets from DESIGN.md "Budgets"; they are not tests and never fail the build:
each prints its measurements and a PASS/MISS line per goal.
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
RULES_DIR = REPO_ROOT / "rules"
SEEDS_DIR = REPO_ROOT.parent / "shared" / "corpus" / "seeds"


class BenchSetupError(Exception):
    """Something a benchmark needs is missing; the message says what and where."""


__all__ = ["REPO_ROOT", "RULES_DIR", "SEEDS_DIR", "BenchSetupError"]
