"""The output formats of `factcheck run`: each a function of a RunResult, registered here.

Every format is deterministic: the same findings give the same bytes (findings come sorted, all
else is sorted here, and nothing carries a time or a machine's path).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from factcheck.errors import UserError
from factcheck.findings import RunResult
from factcheck.report import github, json_report, junit, sarif, text

FORMATS: dict[str, Callable[[RunResult], str]] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
}

AUTO = "auto"


def choose_format(name: str, environ: Mapping[str, str]) -> str:
    """The format to write: ``auto`` is github inside GitHub Actions, else text."""
    if name == AUTO:
        return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"
    _check(name)
    return name


def render(name: str, result: RunResult, color: bool = False) -> str:
    """The output in format ``name``; ``color`` only ever colours text."""
    _check(name)
    if name == "text":
        return text.render(result, color=color)
    return FORMATS[name](result)


def _check(name: str) -> None:
    if name not in FORMATS:
        known = ", ".join([*FORMATS, AUTO])
        raise UserError(f"expected an output format, one of {known}, found '{name}'")
