"""Nothing lost: an interrupted write leaves the old file whole, Ctrl-C exits 130 without a traceback."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import factcheck.claimfile as claimfile
from factcheck.claimfile import read_claim_file, write_atomically
from factcheck.errors import WriteError

from cli_runs import REPO, RULES, environment  # type: ignore[import-not-found]

OLD = "old: whole\n" * 1000


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith(".factcheck-"))


@pytest.mark.parametrize(("failure", "raised"), [(OSError(28, "No space left on device"), WriteError), (KeyboardInterrupt(), KeyboardInterrupt)])
def test_a_failed_rename_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException, raised: type[BaseException]) -> None:
    target = tmp_path / "report.json"
    target.write_text(OLD, encoding="utf-8")

    def refuse(source: str, destination: str) -> None:
        raise failure

    monkeypatch.setattr(claimfile.os, "replace", refuse)
    with pytest.raises(raised):  # a system error names the file: exit 2, never a traceback
        write_atomically(str(target), "new\n" * 1000)
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


def test_a_write_cut_off_halfway_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "claims.yaml"
    target.write_text(OLD, encoding="utf-8")
    opened = os.fdopen

    class HalfWriter(io.TextIOWrapper):
        def write(self, text: str) -> int:
            super().write(text[: len(text) // 2])
            self.flush()
            raise KeyboardInterrupt  # Ctrl-C while the bytes go out

    def half(fd: int, *args: object, **kwargs: object) -> io.TextIOWrapper:
        handle = opened(fd, "wb")
        return HalfWriter(handle, encoding="utf-8", newline="\n")

    monkeypatch.setattr(claimfile.os, "fdopen", half)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(str(target), "new\n" * 1000)
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


def test_a_new_file_keeps_normal_permissions(tmp_path: Path) -> None:
    write_atomically(str(tmp_path / "sub" / "a.txt"), "x\n")
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "sub" / "a.txt").stat().st_mode & 0o777 == 0o666 & ~mask


def corpus(root: Path, articles: int) -> Path:
    subprocess.run([sys.executable, "-m", "bench.synthetic", str(root / "articles"), "--articles", str(articles), "--seed", "7"],
                   cwd=REPO, check=True, capture_output=True)
    return root


def _hear_ctrl_c() -> None:
    # A suite started in the background by a shell without job control inherits SIGINT ignored,
    # and Python then never raises KeyboardInterrupt: the command under test must hear Ctrl-C as a
    # terminal user's would, however the suite itself was started.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupt(args: list[str], cwd: Path, ready: Callable[[], bool]) -> subprocess.CompletedProcess[str]:
    """Run factcheck and press Ctrl-C once ``ready()``: SIGINT to its whole process group, as a
    terminal sends it."""
    process = subprocess.Popen([sys.executable, "-m", "factcheck", *args], cwd=cwd, env=environment(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=_hear_ctrl_c)
    deadline = time.monotonic() + 120
    while not ready() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the command ended before it could be interrupted: make the corpus bigger"
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


@pytest.mark.skipif(os.name != "posix", reason="process groups and SIGINT")
def test_ctrl_c_during_a_run_exits_130_and_keeps_the_last_report(tmp_path: Path) -> None:
    root = corpus(tmp_path, 3000)  # several seconds of work: Ctrl-C lands in the middle
    (root / "out").mkdir()
    (root / "out" / "report.json").write_text(OLD, encoding="utf-8")
    args = ["run", "articles", "--rules", str(RULES), "--no-cache", "--claims", "none", "--format", "json",
            "--output", "out/report.json", "--html", "out/report.html"]
    started = time.monotonic()
    result = interrupt(args, root, lambda: time.monotonic() - started > 2.5)
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr
    assert result.stderr.splitlines()[-1] == "interrupted"
    assert (root / "out" / "report.json").read_text(encoding="utf-8") == OLD
    assert sorted(os.listdir(root / "out")) == ["report.json"]


@pytest.mark.skipif(os.name != "posix", reason="process groups and SIGINT")
def test_ctrl_c_while_claim_files_are_written_leaves_only_whole_ones(tmp_path: Path) -> None:
    root = corpus(tmp_path, 400)
    claims = root / "claims"
    result = interrupt(["extract", "articles", "--out", "claims", "--rules", str(RULES), "--no-cache"], root,
                       lambda: claims.is_dir() and len(os.listdir(claims)) >= 20)
    assert result.returncode == 130 and "Traceback" not in result.stderr, result.stderr
    written = sorted(claims.glob("*.yaml"))
    assert 20 <= len(written) < 400 and leftovers(claims) == []
    for path in written:  # every file there is complete: it reads as a claim file
        assert read_claim_file(str(path)).article.id == path.stem
