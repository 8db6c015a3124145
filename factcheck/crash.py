"""How a command ends when something goes wrong that is not the user's input: the system refusing
a write, or a bug in factcheck (the crash report); ``cli.main`` is the one handler that uses these.

A crash is never a finding: it exits with ``exitcodes.CRASH``, and the report is a few lines a user
can paste into an issue (the version, Python, the exception and where it was raised).
``FACTCHECK_TRACEBACK=1`` adds the full traceback.
"""

from __future__ import annotations

import os
import sys

from factcheck import __version__
from factcheck.printable import printable

TRACKER = "the factcheck issue tracker"


def crash_report(exc: BaseException) -> str:
    import platform
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    ours = [frame for frame in frames if f"{os.sep}factcheck{os.sep}" in frame.filename] or frames
    lines = [
        "factcheck crashed: this is a bug in factcheck, not a problem with your files.",
        f"  factcheck {__version__}, Python {platform.python_version()} on {platform.system() or 'an unknown system'}",
        "  " + printable("".join(traceback.format_exception_only(type(exc), exc)).strip()[:500]),
    ]
    if ours:
        where = ours[-1]
        lines.append(f"  at {_short(where.filename)}:{where.lineno} in {where.name}")
    lines.append(f"Please report it, with this report and the command you ran, to {issue_tracker()}.")
    if os.environ.get("FACTCHECK_TRACEBACK"):
        lines.append("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip())
    else:
        lines.append("Run again with FACTCHECK_TRACEBACK=1 for the full traceback.")
    return "\n".join(lines)


def _short(filename: str) -> str:
    """factcheck/run.py, not the install's absolute path (which may hold the user's name)."""
    marker = f"{os.sep}factcheck{os.sep}"
    at = filename.rfind(marker)
    return "factcheck/" + filename[at + len(marker) :].replace(os.sep, "/") if at != -1 else os.path.basename(filename)


def issue_tracker() -> str:
    """The tracker's address from the package metadata ([project.urls] Issues), else its name."""
    from importlib import metadata

    try:
        urls = metadata.metadata("factcheck").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return TRACKER
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in ("issues", "bug tracker", "tracker", "bugs") and url.strip():
            return f"{TRACKER} at {url.strip()}"
    return TRACKER


def system_error(exc: OSError) -> str:
    """Where the system failed us (a full disk, a file where a folder should be), located."""
    reason = exc.strerror or str(exc)
    if exc.filename is None:
        return f"standard output: cannot write: {reason}"
    return f"{exc.filename}: {reason}"


def stdout_writable() -> bool:
    try:
        sys.stdout.flush()
    except OSError:
        return False
    return True


def release_stdout() -> None:
    """Point standard output at /dev/null if it cannot take what is left in its buffer, so that
    the interpreter's own flush at exit neither prints a traceback nor changes the exit code."""
    if stdout_writable():
        return
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
