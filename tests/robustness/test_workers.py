"""Workers die with their parent (issue 11): after a SIGTERM to `extract --jobs 2`, the workers
were reparented and kept the output pipes open, and a caller waiting on the output hung for 629 s.
SIGTERM and SIGHUP now stop a run as Ctrl-C does; even a SIGKILL takes the workers with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_runs import RULES, environment  # type: ignore[import-not-found]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

PARAGRAPH = (
    "In 2023, procuratorates prosecuted more than 51,000 people for telecom fraud, up 53.9 percent "
    "year-on-year, and courts concluded 38,000 cases of online fraud while 2.16 million rulings were published. "
)


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie (a dead process nobody has reaped yet)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 130), (signal.SIGHUP, 130), (signal.SIGKILL, -signal.SIGKILL)], ids=["SIGTERM", "SIGHUP", "SIGKILL"])
def test_workers_die_with_the_parent(tmp_path: Path, signum: int, code: int) -> None:
    for number in range(20):  # past PARALLEL_MINIMUM, each long enough to keep a worker busy for a while
        (tmp_path / f"a{number:02}.txt").write_text(f"Report {number}\nMarch 1, 2024\n\n" + PARAGRAPH * 600, encoding="utf-8")
    command = [sys.executable, "-m", "factcheck", "extract", "--jobs", "2", "--no-cache", "--rules", str(RULES), "."]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment())
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(children(process.pid)) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        workers = children(process.pid)
        assert len(workers) == 2, "the workers never started"
        time.sleep(0.5)  # into the extraction
        process.send_signal(signum)
        # The caller's wait: end of file on the output pipes comes once every holder is gone.
        stdout, stderr = process.communicate(timeout=20)
        assert process.returncode == code, stderr
        if code == 130:
            assert stderr.decode().splitlines()[-1] == "interrupted"
        deadline = time.monotonic() + 10
        while any(running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(running(pid) for pid in workers)
    finally:
        for pid in [process.pid, *workers]:  # a failure leaves no process behind
            if running(pid):
                os.kill(pid, signal.SIGKILL)
        process.communicate()
