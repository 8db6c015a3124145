"""Running the factcheck command as CI runs it: a fresh process, real files, stderr captured."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RULES = REPO / "rules"


def environment(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", **extra}
    if "GITHUB_ACTIONS" not in extra:
        env.pop("GITHUB_ACTIONS", None)
    return env


def factcheck(*args: str, cwd: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True, text=True, env=environment(**extra_env)
    )


def copy_rules(target: Path) -> Path:
    """A copy of the shipped rules to edit (schemas left out: they are not rules)."""
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("schema"))
    return target


def stderr_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr.splitlines()
