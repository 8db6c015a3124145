"""A progress bar on standard error for long work, only on a terminal.

It shows nothing when the stream is not a terminal (CI logs, redirected or piped output) or the
terminal is ``TERM=dumb``, and nothing for work that ends within ``DELAY`` seconds: short runs
print what they printed before. The line is redrawn at most every ``INTERVAL`` seconds and
erased when the work ends, so nothing of it remains on the screen or in any output.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from typing import TextIO

DELAY = 0.5
INTERVAL = 0.1
WIDTH = 30
ERASE_LINE = "\r\x1b[K"


def wanted(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether a progress bar may be drawn on ``stream`` (NO_COLOR is about colour, not this)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and environ.get("TERM") != "dumb"


class Progress:
    """``with Progress(total, "extracting") as progress: ... progress.advance()``"""

    def __init__(
        self,
        total: int,
        label: str,
        stream: TextIO | None = None,
        environ: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = total > 0 and wanted(self.stream, os.environ if environ is None else environ)
        self.clock = clock
        self.done = 0
        self.started = clock()
        self.drawn_at: float | None = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        now = self.clock()
        if now - self.started < DELAY:
            return
        if self.drawn_at is not None and now - self.drawn_at < INTERVAL and self.done < self.total:
            return
        self.drawn_at = now
        self.stream.write(ERASE_LINE + self.line(now))
        self.stream.flush()

    def line(self, now: float) -> str:
        share = min(1.0, self.done / self.total)
        filled = round(share * WIDTH)
        bar = "#" * filled + "-" * (WIDTH - filled)
        return f"{self.label} [{bar}] {self.done:,}/{self.total:,} {share:4.0%} {now - self.started:.0f} s"

    def close(self) -> None:
        if self.drawn_at is not None:
            self.stream.write(ERASE_LINE)
            self.stream.flush()
            self.drawn_at = None
