"""Same input, same bytes: two runs, with different hash seeds, write identical files in every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_runs import REPO, RULES, factcheck  # type: ignore[import-not-found]

FORMATS = ("text", "json", "sarif", "junit", "github")


def every_format(out: Path) -> list[str]:
    reports = [arg for name in FORMATS[1:] for arg in ("--report", f"{name}={out}/report.{name}")]
    return ["--no-cache", "--format", "text", "--output", f"{out}/report.text", *reports, "--html", f"{out}/report.html"]


def outputs(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


def run_twice(tmp_path: Path, *args: str) -> tuple[dict[str, bytes], dict[str, bytes]]:
    results = []
    for seed in ("0", "4242"):
        out = tmp_path / f"seed-{seed}"
        out.mkdir()
        result = factcheck("run", *args, *every_format(out), cwd=REPO, PYTHONHASHSEED=seed)
        assert result.returncode in (0, 1), result.stderr
        results.append(outputs(out))
    return results[0], results[1]


def test_the_bundled_corpus_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = run_twice(tmp_path)
    assert sorted(first) == [f"report.{name}" for name in sorted((*FORMATS, "html"))]
    assert all(first.values())
    for name in first:
        assert first[name] == second[name], name


def test_the_seed_articles_give_the_same_bytes(tmp_path: Path, seeds: Path) -> None:
    first, second = run_twice(tmp_path, str(seeds), "--rules", str(RULES), "--claims", str(tmp_path / "no-claims"))
    for name in first:
        assert first[name] == second[name], name


@pytest.mark.parametrize("output_format", ["json", "yaml"])
def test_extract_gives_the_same_bytes(output_format: str) -> None:
    first = factcheck("extract", "articles", "--no-cache", "--format", output_format, cwd=REPO, PYTHONHASHSEED="1")
    second = factcheck("extract", "articles", "--no-cache", "--format", output_format, cwd=REPO, PYTHONHASHSEED="99")
    assert first.returncode == 0 and first.stdout and first.stdout == second.stdout
