"""The format registry: names, `auto`, dispatch and byte-for-byte determinism."""

from __future__ import annotations

import pytest

from factcheck.errors import UserError
from factcheck.findings import RunResult
from factcheck.report import FORMATS, choose_format, render


def test_registry() -> None:
    assert list(FORMATS) == ["text", "json", "sarif", "junit", "github"]


@pytest.mark.parametrize(
    "name,environ,expected",
    [
        ("auto", {"GITHUB_ACTIONS": "true"}, "github"),
        ("auto", {"GITHUB_ACTIONS": "false"}, "text"),
        ("auto", {}, "text"),
        ("sarif", {"GITHUB_ACTIONS": "true"}, "sarif"),
        ("text", {}, "text"),
    ],
)
def test_choose_format(name: str, environ: dict[str, str], expected: str) -> None:
    assert choose_format(name, environ) == expected


def test_unknown_format_is_a_user_error(result: RunResult) -> None:
    with pytest.raises(UserError, match="expected an output format, one of text, json, sarif, junit, github, auto, found 'pdf'"):
        choose_format("pdf", {})
    with pytest.raises(UserError):
        render("pdf", result)


@pytest.mark.parametrize("name", list(FORMATS))
def test_render_dispatches(name: str, result: RunResult) -> None:
    assert render(name, result) == FORMATS[name](result)


@pytest.mark.parametrize("name", ["json", "sarif", "junit", "github"])
def test_colour_is_for_text_only(name: str, result: RunResult) -> None:
    assert "\x1b" not in render(name, result, color=True)


@pytest.mark.parametrize("name", list(FORMATS))
def test_deterministic(name: str, result: RunResult, reversed_result: RunResult) -> None:
    """Same input, same bytes: rendered twice, and rebuilt with its dicts in the other order."""
    first = render(name, result).encode("utf-8")
    assert render(name, result).encode("utf-8") == first
    assert render(name, reversed_result).encode("utf-8") == first
