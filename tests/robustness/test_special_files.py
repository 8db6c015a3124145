"""Every file the tool reads is a regular file under a size cap (issue 11): a named pipe blocked for
ever and a symlink to /dev/zero (git carries one in a pull request) read until memory ran out.
Each case runs the command in a fresh process with a time limit and 2 GB of address space."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runs import RULES, copy_rules, environment, stderr_lines  # type: ignore[import-not-found]

pytestmark = pytest.mark.skipif(os.name != "posix", reason="named pipes and /dev/zero")

GOOD = "---\ntitle: Good\ndate: 2024-03-03\n---\nIn 2023, more than 50,000 people were prosecuted for telecom fraud.\n"
TWO_GB = 2 * 1024**3
PIPE = "expected a regular file, found a named pipe"
DEVICE = "expected a regular file, found a device"

# The file replaced by a pipe or /dev/zero, the command (run in a project with a.md, rules/ and
# the claim file claims/a.md.yaml written by extract), the exit code and the line on stderr.
CASES: list[tuple[str, tuple[str, ...], int, str]] = [
    ("claims/a.yaml", ("run", "a.md", "--rules", "rules", "--claims", "claims", "--no-cache"), 2, "claims/a.yaml: {kind}"),
    ("b.yaml", ("run", "b.yaml", "--rules", "rules", "--no-cache"), 2, "b.yaml: {kind}"),
    ("suppressions.yaml", ("run", "a.md", "--rules", "rules", "--no-cache"), 2, "suppressions.yaml: {kind}"),
    ("factcheck.yaml", ("run", "a.md", "--rules", "rules", "--no-cache"), 2, "./factcheck.yaml: {kind}"),
    ("pyproject.toml", ("run", "a.md", "--rules", "rules", "--no-cache"), 2, "./pyproject.toml: {kind}"),
    ("rules/checks/zz.yaml", ("run", "a.md", "--rules", "rules", "--no-cache"), 2, "rules/checks/zz.yaml: {kind}"),
    ("rules/vocabulary/zz.yaml", ("run", "a.md", "--rules", "rules", "--no-cache"), 2, "rules/vocabulary/zz.yaml: {kind}"),
    ("claims/a.yaml", ("extract", "a.md", "--rules", "rules", "--out", "claims", "--no-cache"), 2, "claims/a.yaml: {kind}"),
]


def factcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (TWO_GB, TWO_GB))

    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True, text=True, env=environment(),
        timeout=60, preexec_fn=cap_memory,
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    (root / "a.md").write_text(GOOD, encoding="utf-8")
    copy_rules(root / "rules")
    made = factcheck("extract", "a.md", "--rules", "rules", "--out", "claims", "--no-cache", cwd=root)
    assert made.returncode == 0, made.stderr
    shutil.copy(root / "claims" / "a.yaml", root / "b.yaml")
    return root


def project(template: Path, target: Path) -> Path:
    shutil.copytree(template, target, symlinks=True)
    return target


@pytest.mark.parametrize("special", ["pipe", "zero"])
@pytest.mark.parametrize(("replaced", "args", "code", "line"), CASES, ids=[f"{case[0]}-{case[1][0]}" for case in CASES])
def test_a_special_file_is_named_and_never_read(template: Path, tmp_path: Path, special: str, replaced: str, args: tuple[str, ...], code: int, line: str) -> None:
    root = project(template, tmp_path / "p")
    target = root / replaced
    target.unlink(missing_ok=True)
    if special == "pipe":
        os.mkfifo(target)
    else:
        os.symlink("/dev/zero", target)
    result = factcheck(*args, cwd=root)
    assert result.returncode == code, result.stderr
    assert line.format(kind=PIPE if special == "pipe" else DEVICE) in stderr_lines(result)


def test_extract_check_reports_a_special_claim_file_as_unreadable(template: Path, tmp_path: Path) -> None:
    root = project(template, tmp_path / "p")
    (root / "claims" / "a.yaml").unlink()
    os.mkfifo(root / "claims" / "a.yaml")
    result = factcheck("extract", "a.md", "--rules", "rules", "--out", "claims", "--check", "--no-cache", cwd=root)
    assert result.returncode == 1
    assert result.stdout == f"claims/a.yaml: unreadable: {PIPE}\n"


@pytest.mark.parametrize("special", ["pipe", "zero", "garbage"])
def test_a_special_cache_entry_is_a_miss(template: Path, tmp_path: Path, special: str) -> None:
    """The cache is the tool's own: an entry that is not a readable file is extracted again, silently."""
    root = project(template, tmp_path / "p")
    args = ("run", "a.md", "--rules", "rules", "--claims", "none", "--cache", "cache", "--format", "json")
    cold = factcheck(*args, cwd=root)
    entries = [path for path in (root / "cache" / "extraction").rglob("*.json")]
    assert len(entries) == 1
    entries[0].unlink()
    if special == "pipe":
        os.mkfifo(entries[0])
    elif special == "zero":
        os.symlink("/dev/zero", entries[0])
    else:
        entries[0].write_bytes(b"{" * 100_000)
    warm = factcheck(*args, cwd=root)
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout)
    assert not any("from the extraction cache" in line for line in stderr_lines(warm))


# The configured limit, the file made too large, the command and the error on stderr.
SIZE_CASES: list[tuple[str, str, tuple[str, ...], str]] = [
    ("max_article_bytes: 100\n", "a.md", ("run", "a.md", "--rules", "rules", "--no-cache", "--claims", "none"),
     "a.md: expected a document file of at most 100 bytes, found {size:,} (raise `max_article_bytes` in factcheck.yaml or [tool.factcheck])"),
    ("max_article_bytes: 100\n", "a.md", ("extract", "a.md", "--rules", "rules", "--no-cache"),
     "a.md: expected a document file of at most 100 bytes, found {size:,} (raise `max_article_bytes` in factcheck.yaml or [tool.factcheck])"),
    ("max_claim_file_bytes: 1000\n", "claims/a.yaml", ("run", "a.md", "--rules", "rules", "--no-cache", "--claims", "claims"),
     "claims/a.yaml: expected a YAML file of at most 1,000 bytes, found {size:,} (raise `max_claim_file_bytes` in factcheck.yaml or [tool.factcheck])"),
    ("max_claim_file_bytes: 1000\n", "claims/a.yaml", ("extract", "a.md", "--rules", "rules", "--no-cache", "--out", "claims"),
     "claims/a.yaml: expected a YAML file of at most 1,000 bytes, found {size:,} (raise `max_claim_file_bytes` in factcheck.yaml or [tool.factcheck])"),
]


@pytest.mark.parametrize(("config", "large", "args", "line"), SIZE_CASES, ids=[f"{case[1]}-{case[2][0]}" for case in SIZE_CASES])
def test_a_file_over_its_limit_is_refused_with_the_limit_named(template: Path, tmp_path: Path, config: str, large: str, args: tuple[str, ...], line: str) -> None:
    root = project(template, tmp_path / "p")
    (root / "factcheck.yaml").write_text(config, encoding="utf-8")
    result = factcheck(*args, cwd=root)
    assert result.returncode == 2
    assert line.format(size=(root / large).stat().st_size) in stderr_lines(result)


def test_a_claim_file_too_large_to_read_back_is_not_written(template: Path, tmp_path: Path) -> None:
    root = project(template, tmp_path / "p")
    (root / "factcheck.yaml").write_text("max_claim_file_bytes: 1000\n", encoding="utf-8")
    shutil.rmtree(root / "claims")
    result = factcheck("extract", "a.md", "--rules", "rules", "--no-cache", "--out", "claims", cwd=root)
    assert result.returncode == 2
    size = (template / "claims" / "a.yaml").stat().st_size
    assert stderr_lines(result) == [
        f"claims/a.yaml: expected a claim file of at most 1,000 bytes, found {size:,} (raise `max_claim_file_bytes` in factcheck.yaml or [tool.factcheck]); nothing written"
    ]
    assert not (root / "claims" / "a.yaml").exists()


def test_a_claim_file_of_106_mb_is_refused_at_once(template: Path, tmp_path: Path) -> None:
    """It took 188 s and 5.3 GB to be refused; the size is checked before a byte is read."""
    root = project(template, tmp_path / "p")
    with open(root / "claims" / "a.yaml", "r+b") as out:
        out.truncate(106_000_000)  # sparse: nothing is written
    result = factcheck("run", "a.md", "--rules", "rules", "--no-cache", "--claims", "claims", cwd=root)
    assert result.returncode == 2
    assert stderr_lines(result) == [
        "claims/a.yaml: expected a YAML file of at most 32,000,000 bytes, found 106,000,000 (raise `max_claim_file_bytes` in factcheck.yaml or [tool.factcheck])"
    ]


def test_a_settings_file_over_16_mb_is_refused_before_it_is_read(template: Path, tmp_path: Path) -> None:
    root = project(template, tmp_path / "p")
    with open(root / "suppressions.yaml", "wb") as out:  # sparse: 17 MB of NUL bytes, nothing written
        out.truncate(17_000_000)
    result = factcheck("run", "a.md", "--rules", "rules", "--no-cache", cwd=root)
    assert result.returncode == 2
    assert stderr_lines(result) == ["suppressions.yaml: expected a YAML file of at most 16,000,000 bytes, found 17,000,000"]


def test_an_article_under_its_limit_is_read_and_the_limit_is_configurable(template: Path, tmp_path: Path) -> None:
    root = project(template, tmp_path / "p")
    size = (root / "a.md").stat().st_size
    (root / "pyproject.toml").write_text(f"[tool.factcheck]\nmax-article-bytes = {size}\n", encoding="utf-8")
    assert factcheck("run", "a.md", "--rules", str(RULES), "--no-cache", "--claims", "none", cwd=root).returncode == 0
    (root / "pyproject.toml").write_text(f"[tool.factcheck]\nmax-article-bytes = {size - 1}\n", encoding="utf-8")
    assert factcheck("run", "a.md", "--rules", str(RULES), "--no-cache", "--claims", "none", cwd=root).returncode == 2


def test_the_cap_is_not_a_buffer_size(tmp_path: Path) -> None:
    """A terabyte cap once allocated a terabyte; files that say they are empty (/proc) are read whole."""
    from factcheck.errors import UserError
    from factcheck.limits import read_capped

    (tmp_path / "a.txt").write_bytes(b"hello")
    assert read_capped(str(tmp_path / "a.txt"), 10**12) == b"hello"
    assert read_capped(str(tmp_path / "a.txt"), 5) == b"hello"
    with pytest.raises(UserError, match="at most 4 bytes, found 5"):
        read_capped(str(tmp_path / "a.txt"), 4)
    if os.path.exists("/proc/self/status"):
        assert read_capped("/proc/self/status", 10**6).startswith(b"Name:")
        with pytest.raises(UserError, match="at most 10 bytes, found more"):
            read_capped("/proc/self/status", 10)


def test_rules_schema_check_names_a_pipe_instead_of_waiting_on_it(tmp_path: Path) -> None:
    schemas = tmp_path / "schema"
    assert factcheck("rules", "schema", "--out", str(schemas), cwd=tmp_path).returncode == 0
    (schemas / "rule.schema.json").unlink()
    os.mkfifo(schemas / "rule.schema.json")
    result = factcheck("rules", "schema", "--out", str(schemas), "--check", cwd=tmp_path)
    assert result.returncode == 1
    assert f"{schemas / 'rule.schema.json'}: missing: run `factcheck rules schema --out {schemas}`" in stderr_lines(result)
