"""Inputs that once crashed the tool with a traceback and exit 1, which CI reads as findings: each
is now a located error and exit 2, and anything still unforeseen a short crash report and exit 3."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from factcheck import exitcodes

from cli_runs import RULES, factcheck, stderr_lines  # type: ignore[import-not-found]

CLAIM = "In 2023, 51,000 people were prosecuted for telecom fraud.\n"
RUN = ("--rules", str(RULES), "--no-cache", "--claims", "none")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(CLAIM, encoding="utf-8")
    (tmp_path / "a-file").write_text("a file where a folder would be\n", encoding="utf-8")
    return tmp_path


# Writes the system refuses: (arguments after `factcheck`, the line on stderr)
WRITES = [
    (("run", "in", *RUN, "--output", "/dev/full"), "/dev/full: cannot write: No space left on device"),
    (("run", "in", *RUN, "--html", "/dev/full"), "/dev/full: cannot write: No space left on device"),
    (("run", "in", *RUN, "--report", "sarif=a-file/x.sarif"), "a-file/x.sarif: cannot write: a-file is a file, not a folder"),
    (("run", "in", *RUN, "--output", "/proc/factcheck.json"), "/proc/factcheck.json: cannot write: No such file or directory"),
    (("extract", "in", "--rules", str(RULES), "--no-cache", "--out", "a-file/claims"), "a-file/claims/a.yaml: cannot write: a-file is a file, not a folder"),
    (("extract", "in", "--rules", str(RULES), "--no-cache", "--out", "/proc/claims"), "/proc/claims/a.yaml: cannot write: No such file or directory"),
]


@pytest.mark.skipif(not os.path.exists("/dev/full") or not os.path.isdir("/proc"), reason="Linux devices")
@pytest.mark.parametrize(("args", "line"), WRITES, ids=lambda value: value[-1] if isinstance(value, tuple) else None)
def test_a_write_the_system_refuses_is_a_located_error(project: Path, args: tuple[str, ...], line: str) -> None:
    result = factcheck(*args, cwd=project)
    assert result.returncode == exitcodes.USER_ERROR, result.stderr
    assert stderr_lines(result)[-1] == line


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="Linux devices")
@pytest.mark.parametrize("command", ["run", "extract"])
def test_a_full_disk_on_standard_output_is_a_located_error(project: Path, command: str) -> None:
    import subprocess

    from cli_runs import environment  # type: ignore[import-not-found]

    args = [*RUN] if command == "run" else ["--rules", str(RULES), "--no-cache"]
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "factcheck", command, "in", *args], cwd=project, stdout=full,
                                stderr=subprocess.PIPE, text=True, env=environment())
    assert result.returncode == exitcodes.USER_ERROR, result.stderr
    assert result.stderr.splitlines()[-1] == "standard output: cannot write: No space left on device"
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_a_file_name_too_long_for_its_claim_file(project: Path) -> None:
    name = "x" * 251 + ".md"  # 255 bytes: the longest name most file systems take; .yaml makes 257
    (project / "in" / name).write_text(CLAIM, encoding="utf-8")
    result = factcheck("extract", "in", "--rules", str(RULES), "--no-cache", "--out", "claims", cwd=project)
    assert result.returncode == exitcodes.USER_ERROR
    assert stderr_lines(result)[-1] == f"claims/{'x' * 251}.yaml: cannot write: File name too long"


def test_a_folder_nested_1100_deep_is_named_and_the_rest_checked(project: Path) -> None:
    nest(project / "deep", 1100)
    try:
        result = factcheck("run", "in", "deep", *RUN, cwd=project)
        assert result.returncode == exitcodes.OK, result.stderr
        assert stderr_lines(result)[0] == "deep" + "/d" * 100 + ": expected folders nested at most 100 deep, found deeper"
        assert "1 article, 1 claim" in result.stdout
        assert factcheck("run", "in", "deep", *RUN, "--strict", cwd=project).returncode == exitcodes.USER_ERROR
    finally:
        unnest(project / "deep", 1100)  # pytest's own clean-up would recurse 1,100 deep and crash


def nest(top: Path, depth: int) -> None:
    """top/d/d/.../d/a.txt, ``depth`` folders deep, made by relative steps (the full path is too long)."""
    here = os.getcwd()
    top.mkdir()
    os.chdir(top)
    try:
        for _ in range(depth):
            os.mkdir("d")
            os.chdir("d")
        Path("a.txt").write_text(CLAIM, encoding="utf-8")
    finally:
        os.chdir(here)


def unnest(top: Path, depth: int) -> None:
    here = os.getcwd()
    os.chdir(top)
    try:
        for _ in range(depth):
            os.chdir("d")
        os.unlink("a.txt")
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)
    top.rmdir()


@pytest.mark.skipif(sys.platform != "linux", reason="file names of any bytes")
def test_a_file_name_that_is_not_utf8_is_named_and_never_written_out(project: Path) -> None:
    os.makedirs(os.fsencode(project / "in") + b"/caf\xe9", exist_ok=True)
    Path(os.fsdecode(os.fsencode(project / "in") + b"/caf\xe9.txt")).write_text(CLAIM.replace("51,000", "38,000"), encoding="utf-8")
    Path(os.fsdecode(os.fsencode(project / "in") + b"/caf\xe9/b.txt")).write_text(CLAIM, encoding="utf-8")
    args = ("run", "in", "--rules", str(RULES), "--cache", "cache", "--claims", "none", "--format", "sarif",
            "--report", "json=out.json", "--html", "out.html")
    for attempt in ("cold", "warm"):
        result = factcheck(*args, cwd=project)
        assert result.returncode == exitcodes.OK, (attempt, result.stderr)
        assert sorted(line for line in stderr_lines(result) if not line.startswith("note:")) == [
            "in/caf\\xe9.txt: expected a file name in UTF-8, found the byte 0xe9",
            "in/caf\\xe9/b.txt: expected a file name in UTF-8, found the byte 0xe9",
        ]
        assert json.loads(result.stdout)["runs"][0]["results"] == []
        assert json.loads((project / "out.json").read_text(encoding="utf-8"))["summary"]["articles"] == 1
    strict = factcheck(*args, "--strict", cwd=project)
    assert strict.returncode == exitcodes.USER_ERROR
    extract = factcheck("extract", "in", "--rules", str(RULES), "--no-cache", "--out", "claims", cwd=project)
    assert extract.returncode == exitcodes.OK and sorted(os.listdir(project / "claims")) == ["a.yaml"]


# Front matter dates at the calendar's edges, and sentences whose periods are shifted from them.
EDGE_TEXT = (
    "This year, 51,000 people were prosecuted for telecom fraud. This year, 38,000 people were prosecuted for "
    "telecom fraud, up 5% on the year before. Last year 40,000 people were prosecuted for telecom fraud. "
    "Next year, 3 people were prosecuted for cybercrime. In the first half of this year, 20,000 people were "
    "prosecuted for cybercrime, up 10% year on year. In the past five years, 9 cases. Last month, 4 cases. "
    "This week 2 cases. Over the next decade 5 cases. Yesterday 3 cases. Tomorrow 2 cases. Two years ago 8 cases. "
    "In the previous year 10 people were prosecuted for telecom fraud, down 3% from a year earlier.\n"
)


@pytest.mark.parametrize("day", ["0001-01-01", "0001-12-31", "9999-01-01", "9999-12-31"])
def test_dates_at_the_edges_of_the_calendar(tmp_path: Path, day: str, vocabulary: object) -> None:
    """The year before 0001 and the day after 9999-12-31 do not exist: no period, never a crash."""
    from factcheck.explain import explain
    from factcheck.rules import load_rules
    from factcheck.run import check

    (tmp_path / "a.md").write_text(f"---\ntitle: Edge\ndate: {day}\n---\n{EDGE_TEXT}", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"---\ntitle: Other\ndate: {day}\n---\n{EDGE_TEXT.replace('51,000', '61,000')}", encoding="utf-8")
    reports = [arg for name in ("text", "sarif", "junit", "github") for arg in ("--report", f"{name}=out.{name}")]
    result = factcheck("run", "a.md", "b.md", *RUN, "--format", "json", *reports, "--html", "out.html", cwd=tmp_path)
    assert result.returncode in (exitcodes.OK, exitcodes.FINDINGS), result.stderr
    stderr_lines(result)
    assert json.loads(result.stdout)["findings"]  # the planted disagreement is found, even in the year 1 or 9999
    checked, _ = check([str(tmp_path / "a.md"), str(tmp_path / "b.md")], None, [str(RULES)], vocabulary)  # type: ignore[arg-type]
    rules = load_rules([str(RULES)])
    for target in [claim.id for claim in checked.claims] + [finding.anchor for finding in checked.findings]:
        assert explain(target, checked, rules, vocabulary)  # type: ignore[arg-type]


def test_the_last_resort_is_a_short_crash_report(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import factcheck.commands
    from factcheck.cli import main

    def broken(*args: object) -> object:
        raise RuntimeError("a bug\n::error::in a message")

    monkeypatch.setattr(factcheck.commands, "parse_text", broken)
    monkeypatch.setattr(sys, "argv", ["factcheck", "parse", "In 2023, 5 cases.", "--rules", str(RULES)])
    monkeypatch.delenv("FACTCHECK_TRACEBACK", raising=False)
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == exitcodes.CRASH != exitcodes.FINDINGS
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "factcheck crashed: this is a bug in factcheck, not a problem with your files."
    assert lines[1].startswith(f"  factcheck {factcheck.__version__}, Python {sys.version.split()[0]} on ")
    assert lines[2] == "  RuntimeError: a bug\\n::error::in a message"
    assert lines[3].startswith("  at factcheck/cli.py:")  # where our code called what failed
    assert "issue tracker" in lines[4]
    assert len(lines) == 6 and not any(line.startswith("Traceback") for line in lines)


@pytest.mark.parametrize(("failure", "code"), [(KeyboardInterrupt(), exitcodes.INTERRUPTED), (RecursionError("deep"), exitcodes.CRASH),
                                               (OSError(5, "Input/output error", "rules/x.yaml"), exitcodes.USER_ERROR)])
def test_every_way_out_has_its_code(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], failure: BaseException, code: int) -> None:
    import factcheck.commands
    from factcheck.cli import main

    def broken(*args: object) -> object:
        raise failure

    monkeypatch.setattr(factcheck.commands, "parse_text", broken)
    monkeypatch.setattr(sys, "argv", ["factcheck", "parse", "In 2023, 5 cases.", "--rules", str(RULES)])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if isinstance(failure, OSError):
        assert err == "rules/x.yaml: Input/output error\n"
