"""The README's "Adding a rule file" walkthrough, followed word for word: its YAML blocks are
written where their first line says, its console blocks are run and their output compared."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SECTION = "## Adding a rule file"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def walkthrough() -> list[tuple[str, str]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index(SECTION)
    end = readme.index("\n## ", start + len(SECTION))
    return [(match.group(1), match.group(2)) for match in BLOCK.finditer(readme[start:end])]


def commands(block: str) -> list[tuple[str, str]]:
    """Each `$ command` of a console block with the output shown below it."""
    steps: list[tuple[str, str]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], ""))
        else:
            command, output = steps[-1]
            steps[-1] = (command, output + line + "\n")
    return steps


def test_walkthrough_blocks_are_what_the_test_expects() -> None:
    kinds = [kind for kind, _ in walkthrough()]
    assert kinds == ["yaml", "yaml", "console", "yaml", "console", "console"]


def test_walkthrough_from_nothing_to_a_found_conflict(tmp_path: Path) -> None:
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    shutil.copytree(REPO / "docs" / "walkthrough" / "road-news", tmp_path / "docs" / "walkthrough" / "road-news")
    environment = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "GITHUB_ACTIONS")}
    ran = []
    for kind, body in walkthrough():
        if kind == "yaml":
            first = body.splitlines()[0]
            assert first.startswith("# road-rules/"), first
            target = tmp_path / first[2:]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
            continue
        for command, expected in commands(body):
            words = shlex.split(command)
            assert words[0] == "factcheck"
            result = subprocess.run([sys.executable, "-m", "factcheck", *words[1:]], cwd=tmp_path, capture_output=True, text=True, env=environment)
            assert "Traceback" not in result.stderr
            assert result.returncode == (1 if words[1] == "run" else 0), result.stderr
            assert result.stdout == expected, command
            ran.append(words[1])
    assert ran == ["parse", "rules", "run"]
    # Before the new vocabulary and rule, the same corpus has no error at all.
    before = subprocess.run(
        [sys.executable, "-m", "factcheck", "run", "docs/walkthrough/road-news", "--rules", "rules", "--html", ""],
        cwd=tmp_path, capture_output=True, text=True, env=environment,
    )
    assert before.returncode == 0 and "road-traffic" not in before.stdout, before.stdout
