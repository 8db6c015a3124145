"""Start-up: the wall-clock time of short commands beside ``python -c pass``, best of ``--startup-runs``.

Each command runs as a fresh process from the repo root (its pyproject.toml configures the bundled
corpus): ``factcheck --help``, ``factcheck parse "261 people"``, and ``factcheck run`` on the
bundled corpus with its HTML report written into a temporary directory (and the extraction cache
off, so that every run does the same work). The goal (issue 6): ``factcheck --help`` under
3 x the start-up of ``python -c pass`` plus 150 ms. ``factcheck`` is the console script next to
the running Python when there is one, else ``python -m factcheck``.
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import REPO_ROOT, Outcome

SUMMARY = "start-up of factcheck --help, parse and run beside python -c pass"
RUNS = 10
QUICK_RUNS = 3
GOAL_FACTOR = 3.0
GOAL_EXTRA_S = 0.150


def add_arguments(group: argparse._ArgumentGroup) -> None:
    group.add_argument("--startup-runs", type=int, default=None, metavar="N", help=f"best of N runs of each command (default {RUNS}, {QUICK_RUNS} with --quick)")


def factcheck_command() -> list[str]:
    script = Path(sys.executable).with_name("factcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "factcheck"]


def best_time(command: list[str], runs: int) -> tuple[float, int]:
    """The fastest wall-clock time of ``runs`` runs, and the exit status of the last."""
    best, code = math.inf, 0
    for _ in range(max(1, runs)):
        start = time.perf_counter()
        code = subprocess.run(command, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode
        best = min(best, time.perf_counter() - start)
    return best, code


def run(args: argparse.Namespace) -> list[Outcome]:
    runs = args.startup_runs or (QUICK_RUNS if args.quick else RUNS)
    factcheck = factcheck_command()
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as scratch:
        commands = [
            ("python -c pass", [sys.executable, "-c", "pass"]),
            ("factcheck --help", [*factcheck, "--help"]),
            ('factcheck parse "261 people"', [*factcheck, "parse", "261 people"]),
            ("factcheck run (bundled corpus, HTML report)", [*factcheck, "run", "--html", str(Path(scratch) / "report.html"), "--no-cache"]),
        ]
        print(f"method:    wall clock of a fresh process from {REPO_ROOT}, best of {runs}; factcheck = {' '.join(factcheck)}")
        print()
        timings = {name: best_time(command, runs) for name, command in commands}
    base = timings["python -c pass"][0]
    name_w = max(len(name) for name in timings)
    print(f"{'command':<{name_w}}  {'seconds':>8}  {'x python':>8}  exit")
    for name, (seconds, code) in timings.items():
        print(f"{name:<{name_w}}  {seconds:>8.3f}  {seconds / base:>8.1f}  {code}")
    help_s = timings["factcheck --help"][0]
    limit = GOAL_FACTOR * base + GOAL_EXTRA_S
    print()
    print(f"goal: factcheck --help under {GOAL_FACTOR:g} x python -c pass + {GOAL_EXTRA_S * 1000:.0f} ms = {limit:.3f} s:"
          f"  {help_s:.3f} s  {'PASS' if help_s < limit else 'MISS'}")
    parse_s, run_s = timings['factcheck parse "261 people"'][0], timings["factcheck run (bundled corpus, HTML report)"][0]
    return [
        Outcome(f"factcheck --help under {GOAL_FACTOR:g} x python -c pass + {GOAL_EXTRA_S * 1000:.0f} ms ({limit:.3f} s)", f"{help_s:.3f} s, {help_s / base:.1f}x", help_s < limit),
        Outcome('factcheck parse "261 people"', f"{parse_s:.3f} s, {parse_s / base:.1f}x"),
        Outcome("factcheck run, bundled corpus with HTML report", f"{run_s:.3f} s, {run_s / base:.1f}x"),
    ]
